"""The curation endpoints of the JSON API (curators only)."""
from django.urls import path

from curation.api import DraftView

urlpatterns = [
    path("drafts/", DraftView.as_view(), name="drafts"),
]
