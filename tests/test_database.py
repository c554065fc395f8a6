import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_expected_database(expected_database):
    # make test runs the suite twice; CI checks that this test ran and passed on PostgreSQL.
    assert connection.vendor == expected_database
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
