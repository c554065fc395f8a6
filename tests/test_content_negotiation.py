"""Which representation the API serves: ?format= first, then Accept with its q-values; ETags and 304s per representation."""
import http.client
import socket
import sys

import pytest

from institutions.models import Institution
from tests.factories import InstitutionFactory
from tests.test_production import PRODUCTION_ENV, environment, free_port, gunicorn_serving, manage, serving

JSON, CSV = "application/json", "text/csv; charset=utf-8"
RECORD = "/api/v1/agreements/ehs-amc-mou-2024/"
LIST = "/api/v1/agreements/?country=KR"
# Operations with no CSV shape: they serve JSON alone.
JSON_ONLY = [
    "/api/v1/agreements/facets/", "/api/v1/areas/", "/api/v1/areas/education/", "/api/v1/countries/",
    "/api/v1/people/", "/api/v1/people/suh-chang-suk/", "/api/v1/institutions/autocomplete/?q=asan",
]


def vary(response):
    return [header.strip() for header in response["Vary"].split(",")]


@pytest.mark.django_db
@pytest.mark.parametrize("address", [RECORD, LIST])
@pytest.mark.parametrize(("accept", "served"), [
    (None, JSON),
    ("*/*", JSON),
    ("text/csv", CSV),
    ("text/*", CSV),
    ("application/json;q=0.1, text/csv", CSV),
    ("text/csv;q=0.5, application/json", JSON),
    ("*/*, application/json;q=0", CSV),
    # Equally welcome: the one named first.
    ("text/csv, application/json", CSV),
    ("application/json, text/csv", JSON),
    # What a browser sends.
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON),
])
def test_api_serves_the_most_welcome_representation_by_accept_q_values(client, address, accept, served):
    response = client.get(address, headers={"Accept": accept} if accept else {})

    assert (response.status_code, response["Content-Type"]) == (200, served)


@pytest.mark.django_db
@pytest.mark.parametrize("address", [RECORD, LIST])
@pytest.mark.parametrize("accept", ["text/csv;q=0", "text/html", "application/json;q=0, text/csv;q=0"])
def test_api_answers_406_in_json_when_accept_allows_nothing_served(client, address, accept):
    response = client.get(address, headers={"Accept": accept})

    assert (response.status_code, response["Content-Type"], response.json()) == (
        406, JSON, {"detail": "Could not satisfy the request Accept header."}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("address", [RECORD, LIST])
@pytest.mark.parametrize(("format", "accept", "served"), [
    ("csv", "application/json", CSV),
    ("csv", "text/csv;q=0", CSV),
    ("json", "text/csv", JSON),
])
def test_api_format_parameter_wins_over_accept(client, address, format, accept, served):
    separator = "&" if "?" in address else "?"
    response = client.get(f"{address}{separator}format={format}", headers={"Accept": accept})

    assert (response.status_code, response["Content-Type"]) == (200, served)


@pytest.mark.django_db
@pytest.mark.parametrize("address", JSON_ONLY)
def test_json_only_operation_answers_406_to_accept_csv(client, address):
    response = client.get(address, headers={"Accept": "text/csv"})

    assert (response.status_code, response["Content-Type"]) == (406, JSON)


@pytest.mark.django_db
@pytest.mark.parametrize("address", JSON_ONLY)
def test_json_only_operation_answers_400_naming_format_to_format_csv(client, address):
    separator = "&" if "?" in address else "?"
    response = client.get(f"{address}{separator}format=csv")

    assert (response.status_code, response.json()) == (400, {"format": ["Must be one of: json."]})


@pytest.mark.django_db
def test_write_answers_406_to_accept_csv_and_writes_nothing(admin_client):
    institution = InstitutionFactory()

    response = admin_client.delete(f"/api/v1/institutions/{institution.slug}/", headers={"Accept": "text/csv"})

    assert (response.status_code, Institution.objects.filter(pk=institution.pk).exists()) == (406, True)


@pytest.mark.django_db
@pytest.mark.parametrize("address", [RECORD, "/api/v1/institutions/asan-medical-center/"])
def test_record_json_and_csv_each_have_their_own_etag(client, address):
    json_etag = client.get(address)["ETag"]
    csv_etag = client.get(address, headers={"Accept": "text/csv"})["ETag"]

    held_as_json = client.get(address, headers={"Accept": "text/csv", "If-None-Match": json_etag})
    held_as_csv = client.get(address, headers={"Accept": "text/csv", "If-None-Match": csv_etag})
    csv_held_as_json = client.get(address, headers={"If-None-Match": csv_etag})

    assert json_etag != csv_etag
    assert [(held_as_json.status_code, held_as_json["ETag"]), (held_as_csv.status_code, held_as_csv["ETag"])] == [
        (200, csv_etag), (304, csv_etag)
    ]
    assert (csv_held_as_json.status_code, csv_held_as_json["ETag"]) == (200, json_etag)


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["application/json", "text/csv"])
def test_answer_that_depends_on_accept_says_vary_accept(client, accept):
    listed = client.get(LIST, headers={"Accept": accept})
    record = client.get(RECORD, headers={"Accept": accept})
    not_modified = client.get(RECORD, headers={"Accept": accept, "If-None-Match": record["ETag"]})

    assert [(answer.status_code, "Accept" in vary(answer)) for answer in [listed, record, not_modified]] == [
        (200, True), (200, True), (304, True)
    ]


@pytest.fixture(scope="module")
def directory_env(tmp_path_factory):
    """An environment whose database holds the curated directory, for servers run apart from the tests."""
    folder = tmp_path_factory.mktemp("negotiation")
    env = environment(
        DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS=PRODUCTION_ENV["DJANGO_ALLOWED_HOSTS"], DJANGO_STATIC_ROOT=str(folder / "static"), DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}"
    )
    for command in [("migrate",), ("load_curated",)]:
        result = manage(*command, "--verbosity", "0", env=env)
        assert result.returncode == 0, result.stderr
    return env


@pytest.fixture(params=["gunicorn", "runserver"])
def directory_server(request, directory_env):
    """Serve the directory as production does (gunicorn, threads so that it keeps connections alive) and as make run does."""
    if request.param == "gunicorn":
        with gunicorn_serving({**directory_env, **PRODUCTION_ENV, "DJANGO_SECURE_SSL_REDIRECT": "0"}, "--threads", "2") as port:
            yield port
    else:
        port = free_port()
        with serving([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], directory_env, port):
            yield port


class OneStream:
    """A connection's bytes read as one stream: each answer starts where the one before ended.

    http.client gives every response a buffer of its own and drops what that buffer read
    past the response; a byte sent after a 304's headers could then vanish or not, by timing.
    """

    def __init__(self, sock):
        self.file = sock.makefile("rb")

    def makefile(self, mode):
        return self

    def __getattr__(self, name):
        return getattr(self.file, name)

    def close(self):
        """Keep the stream open for the next answer."""


@pytest.mark.parametrize("accept", ["text/csv", "application/json"])
def test_304_has_no_body_on_a_kept_alive_connection(directory_server, accept):
    sock = socket.create_connection(("127.0.0.1", directory_server), timeout=10)
    stream = OneStream(sock)

    def get(*headers):
        lines = [f"GET {RECORD} HTTP/1.1", "Host: directory.example.org", f"Accept: {accept}", *headers]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        response = http.client.HTTPResponse(stream, method="GET")
        response.begin()
        return response, response.read()

    first, body = get()
    not_modified, nothing = get(f"If-None-Match: {first.getheader('ETag', '')}")
    # A byte sent after the 304's headers would be read here as the start of the status line.
    again, same_body = get()
    sock.close()

    assert [first.status, not_modified.status, again.status] == [200, 304, 200]
    assert (nothing, same_body) == (b"", body)
