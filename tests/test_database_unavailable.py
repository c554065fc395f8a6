"""A database that cannot be reached: the site answers 503 with Retry-After, never a 500 or a hang.

The full outage with recovery and acknowledged writes is bench/load_and_faults.py (make load-test).
"""
import http.client
import json
import time

import pytest

from tests.test_production import PRODUCTION_ENV, environment, free_port, gunicorn_serving


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory):
    """Serve the site under gunicorn with production settings, its PostgreSQL address refusing connections."""
    folder = tmp_path_factory.mktemp("no-database")
    # Nothing listens on a port just found free: every connection attempt is refused.
    env = environment(
        **PRODUCTION_ENV,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/directory",
    )
    with gunicorn_serving(env) as port:
        yield port


def request(port, method, path, body=None, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "directory.example.org", "Content-Type": "application/json", **headers}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    content = response.read().decode()
    connection.close()
    return response, content


@pytest.mark.parametrize("path", ["/api/v1/agreements/", "/api/v1/agreements/ehs-amc-mou-2024/", "/api/v1/countries/"])
def test_api_answers_503_with_retry_after_while_the_database_is_down(server_without_database, path):
    started = time.monotonic()
    response, content = request(server_without_database, "GET", path)

    assert (response.status, response.headers["Retry-After"]) == (503, "5")
    assert json.loads(content) == {"detail": "The database is unavailable for a moment; please try again shortly."}
    assert time.monotonic() - started < 5


def test_api_write_answers_503_while_the_database_is_down(server_without_database):
    # Checking the token needs the database: without one the answer would be 401.
    response, content = request(
        server_without_database, "POST", "/api/v1/agreements/", {"slug": "x"}, Authorization="Token 0123456789abcdef",
    )

    assert response.status == 503
    assert json.loads(content)["detail"] == "The database is unavailable for a moment; please try again shortly."


@pytest.mark.parametrize("path", ["/partnerships/", "/institutions/asan-medical-center/"])
def test_page_answers_503_page_while_the_database_is_down(server_without_database, path):
    response, content = request(server_without_database, "GET", path)

    assert (response.status, response.headers["Retry-After"]) == (503, "5")
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>The database is unavailable for a moment; please try again shortly.</h1>" in content
