"""The assistant on articles written for these tests in the styles of other regions and publishers.

Each article is under tests/curation/articles/; what a careful curator takes from it is in
drafting_expectations.OWN. None of them is one of the directory's sources.
"""
import pytest

from tests.curation.drafting_expectations import (
    OWN, article_text, draft_of, folded_space, party_id, party_key, person_id,
)


def parties(agreement):
    return {party_id(party) for party in agreement["parties"]}


def people(agreement, role):
    return {person_id(person["name"]) for person in agreement["people"] if person["role"] == role}


def party(agreement, name):
    [found] = [p for p in agreement["parties"] if p["name"] == name or p["institution"] == name]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(OWN))
def test_drafting_articles_give_the_expected_agreements(name):
    expected = OWN[name]
    draft = draft_of(name)

    assert draft["source"]["published_on"] == expected["published_on"]
    assert len(draft["agreements"]) == len(expected["agreements"])
    for want, got in zip(expected["agreements"], draft["agreements"]):
        assert parties(got) == {party_key(p) for p in want["parties"]}
        assert got["kind"] == want["kind"]
        assert (got["signed_on"], got["signed_on_precision"]) == (want["signed_on"], want["precision"])
        assert people(got, "signed") == {person_id(n) for n in want["signed"]}
        assert people(got, "attended") == {person_id(n) for n in want["attended"]}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(OWN))
def test_drafting_articles_quote_only_the_articles_words(name):
    draft = draft_of(name)
    text = article_text(name)

    quotes = [
        value
        for agreement in draft["agreements"]
        for value in (
            [p["evidence"] for p in agreement["parties"]] + [p["evidence"] for p in agreement["people"]]
            + [a["evidence"] for a in agreement["areas"]] + [f["quote"] for f in agreement["evidence"]]
        )
    ]
    assert quotes
    assert [quote for quote in quotes if folded_space(quote) not in text] == []


@pytest.mark.django_db
def test_drafting_articles_read_native_names_and_countries():
    korea = draft_of("dateline_yonhap_korea_vietnam.txt")["agreements"][0]
    anam = party(korea, "Korea University Anam Hospital")
    hanoi = party(korea, "Hanoi Medical University")
    assert (anam["country"], anam["kind"]) == ("KR", "hospital")
    assert anam["other_names"] == [{"name": "고려대학교 안암병원", "kind": "native", "language": "ko"}]
    assert (hanoi["country"], hanoi["kind"]) == ("VN", "university")
    assert hanoi["other_names"] == [{"name": "Trường Đại học Y Hà Nội", "kind": "native", "language": "vi"}]

    gulf = draft_of("gulf_wam_presence_today.txt")["agreements"][0]
    seha = party(gulf, "Abu Dhabi Health Services Company")
    assert seha["other_names"] == [
        {"name": "SEHA", "kind": "acronym", "language": ""},
        {"name": "شركة أبوظبي للخدمات الصحية", "kind": "native", "language": "ar"},
    ]
    # "India's Apollo Hospitals Enterprise Limited", later "Apollo Hospitals": one institution, in India.
    assert party(gulf, "Apollo Hospitals Enterprise Limited")["country"] == "IN"

    keio = draft_of("page_keio_vinmec.html")["agreements"][0]
    assert party(keio, "Keio University Hospital")["other_names"] == [
        {"name": "慶應義塾大学病院", "kind": "native", "language": "ja"}
    ]
    assert party(keio, "Keio University Hospital")["country"] == "JP"
    assert party(keio, "Vinmec International Hospital")["country"] == "VN"


@pytest.mark.django_db
def test_drafting_articles_match_other_spellings_to_the_directory():
    draft = draft_of("renewal_asan_centre.txt")
    [agreement] = draft["agreements"]

    # "Seoul Asan Medical Centre": the city in front and the British spelling.
    assert party(agreement, "asan-medical-center")["name"] == "Asan Medical Center"
    assert party(agreement, "emirates-health-services")["other_names"] == [
        {"name": "EHS", "kind": "acronym", "language": ""}
    ]


@pytest.mark.django_db
def test_drafting_articles_keep_bystanders_out_of_the_parties():
    gulf = draft_of("gulf_wam_presence_today.txt")["agreements"][0]
    assert people(gulf, "attended") == {"abdul rahman bin mohammed al owais", "sunjay sudhir"}
    assert gulf["place"] == "Abu Dhabi National Exhibition Centre"

    ministry = draft_of("ambassador_for_ministry.txt")["agreements"][0]
    # The embassy is the venue; the ambassador signs for the ministry, which is the party.
    assert "embassy of india" not in {party_id(p) for p in ministry["parties"]}
    [ambassador] = [p for p in ministry["people"] if p["name"] == "Sunjay Sudhir" and p["role"] == "signed"]
    assert ambassador["institution"] == "Ministry of Health and Family Welfare"
    assert ambassador["title"] == "Ambassador of India to the UAE"
    assert party(ministry, "Ministry of Health and Family Welfare")["country"] == "IN"
    assert party(ministry, "Ministry of Health and Family Welfare")["kind"] == "government_body"

    fujifilm = draft_of("japan_loi_subsidiary.txt")["agreements"][0]
    # The parent group is named as the parent, not as a party.
    assert party(fujifilm, "Fujifilm India Private Limited")["parent"] == "FUJIFILM Holdings Corporation"

    column = draft_of("column_collaboration_qatar.txt")
    # The host of a conference and a former employer in a biography are not partners.
    assert {frozenset(parties(a)) for a in column["agreements"]} == {
        frozenset({"karolinska university hospital", "hamad medical corporation"})
    }
    # No signed document: a collaboration the directory lists as reported.
    assert column["agreements"][0]["status"] == "reported"


@pytest.mark.django_db
def test_drafting_articles_leave_recent_signings_undated_and_background_out():
    draft = draft_of("us_framework_has_just.txt")

    [agreement] = draft["agreements"]
    assert agreement["kind"] == "framework"
    assert agreement["signed_on"] is None
    assert any("background" in warning for warning in draft["warnings"])
    assert any("recent" in warning for warning in draft["warnings"])
    assert people(agreement, "spoke") == {"david reich", "kim young tae"}


@pytest.mark.django_db
def test_drafting_articles_split_two_memoranda_by_their_sentences():
    first, second = draft_of("two_mous_bach_mai.txt")["agreements"]

    assert {"cancer-care-and-research", "joint-research"} <= {area["area"] for area in first["areas"]}
    assert "clinical-staff-training" in {area["area"] for area in second["areas"]}
    assert "cancer-care-and-research" not in {area["area"] for area in second["areas"]}


@pytest.mark.django_db
def test_drafting_articles_read_a_german_press_release():
    draft = draft_of("german_absichtserklaerung.txt")

    assert draft["source"]["language"] == "de"
    [agreement] = draft["agreements"]
    assert agreement["kind"] == "letter_of_intent"
    assert agreement["place"] == "Heidelberg"
    titles = {p["name"]: p["title"] for p in agreement["people"] if p["role"] == "signed"}
    assert titles == {
        "Ingo Autenrieth": "Leitender Ärztlicher Direktor des Universitätsklinikums Heidelberg",
        "Keum Ki-chang": "Präsident des Yonsei University Health System",
    }


@pytest.mark.django_db
def test_drafting_articles_take_the_saved_pages_metadata():
    draft = draft_of("page_keio_vinmec.html")

    assert draft["source"]["title"] == "Keio University Hospital and Vinmec sign MoU on regenerative medicine"
    assert draft["source"]["publisher"] == "Asia Health Wire"
    assert draft["source"]["language"] == "en"
    # The page's menus, reading list and footer are not the article.
    quotes = [p["evidence"] for a in draft["agreements"] for p in a["parties"]]
    assert not any("Most read" in quote or "Subscribe" in quote for quote in quotes)


@pytest.mark.django_db
def test_drafting_articles_give_one_agreement_per_partner_of_plural_memoranda():
    from curation.drafting import draft_from_article

    draft = draft_from_article(text=(
        "Dubai, 3 June 2025 – Dubai Health signed MoUs with Seoul National University Hospital and Asan "
        "Medical Center to expand training of Emirati doctors."
    ))

    assert [parties(agreement) for agreement in draft["agreements"]] == [
        {"dubai health", "seoul-national-university-hospital"}, {"dubai health", "asan-medical-center"},
    ]
    assert {agreement["kind"] for agreement in draft["agreements"]} == {"mou"}


@pytest.mark.django_db
def test_drafting_articles_read_countries_from_appositions_and_titles_before_names():
    [agreement] = draft_of("appositions_riyadh_apollo.txt")["agreements"]

    # "a hospital operator based in Riyadh", "India's largest hospital chain".
    assert {p["name"]: p["country"] for p in agreement["parties"]} == {
        "Dr. Sulaiman Al Habib Medical Group": "SA", "Apollo Hospitals": "IN",
    }
    [reddy] = agreement["people"]
    assert (reddy["name"], reddy["title"], reddy["role"]) == ("Prathap C. Reddy", "Apollo Hospitals Chairman", "spoke")
    assert reddy["institution"] == "Apollo Hospitals"


@pytest.mark.django_db
def test_drafting_articles_take_the_institution_a_party_is_of_as_its_parent():
    [agreement] = draft_of("parent_of_the_university.txt")["agreements"]

    mary = party(agreement, "Seoul St. Mary's Hospital")
    assert (mary["parent"], mary["country"]) == ("Catholic University", "KR")
    assert party(agreement, "First Central Hospital")["country"] == "MN"
    assert agreement["place"] == "Ulaanbaatar"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(OWN) + ["000", "001", "002", "003", "004"])
def test_drafting_articles_use_only_the_models_values(name):
    from institutions.models import Institution, InstitutionName
    from partnerships.models import Agreement, Area, Participation

    areas = set(Area.objects.values_list("slug", flat=True))
    for agreement in draft_of(name)["agreements"]:
        assert agreement["kind"] in Agreement.Kind.values
        assert agreement["status"] in Agreement.Status.values
        assert agreement["signed_on_precision"] in Agreement.Precision.values
        assert {area["area"] for area in agreement["areas"]} <= areas
        assert {person["role"] for person in agreement["people"]} <= set(Participation.Role.values)
        for party in agreement["parties"]:
            assert party["kind"] in Institution.Kind.values + [None]
            assert {other["kind"] for other in party["other_names"]} <= set(InstitutionName.Kind.values)
            if party["institution"]:
                assert Institution.objects.filter(slug=party["institution"]).exists()
