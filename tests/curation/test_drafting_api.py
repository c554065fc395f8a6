"""POST /api/v1/drafts/: curators only, bad input named, the answer as the schema documents it, nothing saved."""
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from openapi_schema_validator import OAS30ReadValidator
from rest_framework.authtoken.models import Token

from institutions.models import Institution
from partnerships.models import Agreement, Person
from tests.test_api_contract import FORMATS, closed

ADDRESS = "/api/v1/drafts/"
ARTICLE = (settings.SOURCE_ARCHIVE_DIR / "004_6408264fdf4ae983.txt").read_text(encoding="utf-8")
HTML = (Path(__file__).parent / "articles" / "page_keio_vinmec.html").read_text(encoding="utf-8")


@pytest.fixture
def curator(db):
    return User.objects.create_user("curator", password="pw", is_staff=True)


@pytest.fixture
def curator_headers(curator):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=curator).key}"}


@pytest.fixture(scope="module")
def spec(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return json.loads(Client().get("/api/v1/schema/", {"format": "json"}).content)


def post(client, body, **headers):
    return client.post(ADDRESS, json.dumps(body), content_type="application/json", **headers)


def assert_documented(spec, response):
    """Assert that the answer's status and body are what the POST operation documents."""
    operation = spec["paths"][ADDRESS]["post"]
    documented = operation["responses"][str(response.status_code)]
    schema = documented["content"]["application/json"]["schema"]
    validator = OAS30ReadValidator({**closed(schema), "components": closed(spec["components"])}, format_checker=FORMATS)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(response.json())]
    assert errors == []


@pytest.mark.django_db
def test_drafting_api_drafts_an_article_for_a_curator(client, curator_headers, spec):
    response = post(client, {"text": ARTICLE}, **curator_headers)

    assert response.status_code == 200
    assert_documented(spec, response)
    draft = response.json()
    assert draft["source"]["published_on"] == "2024-02-20"
    [agreement] = draft["agreements"]
    assert agreement["kind"] == "mou"
    assert [party["institution"] for party in agreement["parties"]] == ["emirates-health-services", "asan-medical-center"]


@pytest.mark.django_db
def test_drafting_api_reads_a_saved_page(client, curator_headers, spec):
    response = post(client, {"html": HTML, "url": "https://example.org/news/keio-vinmec"}, **curator_headers)

    assert response.status_code == 200
    assert_documented(spec, response)
    draft = response.json()
    assert draft["source"]["url"] == "https://example.org/news/keio-vinmec"
    assert draft["source"]["publisher"] == "Asia Health Wire"
    assert draft["source"]["published_on"] == "2025-03-14"


@pytest.mark.django_db
def test_drafting_api_takes_a_signed_in_curators_session(client, curator, spec):
    client.force_login(curator)

    response = post(client, {"text": ARTICLE, "published_on": "2024-02-21"})

    assert response.status_code == 200
    assert response.json()["source"]["published_on"] == "2024-02-21"


@pytest.mark.django_db
def test_drafting_api_refuses_anyone_but_curators(client, spec):
    anonymous = post(client, {"text": ARTICLE})
    assert anonymous.status_code == 401
    assert_documented(spec, anonymous)

    # Permission to edit agreements is not enough: drafting is for staff.
    editor = User.objects.create_user("editor")
    editor.user_permissions.set(Permission.objects.filter(content_type__model="agreement"))
    token = Token.objects.create(user=editor).key
    refused = post(client, {"text": ARTICLE}, HTTP_AUTHORIZATION=f"Token {token}")
    assert refused.status_code == 403
    assert_documented(spec, refused)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({}, {"text", "html"}),
        ({"text": ARTICLE, "html": HTML}, {"text", "html"}),
        ({"text": "   "}, {"text"}),
        ({"text": ARTICLE, "published_on": "2024-02-30"}, {"published_on"}),
        ({"text": ARTICLE, "published_on": "yesterday"}, {"published_on"}),
        ({"text": ARTICLE, "url": "not an address"}, {"url"}),
        ({"text": "x" * 200_001}, {"text"}),
        ({"text": ["a list"]}, {"text"}),
    ],
)
def test_drafting_api_names_each_bad_field(client, curator_headers, spec, body, named):
    response = post(client, body, **curator_headers)

    assert response.status_code == 400
    assert set(response.json()) == named
    assert_documented(spec, response)


@pytest.mark.django_db
def test_drafting_api_writes_nothing(client, curator_headers, django_assert_max_num_queries):
    before = (Institution.objects.count(), Agreement.objects.count(), Person.objects.count())

    # The token and its user, the institutions and their other names, the areas: never one per name.
    with django_assert_max_num_queries(6):
        response = post(client, {"text": ARTICLE}, **curator_headers)

    assert response.status_code == 200
    assert (Institution.objects.count(), Agreement.objects.count(), Person.objects.count()) == before


@pytest.mark.django_db
def test_drafting_api_answers_only_post(client, curator_headers):
    assert client.get(ADDRESS, **curator_headers).status_code == 405
    assert client.get(ADDRESS).status_code == 405
