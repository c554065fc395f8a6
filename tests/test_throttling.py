"""Rate limits on the JSON API: anonymous addresses get few requests, signed-in curators many."""
import subprocess
import sys

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token

from tests.test_production import BASE_DIR, environment


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "10/min"}}


@pytest.fixture
def curator_token(db):
    curator = User.objects.create_user("throttled-curator")
    curator.user_permissions.set(Permission.objects.filter(codename__in=["add_agreement", "change_agreement"]))
    return Token.objects.create(user=curator).key


@pytest.mark.django_db
def test_api_throttle_answers_anonymous_429_with_retry_after(client, low_rates):
    statuses = [client.get("/api/v1/areas/").status_code for _ in range(3)]
    refused = client.get("/api/v1/agreements/")

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Request was throttled.")


@pytest.mark.django_db
def test_api_throttle_lets_curator_past_the_anonymous_limit(client, low_rates, curator_token):
    statuses = [
        client.get("/api/v1/areas/", headers={"Authorization": f"Token {curator_token}"}).status_code for _ in range(5)
    ]

    assert statuses == [200] * 5


@pytest.mark.django_db
def test_api_throttle_counts_each_anonymous_address_apart(client, low_rates):
    for _ in range(3):
        client.get("/api/v1/areas/", REMOTE_ADDR="192.0.2.1")

    assert client.get("/api/v1/areas/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/v1/areas/", REMOTE_ADDR="192.0.2.2").status_code == 200


@pytest.mark.django_db
def test_api_throttle_leaves_pages_alone(client, low_rates):
    statuses = {client.get("/partnerships/").status_code for _ in range(5)}

    assert statuses == {200}


def throttle_rates(**env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from django.conf import settings; print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'])"],
        cwd=BASE_DIR, env=environment(DJANGO_DEBUG="1", **env), capture_output=True, text=True, timeout=60,
    )
    return result.returncode, result.stdout.strip(), result.stderr.strip().splitlines()[-1:]


def test_api_throttle_rates_come_from_the_environment():
    assert throttle_rates() == (0, "{'anon': '120/min', 'user': '1200/min', 'suggestions': '10/hour'}", [])
    assert throttle_rates(DJANGO_API_ANON_RATE="30/s", DJANGO_API_USER_RATE="off", DJANGO_SUGGESTION_RATE="3/day") == (
        0, "{'anon': '30/s', 'user': None, 'suggestions': '3/day'}", []
    )
    assert throttle_rates(DJANGO_API_ANON_RATE="lots") == (
        1, "", ["django.core.exceptions.ImproperlyConfigured: DJANGO_API_ANON_RATE must be a rate such as 120/min, "
                "or off, not 'lots'"]
    )
