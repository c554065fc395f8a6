import pytest
from django.contrib.auth.models import User

from tests.watching.recorded_site import RecordedSite


@pytest.fixture
def site(settings):
    """A recorded site on 127.0.0.1, with the watcher's pauses and time limits shortened for the tests."""
    settings.WATCHING_HOST_DELAY = 0.01
    settings.WATCHING_TIMEOUT = 1.0
    with RecordedSite() as recorded:
        yield recorded


@pytest.fixture
def curator(client, db):
    user = User.objects.create_superuser("wanda", password="not-used-here")
    client.force_login(user)
    return user
