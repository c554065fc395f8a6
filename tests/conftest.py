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


@pytest.fixture(autouse=True)
def counts_kept_on_every_write(request):
    """After any test that uses the database, the kept options and counts must match the rows.

    Every write reaches partnerships.counts.refresh_agreements (through a model's save or
    delete, or called after a bulk write): a write path that forgets it fails the test that
    takes it, with the agreements and counts it left out of step.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False))
    # A transactional test empties the database afterwards and may load it again (its own
    # fixtures order that): it is left to its own checks.
    if transactional or ("db" not in request.fixturenames and marker is None):
        yield
        return
    # Set up here, so that the check below runs before the test's writes are rolled back.
    request.getfixturevalue("db")
    yield
    from django.db import connection

    from partnerships import counts

    if connection.needs_rollback:
        return  # the test failed inside a transaction: its own error says why
    problems = counts.out_of_step()
    assert not problems, "counts out of step with the rows:\n" + "\n".join(problems[:20])
