"""make bench: the directory under gunicorn beside Datasette on the same synthetic SQLite file.

For each size in BENCH_SIZES: generate the data (kept in bench/data/ between runs), serve it
with gunicorn (production settings, 2 sync workers) twice, as deployed and with its answer
cache off, and with Datasette, and drive them with wrk on loopback at each concurrency in
BENCH_CONCURRENCY for BENCH_DURATION seconds a run.
Then the same questions against PostgreSQL (a throwaway server, tests/postgres.sh), and a
bare raw-SQL Django view on each database as the framework's ceiling. The table goes to
stdout and into docs/performance.md between its bench markers.

    make bench                                   # 10k, 100k and 1M agreements
    BENCH_SIZES=2000 BENCH_DURATION=2 make bench # a quick look
"""
import hashlib
import json
import os
import platform
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = DATA / "results.json"
DOC = ROOT / "docs" / "performance.md"
SEED = 1

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
CONCURRENCY = [int(c) for c in os.environ.get("BENCH_CONCURRENCY", "1,8").split(",")]
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))

COUNTRY, AREA, QUERY = "KR", "oncology", "busan"
QUESTIONS = {
    "country": "page of 50 with a party in KR, newest first (JSON)",
    "area": "page of 50 in oncology (JSON)",
    "facets": "facet counts for KR (JSON)",
    "search": f"text search {QUERY!r}, page of 50 (JSON)",
    "detail_json": "one agreement (JSON)",
    "detail_html": "one agreement (HTML page)",
    "list_html": "list page for KR (HTML)",
}


def django_path(question, sample):
    return {
        "country": f"/api/v1/agreements/?country={COUNTRY}",
        "area": f"/api/v1/agreements/?area={AREA}",
        "facets": f"/api/v1/agreements/facets/?country={COUNTRY}",
        "search": f"/api/v1/agreements/?q={QUERY}",
        "detail_json": f"/api/v1/agreements/{sample['slug']}/",
        "detail_html": f"/partnerships/{sample['slug']}/",
        "list_html": f"/partnerships/?country={COUNTRY}",
    }[question]


def ceiling_path(question, sample):
    return {
        "country": f"/bench/ceiling/country/?country={COUNTRY}",
        "area": f"/bench/ceiling/area/?area={AREA}",
        "search": f"/bench/ceiling/search/?q={QUERY}",
        "detail_json": f"/bench/ceiling/agreements/{sample['slug']}/",
    }.get(question)


def datasette_path(question, sample):
    from bench.queries import WITH_PARTY_IN_COUNTRY

    # Datasette's facets need a table: the agreements filtered by the same EXISTS, faceted by
    # kind, date precision and year (it has no facet over a many-to-many relation such as areas).
    where = WITH_PARTY_IN_COUNTRY.replace(":country", f"'{COUNTRY}'").replace("a.id", "partnerships_agreement.id")
    where = urllib.parse.quote(where)
    return {
        "country": f"/directory/agreements_by_country.json?country={COUNTRY}&_shape=array",
        "area": f"/directory/agreements_by_area.json?area={AREA}&_shape=array",
        "facets": f"/directory/partnerships_agreement.json?_where={where}&_facet=kind&_facet=signed_on_precision"
        "&_facet_date=signed_on&_size=0",
        "search": f"/directory/agreements_matching.json?q={QUERY}&_shape=array",
        "detail_json": f"/directory/partnerships_agreement/{sample['id']}.json",
        "detail_html": f"/directory/partnerships_agreement/{sample['id']}",
        "list_html": f"/directory/agreements_by_country?country={COUNTRY}",
    }[question]


def server_env(database_url, **settings):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + hashlib.sha256(b"make bench on loopback").hexdigest(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(DATA / "static"),
        "DATABASE_URL": database_url,
        # Production keeps connections open between requests; the default 0 reconnects each time.
        "DATABASE_CONN_MAX_AGE": "600",
        "DJANGO_API_ANON_RATE": "off",
        "DJANGO_API_USER_RATE": "off",
        **settings,
    }


def manage(database_url, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=server_env(database_url), check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, timeout=120):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read()


@contextmanager
def serving(command, env, port, name):
    log = open(DATA / f"{name}.log", "w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{name} did not start: see {DATA / (name + '.log')}")
                time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def gunicorn(database_url, port, name, **settings):
    command = [
        PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
        "--timeout", "120", "--config", str(ROOT / "config" / "gunicorn.py"),  # as make serve-prod runs it
    ]
    # One cache for the server's workers, as a deployment on one machine would have it
    # (docs/deploy.md): with a cache per worker, each worker computes a cold answer again, and
    # a request reaching the second worker first stalls the measurement. Emptied first, so an
    # earlier run's answers (same data, same data version) are never served.
    cache = DATA / "cache" / name
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    return serving(command, server_env(database_url, DJANGO_CACHE_URL=f"file://{cache}", **settings), port, name)


# The same site with its cache of whole anonymous answers off: every request does the work.
# The raw-SQL ceiling is served by this one too, or it would measure the cache.
UNCACHED = {"DJANGO_RESPONSE_CACHE_SECONDS": "0"}


def rss_mb(process):
    """Return the largest resident memory, in MB, of the process and its children."""
    pids = [process.pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == process.pid:
            pids.append(int(stat.parent.name))
    largest = 0
    for pid in pids[1:] or pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    largest = max(largest, int(line.split()[1]) // 1024)
        except OSError:
            pass
    return largest


def wrk(url, concurrency):
    started = time.monotonic()
    try:
        status, _body = get(url)  # checks the answer before measuring
    except TimeoutError:
        # Slower than the check allows: recorded as a question that finished no request.
        return {"requests": 0, "seconds": DURATION, "errors": 0, "p50": 0, "p95": 0, "p99": 0, "rps": 0,
                "first_request_ms": (time.monotonic() - started) * 1000}
    first = time.monotonic() - started
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    # Warm every worker, not just the one that took the first request: the steady state is
    # measured, not a worker's first request (each gunicorn worker has its own local cache).
    for _ in range(4 * WORKERS):
        get(url)
    command = [
        "wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{DURATION}s", "--timeout", "30s",
        "-s", str(BENCH / "wrk_report.lua"), url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=DURATION + 60).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0
    # A question slower than the run finishes no request in it: keep what the first one took.
    result["first_request_ms"] = first * 1000
    return result


def measure(results, url, *, size, database, server, question):
    for concurrency in CONCURRENCY:
        row = {"size": size, "database": database, "server": server, "question": question,
               "concurrency": concurrency, **wrk(url, concurrency)}
        results.append(row)
        print(f"  {size:>8} {database:<10} {server:<9} {question:<12} c={concurrency} {row['rps']:8.1f} req/s "
              f"p50 {row['p50']:.1f} p95 {row['p95']:.1f} p99 {row['p99']:.1f} ms errors {row['errors']}",
              flush=True)


def measure_varied(results, base, paths, *, size, database, server, question):
    """Measure a question over its set of addresses, one drawn at random per request."""
    from bench.varied import wrk_varied

    for path in paths[: 4 * WORKERS]:  # every worker past its first request
        get(base + path)
    for concurrency in CONCURRENCY:
        row = {"size": size, "database": database, "server": server, "question": f"varied:{question}",
               "concurrency": concurrency,
               **wrk_varied(base, paths, concurrency=concurrency, duration=DURATION, data=DATA, bench=BENCH)}
        results.append(row)
        print(f"  {size:>8} {database:<10} {server:<9} varied:{question:<13} c={concurrency} {row['rps']:8.1f} req/s "
              f"p50 {row['p50']:.1f} p95 {row['p95']:.1f} ms over {row['addresses']} addresses, errors {row['errors']}",
              flush=True)


def run_varied(results, servers, *, size, database, values):
    """The varied workload on each (server name, base address, paths function), question by question."""
    from bench.varied import QUESTIONS

    for question in QUESTIONS:
        for server, base, paths_of in servers:
            if paths := paths_of(question, values):
                measure_varied(results, base, paths, size=size, database=database, server=server, question=question)


def first_requests_after_write(writes, database_url, servers, *, size, database, values):
    """Save one agreement, then time the first list page, facets and list JSON for a country, on each server."""
    from bench.varied import first_after_write

    country = values["countries"][len(values["countries"]) // 2]
    save = [PYTHON, "manage.py", "shell", "-c",
            "from partnerships.models import Agreement; Agreement.objects.order_by('-pk').first().save()"]
    for server, base in servers:
        timings = first_after_write(
            base, country, get=get,
            save=lambda: subprocess.run(save, cwd=ROOT, env=server_env(database_url), check=True),
        )
        writes.append({"size": size, "database": database, "server": server, "country": country, **timings})
        print(f"  {size:>8} {database:<10} {server:<9} first after a write ({country}): "
              + ", ".join(f"{name} {timing['ms']:.0f} ms" for name, timing in timings.items()), flush=True)


def code_stamp():
    parts = [(ROOT / "partnerships" / name).read_bytes() for name in ["synthetic.py", "synthetic_names.py"]]
    return hashlib.sha256(b"".join(parts) + str(SEED).encode()).hexdigest()


def generate(database_url, size):
    """Migrate and fill the database; return the seconds generate_synthetic took."""
    manage(database_url, "migrate", "--noinput", "--verbosity", "0")
    started = time.monotonic()
    manage(database_url, "generate_synthetic", "--agreements", str(size), "--seed", str(SEED), "--verbosity", "1")
    return time.monotonic() - started


def sqlite_file(size, timings):
    """Return the SQLite file of the size, generated unless a file from the same generator is there."""
    folder = DATA / str(size)
    path = folder / "directory.sqlite3"
    stamp = folder / "stamp.json"
    url = f"sqlite:///{path}"
    if path.exists() and stamp.exists() and json.loads(stamp.read_text())["code"] == code_stamp():
        manage(url, "migrate", "--noinput", "--verbosity", "0")
        timings[f"sqlite-{size}"] = json.loads(stamp.read_text())["seconds"]
        return path
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seconds = generate(url, size)
    stamp.write_text(json.dumps({"code": code_stamp(), "seconds": seconds}))
    timings[f"sqlite-{size}"] = seconds
    return path


def sample_agreement(database_url):
    """Return the slug and id of the newest agreement with a party in the benchmarked country."""
    from bench.queries import page_sql

    sql = page_sql("agreements_by_country", "sqlite").replace(":country", f"'{COUNTRY}'")
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
        agreement_id, slug = db.execute(sql).fetchone()[:2]
    return {"id": agreement_id, "slug": slug}


def datasette_metadata(path):
    from bench.queries import PAGES, page_sql

    queries = {name: {"sql": page_sql(name, "sqlite")} for name in PAGES}
    path.write_text(json.dumps({"databases": {"directory": {"queries": queries}}}, indent=2))


def datasette_command(path, port, metadata):
    """Return the command serving the SQLite file with Datasette, immutable, its time limits raised."""
    return [
        PYTHON, "-m", "datasette", "serve", "-i", str(path), "--host", "127.0.0.1", "--port", str(port),
        "--metadata", str(metadata), "--setting", "sql_time_limit_ms", "60000",
        "--setting", "facet_time_limit_ms", "60000", "--setting", "suggest_facets", "off",
    ]


def run_sqlite(results, timings, memory, writes):
    metadata = DATA / "datasette-metadata.json"
    datasette_metadata(metadata)
    for size in SIZES:
        path = sqlite_file(size, timings)
        url = f"sqlite:///{path}"
        sample = sample_agreement(url)
        django_port, uncached_port, datasette_port = free_port(), free_port(), free_port()
        datasette = datasette_command(path, datasette_port, metadata)
        with gunicorn(url, django_port, "gunicorn-sqlite") as django_process, \
                gunicorn(url, uncached_port, "gunicorn-sqlite-uncached", **UNCACHED) as uncached_process, \
                serving(datasette, os.environ, datasette_port, "datasette") as datasette_process:
            django_url, datasette_url = f"http://127.0.0.1:{django_port}", f"http://127.0.0.1:{datasette_port}"
            uncached_url = f"http://127.0.0.1:{uncached_port}"
            # Question by question, the servers one after the other, so a busy moment hits all alike.
            for question in QUESTIONS:
                for server, base, path_of in [
                    ("django", django_url, django_path), ("uncached", uncached_url, django_path),
                    ("datasette", datasette_url, datasette_path),
                    # On the server without the answer cache, so every request runs its SQL.
                    ("ceiling", uncached_url, ceiling_path),
                ]:
                    if path := path_of(question, sample):
                        measure(results, base + path, size=size, database="sqlite", server=server, question=question)
            from bench.varied import address_values, datasette_paths, django_paths

            values = address_values(DATA / str(size) / "directory.sqlite3")
            run_varied(results, [
                ("django", django_url, django_paths), ("uncached", uncached_url, django_paths),
                ("datasette", datasette_url, datasette_paths),
            ], size=size, database="sqlite", values=values)
            first_requests_after_write(
                writes, url, [("django", django_url), ("uncached", uncached_url)],
                size=size, database="sqlite", values=values,
            )
            memory[f"sqlite-{size}"] = max(rss_mb(django_process), rss_mb(uncached_process))
            memory[f"datasette-{size}"] = rss_mb(datasette_process)


def run_postgresql(results, timings, memory, writes):
    """Run under tests/postgres.sh, which exports DATABASE_URL for a throwaway server."""
    import psycopg

    server_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    for size in SIZES:
        name = f"bench_{size}"
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        url = f"{server_url}/{name}"
        timings[f"postgresql-{size}"] = generate(url, size)
        sample = sample_agreement(f"sqlite:///{DATA / str(size) / 'directory.sqlite3'}")
        port, uncached_port = free_port(), free_port()
        with gunicorn(url, port, "gunicorn-postgresql") as process, \
                gunicorn(url, uncached_port, "gunicorn-postgresql-uncached", **UNCACHED) as uncached_process:
            base, uncached_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{uncached_port}"
            for question in QUESTIONS:
                for server, server_base, path_of in [
                    ("django", base, django_path), ("uncached", uncached_base, django_path),
                    ("ceiling", uncached_base, ceiling_path),
                ]:
                    if path := path_of(question, sample):
                        measure(results, server_base + path, size=size, database="postgresql", server=server,
                                question=question)
            from bench.varied import address_values, django_paths

            values = address_values(DATA / str(size) / "directory.sqlite3")
            run_varied(results, [("django", base, django_paths), ("uncached", uncached_base, django_paths)],
                       size=size, database="postgresql", values=values)
            first_requests_after_write(
                writes, url, [("django", base), ("uncached", uncached_base)],
                size=size, database="postgresql", values=values,
            )
            memory[f"postgresql-{size}"] = max(rss_mb(process), rss_mb(uncached_process))
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name}")


def merge_earlier(run):
    """Keep the earlier results of the sizes this run did not measure, so one size can be re-run alone."""
    if not RESULTS.exists():
        return run
    earlier = json.loads(RESULTS.read_text())
    if "runs" not in earlier:
        return run
    kept = [row for row in earlier["results"] if row["size"] not in SIZES]
    keys = {f"{prefix}-{size}" for prefix in ["sqlite", "postgresql", "datasette"] for size in SIZES}
    return {
        **run,
        "results": kept + run["results"],
        "timings": {**{k: v for k, v in earlier["timings"].items() if k not in keys}, **run["timings"]},
        "memory": {**{k: v for k, v in earlier["memory"].items() if k not in keys}, **run["memory"]},
        "runs": {**{int(k): v for k, v in earlier["runs"].items() if int(k) not in SIZES}, **run["runs"]},
        "writes": [row for row in earlier.get("writes", []) if row["size"] not in SIZES] + run["writes"],
    }


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk from Debian", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return
    raise SystemExit("wrk is missing: sudo apt-get install wrk")


def machine():
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.1f} GB memory, Linux {platform.release()}, " \
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"


def main():
    sys.path.insert(0, str(ROOT))
    if "--report" in sys.argv:  # render docs/performance.md again from bench/data/results.json
        from bench.report import render, write_into

        write_into(DOC, render(json.loads(RESULTS.read_text())))
        return
    if "--postgresql" in sys.argv:
        results, timings, memory, writes = [], {}, {}, []
        run_postgresql(results, timings, memory, writes)
        (DATA / "results-postgresql.json").write_text(json.dumps(
            {"results": results, "timings": timings, "memory": memory, "writes": writes}, indent=1))
        return
    ensure_wrk()
    DATA.mkdir(exist_ok=True)
    started = time.monotonic()
    manage("sqlite:///" + str(DATA / "unused.sqlite3"), "collectstatic", "--noinput", "--verbosity", "0")
    results, timings, memory, writes = [], {}, {}, []
    run_sqlite(results, timings, memory, writes)
    subprocess.run([ROOT / "tests" / "postgres.sh", PYTHON, BENCH / "run.py", "--postgresql"], cwd=ROOT, check=True)
    postgresql = json.loads((DATA / "results-postgresql.json").read_text())
    results += postgresql["results"]
    writes += postgresql["writes"]
    timings.update(postgresql["timings"])
    memory.update(postgresql["memory"])
    elapsed = time.monotonic() - started
    command = (
        f"BENCH_SIZES={','.join(map(str, SIZES))} BENCH_CONCURRENCY={','.join(map(str, CONCURRENCY))} "
        f"BENCH_DURATION={DURATION} make bench"
    )
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    runs = {size: {"command": command, "minutes": elapsed / 60, "commit": commit.stdout.strip(),
                   "duration": DURATION, "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
            for size in SIZES}
    run = merge_earlier({"results": results, "timings": timings, "memory": memory, "machine": machine(),
                         "workers": WORKERS, "runs": runs, "writes": writes})
    RESULTS.write_text(json.dumps(run, indent=1))
    from bench.report import render, write_into

    report = render(run)
    print(report)
    write_into(DOC, report)


if __name__ == "__main__":
    main()
