"""The curators' pages of watched sources and the queue of candidate articles (staff only)."""
from django.urls import path

from watching import views

app_name = "watching"

urlpatterns = [
    path("curation/candidates/", views.CandidateListView.as_view(), name="candidates"),
    path("curation/candidates/<int:pk>/", views.CandidateView.as_view(), name="candidate"),
    path("curation/candidates/<int:pk>/draft/", views.CandidateDraftView.as_view(), name="candidate_draft"),
    path("curation/candidates/<int:pk>/reject/", views.CandidateRejectView.as_view(), name="candidate_reject"),
    path("curation/sources/", views.WatchedSourceListView.as_view(), name="sources"),
]
