import pytest

from institutions.models import Institution
from institutions.views import CLOSEST_PARTNERS
from partnerships.models import NEWEST_ON_RECORD_PAGES
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory, InstitutionNameFactory

pytestmark = pytest.mark.django_db


def slugs(response):
    return [institution.slug for institution in response.context["object_list"]]


def test_institution_list_shows_every_institution_with_agreement_counts(client):
    response = client.get("/institutions/")
    agreement_counts = {institution.slug: institution.agreement_count for institution in response.context["object_list"]}

    assert response.status_code == 200
    assert len(agreement_counts) == 15
    assert (agreement_counts["cedars-sinai"], agreement_counts["samsung-medical-center"]) == (3, 0)
    assert '<span class="other-name" dir="auto" lang="ko">서울대병원</span>' in response.text


def test_institution_list_finds_an_acronym(client):
    response = client.get("/institutions/?q=SNUH")

    # PostgreSQL also finds near spellings (SNUBH), so only the acronym's own institution is certain.
    assert "seoul-national-university-hospital" in slugs(response)
    assert "asan-medical-center" not in slugs(response)


def test_institution_list_filters_by_country_and_kind(client):
    response = client.get("/institutions/?country=CN&kind=company")

    assert slugs(response) == ["taikang-healthcare", "taikang-insurance-group"]


def test_institution_list_invalid_filter_shows_message(client):
    response = client.get("/institutions/?country=ZZ")

    assert response.status_code == 200
    assert slugs(response) == []
    assert "&#x27;ZZ&#x27; is not an ISO 3166-1 alpha-2 country code (e.g. KR, AE, DE)." in response.text


@pytest.mark.parametrize("extra", [0, 20])
def test_institution_list_queries_are_bounded(client, django_assert_max_num_queries, extra):
    for institution in InstitutionFactory.create_batch(extra):
        InstitutionNameFactory(institution=institution)

    # Data version (the answers cache), count, page with parents and agreement counts, other names.
    with django_assert_max_num_queries(5):
        client.get("/institutions/")


def test_institution_page_shows_names_units_agreements_and_partners(client):
    response = client.get("/institutions/charite/")

    assert response.status_code == 200
    assert [card["slug"] for card in response.context["agreements"]] == ["charite-sccc-mou-2023"]
    assert [(partner.slug, partner.country.code, partner.shared_count) for partner in response.context["partners"]] == [
        ("charite-comprehensive-cancer-center", "DE", 1),
        ("samsung-comprehensive-cancer-center", "KR", 1),
    ]
    assert 'href="/institutions/charite-comprehensive-cancer-center/"' in response.text
    assert '<h1 dir="auto">Charité – Universitätsmedizin Berlin</h1>' in response.text


def test_institution_page_shows_native_name_and_parent(client):
    response = client.get("/institutions/samsung-comprehensive-cancer-center/")
    parent = client.get("/institutions/samsung-medical-center/")

    assert 'href="/institutions/samsung-medical-center/"' in response.text
    assert '<span dir="auto" lang="ko">삼성서울병원</span>' in parent.text
    assert 'href="/partnerships/?institution=samsung-medical-center"' in parent.text


def test_institution_page_lists_partners_across_agreements(client):
    response = client.get("/institutions/cedars-sinai/")

    assert [partner.slug for partner in response.context["partners"]] == [
        "inthesmart", "seoul-national-university-hospital", "taikang-healthcare",
        "taikang-shenzhen-qianhai-international-hospital", "tsinghua-university",
    ]
    assert len(response.context["agreements"]) == 3


def test_institution_page_unknown_slug_is_404(client):
    assert client.get("/institutions/no-such-institution/").status_code == 404


def test_institution_page_of_many_agreements_shows_the_newest_and_the_closest_partners(client):
    charite = Institution.objects.get(slug="charite")
    for agreement in AgreementFactory.create_batch(CLOSEST_PARTNERS + 5):
        AgreementPartyFactory(agreement=agreement, institution=charite)
        AgreementPartyFactory(agreement=agreement)

    response = client.get("/institutions/charite/")

    assert response.status_code == 200
    assert len(response.context["agreements"]) == NEWEST_ON_RECORD_PAGES
    assert f"The newest {NEWEST_ON_RECORD_PAGES} of {CLOSEST_PARTNERS + 6} agreements." in response.text
    assert len(response.context["partners"]) == CLOSEST_PARTNERS


def test_a_short_name_recorded_as_an_acronym_too_is_shown_once(client):
    hospital = InstitutionFactory(name="Helsinki University Hospital", slug="hus-helsinki", short_name="HUS", country="FI")
    InstitutionNameFactory(institution=hospital, name="HUS", kind="acronym")

    text = client.get("/institutions/hus-helsinki/").content.decode()

    names = text[text.index("Also known as"):text.index("</dl>")]
    assert names.count(">HUS<") == 1
