"""Every read operation's answers, as served with the curated data, checked strictly against the schema.

A client generated from /api/v1/schema/ trusts it: a field served as null but declared
non-nullable, or a status or media type the schema does not list, breaks that client. Each
answer here is validated with an OpenAPI 3.0 validator that checks formats (date, date-time,
uri) and treats `nullable` as OpenAPI 3.0.3 defines it, not loosely.
"""
import csv
import io
import json
import re

import jsonschema
import pytest
from django.core.cache import cache
from openapi_schema_validator import OAS30ReadValidator, oas30_format_checker

NO_SUCH_SLUG = "no-such-record"


def format_checker():
    """Return JSON Schema's format checks with the OpenAPI 3.0 ones added."""
    checker = jsonschema.FormatChecker()
    for name, check in oas30_format_checker.checkers.items():
        checker.checkers[name] = check
    # A missing optional dependency would silently turn a check off.
    assert {"date", "date-time", "uri", "int32", "int64"} <= set(checker.checkers)
    return checker


FORMATS = format_checker()


@pytest.fixture(scope="module")
def spec(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def media_type(response):
    return response["Content-Type"].split(";")[0].strip() if response.has_header("Content-Type") else None


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def check_against_schema(spec, path, response, *, formats=FORMATS):
    """Assert that the answer's status, media type and body are what the operation documents."""
    operation = spec["paths"][path]["get"]
    status = str(response.status_code)
    assert status in operation["responses"], f"{path}: {status} is not documented"
    documented = operation["responses"][status]
    body = body_of(response)
    if response.status_code == 304:
        assert body == b"", f"{path}: a 304 carries a body"
        assert "content" not in documented
        return
    kind = media_type(response)
    assert kind in documented.get("content", {}), f"{path}: {status} as {kind} is not documented"
    schema = documented["content"][kind]["schema"]
    if kind == "text/csv":
        text = body.decode("utf-8")
        assert schema["type"] == "string"
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
        assert rows and rows[0], f"{path}: CSV without a header row"
        assert len({len(row) for row in rows}) == 1, f"{path}: CSV rows of different lengths"
        return
    components = closed(spec["components"])
    validator = OAS30ReadValidator({**closed(schema), "components": components}, format_checker=formats)
    errors = sorted(validator.iter_errors(json.loads(body)), key=str)
    assert not errors, f"{path} {status}: " + "; ".join(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors[:5]
    )


def closed(schema):
    """Return the schema with every object closed to properties it does not declare.

    The served schema leaves objects open so that a field added later breaks no client; here
    a field the API answers with but the schema leaves out is a mismatch.
    """
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: closed(value) for key, value in schema.items()}
    if "properties" in schema and "additionalProperties" not in schema:
        schema["additionalProperties"] = False
    return schema


def concrete(path, slug):
    return re.sub(r"\{[^}]+\}", slug, path)


def list_slugs(client, address):
    body = client.get(address, {"page_size": 200} if "people" in address or "agreements" in address else {}).json()
    rows = body["results"] if isinstance(body, dict) else body
    return [row["slug"] for row in rows]


@pytest.fixture
def record_slugs(client, settings, tmp_path):
    from releases.snapshot import make_release

    # A release, so that the releases' answers are read with rows in them.
    settings.RELEASES_DIR = tmp_path / "releases"
    make_release()
    return {
        "/api/v1/releases/{number}/": [str(row["number"]) for row in client.get("/api/v1/releases/").json()],
        "/api/v1/agreements/{slug}/citation/": list_slugs(client, "/api/v1/agreements/"),
        "/api/v1/institutions/{slug}/citation/": [
            row["slug"] for row in client.get("/api/v1/institutions/", {"page_size": 200}).json()["results"]
        ],
        "/api/v1/agreements/{slug}/": list_slugs(client, "/api/v1/agreements/"),
        "/api/v1/institutions/{slug}/": [
            row["slug"] for row in client.get("/api/v1/institutions/", {"page_size": 200}).json()["results"]
        ],
        "/api/v1/people/{slug}/": list_slugs(client, "/api/v1/people/"),
        "/api/v1/areas/{slug}/": list_slugs(client, "/api/v1/areas/"),
    }


# Queries that each list answers in a documented way: found, filtered, refused, past the end.
LIST_QUERIES = {
    "/api/v1/agreements/": [
        {}, {"country": "KR"}, {"between": "KR,AE"}, {"q": "서울"}, {"cursor": ""}, {"page_size": "2"},
        {"country": "FR"}, {"country": "XX"}, {"page": "99"}, {"page": "abc", "country": "XX"}, {"page_size": "0"},
        {"as_of": "2020-01-01"}, {"expiring_before": "2030-01-01"}, {"status": "in_force"}, {"as_of": "yesterday"},
    ],
    "/api/v1/agreements/facets/": [
        {}, {"country": "KR"}, {"area": "oncology"}, {"country": "XX"}, {"as_of": "2020-01-01"},
        {"as_of": "2020-02-30"},
    ],
    "/api/v1/agreements/network/": [
        {}, {"country": "KR"}, {"as_of": "2020-01-01", "country": "KR"}, {"country": "FR"}, {"country": "XX"},
        {"expiring_before": "soon"},
    ],
    "/api/v1/institutions/": [
        {}, {"country": "DE"}, {"q": "charite"}, {"has_agreements": "false"}, {"country": "XX"}, {"page": "99"},
    ],
    "/api/v1/institutions/autocomplete/": [{"q": "asan"}, {"q": "서울"}, {"q": "zzzz"}, {}],
    "/api/v1/institutions/match/": [{"name": "Asan Medical Centre"}, {"name": "서울대병원", "country": "KR"}, {"name": "SNUH"}, {}],
    "/api/v1/people/": [{}, {"page": "99"}, {"page_size": "1"}],
    "/api/v1/areas/": [{}],
    "/api/v1/countries/": [{}],
    "/api/v1/releases/": [{}],
}


@pytest.mark.django_db
def test_every_read_operation_is_exercised(spec, record_slugs):
    reads = {path for path, operations in spec["paths"].items() if "get" in operations and "schema" not in path}
    assert reads == set(LIST_QUERIES) | set(record_slugs)


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(LIST_QUERIES))
def test_list_answers_match_the_schema(client, spec, path):
    for query in LIST_QUERIES[path]:
        check_against_schema(spec, path, client.get(path, query))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/agreements/{slug}/", "/api/v1/institutions/{slug}/", "/api/v1/people/{slug}/", "/api/v1/areas/{slug}/",
             "/api/v1/releases/{number}/", "/api/v1/agreements/{slug}/citation/", "/api/v1/institutions/{slug}/citation/"]
)
def test_every_curated_record_matches_the_schema(client, spec, record_slugs, path):
    assert record_slugs[path]
    for slug in record_slugs[path]:
        response = client.get(concrete(path, slug))
        check_against_schema(spec, path, response)
        if response.has_header("ETag"):
            again = client.get(concrete(path, slug), HTTP_IF_NONE_MATCH=response["ETag"])
            assert again.status_code == 304
            check_against_schema(spec, path, again)
    check_against_schema(spec, path, client.get(concrete(path, NO_SUCH_SLUG)))


@pytest.mark.django_db
def test_answers_match_the_schema_for_validators_that_skip_formats(client, spec, record_slugs):
    # Without format checks a blank URL is as good a URI as any: the schema must still hold.
    for path in ["/api/v1/institutions/{slug}/", "/api/v1/agreements/{slug}/"]:
        for slug in record_slugs[path]:
            check_against_schema(spec, path, client.get(concrete(path, slug)), formats=None)
    check_against_schema(spec, "/api/v1/institutions/", client.get("/api/v1/institutions/"), formats=None)


def operations_offering(spec, kind):
    return sorted(
        path for path, operations in spec["paths"].items()
        if kind in operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
    )


@pytest.mark.django_db
def test_csv_answers_match_the_schema(client, spec, record_slugs):
    offering = operations_offering(spec, "text/csv")
    assert {"/api/v1/agreements/", "/api/v1/institutions/"} <= set(offering)
    for path in offering:
        slugs = record_slugs.get(path, [None])
        for slug in slugs:
            address = concrete(path, slug) if slug else path
            for response in (client.get(address, {"format": "csv"}), client.get(address, HTTP_ACCEPT="text/csv")):
                assert media_type(response) == "text/csv"
                check_against_schema(spec, path, response)
    for path in ["/api/v1/agreements/", "/api/v1/institutions/"]:
        check_against_schema(spec, path, client.get(path, {"format": "csv", "country": "FR"}))
        check_against_schema(spec, path, client.get(path, {"format": "csv", "country": "XX"}))


@pytest.mark.django_db
def test_refused_credentials_answer_as_documented(client, spec, record_slugs):
    for path in sorted(LIST_QUERIES) + sorted(record_slugs):
        address = concrete(path, record_slugs[path][0]) if path in record_slugs else path
        response = client.get(address, {"q": "asan"}, HTTP_AUTHORIZATION="Token not-a-token")
        assert response.status_code == 401
        check_against_schema(spec, path, response)


@pytest.mark.django_db
def test_rate_limited_answers_match_the_schema(client, spec, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/day", "user": None}}
    for path in ["/api/v1/agreements/", "/api/v1/institutions/", "/api/v1/areas/"]:
        client.get(path)
        response = client.get(path)
        assert response.status_code == 429
        check_against_schema(spec, path, response)
        cache.clear()
