import os

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Give every test database the curated directory; each test's changes are rolled back."""
    with django_db_blocker.unblock():
        call_command("load_curated", verbosity=0)


@pytest.fixture
def expected_database():
    """The database vendor the test command asked for (make test runs the suite on both)."""
    return os.environ.get("EXPECTED_DATABASE", "sqlite")


@pytest.fixture(autouse=True)
def answers_cached_as_in_production(settings):
    """Run every test with the answer cache on, as production has it (DEBUG turns it off)."""
    settings.RESPONSE_CACHE_SECONDS = 3600


@pytest.fixture(autouse=True)
def empty_cache():
    """Start each test with no cached counts: rolled-back tests can reuse a data version."""
    from django.core.cache import cache

    cache.clear()
