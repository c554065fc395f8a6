"""Importing the Research Organization Registry's dump (schema v2): records, refreshes, curators' edits kept."""
import copy
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from curation.drafting import draft_from_article
from institutions.models import Institution, MergeProposal

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "ror-sample-v2.json"
HANBIT = "https://ror.org/0test0001"


def imported(path=SAMPLE, *options):
    call_command("import_ror", str(path), *options, verbosity=0)


def dump(tmp_path, records, name="v9.9-2026-12-01-ror-data_schema_v2.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def sample():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_a_record_becomes_an_institution_with_its_names_place_kind_parent_and_identifiers(client):
    imported()

    hospital = Institution.objects.get(ror_id=HANBIT)
    assert (hospital.name, hospital.short_name, hospital.kind, hospital.country.code, hospital.city) == (
        "Hanbit University Hospital", "HUH", "academic_medical_center", "KR", "Daejeon",
    )
    assert hospital.parent.name == "Hanbit University"
    assert set(hospital.other_names.values_list("name", "kind", "language")) == {
        ("한빛대학교병원", "native", "ko"), ("한빛대병원", "native", "ko"),
    }
    assert hospital.history.earliest().history_change_reason == "Imported from ROR v2"
    answer = client.get(f"/api/v1/institutions/{hospital.slug}/").json()
    assert (answer["wikidata_id"], answer["isni"], answer["grid_id"], answer["website"]) == (
        "Q90000001", "0000 0004 0000 0001", "grid.900001.a", "https://www.huh.example.kr",
    )
    assert hospital.slug in {row["slug"] for row in client.get("/api/v1/institutions/?q=한빛대학교병원").json()["results"]}


def test_each_script_is_kept_and_each_type_gives_its_kind():
    imported()

    by_ror = {i.ror_id.rsplit("/", 1)[1]: i for i in Institution.objects.exclude(ror_id="")}
    assert by_ror["0test0004"].native_names == {"zh-hans": "江南医科大学"}
    assert (by_ror["0test0009"].kind, by_ror["0test0009"].native_names) == ("hospital", {"ar": "مستشفى النور التخصصي"})
    assert {code: by_ror[code].kind for code in ("0test0003", "0test0010", "0test0017", "0test0018", "0test0002")} == {
        "0test0003": "cancer_center", "0test0010": "health_agency", "0test0017": "company",
        "0test0018": "university", "0test0002": "university",
    }
    # A slug in Latin letters for every record; Kosovo, which the directory's countries lack, is left out.
    assert all(i.slug.isascii() for i in by_ror.values())
    assert "0test0024" not in by_ror and "0test0021" not in by_ror


def test_the_zip_as_published_imports_as_its_json_does(tmp_path):
    archive = tmp_path / "v1.58-2024-12-11-ror-data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(SAMPLE, "v1.58-2024-12-11-ror-data.json")
        zipped.write(SAMPLE, "v1.58-2024-12-11-ror-data_schema_v2.json")

    imported(archive)

    hospital = Institution.objects.get(ror_id=HANBIT)
    assert hospital.history.earliest().history_change_reason == "Imported from ROR v1.58"


def test_a_second_import_of_the_same_dump_changes_nothing():
    imported()
    rows = Institution.objects.count()
    versions = dict(Institution.objects.values_list("pk", "version"))
    history = Institution.history.count()

    imported()

    assert Institution.objects.count() == rows
    assert dict(Institution.objects.values_list("pk", "version")) == versions
    assert Institution.history.count() == history


def test_a_newer_dump_updates_what_changed_but_never_what_a_curator_edited(tmp_path):
    imported()
    hospital = Institution.objects.get(ror_id=HANBIT)
    hospital.city = "Daejeon Metropolitan City"  # a curator's edit
    hospital.save()
    newer = sample()
    newer[0]["locations"][0]["geonames_details"]["name"] = "Yuseong"
    newer[0]["links"][0]["value"] = "https://new.huh.example.kr"
    newer[0]["names"].append({"value": "Hanbit Hospital", "types": ["alias"], "lang": "en"})

    imported(dump(tmp_path, newer))

    hospital.refresh_from_db()
    assert hospital.city == "Daejeon Metropolitan City"
    assert hospital.website == "https://new.huh.example.kr"
    assert hospital.other_names.filter(name="Hanbit Hospital", kind="alternative").exists()
    assert hospital.history.latest().history_change_reason == "Imported from ROR v9.9"


def test_the_curated_directorys_values_stay_and_its_blank_fields_are_filled():
    tsinghua = Institution.objects.get(slug="tsinghua-university")
    curated = (tsinghua.name, tsinghua.city, tsinghua.website, tsinghua.kind)

    imported()

    tsinghua.refresh_from_db()
    assert (tsinghua.name, tsinghua.city, tsinghua.website, tsinghua.kind) == curated
    assert (tsinghua.isni, tsinghua.grid_id) == ("0000 0001 0662 3178", "grid.12527.33")
    assert tsinghua.other_names.filter(name="清华大学", language="zh").exists()


def test_a_record_withdrawn_for_a_successor_is_proposed_for_merging_never_merged(tmp_path):
    first = sample()
    first[20]["status"] = "active"
    imported(dump(tmp_path, first, "v9.8-first.json"))
    withdrawn = Institution.objects.get(ror_id="https://ror.org/0test0021")

    imported()

    [proposal] = MergeProposal.objects.all()
    assert (proposal.duplicate, proposal.survivor.ror_id) == (withdrawn, "https://ror.org/0test0022")
    assert Institution.objects.filter(pk=withdrawn.pk).exists()


def test_options_limit_the_import_by_type_and_country():
    before = Institution.objects.count()

    imported(SAMPLE, "--type", "healthcare", "--country", "KR")

    added = Institution.objects.exclude(ror_id="").filter(ror_values__has_key="name")
    assert sorted(added.values_list("ror_id", flat=True)) == [
        "https://ror.org/03s5q0090", "https://ror.org/0test0001", "https://ror.org/0test0003",
    ]
    assert Institution.objects.count() == before + 2


@pytest.mark.parametrize("content", ["not json at all", '{"id": "https://ror.org/0x"}', '[{"names": []}]'])
def test_a_file_that_is_no_ror_dump_is_refused_and_writes_nothing(tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_text(content)
    before = Institution.objects.count()

    with pytest.raises(CommandError, match="broken.json"):
        imported(path)

    assert Institution.objects.count() == before


def test_a_draft_naming_institutions_only_the_registry_holds_takes_their_records():
    imported()
    text = "2025년 4월 3일 | 홍보팀\n\n한빛대학교병원은 지난 1일 동해암센터와 암 진료 협력을 위한 업무협약을 체결했다."

    [agreement] = draft_from_article(text=text)["agreements"]

    records = Institution.objects.filter(slug__in=[party["institution"] for party in agreement["parties"]])
    assert {(i.ror_id, i.country.code, i.kind) for i in records} == {
        (HANBIT, "KR", "academic_medical_center"), ("https://ror.org/0test0003", "KR", "cancer_center"),
    }
