"""Matching a free-text name to the directory: ranked candidates, how each matched, one chosen only when clear."""
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "ror-sample-v2.json"


def matched(client, query):
    response = client.get(f"/api/v1/institutions/match/?{query}")
    assert response.status_code == 200, response.content
    answer = response.json()
    return answer["chosen"], [(row["institution"]["slug"], row["how"]) for row in answer["candidates"]]


@pytest.mark.parametrize(
    ("query", "chosen", "how"),
    [
        ("name=Asan Medical Centre", "asan-medical-center", "exact name"),  # Centre and Center are one spelling
        ("name=SNUH", "seoul-national-university-hospital", "acronym"),
        ("name=서울대병원", "seoul-national-university-hospital", "native name"),
        ("name=Charité", "charite", "alias"),
        ("name=Seoul National Univ Hospital", "seoul-national-university-hospital", "exact name"),
    ],
)
def test_a_name_clearly_one_institutions_is_chosen_with_how_it_matched(client, query, chosen, how):
    got_chosen, candidates = matched(client, query)

    assert got_chosen == chosen
    assert candidates[0] == (chosen, how)


def test_a_registry_name_in_another_script_matches_and_a_unit_with_its_parent_is_a_candidate(client):
    call_command("import_ror", str(SAMPLE), verbosity=0)

    assert matched(client, "name=清华大学") == ("tsinghua-university", [("tsinghua-university", "native name")])
    chosen, candidates = matched(client, "name=Hanbit University Hospital, Hanbit University")
    assert candidates[0] == ("hanbit-university-hospital", "parent + unit")
    assert chosen is None  # likely, not certain enough to choose


def test_a_candidate_in_another_country_than_the_one_given_is_not_chosen(client):
    chosen, candidates = matched(client, "name=Asan Medical Center&country=US")

    assert chosen is None
    assert ("asan-medical-center", "exact name") in candidates


def test_near_names_are_candidates_but_none_is_chosen_between_equals(client):
    chosen, candidates = matched(client, "name=Seoul National University")

    assert chosen is None
    assert {"seoul-national-university-hospital", "seoul-national-university-bundang-hospital"} <= {s for s, _ in candidates}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("", "name"), ("name=", "name"), ("name=x&country=ZZ", "country"), (f"name={'a' * 301}", "name")],
)
def test_bad_parameters_are_refused_with_their_names(client, query, parameter):
    response = client.get(f"/api/v1/institutions/match/?{query}")

    assert response.status_code == 400
    assert parameter in response.json()


def test_a_match_reads_the_database_in_a_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        matched(client, "name=Seoul National University Hospital")
