"""The JSON API, version 1: each app's endpoints, the OpenAPI schema and its docs."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("institutions.api.urls")),
    path("", include("partnerships.api.urls")),
    path("", include("curation.api_urls")),
    path("", include("releases.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file, so the docs need no inline script
    # and no CDN: Swagger UI comes from drf-spectacular-sidecar's static files.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
