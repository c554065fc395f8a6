"""Hostile and odd input: markup shown as text, SQL-looking filters, oversized bodies, and
Korean, Arabic and German names kept exactly through the API, CSV, admin and pages.

The browser test with the same hostile record is tests/browser/test_hostile_record.py.
"""
import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token

from institutions.models import Institution
from partnerships.models import Agreement
from tests.hostile import (
    AGREEMENT_SLUG, AREA_SLUG, INSTITUTION_SLUG, PERSON_SLUG, SCRIPT, create_hostile_agreement, hostile,
)

ESCAPED_SCRIPT = "&lt;script&gt;window.__pwned=1&lt;/script&gt;"
PAGES = [
    "/", "/partnerships/", f"/partnerships/{AGREEMENT_SLUG}/", "/partnerships/?q=Title", "/institutions/",
    f"/institutions/{INSTITUTION_SLUG}/", "/countries/KR/", "/areas/", f"/areas/{AREA_SLUG}/",
    f"/people/{PERSON_SLUG}/",
]
KOREAN = "서울아산병원"
ARABIC = "مستشفى الإمارات الصحية"
GERMAN = "Universitätsklinikum Düsseldorf – Moorenstraße"


@pytest.fixture
def hostile_agreement(db):
    return create_hostile_agreement()


@pytest.fixture
def curator_token(db):
    curator = User.objects.create_user("hostile-input-curator")
    curator.user_permissions.set(
        Permission.objects.filter(content_type__model__in=["agreement", "institution"])
    )
    return Token.objects.create(user=curator).key


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_page_shows_markup_in_records_as_text(client, hostile_agreement, path):
    html = client.get(path).content.decode()

    assert SCRIPT not in html
    assert "<img src=x" not in html
    assert ESCAPED_SCRIPT in html


@pytest.mark.django_db
def test_agreement_page_escapes_every_text_field(client, hostile_agreement):
    html = client.get(f"/partnerships/{AGREEMENT_SLUG}/").content.decode()

    for label in ["Title", "Place", "Summary", "Hospital", "Partner", "Person", "Native", "Job title",
                  "Headline", "Quote", "Note"]:
        assert f"{label} {ESCAPED_SCRIPT}" in html, label


@pytest.mark.django_db
def test_institution_page_escapes_every_text_field(client, hostile_agreement):
    html = client.get(f"/institutions/{INSTITUTION_SLUG}/").content.decode()

    for label in ["Hospital", "City", "Description", "Other name", "Partner"]:
        assert f"{label} {ESCAPED_SCRIPT}" in html, label


@pytest.mark.django_db
def test_feed_carries_markup_in_records_as_text(client, hostile_agreement):
    response = client.get("/partnerships/feed/")
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(
        entry for entry in ElementTree.fromstring(response.content).iter(f"{atom}entry")
        if entry.findtext(f"{atom}title") == hostile("Title")
    )
    summary = entry.find(f"{atom}summary")

    assert SCRIPT.encode() not in response.content
    # The summary is HTML: the reader decodes the XML once, then must still find escaped markup.
    assert summary.get("type") == "html"
    assert "<script" not in summary.text and ESCAPED_SCRIPT in summary.text
    assert "<img" not in summary.text


SQL_LIKE = [
    "' OR '1'='1", "1; DROP TABLE partnerships_agreement; --", "KR' UNION SELECT password FROM auth_user --",
    "%' --", "\\'; SELECT pg_sleep(5); --", "x\x00y",
]


@pytest.mark.django_db
@pytest.mark.parametrize("value", SQL_LIKE)
@pytest.mark.parametrize("path", [
    "/api/v1/agreements/", "/api/v1/agreements/facets/", "/api/v1/institutions/", "/api/v1/people/",
    "/partnerships/", "/institutions/",
])
def test_filters_that_look_like_sql_are_harmless(client, path, value):
    agreements, institutions = Agreement.objects.count(), Institution.objects.count()
    parameters = ["q", "country", "between", "institution", "area", "kind", "ordering", "year", "signed_after", "page"]

    statuses = {name: client.get(path, {name: value}).status_code for name in parameters}

    assert set(statuses.values()) <= {200, 400, 404}, statuses
    assert (Agreement.objects.count(), Institution.objects.count()) == (agreements, institutions)


@pytest.mark.django_db
# Text of punctuation only ("%' --") folds to nothing and filters nothing; a NUL is a 400.
@pytest.mark.parametrize("value", SQL_LIKE[:3] + SQL_LIKE[4:5])
def test_search_for_sql_finds_nothing(client, value):
    response = client.get("/api/v1/agreements/", {"q": value})

    assert (response.status_code, response.json()["count"]) == (200, 0)


def agreement_body(slug, **changes):
    return {
        "slug": slug, "title": "A test agreement", "kind": "mou", "status": "signed", "signed_on": "2025-03-01",
        "signed_on_precision": "month", "place": "", "summary": "",
        "parties": [{"institution": "charite"}, {"institution": "tsinghua-university"}],
        "areas": ["academic-exchange"], "sources": ["ror"], **changes,
    }


@pytest.mark.django_db
def test_api_refuses_a_body_over_the_size_limit_with_413(client, settings, curator_token):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    headers = {"Authorization": f"Token {curator_token}"}
    agreements = Agreement.objects.count()

    refused = client.post("/api/v1/agreements/", agreement_body("too-big", summary="x" * 30_000),
                          content_type="application/json", headers=headers)
    accepted = client.post("/api/v1/agreements/", agreement_body("small-enough", summary="x" * 5_000),
                           content_type="application/json", headers=headers)

    assert (refused.status_code, refused.json()) == (413, {"detail": "The request body is larger than 20000 bytes."})
    assert accepted.status_code == 201
    assert Agreement.objects.count() == agreements + 1
    assert not Agreement.objects.filter(slug="too-big").exists()


@pytest.mark.django_db
def test_page_refuses_a_body_over_the_size_limit_with_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000

    response = client.post("/admin/login/", {"username": "x" * 2_000, "password": "y"})

    assert response.status_code == 413
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"The request body is larger than 1000 bytes." in response.content


def too_many_fields():
    from django.conf import settings

    return "&".join(f"country=K{number}" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        ("/api/v1/agreements/", "application/json", b'{"detail": "More than 1000 parameters: send fewer."}'),
        ("/api/v1/institutions/autocomplete/", "application/json", b'{"detail": "More than 1000 parameters: send fewer."}'),
        ("/partnerships/", "text/html; charset=utf-8", b"<h1>More than 1000 parameters: send fewer.</h1>"),
        ("/admin/login/", "text/html; charset=utf-8", b"<h1>More than 1000 parameters: send fewer.</h1>"),
    ],
)
def test_too_many_query_parameters_answer_400(client, settings, debug, path, content_type, body):
    settings.DEBUG = debug

    response = client.get(f"{path}?{too_many_fields()}")

    assert (response.status_code, response["Content-Type"]) == (400, content_type)
    assert body in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_form_with_too_many_fields_answers_400(client, settings, debug):
    settings.DEBUG = debug

    response = client.post("/admin/login/", too_many_fields(), content_type="application/x-www-form-urlencoded")

    assert (response.status_code, response["Content-Type"]) == (400, "text/html; charset=utf-8")
    assert b"<h1>More than 1000 parameters: send fewer.</h1>" in response.content


def institution_body(slug):
    return {
        "slug": slug, "name": GERMAN, "short_name": "UKD", "kind": "hospital", "country": "DE",
        "city": "Düsseldorf", "description": f"{KOREAN} · {ARABIC} · {GERMAN}",
        "other_names": [
            {"name": KOREAN, "kind": "native", "language": "ko"},
            {"name": ARABIC, "kind": "native", "language": "ar"},
        ],
    }


@pytest.mark.django_db
def test_api_keeps_korean_arabic_and_german_names_unchanged(client, curator_token):
    body = institution_body("ukd-round-trip")

    created = client.post("/api/v1/institutions/", body, content_type="application/json",
                          headers={"Authorization": f"Token {curator_token}"})
    fetched = client.get("/api/v1/institutions/ukd-round-trip/").json()

    assert created.status_code == 201
    assert {name: fetched[name] for name in ["name", "city", "description"]} == {
        "name": GERMAN, "city": "Düsseldorf", "description": body["description"],
    }
    assert sorted(fetched["other_names"], key=lambda entry: entry["language"]) == [
        {"name": ARABIC, "kind": "native", "language": "ar"}, {"name": KOREAN, "kind": "native", "language": "ko"},
    ]


@pytest.mark.django_db
def test_api_keeps_korean_and_arabic_agreement_text_unchanged(client, curator_token):
    body = agreement_body("korean-arabic", title=f"{KOREAN} – {ARABIC}", place=ARABIC, summary=GERMAN)

    created = client.post("/api/v1/agreements/", body, content_type="application/json",
                          headers={"Authorization": f"Token {curator_token}"})
    fetched = client.get("/api/v1/agreements/korean-arabic/").json()

    assert created.status_code == 201
    assert (fetched["title"], fetched["place"], fetched["summary"]) == (f"{KOREAN} – {ARABIC}", ARABIC, GERMAN)


@pytest.mark.django_db
def test_csv_keeps_korean_arabic_and_german_names_unchanged(client, curator_token):
    client.post("/api/v1/institutions/", institution_body("ukd-csv"), content_type="application/json",
                headers={"Authorization": f"Token {curator_token}"})

    response = client.get("/api/v1/institutions/", {"format": "csv", "country": "DE"})
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))}

    assert text.startswith("\ufeff")
    assert rows["ukd-csv"]["name"] == GERMAN
    assert sorted(rows["ukd-csv"]["other_names"].split("; ")) == sorted([KOREAN, ARABIC])


class FormFields(HTMLParser):
    """Collect what a browser would submit from the page's forms: inputs, chosen options, text areas."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.data[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data.removeprefix("\n") if not self.data[self.textarea] else data


@pytest.mark.django_db
def test_admin_keeps_korean_arabic_and_german_names_unchanged(client, admin_user):
    client.force_login(admin_user)
    institution = Institution.objects.get(slug="asan-medical-center")
    change_url = f"/admin/institutions/institution/{institution.pk}/change/"
    parser = FormFields()
    parser.feed(client.get(change_url).content.decode())
    form = {name: value for name, value in parser.data.items() if name != "csrfmiddlewaretoken"}
    form.update(name=GERMAN, city=ARABIC, description=KOREAN, _save="Save")

    saved = client.post(change_url, form)
    shown = client.get(change_url).content.decode()

    assert saved.status_code == 302, saved.content.decode()[:2000]
    institution.refresh_from_db()
    assert (institution.name, institution.city, institution.description) == (GERMAN, ARABIC, KOREAN)
    assert f'value="{GERMAN}"' in shown and f'value="{ARABIC}"' in shown and f">\n{KOREAN}</textarea>" in shown


@pytest.mark.django_db
def test_institution_page_shows_names_in_any_script_with_their_direction(client, curator_token):
    client.post("/api/v1/institutions/", institution_body("ukd-page"), content_type="application/json",
                headers={"Authorization": f"Token {curator_token}"})

    html = client.get("/institutions/ukd-page/").content.decode()

    assert f'<h1 dir="auto">{GERMAN}</h1>' in html
    assert f'<span dir="auto" lang="ar">{ARABIC}</span>' in html
    assert f'<span dir="auto" lang="ko">{KOREAN}</span>' in html
    assert json.dumps(ARABIC, ensure_ascii=False)[1:-1] in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("parties", [{"institution": "charite\x00"}, {"institution": "tsinghua-university"}]),
        ("areas", ["oncology\x00"]),
        ("sources", ["ror\x00"]),
        ("people", [{"person": "wang-wei", "name": "Wang Wei", "role": "attended", "institution": "charite\x00"}]),
    ],
)
def test_nul_in_a_slug_of_a_body_is_a_400_naming_the_field(client, curator_token, field, value):
    body = {
        "slug": "nul-test", "title": "NUL test", "kind": "mou", "signed_on_precision": "unknown",
        "parties": [{"institution": "charite"}, {"institution": "tsinghua-university"}],
        "areas": ["oncology"], "sources": ["ror"], field: value,
    }
    response = client.post(
        "/api/v1/agreements/", data=json.dumps(body), content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {curator_token}",
    )
    assert response.status_code == 400
    assert set(response.json()) == {field}
    assert not Agreement.objects.filter(slug="nul-test").exists()


@pytest.mark.django_db
def test_nul_in_a_parent_slug_is_a_400(client, curator_token):
    response = client.patch(
        "/api/v1/institutions/charite/", data=json.dumps({"parent": "tsinghua\x00"}), content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {curator_token}",
    )
    assert (response.status_code, set(response.json())) == (400, {"parent"})
