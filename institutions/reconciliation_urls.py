"""The reconciliation service's addresses, never prefixed by a language (institutions/reconciliation.py)."""
from django.urls import path

from institutions import reconciliation

urlpatterns = [
    path("", reconciliation.reconcile, name="reconcile"),
    path("suggest/entity", reconciliation.suggest_entity, name="reconcile-suggest-entity"),
    path("preview", reconciliation.preview, name="reconcile-preview"),
    path("properties", reconciliation.properties, name="reconcile-properties"),
]
