"""The reader's language, and answers for requests the site cannot serve: a body that is too big, too many parameters, a
database that is down.

All answer JSON under /api/ and a short HTML page elsewhere, so API clients can read the
reason and people see a page instead of a server error.
"""
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _

from config.languages import accepted_language, address_in, is_translated_path, preferred_language

logger = logging.getLogger(__name__)

# Seconds a client should wait before trying again while the database is unavailable.
DATABASE_RETRY_AFTER = 5


def error_response(request, status, message, **headers):
    """Return `message` as {"detail": ...} under /api/, as a minimal HTML page elsewhere."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=status)
    else:
        # No template: the page must render without the database, and so without base.html.
        response = HttpResponse(
            format_html(
                '<!doctype html><html lang="{}" dir="{}"><title>{}</title><h1>{}</h1></html>',
                translation.get_language(), "rtl" if translation.get_language_bidi() else "ltr", message, message,
            ),
            status=status,
        )
    for name, value in headers.items():
        response[name] = value
    return response


class RequestSizeLimitMiddleware:
    """Refuse a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE with 413 before anything reads it.

    Django itself raises RequestDataTooBig only when a view reads the body, and answers 400;
    checking the declared length first also spares the server from receiving the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            return self.too_big(request, limit)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return self.too_big(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return None

    def too_big(self, request, limit):
        return error_response(
            request, 413, _("The request body is larger than %(limit)d bytes.") % {"limit": limit},
        )


class FieldCountLimitMiddleware:
    """Refuse more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters (query string or form) with 400.

    Django raises TooManyFieldsSent wherever the parameters are first read: under DEBUG that
    became a slow technical page, and in the API a 500, since DRF had not yet chosen a renderer.
    Reading them here, before any view, gives one quick answer in both modes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018  (parsing counts the fields)
            if request.content_type == "application/x-www-form-urlencoded":
                request.POST  # noqa: B018
        except TooManyFieldsSent:
            limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
            return error_response(request, 400, _("More than %(limit)d parameters: send fewer.") % {"limit": limit})
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After when the database cannot be reached, instead of a 500.

    Django opens a new connection on the next request (CONN_HEALTH_CHECKS drops a broken
    persistent one), so the site recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return error_response(
            request, 503, _("The database is unavailable for a moment; please try again shortly."),
            **{"Retry-After": str(DATABASE_RETRY_AFTER)},
        )


class ReaderLanguageMiddleware:
    """Give the API the language of Accept-Language, and send readers to the pages in their language.

    After Django's LocaleMiddleware, which takes a page's language from its prefix (/ko/...) and
    gives every unprefixed address English. The API is one contract at one address: its
    `display_name` and country names follow Accept-Language alone. A reader who asks for a plain
    page address and prefers another language (by the switcher's cookie, else Accept-Language)
    is redirected to the same page, query string and all, under that language's prefix; the
    plain answer says that it depends on both (Vary). Prefixed addresses are one language for
    everyone, so they can be shared, cached and listed as hreflang alternates.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            translation.activate(accepted_language(request))
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            patch_vary_headers(response, ("Accept-Language",))
            return response
        if (
            request.method not in ("GET", "HEAD")
            or not is_translated_path(path)
            or translation.get_language_from_path(path)
        ):
            return self.get_response(request)
        language = preferred_language(request)
        if language != settings.LANGUAGE_CODE:
            response = HttpResponseRedirect(address_in(language, request))
        else:
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
