"""Drafts and suggestions in the admin: to look up and to fix a status; the curators' pages do the work."""
from django.contrib import admin

from curation.models import Draft, Suggestion


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "created_by", "created_at", "closed_by", "closed_at"]
    list_filter = ["status"]
    search_fields = ["text", "url"]
    readonly_fields = ["created_by", "created_at", "closed_by", "closed_at", "source", "agreements", "suggestion"]
    raw_id_fields = ["source"]

    def view_on_site(self, draft):
        return draft.get_absolute_url()


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "created_at", "client_address", "closed_by"]
    list_filter = ["status", "kind"]
    search_fields = ["message", "source_url", "email"]
    readonly_fields = ["client_address", "created_at", "closed_by", "closed_at"]
    raw_id_fields = ["agreement", "institution"]

    def view_on_site(self, suggestion):
        return suggestion.get_absolute_url()
