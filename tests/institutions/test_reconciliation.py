"""The reconciliation service as OpenRefine uses it, every answer checked against the W3C 0.2 schemas.

The schemas (institutions/reconciliation_spec/) and the specification's own examples
(tests/institutions/reconciliation_examples/) are copied from the W3C Entity Reconciliation
Community Group's 0.2 report; see their README for the licence.
"""
import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from institutions.models import Institution

pytestmark = pytest.mark.django_db

SPEC = Path(__file__).resolve().parents[2] / "institutions" / "reconciliation_spec"
EXAMPLES = Path(__file__).parent / "reconciliation_examples"
SCHEMAS = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in SPEC.glob("*.json")}
REGISTRY = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)) for schema in SCHEMAS.values()
)


def valid(data, name):
    validator = jsonschema.Draft7Validator(SCHEMAS[name], registry=REGISTRY)
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)]
    assert errors == []
    return data


def examples(kind, validity):
    return sorted((EXAMPLES / kind / validity).glob("*.json"))


def test_the_manifest_is_a_valid_0_2_manifest_with_cors(client):
    response = client.get("/reconcile/")

    assert response["Access-Control-Allow-Origin"] == "*"
    manifest = valid(response.json(), "manifest")
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "http://testserver/institutions/"
    assert client.get(manifest["view"]["url"].replace("{{id}}", "asan-medical-center")).status_code == 200
    assert client.get(manifest["preview"]["url"].replace("{{id}}", "asan-medical-center")).status_code == 200


def test_queries_by_get_and_post_answer_candidates_with_scores_and_one_match(client):
    queries = {
        "q0": {"query": "Asan Medical Centre", "type": "institution", "limit": 3},
        "q1": {"query": "서울대병원"},
        "q2": {"query": "Charite", "properties": [{"pid": "country", "v": "DE"}]},
    }
    for response in (client.get("/reconcile/", {"queries": json.dumps(queries)}),
                     client.post("/reconcile/", {"queries": json.dumps(queries)})):
        results = valid(response.json(), "reconciliation-result-batch")
        assert response["Access-Control-Allow-Origin"] == "*"
        first = {key: (result["result"][0]["id"], result["result"][0]["match"]) for key, result in results.items()}
        assert first == {
            "q0": ("asan-medical-center", True), "q1": ("seoul-national-university-hospital", True), "q2": ("charite", True),
        }
        assert len(results["q0"]["result"]) <= 3
        assert all(0 <= c["score"] <= 100 and c["type"] == [{"id": "institution", "name": "Institution"}]
                   for result in results.values() for c in result["result"])


def test_a_ror_or_wikidata_id_finds_its_institution_without_a_name(client):
    tsinghua = Institution.objects.get(slug="tsinghua-university")
    queries = {"q0": {"properties": [{"pid": "ror_id", "v": tsinghua.ror_id}]},
               "q1": {"query": "anything", "properties": [{"pid": "ror_id", "v": tsinghua.ror_id.rsplit("/", 1)[1]}]}}

    results = valid(client.post("/reconcile/", {"queries": json.dumps(queries)}).json(), "reconciliation-result-batch")

    assert [results[key]["result"][0]["id"] for key in ("q0", "q1")] == ["tsinghua-university"] * 2
    assert results["q0"]["result"][0]["match"] is True


@pytest.mark.parametrize("example", examples("reconciliation-query-batch", "valid"), ids=lambda path: path.stem)
def test_every_valid_query_example_of_the_specification_is_answered(client, example):
    response = client.post("/reconcile/", {"queries": example.read_text(encoding="utf-8")})

    assert response.status_code == 200
    valid(response.json(), "reconciliation-result-batch")


@pytest.mark.parametrize(
    "example",
    [*examples("reconciliation-query-batch", "invalid"), *examples("data-extension-query", "invalid")],
    ids=lambda path: f"{path.parent.parent.name}/{path.stem}",
)
def test_every_invalid_query_example_of_the_specification_is_refused(client, example):
    parameter = "extend" if example.parent.parent.name == "data-extension-query" else "queries"

    response = client.post("/reconcile/", {parameter: example.read_text(encoding="utf-8")})

    assert response.status_code == 400
    assert response.json()["error"].startswith(parameter)


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"q0": "Asan"}'])
def test_a_malformed_batch_is_refused_with_why(client, text):
    response = client.get("/reconcile/", {"queries": text})

    assert response.status_code == 400
    assert "queries" in response.json()["error"]


def test_data_extension_answers_each_property_of_each_id(client):
    query = {"ids": ["charite-comprehensive-cancer-center", "no-such-slug"],
             "properties": [{"id": "country"}, {"id": "parent"}, {"id": "agreement_count"}, {"id": "ror_id"}, {"id": "unheard_of"}]}

    response = client.post("/reconcile/", {"extend": json.dumps(query)})

    data = valid(response.json(), "data-extension-response")
    row = data["rows"]["charite-comprehensive-cancer-center"]
    assert row["country"] == [{"str": "DE"}]
    assert row["parent"] == [{"id": "charite", "name": Institution.objects.get(slug="charite").name}]
    assert row["agreement_count"][0]["int"] >= 1
    assert row["unheard_of"] == [] and data["rows"]["no-such-slug"]["country"] == []
    for example in examples("data-extension-query", "valid"):
        assert client.post("/reconcile/", {"extend": example.read_text()}).status_code == 200


def test_suggest_preview_and_property_proposals(client):
    suggested = valid(client.get("/reconcile/suggest/entity", {"prefix": "asan"}).json(), "suggest-entities-response")
    assert suggested["result"][0]["id"] == "asan-medical-center"
    proposed = valid(client.get("/reconcile/properties", {"type": "institution"}).json(), "data-extension-property-proposal")
    assert {"country", "city", "ror_id", "wikidata_id", "parent", "agreement_count"} <= {p["id"] for p in proposed["properties"]}
    preview = client.get("/reconcile/preview", {"id": "asan-medical-center"})
    assert "Asan Medical Center" in preview.content.decode()
    assert client.get("/reconcile/preview", {"id": "nope"}).status_code == 404
    assert client.get("/reconcile/suggest/entity").status_code == 400


def test_jsonp_wraps_the_answer_for_a_callback(client):
    response = client.get("/reconcile/", {"callback": "jsonp123"})

    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert body.startswith("jsonp123(") and body.endswith(")")
    valid(json.loads(body[len("jsonp123("):-1]), "manifest")
