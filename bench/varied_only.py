"""The varied workload of make bench alone, on a database that is already filled: for a quick
before/after of one change without generating the data again.

    .venv/bin/python bench/varied_only.py sqlite:///bench/data/1000000/directory.sqlite3 [QUESTION ...]
    .venv/bin/python bench/varied_only.py postgres://user@host:port/name [QUESTION ...]

The site is served as make bench serves it (gunicorn with config/gunicorn.py, 2 workers), with
its answer cache on and off; beside Datasette when the database is a SQLite file. The address
sets are drawn from bench/data/<BENCH_SIZE>/directory.sqlite3 (1000000 by default), the file
the PostgreSQL data is generated like. QUESTION is any of bench/varied.py's (all by default),
and "after_write" times the first requests after a save. BENCH_DURATION and BENCH_CONCURRENCY
apply as in make bench. Prints one line per measurement.
"""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run  # noqa: E402
from bench.varied import QUESTIONS, address_values, datasette_paths, django_paths  # noqa: E402


def main():
    database_url, *questions = sys.argv[1:]
    questions = questions or [*QUESTIONS, "after_write"]
    size = int(os.environ.get("BENCH_SIZE", "1000000"))
    values = address_values(run.DATA / str(size) / "directory.sqlite3")
    database = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    ports = [run.free_port() for _ in range(3)]
    results, writes = [], []
    with run.gunicorn(database_url, ports[0], "varied-django"), \
            run.gunicorn(database_url, ports[1], "varied-uncached", **run.UNCACHED):
        servers = [("django", f"http://127.0.0.1:{ports[0]}", django_paths),
                   ("uncached", f"http://127.0.0.1:{ports[1]}", django_paths)]
        if database == "sqlite":
            path = database_url.removeprefix("sqlite:///")
            metadata = run.DATA / "datasette-metadata.json"
            run.datasette_metadata(metadata)
            datasette = run.datasette_command(path, ports[2], metadata)
            with run.serving(datasette, os.environ, ports[2], "varied-datasette"):
                measure(results, writes, database_url, database, size, questions, values,
                        [*servers, ("datasette", f"http://127.0.0.1:{ports[2]}", datasette_paths)])
        else:
            measure(results, writes, database_url, database, size, questions, values, servers)


def measure(results, writes, database_url, database, size, questions, values, servers):
    for question in questions:
        if question == "after_write":
            run.first_requests_after_write(
                writes, database_url, [(server, base) for server, base, _paths in servers if server != "datasette"],
                size=size, database=database, values=values,
            )
            continue
        for server, base, paths_of in servers:
            if paths := paths_of(question, values):
                run.measure_varied(results, base, paths, size=size, database=database, server=server,
                                   question=question)


if __name__ == "__main__":
    main()
