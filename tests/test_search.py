"""Search as users expect it, on SQLite and PostgreSQL alike (PostgreSQL also forgives typos)."""
import pytest

from partnerships.models import Agreement

pytestmark = pytest.mark.django_db


def agreement_slugs(client, text):
    response = client.get("/api/v1/agreements/", {"q": text})
    assert response.status_code == 200
    return [row["slug"] for row in response.json()["results"]]


def suggestions(client, text):
    response = client.get("/api/v1/institutions/autocomplete/", {"q": text})
    assert response.status_code == 200
    return [row["slug"] for row in response.json()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Charite", ["charite-sccc-mou-2023"]),  # accent-insensitive
        ("CHARITÉ", ["charite-sccc-mou-2023"]),
        ("universitatsmedizin", ["charite-sccc-mou-2023"]),
        ("SNUBH", ["snuh-amc-snubh-medical-data-2017"]),  # an acronym
        ("서울아산병원", ["ehs-amc-mou-2024", "snuh-amc-snubh-medical-data-2017"]),  # a native script
        ("서창석", ["snuh-amc-snubh-medical-data-2017"]),  # a person's native name
        # Two letters, too short for a trigram index ("Seoul", "hospital"): read from the column.
        # The Charité MoU's party is a unit of 삼성서울병원 (Samsung Medical Center).
        ("서울", [
            "ehs-amc-mou-2024", "cedars-sinai-snuh-inthesmart-mou-2019", "snuh-amc-snubh-medical-data-2017",
            "charite-sccc-mou-2023",
        ]),
        ("병원", [
            "ehs-amc-mou-2024", "cedars-sinai-snuh-inthesmart-mou-2019", "snuh-amc-snubh-medical-data-2017",
            "charite-sccc-mou-2023",
        ]),
        ('x"y', []),  # a quote cannot break out of the search phrase
        ("cedars sinai", [
            "cedars-sinai-snuh-inthesmart-mou-2019", "cedars-sinai-taikang-shenzhen-hospital",
            "cedars-sinai-tsinghua-healthcare-leaders",
        ]),
        ("gastric", []),
    ],
)
def test_agreement_search_ignores_case_accents_and_script(client, text, expected):
    assert sorted(agreement_slugs(client, text)) == sorted(expected)


def test_agreement_search_ranks_a_named_party_before_a_mention(client):
    # "Asan" names a party of two agreements; the list puts them first, newest first.
    assert agreement_slugs(client, "Asan Medical Center")[:2] == ["ehs-amc-mou-2024", "snuh-amc-snubh-medical-data-2017"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("SNUBH", "seoul-national-university-bundang-hospital"),
        ("snuh", "seoul-national-university-hospital"),
        ("서울아산병원", "asan-medical-center"),
        ("Charite", "charite"),
        ("tsing", "tsinghua-university"),
        ("EHS", "emirates-health-services"),
    ],
)
def test_autocomplete_puts_the_best_match_first(client, text, first):
    assert suggestions(client, text)[0] == first


def test_autocomplete_gives_hints_and_at_most_ten(client):
    from tests.factories import InstitutionFactory

    InstitutionFactory.create_batch(12, name="Hôpital Saint-Louis", city="Paris")
    rows = client.get("/api/v1/institutions/autocomplete/", {"q": "hopital saint"}).json()
    assert len(rows) == 10
    assert (rows[0]["name"], rows[0]["city"], rows[0]["country"], rows[0]["country_name"]) == (
        "Hôpital Saint-Louis", "Paris", "FR", "France",
    )


@pytest.mark.parametrize("query", [{}, {"q": "  "}, {"q": "x" * 201}])
def test_autocomplete_needs_a_query(client, query):
    response = client.get("/api/v1/institutions/autocomplete/", query)
    assert response.status_code == 400
    assert set(response.json()) == {"q"}


def test_autocomplete_links_each_page_by_its_full_address(client):
    rows = client.get("/api/v1/institutions/autocomplete/", {"q": "EHS"}).json()

    assert rows[0]["html_url"] == "http://testserver/institutions/emirates-health-services/"


@pytest.mark.parametrize(
    "path", ["/api/v1/institutions/autocomplete/", "/api/v1/agreements/", "/api/v1/institutions/", "/api/v1/people/"]
)
def test_api_search_with_a_nul_is_400_naming_q(client, path):
    response = client.get(path, {"q": "Asan\x00"})

    assert (response.status_code, response.json()) == (400, {"q": ["Null characters are not allowed."]})


@pytest.mark.parametrize("path", ["/partnerships/", "/institutions/", "/people/"])
def test_page_search_with_a_nul_shows_a_form_error(client, path):
    response = client.get(path, {"q": "Asan\x00"})

    assert response.status_code == 200
    assert "<li>Null characters are not allowed.</li>" in response.text
    assert list(response.context["object_list"]) == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Cedar Sinai", "cedars-sinai"), ("Cedars Sinia", "cedars-sinai"), ("Tsinghwa", "tsinghua-university"),
        ("Asan Medical Centre", "asan-medical-center"), ("Charite Berlin Universitaetsmedizin", "charite"),
    ],
)
def test_search_forgives_small_typos_on_both_databases(client, text, first):
    assert suggestions(client, text)[0] == first
    assert agreement_slugs(client, text)


def test_search_does_not_take_a_far_name_for_a_typo(client):
    assert (suggestions(client, "xylophone"), agreement_slugs(client, "xylophone")) == ([], [])
    assert "cedars-sinai" not in suggestions(client, "Seoul National")


def test_search_for_a_parent_institution_finds_its_units_agreements(client):
    # The Charité MoU's Korean party is the cancer center of Samsung Medical Center; agreements
    # of institutions whose names are merely alike ("... Medical Center") come after it.
    assert agreement_slugs(client, "Samsung Medical Center")[:1] == ["charite-sccc-mou-2023"]
    assert agreement_slugs(client, "삼성서울병원") == ["charite-sccc-mou-2023"]
    filtered = client.get("/api/v1/agreements/", {"institution": "samsung-medical-center"}).json()["results"]
    assert [row["slug"] for row in filtered] == ["charite-sccc-mou-2023"]


def test_every_word_of_a_search_is_required_each_with_its_typo_forgiven(client):
    asan = set(Agreement.objects.filter(parties__institution__slug="asan-medical-center").values_list("slug", flat=True))
    assert len(asan) == 2
    for text in ["Asan Medical Centre", "Asan Medical Center", "medical centre asan"]:
        assert set(agreement_slugs(client, text)) == asan, text
    assert agreement_slugs(client, "Samsung Medical Centre") == ["charite-sccc-mou-2023"]
    assert agreement_slugs(client, "Asan Medical Xylophone") == []
    assert suggestions(client, "Asan Medical Centre") == ["asan-medical-center"]
