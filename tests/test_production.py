"""The site as production runs it: DJANGO_DEBUG=0, under gunicorn, behind HTTPS."""
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-test-key-8f3kq0zv7l2mx9w4tj6rbn1yc5hd0pse-aq7",
    "DJANGO_ALLOWED_HOSTS": "directory.example.org",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}
CONTENT_SECURITY_POLICY = {
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
    "frame-ancestors 'none'",
}


def environment(**changes):
    """Return this process's environment with the changes, a None value removing the variable."""
    # DJANGO_ENV_FILE stays: make test points it away from a developer's .env.
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_") or key == "DJANGO_ENV_FILE"}
    env.update(changes)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=environment(**PRODUCTION_ENV))

    # Warnings go to stderr: comparing both shows them when the test fails.
    assert (result.returncode, result.stdout + result.stderr) == (
        0, "System check identified no issues (0 silenced).\n"
    )


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_variable(name):
    result = manage("check", env=environment(**{**PRODUCTION_ENV, name: None}))

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"django.core.exceptions.ImproperlyConfigured: {name} must be set when DJANGO_DEBUG is off "
        "(see README, Running in production)"
    )


@pytest.mark.parametrize(("debug", "seconds"), [("1", "0"), ("0", "3600")])
def test_answers_are_cached_in_production_and_not_in_development(debug, seconds):
    env = environment(**{**PRODUCTION_ENV, "DJANGO_DEBUG": debug})
    result = manage("shell", "-c", "from django.conf import settings; print(settings.RESPONSE_CACHE_SECONDS)", env=env)

    assert (result.returncode, result.stdout.split()[-1]) == (0, seconds), result.stderr


def test_development_starts_without_production_variables():
    result = manage("check", env=environment(DJANGO_DEBUG="1"))

    assert (result.returncode, result.stdout) == (0, "System check identified no issues (0 silenced).\n")


def test_debug_is_off_without_the_variable_so_start_up_asks_for_production_variables():
    result = manage("check", env=environment())

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
        "(see README, Running in production)"
    )


def read_settings(*names, **env):
    """Return the settings' values as printed by a fresh process with production variables and `env`."""
    code = f"from django.conf import settings; print(*(getattr(settings, name) for name in {names!r}))"
    result = manage("shell", "-c", code, env=environment(**{**PRODUCTION_ENV, **env}))
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-len(names):]


@pytest.mark.parametrize(
    ("value", "on"),
    [("1", "True"), ("true", "True"), ("True", "True"), (" yes ", "True"), ("ON", "True"),
     ("0", "False"), ("false", "False"), ("False", "False"), ("No", "False"), (" off", "False")],
)
def test_flags_accept_the_usual_spellings_of_true_and_false(value, on):
    assert read_settings("DEBUG", "SECURE_SSL_REDIRECT", DJANGO_DEBUG=value, DJANGO_SECURE_SSL_REDIRECT=value) == [on, on]


@pytest.mark.parametrize("name", ["DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT"])
def test_flag_of_another_word_is_refused_at_start_up(name):
    result = manage("check", env=environment(**{**PRODUCTION_ENV, name: "maybe"}))

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"django.core.exceptions.ImproperlyConfigured: {name} must be true or false (1/0, yes/no, on/off), not 'maybe'"
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """Collect the static files and serve the site under gunicorn with production settings."""
    folder = tmp_path_factory.mktemp("production")
    env = environment(
        **PRODUCTION_ENV,
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
    )
    collected = manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    assert collected.returncode == 0, collected.stderr
    with gunicorn_serving(env) as port:
        yield port


@contextmanager
def gunicorn_serving(env, *options):
    """Serve the site under gunicorn with one worker on a free loopback port, as make serve-prod
    configures it (config/gunicorn.py: loaded before the fork, frozen); yield the port."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi", "--config", "python:config.gunicorn",
        "--bind", f"127.0.0.1:{port}", "--workers", "1",
    ]
    with serving([*command, *options], env, port):
        yield port


@contextmanager
def serving(command, env, port):
    """Run a server command until it accepts connections on the port; stop it afterwards."""
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                time.sleep(0.2)
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(port, path, *, https=True):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "directory.example.org"}
    if https:
        # What the TLS-terminating proxy adds, as DJANGO_SECURE_PROXY_SSL_HEADER says.
        headers["X-Forwarded-Proto"] = "https"
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response, body


def test_production_redirects_plain_http_to_https(production_server):
    response, _ = get(production_server, "/admin/login/", https=False)

    assert (response.status, response.headers["Location"]) == (301, "https://directory.example.org/admin/login/")


def test_production_pages_carry_security_headers(production_server):
    response, _ = get(production_server, "/admin/login/")

    assert response.status == 200
    # django-csp writes the directives in no fixed order.
    assert set(response.headers["Content-Security-Policy"].split("; ")) == CONTENT_SECURITY_POLICY
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    csrf_cookie = next(cookie for cookie in response.headers.get_all("Set-Cookie") if cookie.startswith("csrftoken="))
    assert "; Secure" in csrf_cookie


def test_production_pages_have_no_inline_script(production_server):
    _, body = get(production_server, "/admin/login/")

    scripts = re.findall(r"<script\b[^>]*>", body)
    assert scripts != []
    assert [tag for tag in scripts if "src=" not in tag] == []


def test_production_serves_static_files_by_hashed_name(production_server):
    _, page = get(production_server, "/admin/login/")
    stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', page).group(1)

    response, body = get(production_server, stylesheet)

    assert response.status == 200
    assert response.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "body" in body


def test_a_developers_env_file_turns_debug_on_and_the_environment_still_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# as make run writes it\nDJANGO_DEBUG=1\n")
    show_debug = ("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")

    from_file = manage(*show_debug, env=environment(DJANGO_ENV_FILE=str(env_file)))
    overridden = manage(*show_debug, env=environment(**PRODUCTION_ENV, DJANGO_ENV_FILE=str(env_file)))
    no_file = manage("check", env=environment(DJANGO_ENV_FILE=os.devnull))

    # The shell may print other lines first (its automatic imports): the last one is the answer.
    assert (from_file.returncode, from_file.stdout.split()[-1]) == (0, "True")
    assert (overridden.returncode, overridden.stdout.split()[-1]) == (0, "False")
    assert no_file.returncode != 0 and "DJANGO_SECRET_KEY must be set" in no_file.stderr
