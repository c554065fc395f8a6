"""Write a numbered release: every table as JSON Lines and CSV, a Frictionless datapackage.json,
the changes since the release before, and a README with the licence and how to cite it.

A release is written to a temporary folder beside the others and renamed into place when
complete, so a folder named by a number is always whole; a number once written is never
written again. A run that finds the data as the latest release has it writes nothing.
"""
import csv
import hashlib
import json
import os
import shutil
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.models import DataVersion
from releases.models import Release, ReleasedRecord
from releases.tables import TABLES, record_of

TITLE = "Hospital Partnerships Directory"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# How many changes the release's row keeps for its page; changes.json has every one.
CHANGES_KEPT = 500
MEDIA_TYPES = {
    ".jsonl": "application/jsonl",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".md": "text/markdown; charset=utf-8",
}


class NothingChanged(Exception):
    """The directory holds what the latest release holds: no new release is written."""

    def __init__(self, release):
        super().__init__(f"nothing changed since release {release.number}: no release written")
        self.release = release


def folder_of(number):
    return Path(settings.RELEASES_DIR) / str(number)


def row_digest(row):
    """Return 16 bytes that tell one version of a row from another: compact, for a million rows in memory."""
    return hashlib.sha256(json.dumps(row, ensure_ascii=False, sort_keys=True).encode()).digest()[:16]


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_type(name):
    return MEDIA_TYPES[Path(name).suffix]


def make_release(*, now=None, progress=lambda line: None):
    """Write the next release and return it, or raise NothingChanged.

    The rows are read inside one transaction, so every table shows the directory at one moment.
    """
    now = now or timezone.now()
    root = Path(settings.RELEASES_DIR)
    root.mkdir(parents=True, exist_ok=True)
    previous = Release.objects.latest_first().first()
    number = previous.number + 1 if previous else 1
    final = folder_of(number)
    if final.exists():
        raise FileExistsError(f"{final} exists already: a release is never overwritten")
    work = root / f".writing-{number}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        with transaction.atomic():
            digests, record_rows, counts = write_tables(work, progress=progress)
        fingerprint = hashlib.sha256(
            json.dumps({name: sha256_of(work / f"{name}.csv") for name in counts}, sort_keys=True).encode()
        ).hexdigest()
        if previous and previous.fingerprint == fingerprint:
            raise NothingChanged(previous)
        changes = compare(previous, work, digests) if previous else None
        write_changes(work, number=number, previous=previous, changes=changes)
        write_datapackage(work, number=number, now=now, counts=counts)
        write_readme(work, number=number, now=now, counts=counts, previous=previous, changes=changes)
        files = [
            {"name": path.name, "bytes": path.stat().st_size, "sha256": sha256_of(path), "media_type": media_type(path.name)}
            for path in ordered_files(work)
        ]
        with transaction.atomic():
            release = Release.objects.create(
                number=number, released_at=now, counts=counts, files=files, fingerprint=fingerprint,
                change_counts=change_counts(changes) if changes is not None else {},
                changes=(changes or [])[:CHANGES_KEPT], changes_truncated=len(changes or []) > CHANGES_KEPT,
            )
            record_releases(release, record_rows)
            for path in work.iterdir():
                path.chmod(0o444)
            # A number taken meanwhile by another run fails here, and nothing is committed.
            work.rename(final)
        DataVersion.bump()
        progress(f"release {number} written to {final}")
        return release
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ordered_files(folder):
    names = ["README.md", "datapackage.json", "changes.json"]
    names += [f"{table.name}{suffix}" for table in TABLES for suffix in (".csv", ".jsonl")]
    return [folder / name for name in names]


def write_tables(folder, *, progress):
    """Write each table as CSV and JSON Lines; return each row's digest, each record's row digests and the counts."""
    digests = {}
    record_rows = defaultdict(list)
    counts = {}
    for table in TABLES:
        table_digests = {}
        with open(folder / f"{table.name}.jsonl", "w", encoding="utf-8", newline="\n") as jsonl, \
                open(folder / f"{table.name}.csv", "w", encoding="utf-8", newline="") as csv_file:
            writer = csv.writer(csv_file, lineterminator="\r\n")
            writer.writerow(table.columns)
            for row in table.rows():
                jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
                # CSV has no null: a missing value is an empty field, as the schema's missingValues says.
                writer.writerow(["" if value is None else value for value in row.values()])
                digest = row_digest(row)
                table_digests[row["key"]] = digest
                if record := record_of(table.name, row):
                    record_rows[record].append(digest)
        digests[table.name] = table_digests
        counts[table.name] = len(table_digests)
        progress(f"{table.name}: {len(table_digests)} rows")
    return digests, record_rows, counts


def read_jsonl(path, keys):
    """Return {key: row} of the rows of a JSON Lines table whose keys are among `keys`."""
    found = {}
    if not keys:
        return found
    with open(path, encoding="utf-8") as file:
        for line in file:
            row = json.loads(line)
            if row["key"] in keys:
                found[row["key"]] = row
    return found


def compare(previous, folder, digests):
    """Return the changes from the previous release to the tables in the folder, table by table."""
    changes = []
    before_folder = folder_of(previous.number)
    for table in TABLES:
        before_path = before_folder / f"{table.name}.jsonl"
        before = {}
        if before_path.exists():
            with open(before_path, encoding="utf-8") as file:
                for line in file:
                    row = json.loads(line)
                    before[row["key"]] = row_digest(row)
        now = digests[table.name]
        added = sorted(now.keys() - before.keys())
        removed = sorted(before.keys() - now.keys())
        changed = sorted(key for key in now.keys() & before.keys() if now[key] != before[key])
        old_rows = read_jsonl(before_path, set(changed)) if before_path.exists() else {}
        new_rows = read_jsonl(folder / f"{table.name}.jsonl", set(changed))
        changes += [{"table": table.name, "key": key, "change": "added"} for key in added]
        for key in changed:
            old, new = old_rows[key], new_rows[key]
            fields = {name: [old.get(name), new.get(name)] for name in new if old.get(name) != new.get(name)}
            changes.append({"table": table.name, "key": key, "change": "changed", "fields": fields})
        changes += [{"table": table.name, "key": key, "change": "removed"} for key in removed]
    return changes


def change_counts(changes):
    counts = {table.name: {"added": 0, "changed": 0, "removed": 0} for table in TABLES}
    for change in changes:
        counts[change["table"]][change["change"]] += 1
    return {name: table_counts for name, table_counts in counts.items() if any(table_counts.values())}


def write_changes(folder, *, number, previous, changes):
    document = {
        "release": number,
        "previous_release": previous.number if previous else None,
        "changes": changes or [],
    }
    (folder / "changes.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_datapackage(folder, *, number, now, counts):
    """Write a Frictionless Data Package describing each table's CSV and JSON Lines files."""
    resources = []
    for table in TABLES:
        types = table.field_types()
        schema = {
            "fields": [{"name": column, "type": types[column]} for column in table.columns],
            "primaryKey": ["key"],
            "missingValues": [""],
            "foreignKeys": [
                {"fields": [column], "reference": {"resource": target[0], "fields": [target[1]]} if isinstance(target, tuple)
                 else {"resource": target, "fields": ["slug"]}}
                for column, target in table.references.items()
            ],
        }
        for suffix, extra in ((".csv", {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}),
                              (".jsonl", {"format": "jsonl", "mediatype": "application/jsonl", "encoding": "utf-8"})):
            path = folder / f"{table.name}{suffix}"
            if suffix == ".jsonl" and not counts[table.name]:
                # An empty JSON-lines file has no first line to read a table from (frictionless
                # refuses it); the CSV, with its header, is the empty table.
                continue
            resources.append({
                # Foreign keys name the CSV resources, which carry the tables' plain names.
                "name": table.name if suffix == ".csv" else f"{table.name}-jsonl",
                "title": table.title,
                "path": path.name,
                "profile": "tabular-data-resource",
                **extra,
                "bytes": path.stat().st_size,
                "hash": f"sha256:{sha256_of(path)}",
                "stats": {"rows": counts[table.name]},
                "schema": schema,
            })
    package = {
        "profile": "tabular-data-package",
        "name": "hospital-partnerships-directory",
        "title": f"{TITLE}, release {number}",
        "version": f"{number}.0.0",
        "created": now.isoformat(timespec="seconds"),
        "description": "International partnership agreements between hospitals, universities, companies and "
                       "health agencies; every fact is tied to the source that states it (table evidence).",
        "licenses": [LICENSE],
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def citation_text(number, when, url=""):
    """Return how to cite a release, as its README and the releases page say it."""
    address = f" {url}" if url else ""
    return f"{TITLE} (release {number}, {when:%Y-%m-%d}). Licensed {LICENSE['name']}.{address}"


def write_readme(folder, *, number, now, counts, previous, changes):
    lines = [
        f"# {TITLE}: release {number}",
        "",
        f"Released {now:%Y-%m-%d %H:%M} UTC. Every table of the published directory, as CSV (UTF-8, a header row, "
        "an empty field where a value is missing) and as JSON Lines (one object a line, null where a value is "
        "missing). `datapackage.json` describes each file as a Frictionless Data Package: the columns and their "
        "types, the row counts and sha256 checksums. `changes.json` lists every row added, changed (with its old "
        "and new values) and removed since the release before.",
        "",
        "| table | rows |",
        "|---|---|",
        *(f"| {table.name} | {counts[table.name]} |" for table in TABLES),
        "",
        "## Changes",
        "",
    ]
    if previous is None:
        lines.append("The first release.")
    else:
        totals = change_counts(changes)
        lines.append(f"Since release {previous.number}:" if totals else f"No rows changed since release {previous.number}.")
        lines += [f"- {name}: {c['added']} added, {c['changed']} changed, {c['removed']} removed"
                  for name, c in totals.items()]
    lines += [
        "",
        "## Licence",
        "",
        f"The directory's records are published under {LICENSE['title']} ({LICENSE['name']}, {LICENSE['path']}): "
        "share and adapt them, naming the directory and the release. Quotes in the evidence table are short "
        "extracts from the sources named beside them, which remain their publishers'.",
        "",
        "## How to cite this release",
        "",
        f"    {citation_text(number, now)}",
        "",
        "Cite one agreement or institution by the address of its page, which gives its citation as BibTeX, RIS "
        "and CSL-JSON.",
        "",
    ]
    (folder / "README.md").write_text("\n".join(lines), encoding="utf-8")


def record_releases(release, record_rows):
    """Note, for each agreement and institution, the release it first appeared in and the one that last changed it."""
    digests = {record: hashlib.sha256(b"".join(sorted(rows))).hexdigest() for record, rows in record_rows.items()}
    record_rows.clear()
    # Plain tuples, not model instances: a million records stay within a few hundred megabytes.
    known = {
        (kind, slug): (pk, digest, removed)
        for pk, kind, slug, digest, removed in ReleasedRecord.objects.values_list(
            "pk", "kind", "slug", "digest", "removed_release_id"
        ).iterator(chunk_size=5000)
    }
    new, changed, gone = [], [], []
    for (kind, slug), digest in digests.items():
        row = known.get((kind, slug))
        if row is None:
            new.append(ReleasedRecord(kind=kind, slug=slug, digest=digest, first_release=release,
                                      changed_release=release))
        elif row[1] != digest or row[2] is not None:
            changed.append(ReleasedRecord(pk=row[0], digest=digest, changed_release=release, removed_release=None))
    for (kind, slug), (pk, _digest, removed) in known.items():
        if (kind, slug) not in digests and removed is None:
            gone.append(ReleasedRecord(pk=pk, removed_release=release))
    ReleasedRecord.objects.bulk_create(new, batch_size=2000)
    ReleasedRecord.objects.bulk_update(changed, ["digest", "changed_release", "removed_release"], batch_size=2000)
    ReleasedRecord.objects.bulk_update(gone, ["removed_release"], batch_size=2000)
