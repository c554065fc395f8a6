"""The assistant on the five source articles, compared with the curated records made from them."""
import pytest

from tests.curation.drafting_expectations import (
    article_text, draft_of, folded_space, party_id, person_id, source_expectation,
)


def parties(agreement):
    return {party_id(party) for party in agreement["parties"]}


def people(agreement, role):
    return {person_id(person["name"]) for person in agreement["people"] if person["role"] == role}


def by_parties(draft):
    return {frozenset(parties(agreement)): agreement for agreement in draft["agreements"]}


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["000", "001", "002", "003", "004"])
def test_drafting_sources_find_the_curated_agreements_kinds_signers_and_attendees(code):
    expected = source_expectation(code)
    draft = draft_of(code)
    drafted = by_parties(draft)

    # Curated parties include units and supported hospitals the articles name in passing
    # (001's CCCC, 002's hospital in Shenzhen): each drafted agreement is matched to the
    # curated one whose parties it holds.
    assert len(draft["agreements"]) == len(expected["agreements"])
    for want in expected["agreements"]:
        [got] = [a for key, a in drafted.items() if key <= want["parties"] and len(key) >= 2]
        assert got["kind"] == want["kind"]
        assert people(got, "signed") == {person_id(name) for name in want["signed"]}
        assert people(got, "attended") == {person_id(name) for name in want["attended"]}
        assert (got["signed_on"], got["signed_on_precision"]) == (want["signed_on"], want["precision"])


@pytest.mark.django_db
def test_drafting_sources_000_recently_leaves_the_date_unknown_and_names_three_parties():
    [agreement] = draft_of("000")["agreements"]

    assert parties(agreement) == {"cedars-sinai", "seoul-national-university-hospital", "inthesmart"}
    assert agreement["signed_on"] is None
    assert {"gastrointestinal-cancer", "surgical-imaging", "academic-exchange", "joint-research"} <= {
        area["area"] for area in agreement["areas"]
    }
    assert people(agreement, "spoke") >= {"heitham hassoun", "miguel burch"}


@pytest.mark.django_db
def test_drafting_sources_001_finds_the_areas_and_speakers():
    [agreement] = draft_of("001")["agreements"]

    assert parties(agreement) == {"charite", "samsung-comprehensive-cancer-center"}
    assert {area["area"] for area in agreement["areas"]} == {
        "cancer-care-and-research", "joint-research", "clinical-staff-training", "clinical-decision-support",
        "medical-technology", "management-consulting",
    }
    assert people(agreement, "spoke") == {"martin e kreis", "ulrich keilholz"}


@pytest.mark.django_db
def test_drafting_sources_002_gives_two_collaborations_and_no_biography_employer():
    draft = draft_of("002")

    assert set(by_parties(draft)) == {
        frozenset({"cedars-sinai", "taikang-healthcare"}), frozenset({"cedars-sinai", "tsinghua-university"}),
    }
    assert {agreement["status"] for agreement in draft["agreements"]} == {"reported"}
    assert all(agreement["signed_on"] is None for agreement in draft["agreements"])


@pytest.mark.django_db
def test_drafting_sources_003_resolves_wednesday_against_the_publication_date():
    draft = draft_of("003")
    [agreement] = draft["agreements"]

    # "the SNUBH said Thursday" is the day of the announcement; "at SNUH on Wednesday" the signing.
    assert draft["source"]["published_on"] == "2017-09-21"
    assert (agreement["signed_on"], agreement["signed_on_precision"]) == ("2017-09-20", "day")
    assert agreement["kind"] == "agreement"
    assert agreement["place"] == "Seoul National University Hospital, Seoul"
    native = {other["name"] for party in agreement["parties"] for other in party["other_names"]}
    assert {"SNUH", "AMC", "SNUBH", "서울대병원", "서울아산병원"} <= native
    assert draft["source"]["publisher"] == "Korea Biomedical Review"


@pytest.mark.django_db
def test_drafting_sources_004_keeps_the_press_release_date_out_of_the_signing_date():
    draft = draft_of("004")
    [agreement] = draft["agreements"]

    assert draft["source"]["published_on"] == "2024-02-20"
    assert agreement["signed_on"] is None and agreement["signed_on_precision"] == "unknown"
    assert parties(agreement) == {"emirates-health-services", "asan-medical-center"}
    # KHIDI's president attended: the institute is not a party.
    assert "korea-health-industry-development-institute" not in parties(agreement)
    titles = {person["name"]: person["title"] for person in agreement["people"]}
    assert titles["Yoo Jeh-Seung"] == "Ambassador of the Republic of Korea to the UAE"
    assert titles["Essam Al Zarooni"] == "Acting Executive Director of Clinical Services Sector at EHS"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["000", "001", "002", "003", "004"])
def test_drafting_sources_quote_only_the_articles_words(code):
    draft = draft_of(code)
    text = article_text(code)

    quotes = [
        value
        for agreement in draft["agreements"]
        for value in (
            [party["evidence"] for party in agreement["parties"]]
            + [person["evidence"] for person in agreement["people"]]
            + [area["evidence"] for area in agreement["areas"]]
            + [fact["quote"] for fact in agreement["evidence"]]
        )
    ]
    assert quotes
    assert [quote for quote in quotes if folded_space(quote) not in text] == []
