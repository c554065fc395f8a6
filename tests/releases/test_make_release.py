import csv
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from frictionless import validate

from institutions.models import Institution, InstitutionName
from partnerships.models import Agreement, Evidence
from releases.models import Release, ReleasedRecord
from releases.snapshot import make_release
from releases.tables import TABLES
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory


def run_make_release():
    out = io.StringIO()
    call_command("make_release", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_make_release_writes_every_table_as_csv_and_json_lines(releases_dir):
    output = run_make_release()

    assert output.startswith("Release 1 written to ")
    folder = releases_dir / "1"
    release = Release.objects.get()
    assert release.counts["agreements"] == Agreement.objects.count() == 6
    assert release.counts["evidence"] == Evidence.objects.count()
    with open(folder / "agreements.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert sorted(row["slug"] for row in rows) == sorted(Agreement.objects.values_list("slug", flat=True))
    lines = (folder / "institutions.jsonl").read_text(encoding="utf-8").splitlines()
    institutions = [json.loads(line) for line in lines]
    assert len(institutions) == Institution.objects.count()
    asan = next(row for row in institutions if row["slug"] == "asan-medical-center")
    assert (asan["key"], asan["country"], asan["parent"]) == ("asan-medical-center", "KR", None)
    for table in TABLES:
        assert (folder / f"{table.name}.csv").exists() and (folder / f"{table.name}.jsonl").exists()


@pytest.mark.django_db
def test_datapackage_is_valid_frictionless_with_counts_and_checksums(releases_dir):
    release = make_release()
    folder = releases_dir / "1"
    package = json.loads((folder / "datapackage.json").read_text())

    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["resource", "type", "note"])[:5]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        data = (folder / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
        table = resource["name"].removesuffix("-jsonl")
        assert resource["stats"]["rows"] == release.counts[table]
    agreements = next(resource for resource in package["resources"] if resource["name"] == "agreements")
    types = {field["name"]: field["type"] for field in agreements["schema"]["fields"]}
    assert (types["signed_on"], types["title"]) == ("date", "string")
    # The release's row lists every file with the checksum of what is on disk.
    for item in release.files:
        assert item["sha256"] == hashlib.sha256((folder / item["name"]).read_bytes()).hexdigest()
    readme = (folder / "README.md").read_text()
    assert "CC-BY-4.0" in readme and "Hospital Partnerships Directory (release 1, " in readme


@pytest.mark.django_db
def test_make_release_twice_without_changes_writes_nothing(releases_dir):
    run_make_release()

    assert run_make_release() == "Nothing changed since release 1: no release written.\n"
    assert list(Release.objects.values_list("number", flat=True)) == [1]
    assert sorted(path.name for path in releases_dir.iterdir()) == ["1"]


@pytest.mark.django_db
def test_a_release_is_never_overwritten(releases_dir):
    make_release()
    Agreement.objects.filter(slug="ehs-amc-mou-2024").update(title="Changed")
    (releases_dir / "2").mkdir()
    (releases_dir / "2" / "someone-elses.txt").write_text("kept")

    with pytest.raises(FileExistsError):
        make_release()

    assert Release.objects.count() == 1
    assert (releases_dir / "2" / "someone-elses.txt").read_text() == "kept"
    # Written files are read-only.
    assert (releases_dir / "1" / "agreements.csv").stat().st_mode & 0o222 == 0


@pytest.mark.django_db
def test_second_release_lists_rows_added_changed_with_old_and_new_values_and_removed(releases_dir):
    make_release()
    agreement = Agreement.objects.get(slug="ehs-amc-mou-2024")
    old_title = agreement.title
    agreement.title = "Emirates Health Services and Asan Medical Center MoU"
    agreement.save()
    added = AgreementFactory(slug="new-partnership-2026")
    AgreementPartyFactory(agreement=added, institution=InstitutionFactory(slug="new-hospital", country="JP"))
    other_name = InstitutionName.objects.order_by("pk").first()
    removed_key = f"{other_name.institution.slug}/{other_name.name}"
    other_name.delete()

    release = make_release()

    assert release.number == 2
    changes = {(change["table"], change["key"]): change for change in release.changes}
    assert changes[("agreements", "ehs-amc-mou-2024")]["fields"] == {"title": [old_title, agreement.title]}
    assert changes[("agreements", "new-partnership-2026")]["change"] == "added"
    assert changes[("parties", "new-partnership-2026/new-hospital")]["change"] == "added"
    assert changes[("institutions", "new-hospital")]["change"] == "added"
    assert changes[("other_names", removed_key)]["change"] == "removed"
    assert release.change_counts["agreements"] == {"added": 1, "changed": 1, "removed": 0}
    on_disk = json.loads((releases_dir / "2" / "changes.json").read_text())
    assert (on_disk["previous_release"], len(on_disk["changes"])) == (1, len(release.changes))

    records = {(row.kind, row.slug): (row.first_release.number, row.changed_release.number)
               for row in ReleasedRecord.objects.select_related("first_release", "changed_release")}
    assert records[("agreements", "ehs-amc-mou-2024")] == (1, 2)
    assert records[("agreements", "new-partnership-2026")] == (2, 2)
    assert records[("agreements", "cedars-sinai-snuh-inthesmart-mou-2019")] == (1, 1)
    # An institution that lost a name changed with it.
    assert records[("institutions", other_name.institution.slug)] == (1, 2)


@pytest.mark.django_db
def test_a_removed_record_is_noted_and_comes_back_when_restored(releases_dir):
    agreement = AgreementFactory(slug="short-lived-2026")
    first = make_release()
    agreement.delete()

    second = make_release()

    record = ReleasedRecord.objects.get(kind="agreements", slug="short-lived-2026")
    assert (record.first_release_id, record.removed_release_id) == (first.pk, second.pk)
    assert {"table": "agreements", "key": "short-lived-2026", "change": "removed"} in second.changes
    AgreementFactory(slug="short-lived-2026")
    third = make_release()
    record.refresh_from_db()
    assert (record.first_release_id, record.changed_release_id, record.removed_release_id) == (first.pk, third.pk, None)


@pytest.mark.django_db
def test_release_holds_the_agreements_lives_and_disagreeing_sources_but_no_article_text(releases_dir):
    from partnerships.models import AgreementEvent, Disagreement, ReportedValue, Source

    release = make_release()
    folder = releases_dir / "1"

    assert release.counts["disagreements"] == Disagreement.objects.count() >= 2
    assert release.counts["reported_values"] == ReportedValue.objects.count()
    assert release.counts["events"] == AgreementEvent.objects.count()
    reported = [json.loads(line) for line in (folder / "reported_values.jsonl").read_text().splitlines()]
    disagreements = {json.loads(line)["key"] for line in (folder / "disagreements.jsonl").read_text().splitlines()}
    assert {row["disagreement"] for row in reported} <= disagreements
    with open(folder / "sources.csv", encoding="utf-8", newline="") as file:
        assert "text" not in next(csv.reader(file))
    assert Source.objects.count() == release.counts["sources"]
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["resource", "type", "note"])[:5]


@pytest.mark.django_db
def test_a_new_event_changes_its_agreement_in_the_next_release(releases_dir):
    import datetime

    from partnerships.models import AgreementEvent

    make_release()
    agreement = Agreement.objects.get(slug="cedars-sinai-snuh-inthesmart-mou-2019")
    AgreementEvent.objects.create(agreement=agreement, kind="ended", dated_on=datetime.date(2024, 9, 1))

    second = make_release()

    assert {"table": "events", "key": "cedars-sinai-snuh-inthesmart-mou-2019/ended/2024-09-01",
            "change": "added"} in second.changes
    record = ReleasedRecord.objects.get(kind="agreements", slug=agreement.slug)
    assert record.changed_release_id == second.pk
