"""Results that stay valid until the directory next changes: counts, facets and whole answers."""
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.cache import has_vary_header
from rest_framework.settings import api_settings

from common.models import DataVersion

# An upper bound as well: a cache shared with other sites may not see every bump.
TIMEOUT_SECONDS = 3600


def while_unchanged(kind, queryset, compute):
    """Return compute() for the queryset, cached under the directory's current data version.

    Every write raises the version (DataVersion), so a cached value is never served after
    the data it was computed from has changed, in any worker sharing the database. The values
    cached here (counts, facets, pictures) do not depend on the order of the rows, so the key
    leaves the order out: the same list sorted another way, or on another page, reuses them.
    """
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:
        return compute()
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
    key = f"directory:{DataVersion.current()}:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value


class AnonymousReadsCacheMiddleware:
    """Answer a repeated anonymous GET from the cache until the directory next changes.

    Reads outnumber writes by far: the same lists, facets and records are asked for again and
    again, and rebuilding them costs the filters, the count and the rows each time. The key
    holds the data version, so any write retires every cached answer at once in all workers
    sharing the cache. Only requests that could not differ from one reader to another are
    served this way: no session or message cookie, no Authorization header, no conditional
    headers (the view answers those with 304 itself). Cached API answers still count against
    the API's rate limits. RESPONSE_CACHE_SECONDS = 0 turns it off.
    """

    # Cookies that do not change what a reader sees beyond the language, which is in the key.
    NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    # The admin is for curators; the schema and its docs do not depend on the data.
    UNCACHED_PREFIXES = ("/admin/", "/api/v1/schema/", "/api/v1/docs/")
    # Room for a page of 50 cards or rows (about 150 KB); bigger answers (a page of 200) are
    # rarer and would crowd the cache.
    MAX_BYTES = 256 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key_for(request)
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None and self.within_rate_limits(request):
            status, headers, content = cached
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        if self.is_shareable(request, response):
            cache.set(key, (response.status_code, dict(response.items()), response.content), settings.RESPONSE_CACHE_SECONDS)
        return response

    def key_for(self, request):
        """Return the cache key of the request's answer, or None when it must not be shared."""
        if (
            not settings.RESPONSE_CACHE_SECONDS
            or request.method != "GET"
            or request.path.startswith(self.UNCACHED_PREFIXES)
            or "HTTP_AUTHORIZATION" in request.META
            or "HTTP_IF_NONE_MATCH" in request.META
            or "HTTP_IF_MODIFIED_SINCE" in request.META
            or not set(request.COOKIES) <= self.NEUTRAL_COOKIES
        ):
            return None
        try:
            version = DataVersion.current()
        except (OperationalError, InterfaceError):
            return None  # the view answers 503 (config.middleware.DatabaseUnavailableMiddleware)
        address = f"{request.build_absolute_uri()}|{request.headers.get('Accept', '')}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"directory:{version}:response:{request.LANGUAGE_CODE}:{digest}"

    def is_shareable(self, request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # The answer holds a CSRF token: it belongs to this reader alone.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not has_vary_header(response, "*")
            and not {"private", "no-store", "no-cache"} & set(cc_directives(response))
            and len(response.content) <= self.MAX_BYTES
        )

    def within_rate_limits(self, request):
        """Count a cached API answer as the view would; over the limit, the view answers 429."""
        if not request.path.startswith("/api/"):
            return True
        return all(throttle().allow_request(request, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES)


def cc_directives(response):
    return [part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()]
