import re

import pytest

from institutions.models import Institution
from partnerships.models import NEWEST_ON_RECORD_PAGES, Agreement, Area
from partnerships.views import MOST_ON_RECORD_PAGES
from tests.factories import (
    AgreementAreaFactory, AgreementFactory, AgreementPartyFactory, InstitutionFactory, ParticipationFactory, PersonFactory,
)

pytestmark = pytest.mark.django_db

NEWEST_FIRST = [
    "ehs-amc-mou-2024",
    "charite-sccc-mou-2023",
    "cedars-sinai-snuh-inthesmart-mou-2019",
    "snuh-amc-snubh-medical-data-2017",
    "cedars-sinai-taikang-shenzhen-hospital",
    "cedars-sinai-tsinghua-healthcare-leaders",
]


def slugs(response):
    return [agreement.slug for agreement in response.context["object_list"]]


def counts(options):
    return {option["value"]: option["count"] for option in options}


def test_home_shows_headline_counts_and_newest_agreements(client):
    response = client.get("/")

    assert response.status_code == 200
    assert [card["slug"] for card in response.context["newest"]] == NEWEST_FIRST[:5]
    assert (response.context["agreement_count"], response.context["institution_count"],
            response.context["country_count"]) == (6, 15, 5)
    assert counts(response.context["countries"]) == {"KR": 4, "US": 3, "CN": 2, "DE": 1, "AE": 1}
    assert 'href="/partnerships/?area=oncology"' in response.text
    assert '<svg class="network__svg"' in response.text


def test_agreement_list_shows_every_agreement_newest_first(client):
    response = client.get("/partnerships/")

    assert response.status_code == 200
    assert slugs(response) == NEWEST_FIRST
    assert "6 agreements" in response.text


def test_agreement_list_filters_by_country_and_area(client):
    response = client.get("/partnerships/?country=KR&area=oncology")

    assert slugs(response) == ["charite-sccc-mou-2023", "cedars-sinai-snuh-inthesmart-mou-2019"]
    assert "2 agreements" in response.text


def test_agreement_list_counts_each_group_without_its_own_choices(client):
    response = client.get("/partnerships/?country=KR")
    facets = response.context["facets"]

    # Other countries keep their counts (ticking one adds to the list) ...
    assert counts(facets["country"]) == {"KR": 4, "US": 3, "CN": 2, "DE": 1, "AE": 1}
    # ... while the other groups count the Korean agreements only.
    assert counts(facets["area"])["oncology"] == 2
    assert counts(facets["kind"]) == {"mou": 3, "agreement": 1}
    assert [option["value"] for option in facets["country"] if option["chosen"]] == ["KR"]


def test_agreement_list_finds_an_acronym(client):
    response = client.get("/partnerships/?q=SNUH")

    assert slugs(response) == ["cedars-sinai-snuh-inthesmart-mou-2019", "snuh-amc-snubh-medical-data-2017"]


def test_agreement_list_sorts_by_title(client):
    response = client.get("/partnerships/?ordering=title")

    assert slugs(response) == [
        "cedars-sinai-taikang-shenzhen-hospital",
        "cedars-sinai-tsinghua-healthcare-leaders",
        "cedars-sinai-snuh-inthesmart-mou-2019",
        "charite-sccc-mou-2023",
        "ehs-amc-mou-2024",
        "snuh-amc-snubh-medical-data-2017",
    ]


def test_agreement_list_chips_remove_one_filter_each(client):
    response = client.get("/partnerships/?country=KR,US&year_from=2019")

    assert [(chip["value"], chip["query"]) for chip in response.context["chips"]] == [
        ("South Korea", "country=US&year_from=2019"),
        ("United States of America", "country=KR&year_from=2019"),
        ("2019", "country=KR%2CUS"),
    ]


def test_agreement_list_links_the_same_data_as_json_and_csv(client):
    response = client.get("/partnerships/?country=KR&area=oncology&page=1")

    assert 'href="/api/v1/agreements/?country=KR&amp;area=oncology"' in response.text
    assert 'href="/api/v1/agreements/?country=KR&amp;area=oncology&amp;format=csv"' in response.text


def test_agreement_list_without_matches_offers_to_widen(client):
    response = client.get("/partnerships/?country=DE&year_from=2024")

    assert response.status_code == 200
    assert slugs(response) == []
    assert "No agreement matches all these filters." in response.text
    assert 'href="?year_from=2024"' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=ZZ", "&#x27;ZZ&#x27; is not an ISO 3166-1 alpha-2 country code (e.g. KR, AE, DE)."),
        ("area=unknown", "Unknown focus area: unknown."),
        ("signed_after=2024-01-01&signed_before=2020-01-01", "signed_after must not be later than signed_before."),
        ("year_from=2024&year_to=2019", "year_from must not be later than year_to."),
        ("signed_after=yesterday", "signed_after must be a date written YYYY-MM-DD"),
    ],
)
def test_agreement_list_invalid_filter_shows_message(client, query, message):
    response = client.get(f"/partnerships/?{query}")

    assert response.status_code == 200
    assert slugs(response) == []
    assert "Some filters could not be read" in response.text
    assert message in response.text


def test_agreement_list_paginates_by_fifty(client):
    AgreementFactory.create_batch(50)

    first, second = client.get("/partnerships/"), client.get("/partnerships/?page=2")

    assert (len(slugs(first)), len(slugs(second))) == (50, 6)
    assert 'href="?page=2"' in first.text


@pytest.mark.parametrize("extra", [0, 20])
def test_agreement_list_queries_are_bounded(client, django_assert_max_num_queries, extra):
    for agreement in AgreementFactory.create_batch(extra):
        AgreementPartyFactory.create_batch(2, agreement=agreement)

    # Data version (the answers cache), count, page and its cards, data version and facet
    # counts, the world map's counts: none grows with the rows. The network picture is a page
    # of its own (below).
    with django_assert_max_num_queries(12):
        client.get("/partnerships/")
    # One country, the list browsers use most: its count, sidebar and map lines are the counts
    # kept on write.
    with django_assert_max_num_queries(16):
        client.get("/partnerships/?country=KR")
    # Each sidebar group with choices of its own is counted once more, that group's facet only;
    # a short list's ids come from the stored options (one query); the world map counts the
    # matching agreements' countries and partner pairs (then cached).
    with django_assert_max_num_queries(27):
        client.get("/partnerships/?country=KR&area=oncology")
    # Another page of the same list: the picture and the counts that read agreements come from
    # the cache; the counts kept on write (one index lookup each) are read again, and so are the
    # sizes of the two options, which order the probes of the newest matching agreements, and
    # the list's own count and ids, which decide how its page is found; the world map's numbers
    # come from the cache, after a look at the data version.
    with django_assert_max_num_queries(22):
        client.get("/partnerships/?country=KR&area=oncology&page=1")
    # The same address again: the whole answer comes from the cache.
    with django_assert_max_num_queries(1):
        client.get("/partnerships/?country=KR&area=oncology")


def test_agreement_page_shows_parties_date_people_and_sources(client):
    response = client.get("/partnerships/charite-sccc-mou-2023/")
    text = response.text

    assert response.status_code == 200
    assert response.context["agreement"].slug == "charite-sccc-mou-2023"
    assert "<title>Charité – Samsung Comprehensive Cancer Center memorandum of understanding on cancer medicine" in text
    assert '<time datetime="2023-07-01">July 2023</time>' in text
    assert 'href="/institutions/samsung-comprehensive-cancer-center/"' in text
    assert "Participating unit" in text
    assert "Chief Medical Officer at Charité" in text
    assert "Spoke about it" in text
    assert "the development of medical technology" in text
    assert 'href="https://www.news-medical.net/news/20230731/' in text
    assert [source.slug for source in response.context["sources"]] == [
        "news-medical-charite-sccc-2023", "other-published-reports", "hankyung-2024-11-04", "ror",
    ]


def test_agreement_page_cites_the_source_of_each_fact(client):
    agreement = client.get("/partnerships/charite-sccc-mou-2023/").context["agreement"]

    # Sources are numbered: 1 the article, 2 other reports, 3 Hankyung, 4 ROR.
    assert agreement.date_citations == [3]
    assert {party.institution.slug: party.citations for party in agreement.parties.all()} == {
        "charite": [1, 2, 4],
        "samsung-comprehensive-cancer-center": [1, 2, 3, 4],
        "charite-comprehensive-cancer-center": [1],
    }


@pytest.mark.parametrize(
    ("url", "date"),
    [
        ("/partnerships/ehs-amc-mou-2024/", "29 January 2024"),
        ("/partnerships/cedars-sinai-snuh-inthesmart-mou-2019/", "September 2019"),
        ("/partnerships/cedars-sinai-tsinghua-healthcare-leaders/", "date not reported"),
    ],
)
def test_agreement_page_writes_the_date_with_its_precision(client, url, date):
    response = client.get(url)

    assert f">{date}</time>" in response.text


def test_agreement_page_shows_the_place(client):
    response = client.get("/partnerships/ehs-amc-mou-2024/")

    assert "Dubai World Trade Centre, Dubai (Arab Health 2024)" in response.text


def test_agreement_feed_lists_the_newest_agreements(client):
    response = client.get("/partnerships/feed/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert response.text.count("<entry>") == 6
    assert "<title>Emirates Health Services – Asan Medical Center memorandum of understanding</title>" in response.text


def test_country_list_shows_countries_with_counts(client):
    response = client.get("/countries/")

    assert response.status_code == 200
    assert [(row["value"], row["count"], row["institution_count"]) for row in response.context["countries"]] == [
        ("KR", 4, 7), ("US", 3, 1), ("CN", 2, 4), ("DE", 1, 2), ("AE", 1, 1),
    ]
    assert 'href="/partnerships/?between=CN,US"' in response.text


def test_country_page_shows_its_agreements_and_partner_countries(client):
    response = client.get("/countries/KR/")

    assert response.status_code == 200
    assert [card["slug"] for card in response.context["agreements"]] == [
        "ehs-amc-mou-2024", "charite-sccc-mou-2023", "cedars-sinai-snuh-inthesmart-mou-2019",
        "snuh-amc-snubh-medical-data-2017",
    ]
    assert counts(response.context["partner_countries"]) == {"US": 1, "DE": 1, "AE": 1}
    assert "<h1>South Korea</h1>" in response.text


def test_country_page_redirects_a_lowercase_code(client):
    response = client.get("/countries/kr/")

    assert (response.status_code, response["Location"]) == (302, "/countries/KR/")


def test_country_page_of_an_unknown_code_is_404(client):
    # A known country with nothing in it is an empty page (tests/partnerships/test_empty_country.py).
    assert client.get("/countries/ZZ/").status_code == 404


def test_area_list_shows_the_taxonomy_with_counts(client):
    response = client.get("/areas/")
    areas = {area.slug: area.agreement_count for area in response.context["object_list"]}

    assert areas["oncology"] == 2
    assert areas["digital-health"] == 4
    assert 'href="/areas/gastrointestinal-cancer/"' in response.text


def test_area_page_shows_agreements_of_narrower_areas(client):
    response = client.get("/areas/oncology/")

    assert [card["slug"] for card in response.context["agreements"]] == [
        "charite-sccc-mou-2023", "cedars-sinai-snuh-inthesmart-mou-2019",
    ]
    assert "Gastrointestinal cancer" in response.text


def people(response):
    return [(person.slug, person.agreement_count) for person in response.context["object_list"]]


def test_person_list_shows_everyone_by_name_with_native_name_and_agreement_count(client):
    response = client.get("/people/")

    assert response.status_code == 200
    assert people(response)[:3] == [("cha-soon-do", 1), ("essam-al-zarooni", 1), ("han-kwang-yang", 1)]
    assert len(people(response)) == 13
    assert '<a href="/people/lee-sang-doh/" dir="auto">Lee Sang-doh</a>' in response.text
    assert '<td dir="auto">이상도</td>' in response.text
    assert '<a href="/people/" aria-current="page">People</a>' in response.text


@pytest.mark.parametrize(
    ("query", "expected"), [("keilholz", ["ulrich-keilholz"]), ("서창석", ["suh-chang-suk"]), ("AL ZAROONI", ["essam-al-zarooni"])]
)
def test_person_list_finds_a_name_or_native_name(client, query, expected):
    response = client.get("/people/", {"q": query})

    assert [slug for slug, _ in people(response)] == expected


def test_person_list_counts_an_agreement_once_however_many_parts(client):
    person = PersonFactory(name="Aaron Aaronson")
    agreement = AgreementFactory()
    ParticipationFactory(person=person, agreement=agreement)
    ParticipationFactory(person=person, agreement=agreement, role="attended")

    assert people(client.get("/people/", {"q": "Aaronson"})) == [(person.slug, 1)]


def test_person_list_paginates_by_fifty_keeping_the_search(client):
    PersonFactory.create_batch(51)

    first = client.get("/people/?q=test+person")
    second = client.get("/people/?q=test+person&page=2")

    assert (len(people(first)), len(people(second))) == (50, 1)
    assert 'href="?q=test+person&amp;page=2"' in first.text


@pytest.mark.parametrize("extra", [0, 20])
def test_person_list_queries_are_bounded(client, django_assert_num_queries, extra):
    for person in PersonFactory.create_batch(extra):
        ParticipationFactory.create_batch(2, person=person)

    # Data version (the answers cache), count, the page of people with their counts, their latest parts.
    with django_assert_num_queries(4):
        client.get("/people/")


def test_person_page_shows_roles_and_titles(client):
    response = client.get("/people/miguel-burch/")

    assert response.status_code == 200
    # One row per agreement, with each of the person's parts in it.
    assert [[part.get_role_display() for part in row["parts"]] for row in response.context["parts"]] == [
        ["Led the work", "Spoke about it"],
    ]
    assert "Chief of the Minimally Invasive and Gastrointestinal Surgery program" in response.text


def test_person_page_shows_native_name(client):
    response = client.get("/people/lee-sang-doh/")

    assert '<p class="lead" dir="auto">이상도</p>' in response.text


@pytest.mark.parametrize(
    "url", ["/partnerships/no-such-agreement/", "/areas/no-such-area/", "/people/no-such-person/", "/no-such-page/"]
)
def test_unknown_address_shows_the_404_page(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


def count_maps(facets):
    """Return {facet: {value: count}} with the area tree flattened and unmatched choices left out."""
    flat = {}
    for name, options in facets.items():
        if name == "counted_over_newest":
            # Not a facet: whether some were counted over the newest matches only.
            continue
        options = [*options, *(child for option in options for child in option.get("children", []))]
        flat[name] = {option["value"]: option["count"] for option in options if option["count"]}
    return flat


FACET_QUERIES = [
    "", "country=KR", "country=KR,US", "country=kr&area=oncology", "area=education", "area=research",
    "kind=mou", "kind=mou&kind=agreement", "institution_kind=hospital", "year=2019", "year_from=2019",
    "year_from=2017&year_to=2023&country=DE", "institution=asan-medical-center", "institution=charite&area=oncology",
    "between=KR,AE", "between=KR,US&kind=mou", "between=KR,*", "between=KR,US,CN", "q=서울", "q=cancer&country=KR", "status=in_force&year_to=2020",
    "as_of=2020-01-01", "as_of=2020-01-01&country=KR", "as_of=2024-01-01&area=oncology&kind=mou",
    "expiring_before=2030-01-01&country=KR", "as_of=2025-06-01&expiring_before=2026-01-01",
    "signed_after=2018-01-01&area=education&institution_kind=university", "country=FR", "area=oncology&year=2024",
]


@pytest.mark.parametrize("query", FACET_QUERIES)
def test_agreement_list_sidebar_and_api_facets_give_the_same_counts(client, query):
    AgreementPartyFactory.create_batch(6)

    page = client.get(f"/partnerships/?{query}")
    api = client.get(f"/api/v1/agreements/facets/?{query}")

    assert (page.status_code, api.status_code) == (200, 200)
    shown = count_maps(page.context["facets"])
    assert set(shown) == {"country", "area", "institution_kind", "kind", "year"}
    assert shown == {name: options for name, options in count_maps(api.json()).items() if name in shown}


def test_country_and_area_pages_of_many_agreements_show_the_newest_and_link_to_the_list(
    client, django_assert_max_num_queries
):
    # A page for a country or an area stays one page long however many agreements it has.
    area = Area.objects.get(slug="oncology")
    korean = Institution.objects.get(slug="seoul-national-university-hospital")
    for agreement in AgreementFactory.create_batch(NEWEST_ON_RECORD_PAGES + 5):
        AgreementPartyFactory(agreement=agreement, institution=korean)
        AgreementAreaFactory(agreement=agreement, area=area)

    for url, total, list_query in [
        ("/countries/KR/", 4 + NEWEST_ON_RECORD_PAGES + 5, "country=KR"),
        ("/areas/oncology/", 2 + NEWEST_ON_RECORD_PAGES + 5, "area=oncology"),
    ]:
        # Cards, counts, network: none grows with the agreements.
        with django_assert_max_num_queries(25):
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["agreements"]) == NEWEST_ON_RECORD_PAGES
        assert response.text.count('class="card"') == NEWEST_ON_RECORD_PAGES
        assert f"The newest {NEWEST_ON_RECORD_PAGES} of {total} agreements." in response.text
        assert f'href="/partnerships/?{list_query}">See all {total} agreements in the list</a>' in response.text
        assert client.get(f"/partnerships/?{list_query}").context["paginator"].count == total


def test_country_page_names_its_most_active_institutions_and_links_to_all(client):
    korean = Institution.objects.get(slug="seoul-national-university-hospital")
    for agreement in AgreementFactory.create_batch(3):
        AgreementPartyFactory(agreement=agreement, institution=korean)
    for institution in InstitutionFactory.create_batch(MOST_ON_RECORD_PAGES, country="KR"):
        AgreementPartyFactory(institution=institution)

    response = client.get("/countries/KR/")
    institutions = response.context["institutions"]

    assert len(institutions) == MOST_ON_RECORD_PAGES
    # Most agreements first, counted as the institution filter counts them (its units' included).
    snuh = client.get("/partnerships/?institution=seoul-national-university-hospital").context["paginator"].count
    assert (institutions[0].slug, institutions[0].agreement_count) == ("seoul-national-university-hospital", snuh)
    assert snuh >= 5
    assert [institution.agreement_count for institution in institutions[1:]] == sorted(
        [institution.agreement_count for institution in institutions[1:]], reverse=True
    )
    total = Institution.objects.filter(country="KR").count()
    assert f'href="/institutions/?country=KR">All {total} institutions in South Korea</a>' in response.text


@pytest.mark.parametrize("parameter", ["signed_after", "signed_before"])
def test_a_date_filter_the_page_cannot_read_is_named_in_its_message(client, parameter):
    text = client.get(f"/partnerships/?{parameter}=31/12/2020").content.decode()

    assert f"{parameter} must be a date written YYYY-MM-DD" in text
    assert "Enter a valid date." not in text


def test_the_curators_sign_in_page_names_the_directory(client):
    text = client.get("/admin/login/").content.decode()

    assert "Hospital Partnerships Directory" in text
    assert "Django administration" not in text


def test_a_person_with_two_parts_is_one_row_of_the_agreement_and_person_pages(client):
    agreement = AgreementFactory()
    person = PersonFactory(name="Kim Two-Parts", slug="kim-two-parts")
    for role in ("signed", "spoke"):
        ParticipationFactory(agreement=agreement, person=person, role=role, title="Director")

    agreement_page = client.get(agreement.get_absolute_url()).content.decode()
    person_page = client.get("/people/kim-two-parts/").content.decode()

    assert agreement_page.count(">Kim Two-Parts</a>") == 1
    assert "Signed it" in agreement_page and "Spoke about it" in agreement_page
    assert person_page.count(f">{agreement.title}</a>") == 1


def test_the_people_list_shows_each_persons_latest_title_and_institution(client):
    text = client.get("/people/?q=burch").content.decode()

    assert "Latest title" in text
    assert "Chief of the Minimally Invasive and Gastrointestinal Surgery program" in text


def test_the_list_links_to_its_network_picture_which_draws_the_same_agreements(client, django_assert_max_num_queries):
    listed = client.get("/partnerships/?country=KR&kind=mou")

    # The list draws no network: it links to the picture, a page of its own, for its filters.
    assert 'class="network"' not in listed.text
    link = re.search(r'<details class="network-toggle" data-picture-src="([^"]+)"', listed.text).group(1)
    assert link == "/partnerships/network/?country=KR&amp;kind=mou"
    assert f'<a href="{link}">' in listed.text
    with django_assert_max_num_queries(10):
        picture = client.get(link.replace("&amp;", "&"))

    assert picture.status_code == 200
    drawn = set(re.findall(r'<a href="/institutions/([^/]+)/">\s*<title>', picture.text))
    expected = set(
        Agreement.objects.filter(kind="mou").with_party_in(["KR"]).values_list("parties__institution__slug", flat=True)
    )
    assert drawn == expected and len(drawn) > 2
    assert '<div data-picture>' in picture.text
    assert 'href="/partnerships/?country=KR&amp;kind=mou"' in picture.text


def test_the_network_picture_refuses_a_bad_filter_with_a_message(client):
    response = client.get("/partnerships/network/?country=XX")

    assert response.status_code == 400
    assert "XX" in response.text and 'class="network"' not in response.text


@pytest.mark.parametrize("page, listed", [("/countries/KR/", "country=KR"), ("/areas/oncology/", "area=oncology")])
def test_a_country_and_an_area_load_the_network_of_their_list(client, page, listed):
    text = client.get(page).text

    # The page draws no network itself: it loads the picture of its own list, the same agreements.
    assert 'class="network"' not in text
    assert f'<div data-picture-src="/partnerships/network/?{listed}">' in text
    picture = client.get(f"/partnerships/network/?{listed}")
    drawn = set(re.findall(r'<a href="/institutions/([^/]+)/">\s*<title>', picture.text))
    filterset_rows = client.get(f"/api/v1/agreements/?{listed}&page_size=200").json()["results"]
    assert drawn == {party["institution"]["slug"] for row in filterset_rows for party in row["parties"]} and drawn
