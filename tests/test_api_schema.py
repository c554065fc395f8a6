import re

import pytest
import yaml


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def parameter_names(schema, path):
    return {parameter["name"] for parameter in schema["paths"][path]["get"].get("parameters", [])}


@pytest.mark.django_db
def test_schema_describes_every_agreement_filter(schema):
    expected = {
        "country", "between", "area", "institution", "institution_kind", "kind", "status", "signed_after",
        "signed_before", "year", "year_from", "year_to", "q", "ordering", "page", "page_size", "format",
    }
    assert expected <= parameter_names(schema, "/api/v1/agreements/")
    assert expected - {"page", "page_size", "format"} <= parameter_names(schema, "/api/v1/agreements/facets/")
    assert {"country", "kind", "q", "has_agreements"} <= parameter_names(schema, "/api/v1/institutions/")


@pytest.mark.django_db
def test_schema_lists_every_endpoint(schema):
    assert {
        "/api/v1/agreements/", "/api/v1/agreements/{slug}/", "/api/v1/agreements/facets/",
        "/api/v1/institutions/", "/api/v1/institutions/{slug}/", "/api/v1/areas/", "/api/v1/countries/",
        "/api/v1/people/", "/api/v1/people/{slug}/",
    } <= set(schema["paths"])
    assert schema["openapi"].startswith("3.")


@pytest.mark.django_db
def test_schema_offers_csv_as_text_exactly_where_it_is_served(schema):
    offered = {
        (method, path, code): operation["responses"][code]["content"]["text/csv"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for code in operation["responses"]
        if "text/csv" in operation["responses"][code].get("content", {})
    }

    assert {(method, path) for method, path, _ in offered} == {
        ("get", "/api/v1/agreements/"), ("get", "/api/v1/agreements/{slug}/"),
        ("get", "/api/v1/institutions/"), ("get", "/api/v1/institutions/{slug}/"),
    }
    assert {code for _, _, code in offered} >= {"200", "400", "404"}
    assert all(content == {"schema": {"type": "string"}} for content in offered.values())


@pytest.mark.django_db
def test_schema_documents_a_json_406_for_every_operation(schema):
    answers = [operation["responses"].get("406") for operations in schema["paths"].values() for operation in operations.values()]

    assert {tuple(answer["content"]) for answer in answers} == {("application/json",)}


def test_schema_is_valid_openapi(tmp_path):
    from django.core.management import call_command

    # --validate checks the schema against the OpenAPI 3 specification; warnings fail too.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").stat().st_size > 1000


@pytest.mark.django_db
def test_docs_page_loads_only_local_assets(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses
    assert all(address.startswith("/") for address in addresses), addresses
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "http://" not in script.content.decode() and "https://" not in script.content.decode()
    for address in addresses:
        assert client.get(address).status_code == 200, address


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/agreements/", "/api/v1/institutions/", "/api/v1/people/"])
def test_schema_gives_the_paging_bounds_the_api_enforces(schema, path):
    parameters = {parameter["name"]: parameter["schema"] for parameter in schema["paths"][path]["get"]["parameters"]}
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}
    assert parameters["page"] == {"type": "integer", "minimum": 1}


@pytest.mark.django_db
def test_schema_examples_name_rows_of_the_right_table(schema, client):
    parameters = {parameter["name"]: parameter["schema"] for parameter in schema["paths"]["/api/v1/agreements/"]["get"]["parameters"]}
    for name in ["institution", "area"]:
        response = client.get("/api/v1/agreements/", {name: parameters[name]["example"]})
        assert response.status_code == 200, (name, response.json())


@pytest.mark.django_db
def test_schema_lets_an_institutions_agreement_be_undated(schema):
    # Three agreements of Cedars-Sinai, Tsinghua and Taikang have no known date (null).
    assert schema["components"]["schemas"]["AgreementMention"]["properties"]["signed_on"] == {
        "type": "string", "format": "date", "nullable": True,
    }
