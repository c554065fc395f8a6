"""A real server and a real Chromium for the browser tests.

The server runs in a subprocess on its own SQLite file holding the curated data. pytest-django's
live_server would need a transactional test database, and flushing it would delete the curated
data the rest of the suite reads.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-first-run",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
SERVER_START_SECONDS = 30


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """Serve the site with the curated data on a free loopback port; return its base address."""
    with serve_directory(tmp_path_factory.mktemp("browser")) as url:
        yield url


@contextmanager
def serve_directory(folder, *setup, settings=None):
    """Serve the curated data, after the extra manage.py commands in `setup`, from a database in `folder`.

    `settings` are environment variables that change the server's settings (DJANGO_DEBUG=0).
    Such a server is SQLite whichever database the suite runs on, so its tests run in the SQLite
    pass only: in the PostgreSQL pass they would repeat it exactly. (Tests on `live_server` use the
    suite's database and run in both.)
    """
    if os.environ.get("EXPECTED_DATABASE") == "postgresql":
        pytest.skip("serves its own SQLite database: the SQLite pass runs it")
    database = folder / "directory.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1", **(settings or {})}
    manage = [sys.executable, str(REPOSITORY / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_curated"], *setup):
        subprocess.run(manage + command, env=env, cwd=REPOSITORY, check=True, capture_output=True)
    port = free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        manage + ["runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
        env=env, cwd=REPOSITORY, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def wait_until_answering(url, server):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The test server stopped with code {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The test server did not answer at {url} within {SERVER_START_SECONDS} s")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless. A browser that cannot start fails the tests: it never skips them."""
    # Module scope: Playwright's event loop must be gone before database tests run, since
    # Django refuses database calls while an event loop runs in the thread.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def requested_urls():
    """Every address the page asked for, to check that none leaves the machine."""
    return []


@pytest.fixture
def page(browser, requested_urls):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("request", lambda request: requested_urls.append(request.url))
    page.set_default_timeout(10_000)
    yield page
    context.close()
