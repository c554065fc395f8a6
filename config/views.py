"""Error answers for addresses no view matches, a sign-in that is locked out, and the language switch."""
from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_safe

from config.languages import path_in


def page_not_found(request, exception):
    """Answer an unknown address under /api/ with JSON, as the API's own 404s are; a page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def locked_out(request, original_response=None, credentials=None):
    """Answer a sign-in refused by django-axes after too many failures with 429 and a page saying why."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "locked_out.html", context, status=429)


# The switcher's choice is remembered for a year.
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600


@require_safe
def choose_language(request, code):
    """Remember the reader's language and show the page they were on (`next`) in it.

    A link, not a form: the pages carry no CSRF token, so that they can be cached and shared.
    Choosing a language changes nothing but the reader's own cookie.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404(_("No such language."))
    next_path = request.GET.get("next", "/")
    if not next_path.startswith("/") or not url_has_allowed_host_and_scheme(
        next_path, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_path = "/"
    response = HttpResponseRedirect(path_in(code, next_path))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=LANGUAGE_COOKIE_SECONDS, samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE, httponly=True,
    )
    response["Cache-Control"] = "no-store"
    return response
