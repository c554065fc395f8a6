"""The agreements API against the curated data: every filter, bad input, CSV and writes."""
import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from partnerships.models import Agreement, AgreementParty, Participation
from tests.factories import (
    AgreementAreaFactory,
    AgreementFactory,
    AgreementPartyFactory,
    ParticipationFactory,
)

pytestmark = pytest.mark.django_db

# The six agreements of the five articles, by slug.
EHS_AMC = "ehs-amc-mou-2024"
CHARITE_SCCC = "charite-sccc-mou-2023"
CEDARS_SNUH = "cedars-sinai-snuh-inthesmart-mou-2019"
SNUH_AMC_SNUBH = "snuh-amc-snubh-medical-data-2017"
TAIKANG = "cedars-sinai-taikang-shenzhen-hospital"
TSINGHUA = "cedars-sinai-tsinghua-healthcare-leaders"


def slugs(client, query=""):
    response = client.get(f"/api/v1/agreements/?{query}")
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_agreement_list_is_newest_first_with_undated_last(client):
    assert slugs(client) == [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, SNUH_AMC_SNUBH, TAIKANG, TSINGHUA]


def test_agreement_list_row_has_the_documented_shape(client):
    response = client.get("/api/v1/agreements/?country=AE")
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    row = body["results"][0]
    assert row["url"] == "http://testserver/api/v1/agreements/ehs-amc-mou-2024/"
    assert row["html_url"] == "http://testserver/partnerships/ehs-amc-mou-2024/"
    assert (row["kind"], row["status"], row["signed_on"], row["signed_on_precision"]) == (
        "mou", "in_force", "2024-01-29", "day",
    )
    assert row["parties"][0] == {
        "role": "party",
        "institution": {
            "slug": "emirates-health-services", "name": "Emirates Health Services",
            "display_name": "Emirates Health Services", "names": {"en": "Emirates Health Services"}, "short_name": "EHS",
            "country": "AE", "country_name": "United Arab Emirates", "kind": "health_agency",
        },
    }
    assert {
        "slug": "visiting-consultants", "name": "Visiting consultants", "display_name": "Visiting consultants",
        "names": {"en": "Visiting consultants", "ko": "초빙 전문의", "ar": "الاستشاريون الزائرون", "de": "Gastärzte", "zh-hans": "客座专家"},
        "parent": "clinical-services",
    } in row["areas"]
    signers = {(p["name"], p["institution"]) for p in row["people"] if p["role"] == "signed"}
    assert signers == {("Essam Al Zarooni", "emirates-health-services"), ("In-Ho Jeon", "asan-medical-center")}
    assert {source["published_on"] for source in row["sources"]} >= {"2024-02-20"}
    assert "evidence" not in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=KR", [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, SNUH_AMC_SNUBH]),
        ("country=kr", [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, SNUH_AMC_SNUBH]),
        ("country=CN", [TAIKANG, TSINGHUA]),
        ("country=DE,AE", [EHS_AMC, CHARITE_SCCC]),
        ("country=DE&country=AE", [EHS_AMC, CHARITE_SCCC]),
        ("country=FR", []),
        ("between=KR,AE", [EHS_AMC]),
        ("between=us,kr", [CEDARS_SNUH]),
        ("between=US,CN", [TAIKANG, TSINGHUA]),
        ("between=KR,CN", []),
        ("area=oncology", [CHARITE_SCCC, CEDARS_SNUH]),
        ("area=gastrointestinal-cancer", [CEDARS_SNUH]),
        ("area=education", [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, TSINGHUA]),
        ("area=visiting-consultants", [EHS_AMC]),
        ("area=medical-big-data-and-ai", [SNUH_AMC_SNUBH]),
        ("area=oncology,hospital-management", [CHARITE_SCCC, CEDARS_SNUH, TAIKANG]),
        ("institution=seoul-national-university-hospital", [CEDARS_SNUH, SNUH_AMC_SNUBH]),
        ("institution=samsung-medical-center", [CHARITE_SCCC]),
        ("institution=asan-medical-center", [EHS_AMC, SNUH_AMC_SNUBH]),
        ("institution=taikang-insurance-group", [TAIKANG]),
        ("kind=mou", [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH]),
        ("kind=collaboration", [TAIKANG, TSINGHUA]),
        ("status=reported", [TAIKANG, TSINGHUA]),
        ("status=in_force", [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, SNUH_AMC_SNUBH]),
        ("as_of=2020-01-01&country=KR", [CEDARS_SNUH, SNUH_AMC_SNUBH]),
        # September 2019 counts from its last day: on 15 September it is not known to be in force.
        ("as_of=2019-09-15", [SNUH_AMC_SNUBH]),
        ("as_of=2019-09-30", [CEDARS_SNUH, SNUH_AMC_SNUBH]),
        ("as_of=2017-09-19", []),
        ("expiring_before=2100-01-01", []),
        ("signed_after=2020-01-01", [EHS_AMC, CHARITE_SCCC]),
        ("signed_before=2019-12-31", [CEDARS_SNUH, SNUH_AMC_SNUBH]),
        ("signed_after=2019-09-01&signed_before=2023-07-31", [CHARITE_SCCC, CEDARS_SNUH]),
        ("year=2017", [SNUH_AMC_SNUBH]),
        ("q=SNUH", [CEDARS_SNUH, SNUH_AMC_SNUBH]),
        ("q=서울아산병원", [EHS_AMC, SNUH_AMC_SNUBH]),
        ("q=이상도", [SNUH_AMC_SNUBH]),
        ("q=Charité", [CHARITE_SCCC]),
        ("q=Hassoun", [CEDARS_SNUH, TAIKANG, TSINGHUA]),
        ("q=InTheSmart", [CEDARS_SNUH]),
        ("country=KR&area=education", [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH]),
        ("ordering=title", [TAIKANG, TSINGHUA, CEDARS_SNUH, CHARITE_SCCC, EHS_AMC, SNUH_AMC_SNUBH]),
        ("ordering=-title", [SNUH_AMC_SNUBH, EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, TSINGHUA, TAIKANG]),
        ("ordering=signed_on", [SNUH_AMC_SNUBH, CEDARS_SNUH, CHARITE_SCCC, EHS_AMC, TAIKANG, TSINGHUA]),
        ("ordering=-signed_on", [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, SNUH_AMC_SNUBH, TAIKANG, TSINGHUA]),
    ],
)
def test_agreement_filters_find_exactly_the_articles_agreements(client, query, expected):
    assert slugs(client, query) == expected


@pytest.mark.parametrize(
    ("query", "bad_parameters"),
    [
        ("country=ZZ", {"country"}),
        ("country=KOR", {"country"}),
        ("country=12", {"country"}),
        ("between=KR", {"between"}),
        ("between=KR,XX", {"between"}),
        ("area=no-such-area", {"area"}),
        ("institution=no-such-institution", {"institution"}),
        ("signed_after=2024-13-01", {"signed_after"}),
        ("signed_before=yesterday", {"signed_before"}),
        ("signed_after=2024-01-01&signed_before=2023-01-01", {"signed_after"}),
        ("year=abc", {"year"}),
        ("year=99999999", {"year"}),
        ("page_size=201", {"page_size"}),
        ("page_size=0", {"page_size"}),
        ("page_size=many", {"page_size"}),
        ("ordering=popularity", {"ordering"}),
        ("kind=treaty", {"kind"}),
        ("country=ZZ&area=nope&page_size=500", {"country", "area", "page_size"}),
    ],
)
def test_agreement_list_bad_input_is_a_400_naming_each_parameter(client, query, bad_parameters):
    response = client.get(f"/api/v1/agreements/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == bad_parameters
    assert all(isinstance(problem, str) and problem for problems in body.values() for problem in problems)


def test_agreement_list_sql_like_values_are_harmless(client):
    assert slugs(client, "q=%27%3B%20DROP%20TABLE%20partnerships_agreement%3B--") == []
    assert Agreement.objects.count() == 6


@pytest.mark.parametrize("path", ["/api/v1/agreements/", "/api/v1/institutions/", "/api/v1/people/"])
@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "٣"])
def test_a_page_number_that_is_not_one_is_a_400_named_with_the_other_bad_parameters(client, path, page):
    response = client.get(path, {"page": page, "page_size": "0"})
    assert response.status_code == 400
    assert set(response.json()) == {"page", "page_size"}


def test_agreement_page_and_filter_errors_come_together(client):
    response = client.get("/api/v1/agreements/", {"page": "abc", "country": "XX"})
    assert response.status_code == 400
    assert set(response.json()) == {"page", "country"}


def test_agreement_page_past_the_end_is_a_404_with_a_message(client):
    response = client.get("/api/v1/agreements/?page=99")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_agreement_unknown_slug_is_a_404_with_a_message(client):
    response = client.get("/api/v1/agreements/no-such-agreement/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Agreement matches the given query."}


def test_agreement_page_size_and_pages(client):
    first = client.get("/api/v1/agreements/?page_size=4").json()
    assert (first["count"], len(first["results"])) == (6, 4)
    second = client.get(first["next"]).json()
    assert [row["slug"] for row in second["results"]] == [TAIKANG, TSINGHUA]


def test_agreement_detail_has_evidence_for_each_fact(client):
    body = client.get(f"/api/v1/agreements/{SNUH_AMC_SNUBH}/").json()
    facts = {(item["fact"], item["subject"]) for item in body["evidence"]}
    assert ("party", "asan-medical-center") in facts
    assert ("area", "medical-big-data-and-ai") in facts
    assert ("person", "lee-sang-doh/signed") in facts
    assert ("date", "") in facts
    dates = [item for item in body["evidence"] if item["fact"] == "date"]
    assert {item["source"] for item in dates} == {"koreabiomed-3-hospitals-medical-data-2017", "viva100-2017-09-21"}
    assert body["place"] == "Seoul National University Hospital, Seoul"


def test_agreement_facets_count_the_filtered_agreements(client):
    body = client.get("/api/v1/agreements/facets/?country=KR").json()
    # Countries add up (any of those ticked): they are counted without the country filter,
    # as the page's sidebar counts them, while every other facet counts the Korean agreements.
    assert body["country"] == [
        {"value": "KR", "label": "South Korea", "count": 4},
        {"value": "US", "label": "United States of America", "count": 3},
        {"value": "CN", "label": "China", "count": 2},
        {"value": "DE", "label": "Germany", "count": 1},
        {"value": "AE", "label": "United Arab Emirates", "count": 1},
    ]
    areas = {entry["value"]: entry["count"] for entry in body["area"]}
    # Joint research is on four of the Korean agreements; research rolls them up once each.
    assert (areas["joint-research"], areas["research"], areas["oncology"], areas["education"]) == (4, 4, 2, 3)
    assert {entry["value"]: entry["count"] for entry in body["kind"]} == {"mou": 3, "agreement": 1}
    assert [(entry["value"], entry["count"]) for entry in body["year"]] == [
        (2024, 1), (2023, 1), (2019, 1), (2017, 1),
    ]
    institutions = {entry["value"]: entry["count"] for entry in body["institution"]}
    assert (institutions["asan-medical-center"], institutions["seoul-national-university-hospital"]) == (2, 2)


def test_agreement_facets_refuse_bad_filters(client):
    response = client.get("/api/v1/agreements/facets/?country=ZZ")
    assert response.status_code == 400
    assert set(response.json()) == {"country"}


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_agreement_csv_has_one_row_per_agreement_with_names_intact(client):
    rows = read_csv(client.get("/api/v1/agreements/?format=csv"))
    assert [row["slug"] for row in rows] == [EHS_AMC, CHARITE_SCCC, CEDARS_SNUH, SNUH_AMC_SNUBH, TAIKANG, TSINGHUA]
    charite = rows[1]
    assert charite["parties"] == (
        "Charité – Universitätsmedizin Berlin (DE); Samsung Comprehensive Cancer Center (KR); "
        "Charité Comprehensive Cancer Center (DE)"
    )
    assert charite["countries"] == "DE, KR"
    data = rows[3]
    assert "Lee Sang-doh (Signed it)" in data["people"]
    assert data["areas"] == "Medical big data and AI; Joint research; Health data protection and policy"


def test_agreement_csv_by_accept_header_keeps_the_filters(client):
    rows = read_csv(client.get("/api/v1/agreements/?between=KR,AE", HTTP_ACCEPT="text/csv"))
    assert [row["slug"] for row in rows] == [EHS_AMC]


def test_agreement_csv_bad_filter_is_a_400(client):
    response = client.get("/api/v1/agreements/?format=csv&country=ZZ")
    assert response.status_code == 400
    assert "country" in response.content.decode("utf-8")


def make_bulk_agreements(count):
    for _ in range(count):
        agreement = AgreementFactory()
        AgreementPartyFactory.create_batch(2, agreement=agreement)
        AgreementAreaFactory(agreement=agreement)
        ParticipationFactory(agreement=agreement)


@pytest.mark.parametrize("page_size", [1, 200])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # Each first reads the data version, the key of the answers cache
        # (partnerships.caching.AnonymousReadsCacheMiddleware); then:
        # data version, count, page, parties with institutions, areas, people, sources.
        ("/api/v1/agreements/?country=FR&area=education", 8),
        ("/api/v1/agreements/", 8),
        # Data version, count, page, other names, partner countries.
        ("/api/v1/institutions/", 6),
        # Data version, count, page.
        ("/api/v1/people/", 4),
    ],
)
def test_list_endpoints_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, page_size, url, queries
):
    make_bulk_agreements(30)
    separator = "&" if "?" in url else "?"
    with django_assert_max_num_queries(queries):
        response = client.get(f"{url}{separator}page_size={page_size}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])


@pytest.mark.parametrize(("url", "queries"), [("/api/v1/areas/", 4), ("/api/v1/countries/", 3), ("/api/v1/agreements/facets/", 10)])
def test_summary_endpoints_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, url, queries):
    make_bulk_agreements(30)
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_areas_list_the_taxonomy_with_counts(client):
    areas = {row["slug"]: row for row in client.get("/api/v1/areas/").json()}
    assert areas["education"]["agreement_count"] == 4
    assert areas["visiting-consultants"] == {
        "slug": "visiting-consultants", "url": "http://testserver/api/v1/areas/visiting-consultants/",
        "name": "Visiting consultants", "display_name": "Visiting consultants",
        "names": {"en": "Visiting consultants", "ko": "초빙 전문의", "ar": "الاستشاريون الزائرون", "de": "Gastärzte", "zh-hans": "客座专家"},
        "parent": "clinical-services", "description": "", "agreement_count": 1,
    }


def test_countries_list_counts_institutions_and_agreements(client):
    rows = client.get("/api/v1/countries/").json()
    by_code = {row["code"]: row for row in rows}
    assert by_code["KR"] == {"code": "KR", "name": "South Korea", "institution_count": 7, "agreement_count": 4}
    assert by_code["AE"] == {"code": "AE", "name": "United Arab Emirates", "institution_count": 1, "agreement_count": 1}
    assert set(by_code) == {"KR", "US", "CN", "DE", "AE"}


def test_people_list_and_detail(client):
    body = client.get("/api/v1/people/").json()
    assert body["count"] == 13
    person = client.get("/api/v1/people/suh-chang-suk/").json()
    assert (person["name"], person["native_name"], person["agreement_count"]) == ("Suh Chang-suk", "서창석", 1)
    assert {(part["agreement"], part["role"]) for part in person["participations"]} == {
        (SNUH_AMC_SNUBH, "signed"), (SNUH_AMC_SNUBH, "spoke"),
    }
    assert client.get("/api/v1/people/nobody/").status_code == 404


# --- writes ---------------------------------------------------------------------------

NEW_AGREEMENT = {
    "slug": "charite-tsinghua-exchange-2025",
    "title": "Charité – Tsinghua University exchange",
    "kind": "mou",
    "status": "signed",
    "signed_on": "2025-03-01",
    "signed_on_precision": "month",
    "place": "Berlin",
    "summary": "An exchange of physicians.",
    "parties": [{"institution": "charite", "role": "party"}, {"institution": "tsinghua-university"}],
    "areas": ["academic-exchange"],
    "people": [
        {"person": "martin-e-kreis", "role": "signed", "institution": "charite", "title": "Chief Medical Officer"},
        {"person": "wang-wei", "name": "Wang Wei", "native_name": "王伟", "role": "attended"},
    ],
    "sources": ["ror"],
}


def curator(*codenames):
    user = User.objects.create_user("curator", password="not-used-here")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def token_header(user):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}


AGREEMENT_PERMISSIONS = ["add_agreement", "change_agreement", "delete_agreement"]


def test_anonymous_writes_are_refused_with_401(client):
    response = client.post("/api/v1/agreements/", NEW_AGREEMENT, content_type="application/json")
    assert response.status_code == 401
    assert client.delete(f"/api/v1/agreements/{EHS_AMC}/").status_code == 401
    assert client.patch(f"/api/v1/agreements/{EHS_AMC}/", {"title": "x"}, content_type="application/json").status_code == 401
    assert Agreement.objects.count() == 6


READ_ONLY_ENDPOINTS = [
    "/api/v1/areas/", "/api/v1/areas/education/", "/api/v1/countries/", "/api/v1/people/",
    "/api/v1/people/lee-sang-doh/", "/api/v1/agreements/facets/", "/api/v1/institutions/autocomplete/",
]


@pytest.mark.parametrize("path", READ_ONLY_ENDPOINTS)
@pytest.mark.parametrize("method", ["put", "patch", "post", "delete"])
@pytest.mark.parametrize("who", ["anonymous", "bad token", "curator"])
def test_method_a_read_only_endpoint_never_allows_is_405_for_anyone(client, path, method, who):
    headers = {
        "anonymous": {}, "bad token": {"HTTP_AUTHORIZATION": "Token not-a-token"},
        "curator": token_header(curator(*AGREEMENT_PERMISSIONS)),
    }[who]

    response = getattr(client, method)(path, {}, content_type="application/json", **headers)

    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD, OPTIONS")
    assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}


def test_writes_without_permission_are_refused_with_403(client):
    headers = token_header(curator())
    response = client.post("/api/v1/agreements/", NEW_AGREEMENT, content_type="application/json", **headers)
    assert response.status_code == 403
    assert client.delete(f"/api/v1/agreements/{EHS_AMC}/", **headers).status_code == 403
    assert Agreement.objects.count() == 6


def test_curator_creates_an_agreement_with_parties_areas_and_people(client):
    headers = token_header(curator(*AGREEMENT_PERMISSIONS))
    response = client.post("/api/v1/agreements/", NEW_AGREEMENT, content_type="application/json", **headers)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [party["institution"]["slug"] for party in body["parties"]] == ["charite", "tsinghua-university"]
    assert [area["slug"] for area in body["areas"]] == ["academic-exchange"]
    assert {(p["slug"], p["native_name"], p["role"]) for p in body["people"]} == {
        ("martin-e-kreis", "", "signed"), ("wang-wei", "王伟", "attended"),
    }
    assert slugs(client, "between=DE,CN") == ["charite-tsinghua-exchange-2025"]


def test_curator_with_a_session_can_write_too(client):
    client.force_login(curator(*AGREEMENT_PERMISSIONS))
    response = client.post("/api/v1/agreements/", NEW_AGREEMENT, content_type="application/json")
    assert response.status_code == 201


def test_curator_updates_and_deletes_an_agreement(client):
    headers = token_header(curator(*AGREEMENT_PERMISSIONS))
    response = client.patch(
        f"/api/v1/agreements/{EHS_AMC}/", {"status": "ended", "areas": ["joint-research"]},
        content_type="application/json", **headers,
    )
    assert response.status_code == 200, response.json()
    # The status is worked out from the dated events, never written: a body's status is ignored.
    assert (response.json()["status"], [a["slug"] for a in response.json()["areas"]]) == ("in_force", ["joint-research"])
    # Lists not given are left alone.
    assert len(response.json()["parties"]) == 2
    put = client.put(
        f"/api/v1/agreements/{EHS_AMC}/", {**NEW_AGREEMENT, "slug": EHS_AMC},
        content_type="application/json", **headers,
    )
    assert put.status_code == 200, put.json()
    assert put.json()["title"] == NEW_AGREEMENT["title"]
    assert client.delete(f"/api/v1/agreements/{EHS_AMC}/", **headers).status_code == 204
    assert not Agreement.objects.filter(slug=EHS_AMC).exists()
    assert not AgreementParty.objects.filter(agreement__slug=EHS_AMC).exists()


@pytest.mark.parametrize(
    ("change", "bad_field"),
    [
        ({"signed_on": "2025-03-15", "signed_on_precision": "month"}, "__all__"),
        ({"signed_on": None, "signed_on_precision": "day"}, "__all__"),
        ({"parties": [{"institution": "charite"}]}, "parties"),
        ({"parties": [{"institution": "charite"}, {"institution": "charite"}]}, "parties"),
        ({"parties": [{"institution": "charite"}, {"institution": "nowhere"}]}, "parties"),
        ({"areas": ["no-such-area"]}, "areas"),
        ({"areas": []}, "areas"),
        ({"people": [{"person": "nobody-yet", "role": "signed"}]}, "people"),
        ({"people": [{"person": "martin-e-kreis", "role": "danced"}]}, "people"),
        ({"slug": CHARITE_SCCC}, "slug"),
        ({"slug": "not a slug"}, "slug"),
        ({"slug": "facets"}, "slug"),  # the address of the facet counts
        ({"kind": "treaty"}, "kind"),
        ({"sources": []}, "sources"),
    ],
)
def test_invalid_agreement_bodies_are_400_and_write_nothing(client, change, bad_field):
    headers = token_header(curator(*AGREEMENT_PERMISSIONS))
    counts = (Agreement.objects.count(), AgreementParty.objects.count(), Participation.objects.count())
    response = client.post(
        "/api/v1/agreements/", {**NEW_AGREEMENT, **change}, content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert bad_field in response.json()
    assert (Agreement.objects.count(), AgreementParty.objects.count(), Participation.objects.count()) == counts


def test_cached_counts_and_facets_follow_every_write(client, django_assert_max_num_queries):
    first = client.get("/api/v1/agreements/facets/?country=AE").json()
    assert client.get("/api/v1/agreements/?country=AE").json()["count"] == 1
    # Served from the cache: only the data version is read.
    with django_assert_max_num_queries(1):
        assert client.get("/api/v1/agreements/facets/?country=AE").json() == first
    ehs = Agreement.objects.get(slug=EHS_AMC)
    other = AgreementFactory(title="Second Emirati agreement")
    AgreementPartyFactory(agreement=other, institution=ehs.institutions.get(slug="emirates-health-services"))
    AgreementPartyFactory(agreement=other)
    assert client.get("/api/v1/agreements/?country=AE").json()["count"] == 2
    facets = client.get("/api/v1/agreements/facets/?country=AE").json()
    assert {entry["value"]: entry["count"] for entry in facets["country"]}["AE"] == 2


def test_a_full_page_of_fifty_is_answered_from_the_cache(client, django_assert_max_num_queries):
    from partnerships.synthetic import generate

    generate(agreements=120, institutions=30, seed=3)
    for address in ["/api/v1/agreements/", "/partnerships/"]:
        first = client.get(address)
        assert first.status_code == 200 and first.content.count(b"/partnerships/") >= 50
        # The largest answer of a default page: kept whole, so repeating it reads the data version only.
        with django_assert_max_num_queries(1):
            assert client.get(address).content == first.content, address


def follow_cursor(client, url):
    seen = []
    while url:
        body = client.get(url).json()
        assert body["count"] is None and body["previous"] is None
        seen += [row["slug"] for row in body["results"]]
        url = body["next"]
    return seen


@pytest.mark.parametrize(
    "query",
    ["", "ordering=title", "ordering=-title", "ordering=signed_on", "ordering=-signed_on", "country=KR", "q=cedars"],
)
def test_cursor_pages_give_the_same_rows_as_numbered_pages(client, query):
    for index in range(7):
        AgreementFactory(title=f"Same title {index % 2}", signed_on=None)
    dated = AgreementFactory(title="Same title 0", signed_on="2019-09-01", signed_on_precision="month")
    AgreementPartyFactory(agreement=dated, institution=Agreement.objects.get(slug=EHS_AMC).institutions.first())
    numbered = [row["slug"] for row in client.get(f"/api/v1/agreements/?{query}&page_size=200").json()["results"]]
    assert follow_cursor(client, f"/api/v1/agreements/?{query}&page_size=2&cursor=") == numbered
    assert len(numbered) == len(set(numbered)) > 1


def test_bad_cursor_is_a_400(client):
    response = client.get("/api/v1/agreements/?cursor=not-a-cursor")
    assert response.status_code == 400
    assert set(response.json()) == {"cursor"}


def test_cursor_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_bulk_agreements(30)
    # Data version (the answers cache), then no count: page, parties, areas, people, sources.
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/agreements/?cursor=&page_size=10").json()
    with django_assert_max_num_queries(6):
        client.get(body["next"])


def test_institution_facet_lists_the_fifty_with_most_agreements(client):
    from partnerships.counts import FACET_INSTITUTIONS

    make_bulk_agreements(30)  # 60 more institutions, one agreement each
    institutions = client.get("/api/v1/agreements/facets/").json()["institution"]
    assert len(institutions) == FACET_INSTITUTIONS == 50
    assert institutions[0] == {"value": "cedars-sinai", "label": "Cedars-Sinai Medical Center", "count": 3}


def test_patch_parties_without_a_role_makes_them_parties(client):
    headers = token_header(curator(*AGREEMENT_PERMISSIONS))
    response = client.patch(
        f"/api/v1/agreements/{EHS_AMC}/",
        {"parties": [{"institution": "emirates-health-services"}, {"institution": "charite"}]},
        content_type="application/json", **headers,
    )
    assert response.status_code == 200, response.json()
    assert [(p["institution"]["slug"], p["role"]) for p in response.json()["parties"]] == [
        ("emirates-health-services", "party"), ("charite", "party"),
    ]


def test_the_same_list_sorted_another_way_reuses_its_cached_count(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    newest_first = client.get("/api/v1/agreements/?country=KR").json()
    with CaptureQueriesContext(connection) as queries:
        by_title = client.get("/api/v1/agreements/?country=KR&ordering=title").json()

    assert by_title["count"] == newest_first["count"] == 4
    assert not [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


def test_a_list_past_the_count_limit_says_its_count_is_a_lower_bound(client, settings):
    # A search is not counted on write: it counts up to the limit and says so.
    settings.LIST_COUNT_LIMIT = 3
    for number in range(5):
        AgreementFactory(title=f"Zebrafish imaging study {number}")

    searched = client.get("/api/v1/agreements/?q=zebrafish&page_size=2").json()
    assert (searched["count"], searched["count_is_exact"], len(searched["results"])) == (3, False, 2)
    # Under the limit, the count is exact.
    narrow = client.get("/api/v1/agreements/?q=zebrafish+imaging+study+4").json()
    assert (narrow["count"], narrow["count_is_exact"]) == (1, True)
    # A filter the counts kept on write answer is exact at any size.
    everything = client.get("/api/v1/agreements/").json()
    assert (everything["count"], everything["count_is_exact"]) == (Agreement.objects.count(), True)
    assert everything["count"] > 3

    page = client.get("/partnerships/?q=zebrafish")
    assert "More than 3 agreements" in page.text
    assert "The list stops counting at 3" in page.text
    assert "More than" not in client.get("/partnerships/").text


@pytest.mark.parametrize("query", [
    "between=KR,AE", "between=US,CN", "between=KR,CN", "between=KR,*", "between=KR,US&kind=mou", "kind=mou&year=2019",
    "country=KR&area=oncology", "country=KR&between=US,KR",
])
def test_a_list_counted_from_the_kept_counts_says_as_many_as_it_lists(client, query):
    AgreementPartyFactory.create_batch(4)
    body = client.get(f"/api/v1/agreements/?{query}&page_size=200").json()

    assert (body["count"], body["count_is_exact"]) == (len(body["results"]), True)
    assert body["count"] == client.get(f"/partnerships/?{query}").context["paginator"].count


# The queries each kind of supporting row takes to read: a disagreement's values are a second.
SUPPORTING = {"evidence": 1, "events": 1, "disagreements": 2}


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_CACHE_CONTROL="no-cache")
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize("page", ["/api/v1/agreements/{}/", "/partnerships/{}/"])
def test_a_record_asks_only_for_the_kinds_of_supporting_rows_it_has(client, page):
    # An agreement with evidence and events, and one with none of them: the second asks for
    # neither, and both show what they have.
    supported = next(agreement for agreement in Agreement.objects.order_by("pk")
                     if agreement.evidence.exists() and agreement.events.exists())
    bare = AgreementFactory()
    kinds = sum(queries for name, queries in SUPPORTING.items() if getattr(supported, name).exists())
    supported_queries, supported_response = queries_of(client, page.format(supported.slug))
    bare_queries, bare_response = queries_of(client, page.format(bare.slug))
    assert supported_queries - bare_queries == kinds
    if page.startswith("/api/"):
        assert supported_response.json()["evidence"] and supported_response.json()["events"]
        assert [bare_response.json()[name] for name in SUPPORTING] == [[], [], []]
    else:
        assert supported.events.first().get_kind_display() in supported_response.content.decode()
