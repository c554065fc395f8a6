import os

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the .po files the pages are translated from, as make test does (a no-op when current)."""
    call_command("compile_translations", verbosity=0)


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


@pytest.fixture
def wsgi_in_test_transaction(db, settings):
    """Let a plain WSGI handler serve requests in this process, inside the test's transaction, unthrottled."""
    # Hundreds of requests in one test: the rate limits would answer 429 to most of them.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}
    # A plain WSGI handler closes the connection after each request, ending the test's
    # transaction; Django's test client unhooks the same receivers for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
