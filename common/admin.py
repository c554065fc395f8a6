"""Admin pieces every app's admin shares: refusing to save over a concurrent edit, and history with links."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin


class EditConflictForm(forms.ModelForm):
    """A change form that refuses to save over a change someone else saved while it was open."""

    # The version the editor started from; list it in the admin's fieldsets to send it along.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            # The admin saves in one transaction: the row stays locked until this save commits,
            # so a concurrent save waits here and then sees the new version.
            stored = (
                type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk)
                .values_list("version", flat=True).first()
            )
            if cleaned_data.get("seen_version") != stored:
                raise ValidationError(
                    _("Someone else changed this record while you edited it. Reload the page to see their "
                      "change, then make yours again."),
                    code="edit_conflict",
                )
        return cleaned_data


class HistoryWithLinksAdmin(SimpleHistoryAdmin):
    """The audit history of a record with, below its own changes, those of the rows edited inline with it."""

    object_history_template = "admin/history_with_links.html"
    # (model, name of its foreign key to the record) for each kind of row edited inline.
    history_links = []

    def history_view(self, request, object_id, extra_context=None):
        records = [
            record
            for model, key in self.history_links
            for record in model.history.filter(**{f"{key}_id": object_id}).select_related("history_user")
        ]
        records.sort(key=lambda record: record.history_date, reverse=True)
        link_changes = [
            {"record": record, "kind": record.instance_type._meta.verbose_name, "changes": changes_of(record)}
            for record in records[:LINK_HISTORY_SHOWN]
        ]
        return super().history_view(request, object_id, {**(extra_context or {}), "link_changes": link_changes})


# Enough for any agreement curated by hand; the rest stays in the database.
LINK_HISTORY_SHOWN = 300


def changes_of(record):
    """Return what a changed row's historical record changed, as (field, old, new) triples."""
    if record.history_type != "~" or record.prev_record is None:
        return []
    return [(change.field, change.old, change.new) for change in record.diff_against(record.prev_record).changes]
