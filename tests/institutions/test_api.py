import csv
import io

import pytest
from django.contrib.auth.models import Permission, User

from institutions.models import Institution, InstitutionName

pytestmark = pytest.mark.django_db


def slugs(client, query=""):
    response = client.get(f"/api/v1/institutions/?{query}")
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=AE", ["emirates-health-services"]),
        ("country=de", ["charite-comprehensive-cancer-center", "charite"]),
        ("kind=university", ["tsinghua-university"]),
        ("kind=cancer_center&country=KR", ["samsung-comprehensive-cancer-center"]),
        ("q=SNUBH", ["seoul-national-university-bundang-hospital"]),
        ("q=서울대병원", ["seoul-national-university-hospital"]),
        ("q=charité", ["charite-comprehensive-cancer-center", "charite"]),
        ("has_agreements=false", [
            "korea-health-industry-development-institute", "samsung-medical-center", "taikang-insurance-group",
        ]),
    ],
)
def test_institution_filters(client, query, expected):
    assert slugs(client, query) == expected


def test_institution_list_rows_carry_counts_partners_and_other_names(client):
    rows = {row["slug"]: row for row in client.get("/api/v1/institutions/?page_size=50").json()["results"]}
    amc = rows["asan-medical-center"]
    assert (amc["agreement_count"], amc["partner_countries"], amc["short_name"]) == (2, ["AE", "KR"], "AMC")
    assert amc["other_names"] == [{"name": "서울아산병원", "kind": "native", "language": "ko"}]
    assert rows["cedars-sinai"]["partner_countries"] == ["CN", "KR"]
    assert rows["seoul-national-university-bundang-hospital"]["parent"]["slug"] == "seoul-national-university-hospital"
    assert rows["samsung-medical-center"]["agreement_count"] == 0


def test_institution_detail_has_agreements_partners_parent_and_children(client):
    body = client.get("/api/v1/institutions/seoul-national-university-hospital/").json()
    assert {agreement["slug"] for agreement in body["agreements"]} == {
        "cedars-sinai-snuh-inthesmart-mou-2019", "snuh-amc-snubh-medical-data-2017",
    }
    assert [child["slug"] for child in body["children"]] == ["seoul-national-university-bundang-hospital"]
    assert body["parent"] is None
    partners = {partner["slug"]: partner["agreement_count"] for partner in body["partners"]}
    assert partners == {
        "cedars-sinai": 1, "inthesmart": 1, "asan-medical-center": 1, "seoul-national-university-bundang-hospital": 1,
    }
    assert client.get("/api/v1/institutions/nowhere/").status_code == 404


@pytest.mark.parametrize("query", ["country=ZZ", "kind=castle", "has_agreements=perhaps", "page_size=1000"])
def test_institution_bad_filters_are_400(client, query):
    response = client.get(f"/api/v1/institutions/?{query}")
    assert response.status_code == 400
    assert set(response.json()) == {query.split("=")[0]}


def test_institution_csv_keeps_native_names(client):
    response = client.get("/api/v1/institutions/?format=csv&country=KR")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    assert rows["asan-medical-center"]["other_names"] == "서울아산병원"
    assert len(rows) == 7


NEW_INSTITUTION = {
    "slug": "hamad-medical-corporation",
    "name": "Hamad Medical Corporation",
    "short_name": "HMC",
    "kind": "health_agency",
    "country": "QA",
    "city": "Doha",
    "other_names": [{"name": "مؤسسة حمد الطبية", "kind": "native", "language": "ar"}],
}


def editor(client, *codenames):
    user = User.objects.create_user("editor")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)


def test_institution_writes_need_login_and_permission(client):
    assert client.post("/api/v1/institutions/", NEW_INSTITUTION, content_type="application/json").status_code == 401
    editor(client)
    assert client.post("/api/v1/institutions/", NEW_INSTITUTION, content_type="application/json").status_code == 403
    assert not Institution.objects.filter(slug="hamad-medical-corporation").exists()


def test_curator_creates_updates_and_deletes_an_institution(client):
    editor(client, "add_institution", "change_institution", "delete_institution")
    created = client.post("/api/v1/institutions/", NEW_INSTITUTION, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["other_names"][0]["name"] == "مؤسسة حمد الطبية"
    changed = client.patch(
        "/api/v1/institutions/hamad-medical-corporation/", {"parent": "emirates-health-services", "other_names": []},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["parent"]["slug"] == "emirates-health-services"
    assert not InstitutionName.objects.filter(institution__slug="hamad-medical-corporation").exists()
    assert client.delete("/api/v1/institutions/hamad-medical-corporation/").status_code == 204


def test_deleting_an_institution_that_is_a_party_is_a_409(client):
    editor(client, "delete_institution")
    response = client.delete("/api/v1/institutions/charite/")
    assert response.status_code == 409
    assert "Charité" in response.json()["detail"]
    assert Institution.objects.filter(slug="charite").exists()


@pytest.mark.parametrize(
    ("change", "bad_field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"kind": "castle"}, "kind"),
        ({"slug": "charite"}, "slug"),
        ({"parent": "nowhere"}, "parent"),
        ({"website": "not a url"}, "website"),
        ({"other_names": [{"name": "HMC", "kind": "acronym"}, {"name": "HMC", "kind": "acronym"}]}, "other_names"),
        ({"name": ""}, "name"),
    ],
)
def test_invalid_institution_bodies_are_400_and_write_nothing(client, change, bad_field):
    editor(client, "add_institution")
    before = (Institution.objects.count(), InstitutionName.objects.count())
    response = client.post("/api/v1/institutions/", {**NEW_INSTITUTION, **change}, content_type="application/json")
    assert response.status_code == 400
    assert bad_field in response.json()
    assert (Institution.objects.count(), InstitutionName.objects.count()) == before


def test_institution_agreements_of_unknown_date_are_null(client):
    body = client.get("/api/v1/institutions/cedars-sinai/").json()
    assert [(row["slug"], row["signed_on"]) for row in body["agreements"]] == [
        ("cedars-sinai-snuh-inthesmart-mou-2019", "2019-09-01"),
        ("cedars-sinai-taikang-shenzhen-hospital", None),
        ("cedars-sinai-tsinghua-healthcare-leaders", None),
    ]


@pytest.mark.parametrize("path", ["/api/v1/institutions/", "/api/v1/people/", "/api/v1/areas/"])
def test_record_urls_do_not_carry_the_requests_format(client, path):
    body = client.get(path, {"format": "json"}).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert rows
    for row in rows:
        assert row["url"] == f"http://testserver{path}{row['slug']}/"
