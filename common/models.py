"""Pieces every app's models share: the data version, the edited-record base, slugs as keys."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """The directory's single change counter: every write raises it, so cached counts know they are stale."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=models.F("number") + 1):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})


def bump_data_version(sender, **kwargs):
    """Raise the data version: connected by each app to the save and delete of its directory models."""
    DataVersion.bump()


@deconstructible
class ReservedSlugValidator:
    """Refuse slugs that are addresses of their own in the API (e.g. /agreements/facets/)."""

    def __init__(self, *reserved):
        self.reserved = reserved

    def __call__(self, value):
        if value in self.reserved:
            raise ValidationError(_("%(value)s is reserved; choose another slug."), params={"value": value})

    def __eq__(self, other):
        return isinstance(other, ReservedSlugValidator) and self.reserved == other.reserved


class SlugNaturalKeyManager(models.Manager):
    """Load and dump rows by their slug, so fixtures never depend on numeric ids."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class EditedRecord(models.Model):
    """Abstract: a record curators edit, numbered by version so that two editors cannot both win."""

    # The database default lets bulk inserts that do not name the column (synthetic data) work.
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)
    # Null for rows as the curated fixtures or a bulk insert left them: fixtures save "raw",
    # which skips save(), so loading them again changes nothing.
    updated_at = models.DateTimeField(_("last updated"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        is_update = not self._state.adding
        if is_update:
            # Raised by the database, so two saves from the same stale copy still give two versions.
            self.version = models.F("version") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
        super().save(*args, **kwargs)
        if is_update:
            self.refresh_from_db(fields=["version"])


# History leaves out the bookkeeping columns: the version, the time (history_date has it) and
# the folded search text that save() derives.
EDITED_RECORD_FIELDS = ["version", "updated_at"]
