"""The bench's varied workload: for each question hundreds of distinct addresses, one picked at
random per request, as users browse; and the first request after a curator's save.

The address sets come from the data itself: every country with agreements, every area,
country and area pairs, pages 1 to 3, search terms in several scripts taken from institution
names, and 500 agreements. Datasette answers the same question with the same values (its
canned queries have no page beyond the first, so pages 2 and 3 ask it for the first page).
"""
import json
import random
import sqlite3
import subprocess
import time
import urllib.parse

from bench.queries import IN_AREA, WITH_PARTY_IN_COUNTRY

QUESTIONS = {
    "country": "page 1–3 by a random country (JSON)",
    "country_area": "page 1–3 by a random country and area (JSON)",
    "facets": "facets for a random country (JSON)",
    "facets_pair": "facets for a random country and area (JSON)",
    "search": "search for one of 40 terms (JSON)",
    "detail_json": "one of 500 agreements (JSON)",
    "list_html": "list page 1–3 by a random country (HTML)",
}
SEARCH_TERMS = 40
RECORDS = 500


def address_values(sqlite_path, seed=1):
    """Return the values the addresses are made of, read from the SQLite file of the size."""
    rng = random.Random(seed)
    with sqlite3.connect(sqlite_path) as db:
        countries = [row[0] for row in db.execute(
            "SELECT DISTINCT i.country FROM institutions_institution i "
            "WHERE EXISTS (SELECT 1 FROM partnerships_agreementparty p WHERE p.institution_id = i.id) ORDER BY 1"
        )]
        areas = [row[0] for row in db.execute("SELECT slug FROM partnerships_area ORDER BY slug")]
        names = [row[0] for row in db.execute("SELECT search_names FROM institutions_institution ORDER BY id")]
        records = [tuple(row) for row in db.execute(
            "SELECT id, slug FROM partnerships_agreement ORDER BY id"
        )]
        # Pages that exist: as many as 50 a page fill, three at most (a page past the end is a 404).
        in_country = dict(db.execute(
            "SELECT value, count FROM partnerships_facetcount WHERE facet = 'country' AND other_facet = ''"
        ))
        in_pair = {(country, area): count for area, country, count in db.execute(
            "SELECT value, other_value, count FROM partnerships_facetcount WHERE facet = 'area' AND other_facet = 'country'"
        )}
    # Words of institution names in every script the data holds: Latin, Hangul, Arabic, Han, kana.
    words = sorted({word for name in names for word in name.split() if len(word) >= 3})
    by_script = {}
    for word in words:
        by_script.setdefault(script_of(word), []).append(word)
    terms = []
    while len(terms) < SEARCH_TERMS and any(by_script.values()):
        for script in sorted(by_script):
            if by_script[script] and len(terms) < SEARCH_TERMS:
                terms.append(by_script[script].pop(rng.randrange(len(by_script[script]))))
    return {
        "countries": countries, "areas": areas, "terms": terms,
        "pages": {country: pages(in_country.get(country, 0)) for country in countries},
        "pair_pages": {(country, area): pages(in_pair.get((country, area), 0)) for country in countries for area in areas},
        "pairs": [(country, area) for country in countries for area in areas],
        "records": rng.sample(records, min(RECORDS, len(records))),
    }


def pages(count):
    return range(1, max(1, min(3, -(-count // 50))) + 1)


def script_of(word):
    first = ord(word[0])
    if 0xAC00 <= first <= 0xD7A3:
        return "hangul"
    if 0x0600 <= first <= 0x06FF:
        return "arabic"
    if 0x4E00 <= first <= 0x9FFF:
        return "han"
    if 0x3040 <= first <= 0x30FF:
        return "kana"
    return "latin"


def quoted(value):
    return urllib.parse.quote(value, safe="")


def django_paths(question, values):
    in_country, in_pair = values["pages"], values["pair_pages"]
    return {
        "country": [f"/api/v1/agreements/?country={c}&page={p}" for c in values["countries"] for p in in_country[c]],
        "country_area": [
            f"/api/v1/agreements/?country={c}&area={a}&page={p}" for c, a in values["pairs"] for p in in_pair[c, a]
        ],
        "facets": [f"/api/v1/agreements/facets/?country={c}" for c in values["countries"]],
        "facets_pair": [f"/api/v1/agreements/facets/?country={c}&area={a}" for c, a in values["pairs"]],
        "search": [f"/api/v1/agreements/?q={quoted(term)}" for term in values["terms"]],
        "detail_json": [f"/api/v1/agreements/{slug}/" for _id, slug in values["records"]],
        "list_html": [f"/partnerships/?country={c}&page={p}" for c in values["countries"] for p in in_country[c]],
    }[question]


def datasette_paths(question, values):
    def facets(country, area=None):
        where = WITH_PARTY_IN_COUNTRY.replace(":country", f"'{country}'")
        if area:
            where += " AND " + IN_AREA.replace(":area", f"'{area}'")
        where = where.replace("a.id", "partnerships_agreement.id")
        return (f"/directory/partnerships_agreement.json?_where={quoted(where)}&_facet=kind&_facet=signed_on_precision"
                "&_facet_date=signed_on&_size=0")

    return {
        "country": [f"/directory/agreements_by_country.json?country={c}&_shape=array" for c in values["countries"]],
        "country_area": None,
        "facets": [facets(c) for c in values["countries"]],
        "facets_pair": [facets(c, a) for c, a in values["pairs"]],
        "search": [f"/directory/agreements_matching.json?q={quoted(term)}&_shape=array" for term in values["terms"]],
        "detail_json": [f"/directory/partnerships_agreement/{pk}.json" for pk, _slug in values["records"]],
        "list_html": [f"/directory/agreements_by_country?country={c}" for c in values["countries"]],
    }[question]


def wrk_varied(base, paths, *, concurrency, duration, data, bench):
    """Return wrk's result for requests spread at random over the paths."""
    listing = data / "varied-paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    command = [
        "wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{duration}s", "--timeout", "30s",
        "-s", str(bench / "wrk_varied.lua"), base,
    ]
    env = {"WRK_PATHS": str(listing), "WRK_REPORT": str(bench / "wrk_report.lua"), "PATH": "/usr/bin:/bin"}
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 90, env=env).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0
    result["addresses"] = len(paths)
    return result


def first_after_write(base, country, *, save, get):
    """Return the milliseconds of the first list page, facets and list JSON for a country after a save."""
    timings = {}
    for name, path in [
        ("list_html", f"/partnerships/?country={country}"),
        ("facets", f"/api/v1/agreements/facets/?country={country}"),
        ("list_json", f"/api/v1/agreements/?country={country}"),
    ]:
        save()
        started = time.monotonic()
        status, _body = get(base + path)
        timings[name] = {"ms": (time.monotonic() - started) * 1000, "status": status}
    return timings
