"""The site's addresses: pages (English unprefixed, other languages under /ko/, /ar/, /de/,
/zh-hans/), the curators' admin, the JSON API under /api/v1/ and the reconciliation service
under /reconcile/, which are never prefixed."""
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.views import choose_language

# The curators' sign-in and admin pages name the directory, not the framework.
admin.site.site_header = _("Hospital Partnerships Directory: curators")
admin.site.site_title = _("Hospital Partnerships Directory")
admin.site.index_title = _("Curation")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    # OpenRefine's reconciliation service: JSON for machines, in no page language.
    path("reconcile/", include("institutions.reconciliation_urls")),
    path("language/<str:code>/", choose_language, name="choose-language"),
    *i18n_patterns(
        path("institutions/", include("institutions.urls")),
        path("", include("curation.urls")),
        path("", include("watching.urls")),
        path("", include("releases.urls")),
        path("", include("partnerships.urls")),
        prefix_default_language=False,
    ),
]

handler404 = "config.views.page_not_found"
