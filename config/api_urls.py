"""The JSON API, version 1: each app's endpoints, the OpenAPI schema and its docs."""
from django.urls import include, path

urlpatterns = [
    path("", include("institutions.api.urls")),
    path("", include("partnerships.api.urls")),
]
