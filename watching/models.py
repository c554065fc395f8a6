"""The feeds and sitemaps curators watch, and the candidate articles found in them.

Like drafts, none of this is part of the directory: no public page or API answer shows it.
A candidate is one article at one address. The same signing told by several outlets (or in
several languages) is one story: its reports point to the story's primary candidate.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from curation.models import Draft
from institutions.models import Institution


class WatchedSource(models.Model):
    """A newsroom's feed (RSS or Atom) or sitemap (news sitemaps included), polled by `manage.py watch_sources`."""

    class Kind(models.TextChoices):
        FEED = "feed", _("Feed (RSS or Atom)")
        SITEMAP = "sitemap", _("Sitemap")

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address"), max_length=1000, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FEED)
    language = models.CharField(
        _("language"), max_length=16, blank=True,
        help_text=_("BCP 47 code of the source's articles (ko, ar, zh…); empty: read from each article."),
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("The institution whose own newsroom this is, if any: its releases lead a story."),
    )
    active = models.BooleanField(_("watched"), default=True)
    every_minutes = models.PositiveIntegerField(_("check every (minutes)"), default=60)
    pages_per_run = models.PositiveIntegerField(
        _("articles read per run"), default=20, help_text=_("At most this many new articles are fetched each run."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    # What the last answer said, sent back so that an unchanged feed answers 304 Not Modified.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, editable=False)
    next_check_at = models.DateTimeField(_("next check"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("watched source")
        verbose_name_plural = _("watched sources")

    def __str__(self):
        return self.name

    @property
    def is_failing(self):
        return bool(self.last_error)


class CandidateQuerySet(models.QuerySet):
    def stories(self):
        """The candidates that lead a story (an article told once is its own story)."""
        return self.filter(primary__isnull=True)


class Candidate(models.Model):
    """An article found in a watched source, waiting for a curator to draft it or set it aside."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        DRAFTED = "drafted", _("Drafted")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Another report of a story")

    source = models.ForeignKey(WatchedSource, verbose_name=_("found in"), on_delete=models.CASCADE, related_name="candidates")
    url = models.URLField(_("address"), max_length=1000)
    # The address as courlan normalises it (no tracking parameters, no fragment): one article, one row.
    url_key = models.CharField(max_length=1000, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=500, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    text = models.TextField(_("text"), blank=True)
    read_error = models.CharField(
        _("why the page was not read"), max_length=500, blank=True,
        help_text=_("Set when the article's page could not be fetched: its text is then the feed's summary."),
    )
    relevance = models.FloatField(_("relevance"), default=0, help_text=_("0 to 1: how surely the text reports a signed agreement."))
    institutions = models.ManyToManyField(Institution, verbose_name=_("institutions named"), blank=True, related_name="+")
    simhash = models.CharField(max_length=16, blank=True, editable=False)
    primary = models.ForeignKey(
        # A story deleted goes with its reports (the admin lists them before it deletes).
        "self", verbose_name=_("report of the story of"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="reports",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    draft = models.ForeignKey(Draft, verbose_name=_("draft"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted or rejected by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    closed_at = models.DateTimeField(_("drafted or rejected"), null=True, blank=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-relevance", "-pk"]
        verbose_name = _("candidate article")
        verbose_name_plural = _("candidate articles")
        indexes = [
            models.Index(fields=["status", "published_on"], name="candidate_status_idx"),
            models.Index(fields=["found_at"], name="candidate_found_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status="rejected", reason__gt="") | ~Q(status="rejected"),
                                   name="candidate_rejected_has_reason"),
            models.CheckConstraint(condition=Q(status="duplicate", primary__isnull=False) | ~Q(status="duplicate"),
                                   name="candidate_duplicate_has_primary"),
        ]

    def __str__(self):
        return self.title or self.url

    def get_absolute_url(self):
        return reverse("watching:candidate", args=[self.pk])

    @property
    def day(self):
        """The day the article appeared: its own date, else the day it was found."""
        return self.published_on or self.found_at.date()
