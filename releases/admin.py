from django.contrib import admin

from releases.models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Releases are written by `manage.py make_release` only: curators may look, never edit."""

    list_display = ["number", "released_at", "change_total"]
    readonly_fields = ["number", "released_at", "counts", "change_counts", "files", "fingerprint", "changes_truncated"]
    exclude = ["changes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
