"""Pages of a search, found tier by tier, list the same rows in the same order as ranking every match.

The order is best_match_first()'s over the whole list (a party named as asked, then the title,
then the rest; newest first, title, id within each), which iterating the searched queryset
gives (nothing sliced, so every match is ranked); the pages sliced from it are found tier by
tier, from ids when the indexes give few, else by walking the newest-first index.
"""
from datetime import date

import pytest

from partnerships.models import Agreement
from partnerships.models import search as agreement_search
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    InstitutionFactory,
    ParticipationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

DATES = [date(2021, 5, 1), date(2021, 5, 1), date(2019, 1, 1), None, date(2023, 2, 1), None, date(2019, 1, 1)]


def agreement(title, summary="", on=None):
    precision = Agreement.Precision.UNKNOWN if on is None else Agreement.Precision.DAY
    return AgreementFactory(title=title, summary=summary, signed_on=on, signed_on_precision=precision)


@pytest.fixture
def tiers():
    """Agreements of each tier of q=Lumora, with shared dates, undated ones and equal titles."""
    named = InstitutionFactory(name="Lumora Health", slug="lumora-health", country="KR")
    unit = InstitutionFactory(name="Eastside Clinic", slug="eastside-clinic", parent=named)
    alike = InstitutionFactory(name="Lumorra Hospital", slug="lumorra-hospital")
    other = InstitutionFactory(name="Plain Hospital", slug="plain-hospital", country="KR")
    person = PersonFactory(name="Anna Lumora", slug="anna-lumora")
    rows = {3: [], 2: [], 1: []}
    for index in range(7):  # a party named as asked, or its unit; some titles say it too
        title = f"Lumora exchange {index % 3}" if index % 2 else f"Exchange {index % 4}"
        row = agreement(title, on=DATES[index])
        AgreementPartyFactory(agreement=row, institution=named if index % 3 else unit)
        if index < 3:  # both: the index then gives the agreement twice
            AgreementPartyFactory(agreement=row, institution=unit if index % 3 else named)
        rows[3].append(row)
    for index in range(8):  # the title says it
        row = agreement(f"LUMORA training {index % 3}", on=DATES[(index + 2) % 7])
        AgreementPartyFactory(agreement=row, institution=other)
        rows[2].append(row)
    for index in range(9):  # the summary, a person, or a name alike
        row = agreement(f"Research {index % 4}", summary="with lumora" if index % 3 == 0 else "", on=DATES[(index + 4) % 7])
        if index % 3 == 1:
            ParticipationFactory(agreement=row, person=person)
        if index % 3 == 2:
            AgreementPartyFactory(agreement=row, institution=alike)
        AgreementPartyFactory(agreement=row, institution=other)
        rows[1].append(row)
    for index in range(4):  # no match
        AgreementPartyFactory(agreement=agreement(f"Other {index}", on=DATES[index]), institution=other)
    return {rank: {row.slug for row in agreements} for rank, agreements in rows.items()}


def ranked_by_sorting_every_match(**filters):
    queryset = Agreement.objects.search("Lumora").best_match_first()
    if "country" in filters:
        queryset = queryset.with_party_in([filters["country"]])
    return [row.slug for row in queryset]  # iterated, not sliced: every match ranked at once


def pages(client, query, size):
    slugs, page = [], 1
    while True:
        response = client.get("/api/v1/agreements/", {**query, "page": page, "page_size": size})
        assert response.status_code == 200, response.content
        body = response.json()
        slugs.extend(row["slug"] for row in body["results"])
        if body["next"] is None:
            return slugs, body["count"]
        page += 1


@pytest.fixture(params=["from ids", "walking the index", "tier 3 from ids, the rest walking"])
def way(request, monkeypatch):
    """Each way a tier's page can be found: the threshold decides which one the search takes."""
    at_most = {"from ids": 2000, "walking the index": 0, "tier 3 from ids, the rest walking": 7}[request.param]
    monkeypatch.setattr(agreement_search, "SEARCH_IDS_AT_MOST", at_most)
    return request.param


def test_search_lists_the_tiers_in_order(tiers):
    expected = ranked_by_sorting_every_match()
    assert set(expected[:7]) == tiers[3]
    assert set(expected[7:15]) == tiers[2]
    assert set(expected[15:]) == tiers[1]


@pytest.mark.parametrize("size", [1, 3, 5, 7, 50])
def test_search_pages_across_tiers_repeat_and_skip_nothing(client, tiers, way, size):
    # Pages of 5 split tier 3 from tier 2 inside page 2, and tier 2 from tier 1 inside page 3.
    slugs, count = pages(client, {"q": "Lumora"}, size)
    assert slugs == ranked_by_sorting_every_match()
    assert len(set(slugs)) == len(slugs) == count == 24


def test_search_pages_keep_other_filters(client, tiers, way):
    slugs, count = pages(client, {"q": "lumora", "country": "KR"}, 4)
    expected = ranked_by_sorting_every_match(country="KR")
    assert slugs == expected
    assert count == len(expected) == 22  # two agreements of the unit (in France) alone have no Korean party


def test_search_list_page_shows_the_rows_in_the_same_order(client, tiers, way):
    expected = ranked_by_sorting_every_match()
    html = client.get("/partnerships/", {"q": "Lumora"}).content.decode()
    found = [html.find(f"/partnerships/{slug}/") for slug in expected]
    assert min(found) >= 0
    assert found == sorted(found)


def test_search_count_stops_at_the_limit(client, tiers, way, settings):
    settings.LIST_COUNT_LIMIT = 10
    response = client.get("/api/v1/agreements/", {"q": "Lumora"})
    body = response.json()
    assert (body["count"], body["count_is_exact"]) == (10, False)
    # A page ends at the count it shows: the first 10, in order.
    assert [row["slug"] for row in body["results"]] == ranked_by_sorting_every_match()[:10]


def test_a_search_page_costs_a_bounded_number_of_queries(client, tiers, way, django_assert_max_num_queries):
    # The names alike (institutions', people's: read back to check every word, on both databases),
    # each index's first ids, at most three tiers, the page's rows and their related rows: the
    # same however many agreements match.
    with django_assert_max_num_queries(16):
        response = client.get("/api/v1/agreements/", {"q": "Lumora", "page": 2, "page_size": 5})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 5


def test_a_search_shows_the_institutions_it_names_above_the_agreements(client):
    html = client.get("/partnerships/", {"q": "Asan Medical Centre"}).content.decode()
    box = html[html.index('class="matching-institutions"'):]
    box = box[:box.index("</section>")]
    assert "Institutions matching “Asan Medical Centre”" in box
    assert 'href="/institutions/asan-medical-center/"' in box and "Samsung" not in box
    assert 'class="matching-institutions"' not in client.get("/partnerships/", {"country": "KR"}).content.decode()
    assert 'class="matching-institutions"' not in client.get("/partnerships/", {"q": "xylophone"}).content.decode()
