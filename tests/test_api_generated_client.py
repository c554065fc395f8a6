"""A client generated from /api/v1/schema/ with openapi-python-client reads every list and record.

The generated code parses each answer into typed models: a null where the schema promises a
value, an undocumented status or a field of the wrong type fails here as it would for a
developer who pulls the directory into a tool.
"""
import importlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler

pytestmark = pytest.mark.usefixtures("wsgi_in_test_transaction")


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_blocker):
    """Return the package generated from the schema as served."""
    from django.test import Client

    folder = tmp_path_factory.mktemp("client")
    with django_db_blocker.unblock():
        schema = Client().get("/api/v1/schema/", {"format": "json"}).json()
    (folder / "schema.json").write_text(json.dumps(schema))
    # No formatter run over the generated code: it only has to import and parse.
    (folder / "config.yaml").write_text("post_hooks: []\npackage_name_override: directory_client\n")
    generator = Path(sys.executable).with_name("openapi-python-client")
    subprocess.run(
        [generator, "generate", "--path", folder / "schema.json", "--config", folder / "config.yaml",
         "--meta", "none", "--output-path", folder / "directory_client", "--fail-on-warning"],
        check=True, capture_output=True,
    )
    sys.path.insert(0, str(folder))
    try:
        package = importlib.import_module("directory_client")
        importlib.import_module("directory_client.models")
        yield package
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == "directory_client"]:
            del sys.modules[name]


@pytest.fixture
def api(generated):
    transport = httpx.WSGITransport(app=WSGIHandler())
    return generated.Client(
        base_url="http://testserver", httpx_args={"transport": transport}, raise_on_unexpected_status=True
    )


def operation(generated, tag, name):
    return importlib.import_module(f"directory_client.api.{tag}.{name}")


def read(generated, api, tag, name, *args, **params):
    """Call an operation and return what the generated code parsed, failing on any other status than 200."""
    response = operation(generated, tag, name).sync_detailed(*args, client=api, **params)
    assert response.status_code == 200, response.content[:500]
    return response.parsed


def every_page(generated, api, tag):
    """Return every row of a paginated list, two a page, through the generated client."""
    rows, page = [], 1
    while True:
        parsed = read(generated, api, tag, f"{tag}_list", page=page, page_size=2)
        rows += parsed.results
        if not parsed.next_:
            assert len(rows) == parsed.count
            return rows
        page += 1


@pytest.mark.parametrize("tag", ["agreements", "institutions", "people"])
def test_generated_client_reads_every_page_and_record(generated, api, tag):
    models = generated.models
    rows = every_page(generated, api, tag)
    assert rows
    record_model = {"agreements": models.AgreementDetail, "institutions": models.InstitutionDetail,
                    "people": models.PersonDetail}[tag]
    for row in rows:
        record = read(generated, api, tag, f"{tag}_retrieve", row.slug)
        assert isinstance(record, record_model)
        assert (record.slug, record.url) == (row.slug, row.url)


def test_generated_client_reads_areas_countries_facets_and_suggestions(generated, api):
    models = generated.models
    areas = read(generated, api, "areas", "areas_list")
    assert areas and all(isinstance(area, models.Area) for area in areas)
    for area in areas:
        assert read(generated, api, "areas", "areas_retrieve", area.slug).slug == area.slug
    countries = read(generated, api, "countries", "countries_list")
    assert {country.code for country in countries} >= {"KR", "DE", "AE", "US", "CN"}
    facets = read(generated, api, "agreements", "agreements_facets_retrieve", country="KR")
    assert isinstance(facets, models.AgreementFacets)
    assert all(isinstance(option.value, int) for option in facets.year)
    assert {option.value for option in facets.area if option.parent} >= {"joint-research"}
    suggestions = read(generated, api, "institutions", "institutions_autocomplete_list", q="asan")
    assert [suggestion.slug for suggestion in suggestions][:1] == ["asan-medical-center"]


def test_generated_client_parses_the_documented_errors(generated, api):
    models = generated.models
    refused = operation(generated, "agreements", "agreements_list").sync_detailed(client=api, country="XX", page=1)
    assert refused.status_code == 400
    assert "country" in refused.parsed.to_dict()
    missing = operation(generated, "agreements", "agreements_retrieve").sync_detailed("no-such-agreement", client=api)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, models.Error) and missing.parsed.detail
    past_the_end = operation(generated, "institutions", "institutions_list").sync_detailed(client=api, page=99)
    assert past_the_end.status_code == 404
    assert isinstance(past_the_end.parsed, models.Error)
