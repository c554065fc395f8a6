"""Repeated anonymous reads come whole from the cache until the directory changes, and only those."""
import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from partnerships.models import Agreement

pytestmark = pytest.mark.django_db

EHS_AMC = "ehs-amc-mou-2024"
ADDRESSES = [
    "/api/v1/agreements/?country=KR",
    f"/api/v1/agreements/{EHS_AMC}/",
    "/partnerships/?country=KR",
    f"/partnerships/{EHS_AMC}/",
    "/institutions/",
]


def queries_for(client, address, **kwargs):
    """Return how many queries answering the request took."""
    with CaptureQueriesContext(connection) as queries:
        client.get(address, **kwargs)
    return len(queries)


@pytest.fixture
def curator():
    user = User.objects.create_user("cache-curator", password="long enough to pass")
    user.user_permissions.set(Permission.objects.filter(codename__in=["change_agreement", "view_agreement"]))
    return user


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_repeated_anonymous_read_is_the_same_answer_from_one_query(client, django_assert_max_num_queries, address):
    first = client.get(address)

    # Only the data version is read, to know the cached answer is still current.
    with django_assert_max_num_queries(1):
        again = client.get(address)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    # Headers added on the way out are still there on a cached answer.
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == first["X-Frame-Options"]


def test_a_write_retires_the_cached_answers(client):
    address = f"/api/v1/agreements/{EHS_AMC}/"
    before = client.get(address).json()
    listed = client.get("/partnerships/?country=AE").content.decode()

    agreement = Agreement.objects.get(slug=EHS_AMC)
    agreement.title = "Renamed while cached"
    agreement.save()

    assert before["title"] != "Renamed while cached"
    assert client.get(address).json()["title"] == "Renamed while cached"
    assert "Renamed while cached" not in listed
    assert "Renamed while cached" in client.get("/partnerships/?country=AE").content.decode()


def test_a_write_through_the_api_is_seen_by_the_next_anonymous_read(client, curator):
    address = f"/api/v1/agreements/{EHS_AMC}/"
    client.get(address)
    token = Token.objects.create(user=curator).key

    changed = client.patch(
        address, {"place": "Dubai, in the cache test"}, content_type="application/json",
        headers={"Authorization": f"Token {token}"},
    )

    assert changed.status_code == 200, changed.content
    assert client.get(address).json()["place"] == "Dubai, in the cache test"


def test_signed_in_readers_are_never_served_from_the_cache(client, curator):
    client.force_login(curator)
    client.get("/api/v1/agreements/?country=KR")

    assert queries_for(client, "/api/v1/agreements/?country=KR") > 1


def test_token_readers_are_never_served_from_the_cache(client, curator):
    headers = {"Authorization": f"Token {Token.objects.create(user=curator).key}"}
    client.get("/api/v1/agreements/?country=KR", headers=headers)

    assert queries_for(client, "/api/v1/agreements/?country=KR", headers=headers) > 1


def test_the_same_address_in_another_format_is_not_mixed_up(client):
    client.get("/api/v1/agreements/?country=KR")

    as_csv = client.get("/api/v1/agreements/?country=KR", headers={"Accept": "text/csv"})
    as_json = client.get("/api/v1/agreements/?country=KR")

    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_json["Content-Type"] == "application/json"


def test_a_cached_record_is_kept_apart_by_the_accept_that_chose_it(client):
    address = f"/api/v1/agreements/{EHS_AMC}/"
    accepts = ["application/json;q=0.1, text/csv", "application/json, text/csv;q=0.1", "text/csv;q=0"]
    first = [client.get(address, headers={"Accept": accept}) for accept in accepts]

    again = [client.get(address, headers={"Accept": accept}) for accept in accepts]

    assert [(answer.status_code, answer["Content-Type"]) for answer in first + again] == [
        (200, "text/csv; charset=utf-8"), (200, "application/json"), (406, "application/json")
    ] * 2


def test_the_host_is_part_of_the_key_since_answers_hold_absolute_addresses(client, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    client.get("/api/v1/agreements/?country=KR", HTTP_HOST="one.example")

    second = client.get("/api/v1/agreements/?country=KR", HTTP_HOST="two.example").json()

    assert second["results"][0]["url"].startswith("http://two.example/")


def test_a_conditional_read_still_gets_304_after_the_answer_is_cached(client):
    address = f"/api/v1/agreements/{EHS_AMC}/"
    etag = client.get(address)["ETag"]
    assert client.get(address)["ETag"] == etag  # now from the cache

    not_modified = client.get(address, headers={"If-None-Match": etag})

    assert not_modified.status_code == 304


def test_cached_api_answers_still_count_against_the_rate_limit(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "10/min"}}

    statuses = [client.get("/api/v1/agreements/?country=KR").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_the_cache_can_be_turned_off(client, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    client.get("/api/v1/agreements/?country=KR")

    assert queries_for(client, "/api/v1/agreements/?country=KR") > 1
