import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from institutions.models import Institution, InstitutionName
from partnerships.models import (
    Agreement, AgreementArea, AgreementEvent, AgreementParty, Area, Disagreement, Evidence, Participation, Person,
    ReportedValue, Source,
)

pytestmark = pytest.mark.django_db

DIRECTORY_MODELS = [
    Area, Source, Institution, InstitutionName, Person, Agreement, AgreementParty, AgreementArea, Participation,
    AgreementEvent, Evidence, Disagreement, ReportedValue,
]


def directory_dump():
    """Return every directory row by natural key, in an order that does not depend on ids."""
    rows = serializers.serialize(
        "python", [row for model in DIRECTORY_MODELS for row in model.objects.all()],
        use_natural_foreign_keys=True, use_natural_primary_keys=True,
    )
    for row in rows:
        row["fields"] = {name: sorted(value) if isinstance(value, list) else value for name, value in row["fields"].items()}
    return sorted(rows, key=repr)


def wipe_directory():
    Institution.objects.update(parent=None)
    Area.objects.update(parent=None)
    for model in reversed(DIRECTORY_MODELS):
        model.objects.all().delete()


def export(path):
    call_command("export_directory", str(path), stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    return json.loads(path.read_text(encoding="utf-8"))


def import_file(path, capsys):
    call_command("import_directory", str(path))
    return capsys.readouterr()


def test_backup_restores_the_whole_directory_into_an_empty_database(tmp_path, capsys):
    before = directory_dump()
    export(tmp_path / "backup.json")
    wipe_directory()
    assert sum(model.objects.count() for model in DIRECTORY_MODELS) == 0

    output = import_file(tmp_path / "backup.json", capsys)

    assert directory_dump() == before
    assert "evidence: 103 created, 0 changed, 0 unchanged" in output.out.splitlines()
    assert "agreements: 6/6" in output.err.splitlines()
    assert "values the sources give: 5 created, 0 changed, 0 unchanged" in output.out.splitlines()


def test_backup_imported_twice_changes_nothing(tmp_path, capsys):
    export(tmp_path / "backup.json")
    wipe_directory()
    import_file(tmp_path / "backup.json", capsys)
    restored = directory_dump()

    output = import_file(tmp_path / "backup.json", capsys)

    assert directory_dump() == restored
    lines = output.out.splitlines()
    # Areas to evidence, then events, disagreements and their reported values.
    assert len(lines) == 14
    assert [line.split(": ")[1].split(", ")[:2] for line in lines] == [["0 created", "0 changed"]] * len(lines)


def test_backup_file_names_rows_by_slug_not_by_id(tmp_path):
    backup = export(tmp_path / "backup.json")

    agreement = next(record for record in backup["agreements"] if record["slug"] == "charite-sccc-mou-2023")
    assert (backup["format"], backup["version"]) == ("hospital-partnerships-directory", 1)
    assert "id" not in agreement
    assert agreement["parties"][0] == {"institution": "charite", "role": "party"}


def set_value(*path, value):
    def change(backup):
        *parents, last = path
        container = backup
        for key in parents:
            container = container[key]
        container[last] = value
        return backup
    return change


def drop_field(*path):
    def change(backup):
        *parents, last = path
        container = backup
        for key in parents:
            container = container[key]
        del container[last]
        return backup
    return change


def agreement_index(backup, slug):
    return next(position for position, record in enumerate(backup["agreements"]) if record["slug"] == slug)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (set_value("format", value="something-else"),
         "'format' is 'something-else', not 'hospital-partnerships-directory': this is not a directory backup"),
        (set_value("version", value=2), "'version' is 2: this site reads version 1 only"),
        (drop_field("people"), "the file: missing people"),
        (set_value("sources", value={}), "the file: 'sources' is not a list"),
        (drop_field("institutions", 0, "kind"), "institutions[0]: missing kind"),
        (set_value("institutions", 0, "city", value=["Seoul"]),
         "institutions[0].city: expected text or null, found ['Seoul']"),
        (set_value("agreements", -1, "parties", 0, "institution", value="no-such-hospital"),
         "agreements[5].parties[0].institution: no institution with slug 'no-such-hospital'"),
        (set_value("agreements", -1, "evidence", 0, "source", value="no-such-source"),
         "agreements[5].evidence[0].source: no source with slug 'no-such-source'"),
        (set_value("areas", 0, "parent", value="academic-exchange"),
         "areas: parents form a loop among academic-exchange"),
        (set_value("agreements", -1, "signed_on_precision", value="unknown"),
         "agreements[5]: __all__: Constraint “agreement_date_matches_precision” is violated."),
        (set_value("agreements", -1, "kind", value="treaty"),
         "agreements[5]: kind: Value 'treaty' is not a valid choice."),
        (set_value("agreements", -1, "evidence", -1, "quote", value="A sentence the article never printed."),
         "agreements[5].evidence[23]: quote: The archived text of this source does not contain this quote."),
    ],
)
def test_backup_malformed_file_is_refused_and_nothing_written(tmp_path, change, message):
    backup = export(tmp_path / "backup.json")
    # A valid change early in the file, which the refusal must undo as well.
    backup["institutions"][0]["city"] = "Elsewhere"
    backup["agreements"].sort(key=lambda record: record["signed_on"] or "")
    (tmp_path / "broken.json").write_text(json.dumps(change(backup)), encoding="utf-8")
    before = directory_dump()

    with pytest.raises(CommandError) as refusal:
        call_command("import_directory", str(tmp_path / "broken.json"), stdout=open("/dev/null", "w"),
                     stderr=open("/dev/null", "w"))

    assert str(refusal.value) == f"{tmp_path / 'broken.json'} was not imported, nothing was changed: {message}"
    assert directory_dump() == before


def test_backup_that_is_not_json_is_refused(tmp_path):
    (tmp_path / "broken.json").write_text('{"format": "hospital-partnerships-directory",', encoding="utf-8")

    with pytest.raises(CommandError) as refusal:
        call_command("import_directory", str(tmp_path / "broken.json"))

    assert str(refusal.value) == (
        f"Cannot read {tmp_path / 'broken.json'}: Expecting property name enclosed in double quotes: "
        "line 1 column 46 (char 45)"
    )
