"""Watched sources in the admin: where a curator adds a feed or a sitemap, its language and its institution."""
from django.contrib import admin

from watching.models import Candidate, WatchedSource


@admin.register(WatchedSource)
class WatchedSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "language", "institution", "active", "checked_at", "failures", "last_error"]
    list_filter = ["kind", "active", "language"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["institution"]
    readonly_fields = ["checked_at", "failures", "last_error", "added_by", "added_at"]
    fields = ["name", "url", "kind", "language", "institution", "active", "every_minutes", "pages_per_run",
              "next_check_at", "checked_at", "failures", "last_error", "added_by", "added_at"]

    def save_model(self, request, source, form, change):
        if not change:
            source.added_by = request.user
        super().save_model(request, source, form, change)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "language", "published_on", "relevance", "status"]
    list_filter = ["status", "language", "source"]
    search_fields = ["title", "url"]
    raw_id_fields = ["primary", "draft", "institutions"]
    readonly_fields = ["found_at", "closed_by", "closed_at"]

    def view_on_site(self, candidate):
        return candidate.get_absolute_url()
