import json

import bibtexparser
import pytest

from releases.snapshot import make_release

AGREEMENT = "/partnerships/ehs-amc-mou-2024/"
INSTITUTION = "/institutions/asan-medical-center/"


def ris_fields(text):
    """Return the RIS record as [(tag, value)], checking each line's form."""
    assert text.endswith("ER  - \r\n")
    fields = []
    for line in text.split("\r\n")[:-1]:
        assert line[2:6] == "  - ", line
        fields.append((line[:2], line[6:]))
    return fields


@pytest.mark.django_db
def test_bibtex_citation_parses_and_names_release_and_address(client, releases_dir):
    make_release()

    response = client.get(f"{AGREEMENT}cite.bib")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert (entry.entry_type, entry.key) == ("misc", "hpd-ehs-amc-mou-2024")
    assert entry["url"] == "http://testserver/partnerships/ehs-amc-mou-2024/"
    assert entry["version"] == "Release 1"
    assert entry["title"] == "{Emirates Health Services – Asan Medical Center memorandum of understanding}"
    assert entry["author"] == "{Hospital Partnerships Directory}"


@pytest.mark.django_db
def test_bibtex_escapes_special_characters(client, releases_dir):
    from partnerships.models import Agreement

    Agreement.objects.filter(slug="ehs-amc-mou-2024").update(title="R&D {50%} of $1 #2 under_score")
    library = bibtexparser.parse_string(client.get(f"{AGREEMENT}cite.bib").content.decode())

    assert library.failed_blocks == []
    assert library.entries[0]["title"] == r"{R\&D \{50\%\} of \$1 \#2 under\_score}"


@pytest.mark.django_db
def test_ris_citation_is_a_dataset_record(client, releases_dir):
    make_release()

    response = client.get(f"{INSTITUTION}cite.ris")

    fields = ris_fields(response.content.decode())
    assert fields[0] == ("TY", "DATA")
    assert dict(fields)["TI"] == "Asan Medical Center"
    assert dict(fields)["UR"] == "http://testserver/institutions/asan-medical-center/"
    assert dict(fields)["ET"] == "Release 1"
    assert response["Content-Disposition"] == 'attachment; filename="hpd-asan-medical-center.ris"'


@pytest.mark.django_db
def test_csl_json_citation_has_the_fields_citeproc_reads(client, releases_dir):
    make_release()

    response = client.get(f"{AGREEMENT}cite.json")

    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    (item,) = json.loads(response.content)
    assert item["type"] == "dataset"
    assert item["URL"] == "http://testserver/partnerships/ehs-amc-mou-2024/"
    assert item["version"] == "Release 1"
    assert item["author"] == [{"literal": "Hospital Partnerships Directory"}]
    year, month, day = item["issued"]["date-parts"][0]
    assert year >= 2026 and 1 <= month <= 12 and 1 <= day <= 31


@pytest.mark.django_db
def test_formatted_reference_names_release_and_address(client, releases_dir):
    make_release()

    text = client.get(f"{AGREEMENT}cite.txt").content.decode()

    assert text.startswith("Hospital Partnerships Directory (")
    assert "Hospital Partnerships Directory, release 1." in text
    assert "Available at: http://testserver/partnerships/ehs-amc-mou-2024/" in text


@pytest.mark.django_db
def test_citation_before_any_release_is_of_the_live_directory(client, releases_dir):
    citation = client.get(f"/api/v1/agreements/ehs-amc-mou-2024/citation/").json()

    assert citation["release"] is None
    assert citation["csl"]["version"] == "Unreleased"


@pytest.mark.django_db
def test_citation_api_gives_every_format(client, releases_dir):
    make_release()

    citation = client.get("/api/v1/institutions/asan-medical-center/citation/").json()

    assert citation["cite_as"] == "http://testserver/institutions/asan-medical-center/"
    assert citation["release"] == 1
    assert citation["bibtex"] == client.get(f"{INSTITUTION}cite.bib").content.decode()
    assert citation["ris"] == client.get(f"{INSTITUTION}cite.ris").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("address", [
    "/partnerships/no-such-agreement/cite.bib", "/institutions/no-such-place/cite.ris",
    "/partnerships/ehs-amc-mou-2024/cite.doc", "/api/v1/agreements/no-such-agreement/citation/",
])
def test_citation_of_a_missing_record_or_format_is_404(client, address):
    assert client.get(address).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("address, cite_as", [
    (AGREEMENT, AGREEMENT), (INSTITUTION, INSTITUTION),
    ("/api/v1/agreements/ehs-amc-mou-2024/", AGREEMENT), ("/api/v1/institutions/asan-medical-center/", INSTITUTION),
    ("/api/v1/agreements/ehs-amc-mou-2024/citation/", AGREEMENT), (f"{AGREEMENT}cite.bib", AGREEMENT),
])
def test_record_answers_link_to_their_stable_address(client, address, cite_as):
    first = client.get(address)
    cached = client.get(address)

    for response in (first, cached):
        assert response.status_code == 200
        assert response["Link"] == f'<http://testserver{cite_as}>; rel="cite-as"'


@pytest.mark.django_db
def test_lists_carry_no_cite_as_link(client):
    assert not client.get("/partnerships/").has_header("Link")
    assert not client.get("/api/v1/agreements/").has_header("Link")


@pytest.mark.django_db
def test_record_pages_show_the_citation_box(client, releases_dir):
    make_release()
    page = client.get(AGREEMENT).content.decode()

    assert "Cite this record" in page
    assert "As of release 1, at its stable address." in page
    assert f'href="{AGREEMENT}cite.bib" download' in page
    assert "@misc{hpd-ehs-amc-mou-2024," in page


@pytest.mark.django_db
def test_a_page_in_another_language_cites_the_one_stable_address(client, releases_dir):
    make_release()

    response = client.get("/ko/partnerships/ehs-amc-mou-2024/")

    assert response.status_code == 200
    assert response["Link"] == '<http://testserver/partnerships/ehs-amc-mou-2024/>; rel="cite-as"'
    assert "url = {http://testserver/partnerships/ehs-amc-mou-2024/}" in response.content.decode()
    assert client.get("/ko/releases/").status_code == 200
