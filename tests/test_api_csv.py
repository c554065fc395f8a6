"""CSV exports of agreements and institutions: a list, a record, an empty list, hostile cells."""
import csv
import io

import pytest

from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

AGREEMENT_COLUMNS = [
    "slug", "title", "kind", "status", "signed_on", "signed_on_precision", "in_force_from", "expires_on", "ended_on",
    "place", "parties", "countries",
    "areas", "people", "sources", "summary", "url",
]
INSTITUTION_COLUMNS = [
    "slug", "name", "short_name", "other_names", "kind", "country", "country_name", "city", "parent", "website",
    "ror_id", "wikidata_id", "isni", "grid_id", "agreement_count", "url",
]
# What a spreadsheet program would run as a formula, with the cell as it must be exported.
HOSTILE_CELLS = [
    ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
]


def table(response, status=200):
    """Return the CSV answer's header and rows, read as a spreadsheet program would."""
    assert (response.status_code, response["Content-Type"]) == (status, "text/csv; charset=utf-8")
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    return header, rows


@pytest.mark.parametrize(("collection", "slug", "columns"), [
    ("agreements", "ehs-amc-mou-2024", AGREEMENT_COLUMNS),
    ("institutions", "asan-medical-center", INSTITUTION_COLUMNS),
])
def test_record_csv_is_the_list_row_with_the_list_columns(client, collection, slug, columns):
    record = table(client.get(f"/api/v1/{collection}/{slug}/?format=csv"))
    listed_header, listed_rows = table(client.get(f"/api/v1/{collection}/?format=csv"))

    assert record == (columns, [row for row in listed_rows if row[0] == slug])
    assert listed_header == columns


def test_record_csv_by_accept_header_is_one_row(client):
    header, rows = table(client.get("/api/v1/institutions/asan-medical-center/", headers={"Accept": "text/csv"}))

    assert (header, [row[:2] for row in rows]) == (INSTITUTION_COLUMNS, [["asan-medical-center", "Asan Medical Center"]])


def test_record_csv_of_an_unknown_slug_is_a_404(client):
    response = client.get("/api/v1/agreements/no-such-agreement/?format=csv")

    assert response.status_code == 404


@pytest.mark.parametrize(("address", "columns"), [
    ("/api/v1/agreements/?format=csv&country=FR", AGREEMENT_COLUMNS),
    ("/api/v1/institutions/?format=csv&country=FR", INSTITUTION_COLUMNS),
])
def test_empty_csv_export_still_has_its_header_row(client, address, columns):
    assert table(client.get(address)) == (columns, [])


@pytest.mark.parametrize(("value", "exported"), HOSTILE_CELLS)
def test_institution_csv_neutralises_formulas_in_list_and_record(client, value, exported):
    institution = InstitutionFactory(slug="hostile-cells", name=value, city=value, country="FR")

    _, listed = table(client.get("/api/v1/institutions/?format=csv&country=FR"))
    _, record = table(client.get(f"/api/v1/institutions/{institution.slug}/?format=csv"))

    name, city = INSTITUTION_COLUMNS.index("name"), INSTITUTION_COLUMNS.index("city")
    assert [(row[name], row[city]) for row in listed + record] == [(exported, exported)] * 2


@pytest.mark.parametrize(("value", "exported"), HOSTILE_CELLS)
def test_agreement_csv_neutralises_formulas_in_list_and_record(client, value, exported):
    party = AgreementPartyFactory(
        agreement=AgreementFactory(slug="hostile-cells", title=value, summary=value),
        institution=InstitutionFactory(name=value, country="FR"),
    )

    _, listed = table(client.get("/api/v1/agreements/?format=csv&country=FR"))
    _, record = table(client.get(f"/api/v1/agreements/{party.agreement.slug}/?format=csv"))

    cells = [AGREEMENT_COLUMNS.index(name) for name in ["title", "parties", "summary"]]
    assert [[row[cell] for cell in cells] for row in listed + record] == [[exported, f"{exported} (FR)", exported]] * 2


def test_csv_leaves_numbers_and_inner_formula_signs_alone(client):
    InstitutionFactory(slug="plain-cells", name="Hospital = Clinic", city="Saint-Denis", country="FR")

    _, rows = table(client.get("/api/v1/institutions/plain-cells/?format=csv"))

    column = {name: number for number, name in enumerate(INSTITUTION_COLUMNS)}
    assert [(row[1], row[column["city"]], row[column["agreement_count"]]) for row in rows] == [
        ("Hospital = Clinic", "Saint-Denis", "0"),
    ]


def test_csv_error_answer_is_a_parameter_problem_table(client):
    header, rows = table(client.get("/api/v1/agreements/?format=csv&country=ZZ"), status=400)

    assert (header, [row[0] for row in rows]) == (["parameter", "problem"], ["country"])
