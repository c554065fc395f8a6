"""Drafts that curators review before they become records, and suggestions sent by readers.

Neither is part of the directory: no public page or API answer shows them.
"""
import hashlib
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from institutions.models import Institution
from partnerships.models import Agreement, Source


def normalised_text(text):
    """Return the text as two copies of one article compare: same letters, case and spacing ignored."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    # Quotes and dashes differ between a saved page and a pasted copy.
    text = re.sub(r"[\u2018\u2019\u201a\u201b`´]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f«»]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def text_fingerprint(text):
    """Return a hash of the normalised text, by which the same article pasted twice is recognised."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def normalised_url(url):
    """Return the address as two links to one article compare: no fragment, no trailing slash, host in lower case."""
    url = (url or "").strip()
    if not url:
        return ""
    url = url.split("#", 1)[0]
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{scheme.lower()}://{host}{slash}{path}".rstrip("/")


class DraftQuerySet(models.QuerySet):
    def of_article(self, *, url="", text=""):
        """Return the drafts of the same article: the same address, or the same text."""
        condition = Q(text_fingerprint=text_fingerprint(text)) if normalised_text(text) else Q(pk__in=[])
        if normalised_url(url):
            condition |= Q(url_key=normalised_url(url))
        return self.filter(condition)


class Draft(models.Model):
    """What the assistant proposed from one article, as a curator corrects it, until it is published or rejected."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    text = models.TextField(_("article text"))
    html = models.TextField(_("saved HTML page"), blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    proposal = models.JSONField(_("proposal"), help_text=_("The draft in the documented JSON contract, as corrected."))
    # Publishing checks each fact a curator changed against its cited sentence: changed from this.
    drafted = models.JSONField(
        _("as drafted"), default=dict, blank=True, editable=False,
        help_text=_("The assistant's proposal as it was made, before any correction."),
    )
    # Kept on save, so that the same article is found by an index lookup.
    text_fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    url_key = models.CharField(max_length=500, editable=False, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published or rejected by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    closed_at = models.DateTimeField(_("published or rejected"), null=True, blank=True)
    reason = models.TextField(_("reason for rejecting"), max_length=2000, blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("published as source"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    agreements = models.ManyToManyField(Agreement, verbose_name=_("published as agreements"), blank=True, related_name="+")
    suggestion = models.ForeignKey(
        "Suggestion", verbose_name=_("from the suggestion"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="drafts",
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False), name="draft_closed_has_time"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.text_fingerprint = text_fingerprint(self.text)
        self.url_key = normalised_url(self.url)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("curation:draft", args=[self.pk])

    @property
    def title(self):
        proposal = self.proposal if isinstance(self.proposal, dict) else {}
        agreements = proposal.get("agreements") or []
        source = proposal.get("source") or {}
        return (agreements[0].get("title") if agreements else "") or source.get("title") or _("Draft #%(number)s") % {"number": self.pk}


class Suggestion(models.Model):
    """A reader's correction of a record, or a report of a partnership the directory is missing."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        MISSING = "missing", _("Missing partnership")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        APPLIED = "applied", _("Applied")
        DECLINED = "declined", _("Declined")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("what is wrong or missing"), max_length=5000)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_text = models.TextField(_("source text"), max_length=50000, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    client_address = models.CharField(_("client address"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["status", "created_at"], name="suggestion_status_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(message=""), name="suggestion_says_what"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False), name="suggestion_closed_has_time",
            ),
            models.CheckConstraint(condition=Q(status="open") | ~Q(reason=""), name="suggestion_closed_has_reason"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}: {self.message[:60]}"

    def get_absolute_url(self):
        return reverse("curation:suggestion", args=[self.pk])

    @property
    def subject(self):
        """The record the suggestion is about, if any."""
        return self.agreement or self.institution

    @property
    def change_reason(self):
        """What the history of a record changed because of this suggestion says."""
        return f"Suggestion #{self.pk} from a reader"
