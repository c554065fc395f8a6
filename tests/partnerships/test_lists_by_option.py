"""A list filtered by facet options is read newest first from its rarest option's index, in
exactly the order and with exactly the rows of the plain query, whatever the dates, ties and
writes: checked page by page against the same list sorted explicitly (which takes the plain path)."""
import datetime
import random

import pytest
from django.test import Client

from partnerships import counts
from partnerships.models import Agreement, AgreementFacetValue
from partnerships.synthetic import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_by_option(monkeypatch, settings):
    # Every list of options takes the index path, however short (the ids path is for short lists).
    monkeypatch.setattr(counts, "LISTED_BY_IDS", 0)
    # Hundreds of requests: the rate limits would answer 429 to most of them.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}


def every_page(client, query):
    slugs, page = [], 1
    while True:
        response = client.get(f"/api/v1/agreements/?{query}&page_size=40&page={page}")
        assert response.status_code == 200, (query, response.content[:300])
        body = response.json()
        slugs += [row["slug"] for row in body["results"]]
        if not body["next"]:
            return slugs, body["count"]
        page += 1


def queries_of(rnd):
    countries = list(AgreementFacetValue.objects.filter(facet="country").values_list("value", flat=True).distinct())
    areas = list(AgreementFacetValue.objects.filter(facet="area").values_list("value", flat=True).distinct())
    institutions = list(
        AgreementFacetValue.objects.filter(facet="institution").values_list("value", flat=True).distinct()[:200]
    )
    years = list(AgreementFacetValue.objects.filter(facet="year").values_list("value", flat=True).distinct())
    queries = [f"country={code}" for code in rnd.sample(countries, 6)]
    queries += [f"area={slug}" for slug in rnd.sample(areas, 4)]
    queries += [f"institution={slug}" for slug in rnd.sample(institutions, 3)]
    queries += [f"year={int(year)}" for year in rnd.sample(years, 2)]
    queries += ["kind=mou", "institution_kind=hospital"]
    queries += [f"country={rnd.choice(countries)}&area={rnd.choice(areas)}" for _ in range(4)]
    queries += [f"between={a},{b}" for a, b in (rnd.sample(countries, 2) for _ in range(3))]
    queries += [f"country={rnd.choice(countries)}&kind=mou&year={int(rnd.choice(years))}"]
    return queries


def assert_same_as_the_plain_order(client, queries):
    for query in queries:
        listed, count = every_page(client, query)
        expected, expected_count = every_page(client, query + "&ordering=-signed_on,title")
        assert listed == expected, query
        assert count == expected_count == len(listed), query


def test_lists_by_option_match_the_plain_order(read_by_option):
    generate(agreements=600, institutions=120, seed=5)
    rnd = random.Random(5)
    # Ties the order must break by title, then id: many agreements on a few days, some undated.
    agreements = list(Agreement.objects.order_by("pk"))
    for agreement in rnd.sample(agreements, 150):
        agreement.signed_on = rnd.choice([datetime.date(2024, 3, 1), datetime.date(2019, 7, 9), None])
        agreement.signed_on_precision = "day" if agreement.signed_on else "unknown"
        agreement.save()
    client = Client()
    queries = queries_of(rnd)
    assert_same_as_the_plain_order(client, queries)

    # After writes that move agreements in the order without changing their options.
    for agreement in rnd.sample(agreements, 40):
        agreement.refresh_from_db()
        if agreement.signed_on:
            agreement.signed_on = agreement.signed_on.replace(day=rnd.randint(1, 28))
            agreement.signed_on_precision = "day"
        agreement.title = rnd.choice(["A first title", "Zed", agreement.title + " renewed"])
        agreement.save()
    assert_same_as_the_plain_order(client, queries)


def test_the_list_page_shows_the_same_rows_as_the_api(read_by_option):
    generate(agreements=300, institutions=60, seed=6)
    code = AgreementFacetValue.objects.filter(facet="country").values_list("value", flat=True).first()
    client = Client()
    listed, _count = every_page(client, f"country={code}")
    page = client.get(f"/partnerships/?country={code}&page=2").content.decode()
    # Page 2 of 50 cards: the API's rows 51 to 100, in order.
    positions = [page.find(f"/partnerships/{slug}/") for slug in listed[50:100]]
    assert -1 not in positions and positions == sorted(positions)


def test_a_list_by_option_is_counted_from_the_kept_counts(read_by_option, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.RESPONSE_CACHE_SECONDS = 0
    generate(agreements=200, institutions=40, seed=7)
    code = AgreementFacetValue.objects.filter(facet="country").values_list("value", flat=True).first()
    with CaptureQueriesContext(connection) as queries:
        body = Client().get(f"/api/v1/agreements/?country={code}&page_size=10").json()
    assert body["count"] == Agreement.objects.with_party_in([code]).count() and body["count_is_exact"]
    assert not [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"].upper()]
