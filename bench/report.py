"""The bench's results as Markdown: one table per size, then the targets of issue 5 checked."""
import json
import re

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
QUESTIONS = {
    "country": "by country (API)",
    "area": "by area (API)",
    "facets": "facets for a country",
    "search": "text search (API)",
    "detail_json": "one agreement (API)",
    "detail_html": "one agreement (page)",
    "list_html": "list by country (page)",
}
COLUMNS = [
    ("sqlite", "django", "Django, SQLite"),
    ("sqlite", "uncached", "Django, SQLite, uncached"),
    ("sqlite", "datasette", "Datasette"),
    ("sqlite", "ceiling", "raw SQL, SQLite"),
    ("postgresql", "django", "Django, PostgreSQL"),
    ("postgresql", "uncached", "Django, PostgreSQL, uncached"),
    ("postgresql", "ceiling", "raw SQL, PostgreSQL"),
]


def index(results):
    return {(r["size"], r["database"], r["server"], r["question"], r["concurrency"]): r for r in results}


def cell(row):
    if row is None:
        return "–"
    if not row["requests"]:
        first = f"; one took {row['first_request_ms'] / 1000:.1f} s" if "first_request_ms" in row else ""
        return f"none finished{first}"
    errors = f" ({row['errors']} errors)" if row["errors"] else ""
    rps = f"{row['rps']:.0f}" if row["rps"] >= 10 else f"{row['rps']:.1f}"
    p99 = f"/{row['p99']:.1f}" if row.get("p99") is not None else ""
    return f"{rps} · {row['p50']:.1f}/{row['p95']:.1f}{p99}{errors}"


def ratio(numerator, denominator):
    if numerator is None or denominator is None or not numerator["requests"]:
        return "–"
    if not denominator["requests"]:
        # None finished in the run: it did fewer than one in the run's length.
        return f"≥ {numerator['requests']:.0f}×"
    return f"{numerator['rps'] / denominator['rps']:.2f}×"


def ratios(numerators, denominator):
    """Return the ratios of Django with and without its answer cache to one other server."""
    return " / ".join(ratio(numerator, denominator) for numerator in numerators)


def render(run):
    rows = index(run["results"])
    sizes = sorted({r["size"] for r in run["results"]})
    concurrencies = sorted({r["concurrency"] for r in run["results"]})
    lines = [
        f"Machine: {run['machine']}. Gunicorn with {run['workers']} sync workers, production settings, "
        "loopback only.",
        "",
    ]
    runs = {}
    for size in sizes:
        about = run["runs"].get(str(size)) or run["runs"][size]
        runs.setdefault(json.dumps(about, sort_keys=True), []).append(size)
    for about, measured in runs.items():
        about = json.loads(about)
        lines.append(
            f"- {', '.join(f'{size:,}' for size in measured)} agreements: measured {about['at']} on commit "
            f"{about['commit']} by `{about['command']}` ({about['minutes']:.0f} minutes for the whole run)."
        )
    lines += [
        "",
        "Each cell: requests per second · p50/p95/p99 latency in ms. \"Django\" is the site as deployed, "
        "whose repeated anonymous answers come from its cache until the data changes; \"uncached\" is "
        "the same site with that cache off (`DJANGO_RESPONSE_CACHE_SECONDS=0`), so every request "
        "does the filtering, counting and serializing. The ratios compare Django's requests per "
        "second, cached / uncached, with Datasette's and with the raw-SQL ceiling on the same database.",
    ]
    for size in sizes:
        lines += [
            "",
            f"### {size:,} agreements",
            "",
            "| question | c | " + " | ".join(title for _db, _server, title in COLUMNS)
            + " | Django ÷ Datasette | Django ÷ ceiling, SQLite | Django ÷ ceiling, PostgreSQL |",
            "|---|---|" + "---|" * (len(COLUMNS) + 3),
        ]
        for question, label in QUESTIONS.items():
            for c in concurrencies:
                got = {(db, server): rows.get((size, db, server, question, c)) for db, server, _title in COLUMNS}
                lines.append(
                    f"| {label} | {c} | " + " | ".join(cell(got[db, server]) for db, server, _t in COLUMNS)
                    + f" | {ratios([got['sqlite', 'django'], got['sqlite', 'uncached']], got['sqlite', 'datasette'])}"
                    + f" | {ratios([got['sqlite', 'django'], got['sqlite', 'uncached']], got['sqlite', 'ceiling'])}"
                    + f" | {ratios([got['postgresql', 'django'], got['postgresql', 'uncached']], got['postgresql', 'ceiling'])} |"
                )
    lines += ["", "Generation (`generate_synthetic`, seconds) and the largest gunicorn worker's memory (RSS, MB):", ""]
    lines += ["| size | generate, SQLite | generate, PostgreSQL | worker, SQLite | worker, PostgreSQL | Datasette |",
              "|---|---|---|---|---|---|"]
    timings, memory = run["timings"], run["memory"]
    for size in sizes:
        lines.append(
            f"| {size:,} | {timings.get(f'sqlite-{size}', 0):.0f} | {timings.get(f'postgresql-{size}', 0):.0f} "
            f"| {memory.get(f'sqlite-{size}', '–')} | {memory.get(f'postgresql-{size}', '–')} "
            f"| {memory.get(f'datasette-{size}', '–')} |"
        )
    lines += ["", *varied(rows, sizes, concurrencies)]
    lines += ["", *after_write(run.get("writes", []))]
    lines += ["", *cold(rows, sizes, min(concurrencies))]
    lines += ["", *targets(run, rows, sizes[-1], max(concurrencies))]
    lines += ["", *varied_targets(run, rows, sizes[-1], max(concurrencies))]
    return "\n".join(lines) + "\n"


def varied_targets(run, rows, size, c):
    """Return the lines checking issue 14's targets: varied addresses, the answer cache off, both databases."""
    from bench.varied import QUESTIONS as VARIED

    lines = [f"Issue 14's targets at {size:,} agreements, concurrency {c}, varied addresses, answer cache off:", ""]

    def check(label, ok, detail):
        lines.append(f"- {'met' if ok else 'MISSED'}: {label}: {detail}")

    for question, label in VARIED.items():
        datasette = rows.get((size, "sqlite", "datasette", f"varied:{question}", c))
        wanted = 10 if question in {"facets", "search"} else 1
        for database in ["sqlite", "postgresql"]:
            off = rows.get((size, database, "uncached", f"varied:{question}", c))
            on = rows.get((size, database, "django", f"varied:{question}", c))
            if not off:
                continue
            if on:  # with the cache on, nothing slower than with it off (10% for the noise)
                check(f"{label}, {database}: the cache on no slower than off", on["rps"] >= 0.9 * off["rps"],
                      f"{on['rps']:.1f} against {off['rps']:.1f} req/s")
            if not datasette:
                lines.append(f"- no Datasette equivalent: {label}, {database}: {cell(off)}")
                continue
            if not datasette["requests"]:
                check(f"{label} ≥ {wanted}× Datasette, {database}", bool(off["requests"]),
                      f"{cell(off)}; Datasette finished no request in the run")
                continue
            times = off["rps"] / datasette["rps"]
            ok = times >= wanted and (wanted > 1 or off["p95"] <= datasette["p95"])
            check(f"{label} ≥ {wanted}× Datasette" + (", p95 no worse" if wanted == 1 else "") + f", {database}", ok,
                  f"{times:.2f}× ({off['rps']:.1f} against {datasette['rps']:.1f} req/s; "
                  f"p95 {off['p95']:.1f} against {datasette['p95']:.1f} ms)")
    for write in run.get("writes", []):
        if write["size"] != size or write["server"] != "uncached":
            continue
        slow = {name: timing["ms"] for name, timing in write.items() if isinstance(timing, dict) and timing["ms"] >= 300}
        check(f"the first request after a write under 300 ms, {write['database']}", not slow,
              ", ".join(f"{name} {timing['ms']:.0f} ms" for name, timing in write.items() if isinstance(timing, dict)))
    return lines


def varied(rows, sizes, concurrencies):
    """Return the tables of the varied workload: a random address of the question's set per request."""
    from bench.varied import QUESTIONS as VARIED

    servers = [
        ("sqlite", "django", "Django, SQLite"), ("sqlite", "uncached", "uncached, SQLite"),
        ("sqlite", "datasette", "Datasette"), ("postgresql", "django", "Django, PostgreSQL"),
        ("postgresql", "uncached", "uncached, PostgreSQL"),
    ]
    lines = [
        "Varied addresses: each request asks for one address drawn at random from the question's set "
        "(its size in brackets), so an answer cache mostly misses, as in real browsing. Each cell: "
        "requests per second · p50/p95/p99 ms. The ratios: Django ÷ Datasette, with the answer cache "
        "on and off, on the same SQLite file.",
    ]
    for size in sizes:
        lines += [
            "", f"#### {size:,} agreements, varied addresses", "",
            "| question | c | " + " | ".join(title for _db, _s, title in servers) + " | ÷ Datasette (cached / uncached) |",
            "|---|---|" + "---|" * (len(servers) + 1),
        ]
        for question, label in VARIED.items():
            for c in concurrencies:
                got = {(db, server): rows.get((size, db, server, f"varied:{question}", c)) for db, server, _t in servers}
                if not any(got.values()):
                    continue
                addresses = next(row["addresses"] for row in got.values() if row)
                lines.append(
                    f"| {label} [{addresses}] | {c} | " + " | ".join(cell(got[db, server]) for db, server, _t in servers)
                    + f" | {ratios([got['sqlite', 'django'], got['sqlite', 'uncached']], got['sqlite', 'datasette'])} |"
                )
    return lines


def after_write(writes):
    """Return the table of the first request after a curator's save, in ms."""
    if not writes:
        return []
    lines = [
        "The first request after a write (one agreement saved, then one request), in ms:",
        "",
        "| size | database | server | country | list page | facets | list JSON |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in sorted(writes, key=lambda row: (row["size"], row["database"], row["server"])):
        lines.append(
            f"| {row['size']:,} | {row['database']} | {row['server']} | {row['country']} | "
            + " | ".join(f"{row[name]['ms']:.0f}" for name in ["list_html", "facets", "list_json"]) + " |"
        )
    return lines


def cold(rows, sizes, c):
    """Return the table of each question's first request, before anything about it was cached.

    It is what the first reader of a list or its facets waits after a write to the directory,
    since a write retires every cached count, facet and answer.
    """
    servers = [("sqlite", "django", "Django, SQLite"), ("postgresql", "django", "Django, PostgreSQL"),
               ("sqlite", "datasette", "Datasette")]
    if not any("first_request_ms" in row for row in rows.values()):
        return []
    lines = [
        "The first request of each question, in ms: nothing about it cached yet, as after a write "
        "(Datasette caches nothing, so its first request is like any other):",
        "",
        "| question | " + " | ".join(f"{size:,}: {title}" for size in sizes for _db, _s, title in servers) + " |",
        "|---|" + "---|" * (len(sizes) * len(servers)),
    ]
    for question, label in QUESTIONS.items():
        cells = []
        for size in sizes:
            for database, server, _title in servers:
                row = rows.get((size, database, server, question, c))
                cells.append(f"{row['first_request_ms']:.0f}" if row and "first_request_ms" in row else "–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def targets(run, rows, size, c):
    """Return the lines checking issue 5's targets (each question asked again and again) at the largest size."""
    lines = [f"Issue 5's targets at {size:,} agreements, concurrency {c}, the same address again and again:", ""]

    def check(label, ok, detail):
        lines.append(f"- {'met' if ok else 'MISSED'}: {label}: {detail}")

    def uncached(database, question, other):
        """Say how the site does on the question with its answer cache off."""
        row, other_row = rows.get((size, database, "uncached", question, c)), rows.get((size, database, other, question, c))
        if not row or not other_row:
            return ""
        return f"; uncached {ratio(row, other_row)} ({cell(row)})"

    for question, label in QUESTIONS.items():
        django = rows.get((size, "sqlite", "django", question, c))
        datasette = rows.get((size, "sqlite", "datasette", question, c))
        if not django or not datasette:
            continue
        wanted = 10 if question in {"facets", "search"} else 1
        label = f"{label} ≥ {wanted}× Datasette" + (", p95 no worse" if wanted == 1 else "")
        if datasette["requests"] and not django["requests"]:
            check(label, False, f"Django finished no request in the run; Datasette {cell(datasette)}")
            continue
        if not datasette["requests"]:
            # None finished in the run; its warm-up request's time bounds its rate from above.
            at_most = 1000 / datasette["first_request_ms"] if datasette.get("first_request_ms") else None
            if at_most is None:
                lines.append(f"- not measured: {label}: Django {cell(django)}, Datasette finished no request")
                continue
            times = django["rps"] / at_most
            without_cache = rows.get((size, "sqlite", "uncached", question, c))
            check(
                label, times >= wanted,
                f"≥ {times:,.0f}× (Django {cell(django)}; Datasette finished no request in the run, and its "
                f"first took {datasette['first_request_ms'] / 1000:.1f} s, so at most {at_most:.2f} req/s)"
                + (f"; uncached ≥ {without_cache['rps'] / at_most:,.0f}× ({cell(without_cache)})" if without_cache else ""),
            )
            continue
        times = django["rps"] / datasette["rps"]
        ok = times >= wanted and (wanted > 1 or django["p95"] <= datasette["p95"])
        check(
            label, ok,
            f"{times:.2f}× ({django['rps']:.1f} against {datasette['rps']:.1f} req/s; "
            f"p95 {django['p95']:.1f} against {datasette['p95']:.1f} ms){uncached('sqlite', question, 'datasette')}",
        )
    for database in ["sqlite", "postgresql"]:
        django = rows.get((size, database, "django", "country", c))
        ceiling = rows.get((size, database, "ceiling", "country", c))
        if django and ceiling and ceiling["rps"] and django["requests"]:
            times = django["rps"] / ceiling["rps"]
            check(f"API list with its count ≥ 0.5× the raw-SQL ceiling ({database})", times >= 0.5,
                  f"{times:.2f}× ({django['rps']:.0f} against {ceiling['rps']:.0f} req/s)"
                  f"{uncached(database, 'country', 'ceiling')}")
    for key in [f"sqlite-{size}", f"postgresql-{size}"]:
        if key in run["memory"]:
            check(f"a worker under 300 MB ({key.split('-')[0]})", run["memory"][key] < 300,
                  f"{run['memory'][key]} MB")
    return lines


def write_into(path, report):
    """Put the report between the bench markers of the document, keeping the rest as written."""
    text = path.read_text() if path.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    path.write_text(pattern.sub(lambda _match: f"{BEGIN}\n{report}{END}", text))
