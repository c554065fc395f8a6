"""Load and fault test: the site under gunicorn with production settings on a throwaway
PostgreSQL server, on loopback only; it stops by itself (`make load-test`, docs/reliability.md).

1. Steady load: CLIENTS concurrent clients for LOAD_SECONDS on a mix of list, filter, facet,
   search and detail requests, pages and API, with some authenticated writes. No errors allowed.
2. Faults: the same load while PostgreSQL is stopped (immediate shutdown, as in a crash) and
   started again. Allowed: 503 answers while it is down. Required: no other errors, no hang,
   full service again within RECOVERY_LIMIT seconds of its return, and every write the site
   acknowledged (2xx) at any time still in the database at the end.

Prints a summary table; exits 1 when a requirement fails.
"""
import argparse
import collections
import hashlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RECOVERY_LIMIT = 5.0
REQUEST_TIMEOUT = 15
READS = [
    "/api/v1/agreements/",
    "/api/v1/agreements/?country=KR",
    "/api/v1/agreements/?area=oncology&ordering=title",
    "/api/v1/agreements/?between=KR,AE",
    "/api/v1/agreements/?q=asan",
    "/api/v1/agreements/facets/?country=KR",
    "/api/v1/agreements/ehs-amc-mou-2024/",
    "/api/v1/institutions/?country=DE",
    "/api/v1/institutions/asan-medical-center/",
    "/api/v1/institutions/autocomplete/?q=seoul",
    "/api/v1/areas/",
    "/api/v1/countries/",
    "/api/v1/people/",
    "/partnerships/",
    "/partnerships/?country=KR&area=oncology",
    "/partnerships/?q=cancer",
    "/partnerships/ehs-amc-mou-2024/",
    "/institutions/asan-medical-center/",
    "/countries/KR/",
]
WRITE_SHARE = 0.05


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgreSQL:
    """A throwaway cluster in a temporary folder, as tests/postgres.sh makes one, that can be stopped and started."""

    def __init__(self, folder):
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
        if not bins:
            raise SystemExit("No PostgreSQL server found (apt-get install postgresql)")
        self.bin = bins[-1].parent
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        # initdb refuses root: as root the server runs as the postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(folder, "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/directory"

    def run(self, *command):
        subprocess.run([*self.as_owner, *command], check=True, capture_output=True)

    def init(self):
        self.run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8")
        self.start()
        subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        "directory"], check=True)

    def start(self):
        # Durability left on (fsync, synchronous_commit): acknowledged writes must survive a crash.
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w",
                 "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200",
                 "start")

    def stop(self, mode="immediate"):
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")


def server_env(database_url, static_root):
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "load-" + hashlib.sha256(b"load and faults on loopback").hexdigest(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no TLS proxy in front.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        # The clients all come from 127.0.0.1: the rate limits would refuse most of the load.
        "DJANGO_API_ANON_RATE": "off",
        "DJANGO_API_USER_RATE": "off",
    }


def manage(env, *args):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def start_gunicorn(env, port, workers, threads, log):
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", str(threads), "--timeout", "60", "--backlog", "256"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)


class Load:
    """Clients in threads sending requests until told to stop; every answer is recorded."""

    def __init__(self, base, token, clients):
        self.base, self.token, self.clients = base, token, clients
        self.records = []  # (started, finished, kind, status) with status 0 for no answer
        self.acknowledged = []  # slugs of agreements whose creation was answered 2xx
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.counter = 0

    def run_for(self, seconds, during=None):
        self.stopping.clear()
        threads = [threading.Thread(target=self.client, args=(number,)) for number in range(self.clients)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        if during:
            during()
        time.sleep(max(0.0, seconds - (time.monotonic() - started)))
        self.stopping.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)

    def client(self, number):
        chooser = random.Random(number)
        while not self.stopping.is_set():
            if chooser.random() < WRITE_SHARE:
                self.write(number)
            else:
                self.request("read", "GET", chooser.choice(READS))

    def write(self, number):
        with self.lock:
            self.counter += 1
            slug = f"load-{number}-{self.counter}"
        body = {
            "slug": slug, "title": f"Load test agreement {slug}", "kind": "mou", "status": "signed",
            "signed_on": "2025-03-01", "signed_on_precision": "month", "place": "", "summary": "",
            "parties": [{"institution": "charite"}, {"institution": "tsinghua-university"}],
            "areas": ["academic-exchange"], "sources": ["ror"],
        }
        status = self.request("write", "POST", "/api/v1/agreements/", body)
        if 200 <= status < 300:
            with self.lock:
                self.acknowledged.append(slug)

    def request(self, kind, method, path, body=None):
        headers = {"Accept": "application/json, text/html"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers.update({"Content-Type": "application/json", "Authorization": f"Token {self.token}"})
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            error.read()
            status = error.code
        except OSError:
            status = 0
        with self.lock:
            self.records.append((started, time.monotonic(), kind, status))
        return status


def percentile(values, share):
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1] if len(values) > 1 else values[0]


def phase_row(name, records, seconds):
    statuses = collections.Counter(status for _, _, _, status in records)
    ok = sum(count for status, count in statuses.items() if 200 <= status < 400)
    errors = {("no answer" if status == 0 else str(status)): count for status, count in sorted(statuses.items())
              if not 200 <= status < 400}
    latencies = [(finished - started) * 1000 for started, finished, _, status in records if 200 <= status < 400]
    return {
        "phase": name, "requests": len(records), "ok": ok, "errors": errors,
        "writes": sum(1 for record in records if record[2] == "write"),
        "per second": len(records) / seconds,
        "p50 ms": percentile(latencies, 0.50), "p95 ms": percentile(latencies, 0.95),
    }


def print_table(rows):
    print(f"{'phase':<10} {'requests':>9} {'ok':>8} {'writes':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}  errors by status")
    for row in rows:
        errors = ", ".join(f"{status}: {count}" for status, count in row["errors"].items()) or "none"
        print(f"{row['phase']:<10} {row['requests']:>9} {row['ok']:>8} {row['writes']:>7} {row['per second']:>7.0f} "
              f"{row['p50 ms']:>8.1f} {row['p95 ms']:>8.1f}  {errors}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--fault-seconds", type=float, default=30, help="length of the load with the restart in it")
    parser.add_argument("--down-after", type=float, default=8, help="seconds into the fault phase PostgreSQL stops")
    parser.add_argument("--down-for", type=float, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="directory-load-"))
    folder.chmod(0o755)
    database = PostgreSQL(folder)
    gunicorn = None
    log = (folder / "gunicorn.log").open("w")
    try:
        print(f"PostgreSQL in {folder} on port {database.port}; setting up", flush=True)
        database.init()
        env = server_env(database.url, folder / "static")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_curated")
        token = manage(env, "shell", "--no-imports", "-c", (
            "from django.contrib.auth.models import Permission, User; from rest_framework.authtoken.models import Token; "
            "user = User.objects.create_user('load-curator'); "
            "user.user_permissions.set(Permission.objects.filter(codename__in=['add_agreement', 'change_agreement'])); "
            "print(Token.objects.create(user=user).key)"
        )).strip().splitlines()[-1]
        port = free_port()
        gunicorn = start_gunicorn(env, port, options.workers, options.threads, log)
        load = Load(f"http://127.0.0.1:{port}", token, options.clients)
        print(f"gunicorn on 127.0.0.1:{port}, {options.workers} workers x {options.threads} threads; "
              f"{options.clients} clients for {options.load_seconds:.0f} s", flush=True)

        load.run_for(options.load_seconds)
        steady = list(load.records)
        load.records.clear()

        events = {}

        def restart_database():
            time.sleep(options.down_after)
            events["down"] = time.monotonic()
            database.stop("immediate")
            events["stopped"] = time.monotonic()
            time.sleep(options.down_for)
            database.start()
            events["up"] = time.monotonic()

        print(f"Fault phase: {options.fault_seconds:.0f} s of load, PostgreSQL stopped after "
              f"{options.down_after:.0f} s for {options.down_for:.0f} s", flush=True)
        restarter = threading.Thread(target=restart_database)
        load.run_for(options.fault_seconds, during=restarter.start)
        restarter.join()
        faults = list(load.records)

        # What happened around the outage, by when each request started.
        before = [r for r in faults if r[1] < events["down"]]
        during = [r for r in faults if r[1] >= events["down"] and r[0] < events["up"]]
        after = [r for r in faults if r[0] >= events["up"]]
        first_ok_after = min((r[1] for r in after if 200 <= r[3] < 400), default=None)
        recovery = first_ok_after - events["up"] if first_ok_after else float("inf")
        # Allowed errors: a 503 while the database is down or within the recovery limit after it came back.
        late_errors = [r for r in after if not 200 <= r[3] < 400 and r[0] >= events["up"] + RECOVERY_LIMIT]
        unexpected = [r for r in faults if not 200 <= r[3] < 400 and r[3] != 503]

        import psycopg

        with psycopg.connect(database.url.replace("postgres://", "postgresql://")) as connection:
            stored = {row[0] for row in connection.execute("SELECT slug FROM partnerships_agreement WHERE slug LIKE 'load-%'")}
        missing = sorted(set(load.acknowledged) - stored)
        gunicorn_alive = gunicorn.poll() is None

        print()
        print_table([
            phase_row("steady", steady, options.load_seconds),
            phase_row("faults", faults, options.fault_seconds),
            phase_row(" before", before, events["down"] - min(r[0] for r in faults)),
            phase_row(" down", during, events["up"] - events["down"]),
            phase_row(" after", after, max(r[1] for r in faults) - events["up"]),
        ])
        print()
        print(f"PostgreSQL down (immediate stop to start): {events['up'] - events['down']:.1f} s")
        print(f"recovery: first 2xx {recovery:.2f} s after PostgreSQL was back (limit {RECOVERY_LIMIT:.0f} s)")
        print(f"errors other than 503 during the fault phase: {len(unexpected)}; "
              f"errors later than {RECOVERY_LIMIT:.0f} s after the return: {len(late_errors)}")
        print(f"acknowledged writes: {len(load.acknowledged)}, found afterwards: {len(load.acknowledged) - len(missing)}, "
              f"missing: {len(missing)}")
        print(f"gunicorn still running: {'yes' if gunicorn_alive else 'no'}")

        steady_errors = phase_row("steady", steady, options.load_seconds)["errors"]
        failures = [
            message for failed, message in [
                (steady_errors, f"errors under steady load: {steady_errors}"),
                (unexpected, "errors other than 503 while PostgreSQL restarted"),
                (late_errors, f"errors more than {RECOVERY_LIMIT:.0f} s after PostgreSQL came back"),
                (recovery > RECOVERY_LIMIT, f"no recovery within {RECOVERY_LIMIT:.0f} s"),
                (missing, f"acknowledged writes missing: {missing[:10]}"),
                (not gunicorn_alive, "gunicorn stopped"),
            ] if failed
        ]
        print()
        print("RESULT: " + ("pass" if not failures else "FAIL: " + "; ".join(failures)))
        return 1 if failures else 0
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        log.close()
        try:
            database.stop("fast")
        except subprocess.CalledProcessError:
            pass
        if os.environ.get("LOAD_KEEP_FOLDER") != "1":
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
