"""Importing a ROR dump of 120,000 records: time and peak memory, first import and refresh.

    DJANGO_DEBUG=1 .venv/bin/python bench/ror_import.py            # a new SQLite file in bench/data/
    DATABASE_URL=postgres://... DJANGO_DEBUG=1 .venv/bin/python bench/ror_import.py   # an empty database

Writes a dump in the v2 format (BENCH_ROR_RECORDS records, default 120000; names in Latin,
Hangul, Han and Arabic, aliases, acronyms, parents, a few withdrawn) as a zip, then runs
`import_ror` on it twice in a fresh database: the first import creates every institution, the
second, on the same dump, finds nothing to change. Prints a table of seconds, records a second
and the process's peak resident memory after each; then matches BENCH_MATCHES names (default
300: exact names, acronyms, native names and names with a typo, of random records) against the
120,000 institutions and prints the median and slowest time of a match. Not a timed test.
"""
import json
import os
import random
import resource
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RECORDS = int(os.environ.get("BENCH_ROR_RECORDS", "120000"))
MATCHES = int(os.environ.get("BENCH_MATCHES", "300"))
COUNTRIES = ["US", "GB", "DE", "FR", "KR", "JP", "CN", "IN", "BR", "ES", "AE", "SA", "EG", "VN", "MX", "IT"]
TYPES = [["healthcare"], ["education"], ["healthcare", "education"], ["company"], ["government"], ["facility"]]
WORDS = ["North", "River", "Valley", "Royal", "Central", "Saint", "Lake", "Mountain", "Coastal", "Harbour", "Eastern"]
KINDS = ["Hospital", "University", "Medical Center", "Institute", "Clinic", "Health Authority", "Laboratories"]


def setup_django():
    sys.path.insert(0, str(ROOT))
    DATA.mkdir(parents=True, exist_ok=True)
    database = DATA / f"ror-import-{RECORDS}.sqlite3"
    if "DATABASE_URL" not in os.environ:
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def record(number, rng):
    name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {number}"
    names = [{"value": name, "types": ["ror_display", "label"], "lang": "en"},
             {"value": "".join(word[0] for word in name.split()[:3]) + str(number), "types": ["acronym"], "lang": None}]
    script = number % 4
    if script == 1:
        names.append({"value": f"한빛{number}병원", "types": ["label"], "lang": "ko"})
    elif script == 2:
        names.append({"value": f"江南{number}医院", "types": ["label"], "lang": "zh"})
    elif script == 3:
        names.append({"value": f"مستشفى النور {number}", "types": ["label"], "lang": "ar"})
    if number % 3 == 0:
        names.append({"value": f"{name} Foundation", "types": ["alias"], "lang": "en"})
    relationships = [{"id": f"https://ror.org/0b{number - 1:07d}", "label": "", "type": "parent"}] if number % 10 == 9 else []
    return {
        "admin": {"created": {"date": "2020-01-01", "schema_version": "1.0"},
                  "last_modified": {"date": "2025-06-01", "schema_version": "2.1"}},
        "domains": [], "established": None,
        "external_ids": [{"type": "grid", "all": [f"grid.{number}.0"], "preferred": f"grid.{number}.0"},
                         {"type": "wikidata", "all": [f"Q{9000000 + number}"], "preferred": None}],
        "id": f"https://ror.org/0b{number:07d}",
        "links": [{"type": "website", "value": f"https://www.example{number}.org"}],
        "locations": [{"geonames_id": number, "geonames_details": {
            "continent_code": "EU", "continent_name": "Europe", "country_code": rng.choice(COUNTRIES),
            "country_name": "", "country_subdivision_code": None, "country_subdivision_name": None,
            "lat": 0.0, "lng": 0.0, "name": f"City {number % 500}"}}],
        "names": names, "relationships": relationships,
        "status": "withdrawn" if number % 1000 == 999 else "active", "types": rng.choice(TYPES),
    }


def write_dump():
    path = DATA / f"v9.0-bench-{RECORDS}-ror-data.zip"
    if path.exists():
        return path
    rng = random.Random(1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open(f"v9.0-bench-{RECORDS}-ror-data_schema_v2.json", "w") as stream:
        stream.write(b"[")
        for number in range(RECORDS):
            stream.write((b"," if number else b"") + json.dumps(record(number, rng), ensure_ascii=False).encode())
        stream.write(b"]")
    return path


def peak_memory_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from institutions.models import Institution

    dump = write_dump()
    call_command("migrate", verbosity=0)
    rows = [("| run | seconds | records/s | institutions | peak memory (MB) |"), "|---|---:|---:|---:|---:|"]
    for run in ("first import", "same dump again"):
        started = time.monotonic()
        call_command("import_ror", str(dump), verbosity=0)
        seconds = time.monotonic() - started
        rows.append(f"| {run} | {seconds:.1f} | {RECORDS / seconds:,.0f} | {Institution.objects.count():,} | "
                    f"{peak_memory_mb():.0f} |")
    print(f"{RECORDS:,} records, {connection.vendor}, dump {dump.stat().st_size / 1e6:.0f} MB zipped")
    print("\n".join(rows))
    print()
    print(match_table())


def match_table():
    """Time match_institution on names of each kind, from random records of the dump."""
    from institutions.matching import match_institution

    from institutions.models import Institution

    sample = Institution.objects.exclude(ror_id="").order_by("?").prefetch_related("other_names")[:MATCHES // 4]
    names = {"exact name": [], "acronym": [], "native name": [], "typo": []}
    for institution in sample:
        names["exact name"].append(institution.name)
        names["acronym"].append(institution.short_name or institution.name)
        names["native name"].append(next((n.name for n in institution.other_names.all() if n.kind == "native"), institution.name))
        names["typo"].append(institution.name[:3] + institution.name[4:])
    rows = ["| names | matches | chosen | median ms | slowest ms |", "|---|---:|---:|---:|---:|"]
    for kind, group in names.items():
        times, chosen = [], 0
        for name in group:
            started = time.perf_counter()
            chosen += match_institution(name).chosen is not None
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        rows.append(f"| {kind} | {len(group)} | {chosen} | {times[len(times) // 2]:.1f} | {times[-1]:.1f} |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
