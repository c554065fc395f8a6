"""A path past one machine: a read replica and a shared cache, set from the environment."""
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from config.caches import cache_from_url

ROOT = Path(settings.BASE_DIR)


def run_django(code, **env):
    """Run Python code with Django set up, in a fresh process with the given environment."""
    script = "import django; django.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", "directory"),
        ("redis://cache.internal:6379/0", "django.core.cache.backends.redis.RedisCache", "redis://cache.internal:6379/0"),
        ("memcached://cache.internal:11211", "django.core.cache.backends.memcached.PyMemcacheCache", "cache.internal:11211"),
        ("file:///var/cache/directory", "django.core.cache.backends.filebased.FileBasedCache", "/var/cache/directory"),
    ],
)
def test_cache_url_chooses_the_backend(url, backend, location):
    chosen = cache_from_url(url)

    assert (chosen["BACKEND"], chosen["LOCATION"]) == (backend, location)


def test_unknown_cache_url_is_refused_at_start_up():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_CACHE_URL": "mongodb://nowhere"},
    )
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL 'mongodb://nowhere'" in result.stderr


def test_a_file_cache_is_shared_between_processes(tmp_path):
    cache_url = f"file://{tmp_path}"
    run_django("from django.core.cache import cache; cache.set('greeting', '안녕하세요', 60)", DJANGO_CACHE_URL=cache_url)
    seen = run_django("from django.core.cache import cache; print(cache.get('greeting'))", DJANGO_CACHE_URL=cache_url)
    assert seen.strip() == "안녕하세요"


@pytest.fixture
def primary_and_replica(expected_database, tmp_path):
    """Two real PostgreSQL databases on the test server: one primary, one standing in for its replica."""
    if expected_database != "postgresql":
        pytest.skip("the replica is a second PostgreSQL database")
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = ["replica_check_primary", "replica_check_replica"]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
    urls = [f"{server}/{name}" for name in names]
    for url in urls:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True, timeout=300,
            env={**os.environ, "DATABASE_URL": url},
        )
    yield urls
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_reads_go_to_the_replica_and_writes_to_the_primary(primary_and_replica):
    primary, replica = primary_and_replica
    code = """
import json
from django.db import transaction
from django.test import Client
from institutions.models import Institution

# Each database gets a row of its own, written straight to it.
Institution.objects.using("replica").create(name="Only on the replica", slug="replica-row", kind="hospital", country="KR")
Institution.objects.create(name="Written to the primary", slug="primary-row", kind="hospital", country="KR")
with transaction.atomic():
    read_in_write = Institution.objects.filter(slug="primary-row").exists()
listed = [row["slug"] for row in Client().get("/api/v1/institutions/").json()["results"]]
print(json.dumps({
    "listed": listed,
    "on_primary": list(Institution.objects.using("default").values_list("slug", flat=True)),
    "read_in_write": read_in_write,
}))
"""
    result = json.loads(run_django(code, DATABASE_URL=primary, DATABASE_REPLICA_URL=replica).splitlines()[-1])
    # The API reads the replica: it lists the replica's row, not the primary's.
    assert result["listed"] == ["replica-row"]
    # The unrouted write went to the primary.
    assert result["on_primary"] == ["primary-row"]
    # Inside a write's transaction, reads see the primary.
    assert result["read_in_write"] is True
