"""Results that stay valid until the directory next changes: facet counts and list counts."""
import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet

from partnerships.models import DataVersion

# An upper bound as well: a cache shared with other sites may not see every bump.
TIMEOUT_SECONDS = 3600


def while_unchanged(kind, queryset, compute):
    """Return compute() for the queryset, cached under the directory's current data version.

    Every write raises the version (DataVersion), so a cached value is never served after
    the data it was computed from has changed, in any worker sharing the database.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return compute()
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
    key = f"directory:{DataVersion.current()}:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value
