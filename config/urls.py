"""The site's addresses: pages, the curators' admin and the JSON API under /api/v1/."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("institutions/", include("institutions.urls")),
    path("", include("curation.urls")),
    path("", include("releases.urls")),
    path("", include("partnerships.urls")),
]

handler404 = "config.views.page_not_found"
