"""The cache backend from one address, DJANGO_CACHE_URL, through Django's cache framework."""
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def cache_from_url(url):
    """Return the CACHES entry for an address such as redis://host:6379/0 or memcached://host:11211.

    locmem:// (the default) keeps the cache in each process; redis://, rediss://, memcached://
    and file:///path share it between processes and machines (file only within a machine).
    """
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "directory",
            # Room for a few hundred whole answers beside the counts (at most 256 KB each).
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    if parts.scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "memcached":
        return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": parts.netloc}
    if parts.scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
            # Django's default of 300 files is fewer than the addresses a day of browsing asks
            # for: past it every write of an answer deletes a third of the others, and the
            # cache costs more than it saves. 10,000 answers take at most 2.5 GB of disk.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL {url!r}: use locmem://, redis://host:port/db, memcached://host:port or file:///path"
    )
