"""Facets the kept counts cannot answer (two options or more) are counted over at most the newest
counts.COUNTED_OVER_NEWEST matching agreements, and the API and the page say so when they are."""
import datetime
from collections import Counter

import pytest

from partnerships import counts
from partnerships.models import Agreement
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

QUERY = "kind=mou&year=2024"
SECOND_COUNTRIES = ["BR", "FR", "BR", "KE", "FR", "BR", "MX", "KE"]


@pytest.fixture
def mous_of_2024():
    """Eight MoUs signed in 2024, each between a Japanese hospital and one of another country."""
    japan = InstitutionFactory(country="JP")
    for country in SECOND_COUNTRIES:
        agreement = AgreementFactory(kind="mou", signed_on=datetime.date(2024, 5, 1), signed_on_precision="day")
        AgreementPartyFactory(agreement=agreement, institution=japan)
        AgreementPartyFactory(agreement=agreement, institution=InstitutionFactory(country=country))
    # Another kind the same year, and an MoU of another year: matched by one option, not both.
    AgreementPartyFactory(agreement=AgreementFactory(kind="agreement", signed_on=datetime.date(2024, 2, 1), signed_on_precision="day"), institution=japan)
    AgreementPartyFactory(agreement=AgreementFactory(kind="mou", signed_on=datetime.date(2023, 2, 1), signed_on_precision="day"), institution=japan)


def matching():
    return Agreement.objects.filter(kind="mou", signed_on__year=2024).order_by("-pk")


def country_counts(agreements):
    found = Counter()
    for agreement in agreements:
        for country in set(agreement.parties.values_list("institution__country", flat=True)):
            found[country] += 1
    return dict(found)


def test_a_short_list_of_two_options_is_counted_over_every_match_and_says_nothing(client, mous_of_2024):
    body = client.get(f"/api/v1/agreements/facets/?{QUERY}").json()

    assert body["counted_over_newest"] is None
    assert {option["value"]: option["count"] for option in body["country"]} == country_counts(matching())


def test_a_long_list_of_two_options_is_counted_over_its_newest_and_says_so(client, monkeypatch, mous_of_2024):
    monkeypatch.setattr(counts, "COUNTED_OVER_NEWEST", 3)
    body = client.get(f"/api/v1/agreements/facets/?{QUERY}").json()

    assert body["counted_over_newest"] == {
        "agreements": 3, "matching": matching().count(), "facets": ["country", "area", "institution_kind"],
    }
    assert {option["value"]: option["count"] for option in body["country"]} == country_counts(matching()[:3])
    # The kind and the year are each counted under the other option alone: kept counts, every match.
    assert {option["value"]: option["count"] for option in body["kind"]}["mou"] == matching().count()

    page = client.get(f"/partnerships/?{QUERY}").content.decode()
    assert 'id="facets-counted-over"' in page
    assert f"over the newest 3 of the {matching().count()}" in page


def test_one_option_is_counted_from_the_kept_counts_however_many_match(client, monkeypatch, mous_of_2024):
    monkeypatch.setattr(counts, "COUNTED_OVER_NEWEST", 3)
    body = client.get("/api/v1/agreements/facets/?kind=mou").json()

    assert body["counted_over_newest"] is None
    mous = Agreement.objects.filter(kind="mou")
    assert {option["value"]: option["count"] for option in body["country"]} == country_counts(mous)
    assert 'id="facets-counted-over"' not in client.get("/partnerships/?kind=mou").content.decode()


def test_filters_that_are_no_options_say_the_newest_were_counted_without_a_kept_total(client, monkeypatch, mous_of_2024):
    monkeypatch.setattr(counts, "COUNTED_OVER_NEWEST", 3)
    body = client.get("/api/v1/agreements/facets/?signed_after=2024-01-01").json()

    assert body["counted_over_newest"]["agreements"] == 3
    assert body["counted_over_newest"]["matching"] is None
    assert "over the newest 3 of them" in client.get("/partnerships/?signed_after=2024-01-01").content.decode()
