"""Which WSGI server serves the directory best: gunicorn's sync workers as deployed until now,
the same with the app loaded before the fork and its objects frozen out of the garbage
collector (gc.freeze), and granian's WSGI workers. Each serves the same SQLite file with
the answer cache off, two workers each; wrk asks each question over its varied addresses
(bench/varied.py) at concurrency 8, the servers in turn A B C A B C, so a drift in the
machine's speed touches all alike. Prints the medians, the ratio to gunicorn and the largest
worker's memory.

    make bench-servers                 # 100k agreements (bench/data/100000, made by make bench)
    BENCH_SIZE=1000000 BENCH_ROUNDS=3 make bench-servers
"""
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import BENCH, DATA, PYTHON, UNCACHED, free_port, get, rss_mb, server_env, serving  # noqa: E402
from bench.varied import address_values, django_paths, wrk_varied  # noqa: E402

SIZE = int(os.environ.get("BENCH_SIZE", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONCURRENCY = 8
WORKERS = 2
QUESTIONS = ["detail_json", "country", "list_html"]
VENV_BIN = PYTHON.parent


def commands(port):
    bind = f"127.0.0.1:{port}"
    gunicorn = [str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", bind, "--workers", str(WORKERS), "--timeout", "120"]
    return {
        "gunicorn": gunicorn,
        "gunicorn+freeze": [*gunicorn, "--config", "python:config.gunicorn"],
        "granian": [
            str(VENV_BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(WORKERS), "--no-ws", "config.wsgi:application",
        ],
    }


def main():
    path = DATA / str(SIZE) / "directory.sqlite3"
    if not path.exists():
        raise SystemExit(f"{path} is missing: make bench (or BENCH_SIZES={SIZE} make bench) generates it")
    values = address_values(path)
    env = server_env(f"sqlite:///{path}", **UNCACHED)
    results = {}
    for round_number in range(ROUNDS):
        for server in ["gunicorn", "gunicorn+freeze", "granian"]:
            port = free_port()
            with serving(commands(port)[server], env, port, f"servers-{server}") as process:
                base = f"http://127.0.0.1:{port}"
                for question in QUESTIONS:
                    paths = django_paths(question, values)
                    for warm in paths[: 4 * WORKERS]:
                        get(base + warm)
                    row = wrk_varied(base, paths, concurrency=CONCURRENCY, duration=DURATION, data=DATA, bench=BENCH)
                    results.setdefault((server, question), []).append({**row, "rss": rss_mb(process)})
                    print(f"  round {round_number + 1} {server:<16} {question:<12} {row['rps']:7.1f} req/s "
                          f"p95 {row['p95']:.1f} ms, errors {row['errors']}", flush=True)
    print(f"\n{SIZE:,} agreements, SQLite, answer cache off, {WORKERS} workers, concurrency {CONCURRENCY}, "
          f"{ROUNDS} rounds of {DURATION} s (medians)\n")
    print("| question | server | req/s | × gunicorn | p95, ms | largest worker, MB |\n|---|---|---:|---:|---:|---:|")
    for question in QUESTIONS:
        base_rps = statistics.median(row["rps"] for row in results[("gunicorn", question)])
        for server in ["gunicorn", "gunicorn+freeze", "granian"]:
            rows = results[(server, question)]
            rps = statistics.median(row["rps"] for row in rows)
            print(f"| {question} | {server} | {rps:.1f} | {rps / base_rps:.2f} | "
                  f"{statistics.median(row['p95'] for row in rows):.1f} | {max(row['rss'] for row in rows)} |")


if __name__ == "__main__":
    main()
