"""The curators' pages and the public's forms for corrections and missing partnerships."""
from django.urls import path

from curation import views
from curation.models import Suggestion
from institutions.models import Institution
from partnerships.models import Agreement

app_name = "curation"

CORRECTION, MISSING = Suggestion.Kind.CORRECTION, Suggestion.Kind.MISSING

urlpatterns = [
    # Curators (staff) only.
    path("curation/drafts/", views.DraftListView.as_view(), name="drafts"),
    path("curation/drafts/new/", views.NewDraftView.as_view(), name="draft_new"),
    path("curation/drafts/<int:pk>/", views.DraftView.as_view(), name="draft"),
    path("curation/drafts/<int:pk>/reject/", views.DraftRejectView.as_view(), name="draft_reject"),
    path("curation/drafts/<int:pk>/reopen/", views.DraftReopenView.as_view(), name="draft_reopen"),
    path("curation/suggestions/", views.SuggestionListView.as_view(), name="suggestions"),
    path("curation/suggestions/<int:pk>/", views.SuggestionView.as_view(), name="suggestion"),
    path("curation/suggestions/<int:pk>/draft/", views.SuggestionDraftView.as_view(), name="suggestion_draft"),
    # Anyone.
    path("suggest/partnerships/<slug:slug>/", views.SuggestionCreateView.as_view(),
         {"kind": CORRECTION, "model": Agreement}, name="suggest_agreement"),
    path("suggest/institutions/<slug:slug>/", views.SuggestionCreateView.as_view(),
         {"kind": CORRECTION, "model": Institution}, name="suggest_institution"),
    path("suggest/missing/", views.SuggestionCreateView.as_view(), {"kind": MISSING}, name="suggest_missing"),
    path("suggest/thanks/", views.SuggestionThanksView.as_view(), name="suggestion_thanks"),
]
