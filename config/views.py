"""Error answers for addresses no view matches, and for a sign-in that is locked out."""
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults


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
