"""Each way of reading a list (partnerships/plans.py) is chosen where it should be, and gives the
rows and order the plain filters give."""
import pytest
from django.http import QueryDict

from partnerships import counts, plans
from partnerships.filtersets import AgreementFilterSet
from partnerships.models import Agreement
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def planned(query):
    filterset = AgreementFilterSet(QueryDict(query), queryset=Agreement.objects.all())
    assert filterset.is_valid(), filterset.errors
    # Reading the list is what chooses its plan.
    rows = list(filterset.qs.values_list("slug", flat=True))
    return filterset.plan, rows


def slugs(queryset):
    return list(queryset.values_list("slug", flat=True))


@pytest.fixture
def many_in_japan():
    """More Japanese agreements than a short list holds: 12, with the short list set to 5."""
    japan = InstitutionFactory(country="JP")
    for number in range(12):
        agreement = AgreementFactory(kind="mou" if number % 2 else "agreement")
        AgreementPartyFactory(agreement=agreement, institution=japan)
        AgreementPartyFactory(agreement=agreement, institution=InstitutionFactory(country="BR"))
    return japan


def test_a_short_list_of_one_option_is_read_from_its_ids():
    plan, rows = planned("country=KR")
    assert plan == plans.IDS
    assert rows == slugs(Agreement.objects.with_party_in(["KR"]).newest_first()) and len(rows) == 4


def test_a_long_list_of_options_is_read_from_the_rarest_options_index(monkeypatch, many_in_japan):
    # The size that makes a list short, made small so that a dozen agreements are a long list.
    monkeypatch.setattr(counts, "LISTED_BY_IDS", 5)
    plan, rows = planned("country=JP&kind=mou")
    assert plan == plans.OPTION_INDEX
    assert rows == slugs(Agreement.objects.with_party_in(["JP"]).filter(kind="mou").newest_first()) and len(rows) == 6


def test_a_long_list_in_another_order_is_read_by_its_filters(monkeypatch, many_in_japan):
    monkeypatch.setattr(counts, "LISTED_BY_IDS", 5)
    plan, rows = planned("country=JP&ordering=title")
    assert plan == plans.PLAIN
    assert rows == slugs(Agreement.objects.with_party_in(["JP"]).order_by("title", "pk")) and len(rows) == 12


def test_a_search_is_read_tier_by_tier_best_match_first():
    plan, rows = planned("q=asan")
    assert plan == plans.SEARCH_TIERS
    # Both Asan agreements name it as a party: the first tier, newest first.
    assert rows[:2] == slugs(Agreement.objects.filter(parties__institution__slug="asan-medical-center").newest_first())


def test_filters_that_are_not_options_are_read_by_the_filters():
    plan, rows = planned("year_from=2024")
    assert plan == plans.PLAIN
    assert rows == slugs(Agreement.objects.filter(signed_on__year__gte=2024).newest_first()) and rows
