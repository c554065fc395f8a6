"""Drafts, suggestions and merges in the admin: to look up, fix a status, and merge duplicates."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from curation.merging import MergeError, merge_institutions
from curation.models import Draft, Suggestion
from institutions.models import Institution, InstitutionMerge, MergeProposal


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


@admin.register(MergeProposal)
class MergeProposalAdmin(admin.ModelAdmin):
    """Likely duplicates (`manage.py find_duplicates`, or a record ROR withdrew): merged only by a curator's action."""

    list_display = ["duplicate", "survivor", "reason", "proposed_at"]
    list_select_related = ["duplicate", "survivor"]
    readonly_fields = ["duplicate", "survivor", "reason", "proposed_at"]
    actions = ["merge"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Merge each duplicate into the record that stays"), permissions=["change"])
    def merge(self, request, proposals):
        for proposal in list(proposals.select_related("duplicate", "survivor")):
            if not Institution.objects.filter(pk__in=[proposal.duplicate_id, proposal.survivor_id]).count() == 2:
                continue  # merged away by an earlier proposal of this batch
            try:
                merge_institutions(proposal.duplicate, proposal.survivor, reason=proposal.reason)
            except MergeError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("%(old)s merged into %(new)s.") % {
                    "old": proposal.duplicate, "new": proposal.survivor}, messages.SUCCESS)


@admin.register(InstitutionMerge)
class InstitutionMergeAdmin(admin.ModelAdmin):
    """Records merged into others: their old addresses answer 301 to the record that stays."""

    list_display = ["slug", "name", "survivor", "merged_at", "reason"]
    list_select_related = ["survivor"]
    search_fields = ["slug", "name"]
    readonly_fields = ["slug", "name", "ror_id", "survivor", "reason", "merged_at"]

    def has_add_permission(self, request):
        return False
