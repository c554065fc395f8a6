from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReleaseQuerySet(models.QuerySet):
    def latest_first(self):
        """Return releases by number, the latest first."""
        return self.order_by("-number")


class Release(models.Model):
    """A numbered, immutable snapshot of the published directory, its files in the releases folder."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    released_at = models.DateTimeField(_("released at"))
    # {table: rows}
    counts = models.JSONField(_("rows per table"), default=dict)
    # [{"name", "bytes", "sha256", "media_type"}], in the order the release page lists them.
    files = models.JSONField(_("files"), default=list)
    # The sha256 of the data files' checksums: equal fingerprints, equal data.
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    # {table: {"added": n, "changed": n, "removed": n}} against the release before; empty for the first.
    change_counts = models.JSONField(_("changes per table"), default=dict)
    # The first CHANGES_KEPT changes: [{"table", "key", "change", "fields": {name: [old, new]}}];
    # the release's changes.json holds them all.
    changes = models.JSONField(_("changes"), default=list)
    changes_truncated = models.BooleanField(_("more changes than listed"), default=False)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self):
        return f"Release {self.number}"

    def get_absolute_url(self):
        return reverse("releases:detail", args=[self.number])

    def file(self, name):
        """Return the release's file of that name, or None: only the files it lists are served."""
        return next((item for item in self.files if item["name"] == name), None)

    @property
    def change_total(self):
        return sum(sum(counts.values()) for counts in self.change_counts.values())

    @property
    def is_first(self):
        return not self.change_counts


class ReleasedRecord(models.Model):
    """An agreement's or institution's record as the releases have it: where it first appeared and last changed."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreements", _("Agreement")
        INSTITUTION = "institutions", _("Institution")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    slug = models.CharField(max_length=300)
    # A digest of every row of the record (its own, its parties, names, evidence...).
    digest = models.CharField(max_length=64)
    first_release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")
    changed_release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")
    # The release the record was no longer in, if it has been removed since.
    removed_release = models.ForeignKey(Release, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="released_record_once")]

    def __str__(self):
        return f"{self.kind}/{self.slug}"
