"""What supports each fact: quotes from sources, and the facts sources give differently.

Related records are named as "partnerships.Agreement", not imported: querysets.py imports this
module while records.py is still being loaded.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def check_quote_in_source(row):
    """Refuse a row's quote that its source's archived text (a file, or the row of an article published from a draft) lacks."""
    if row.quote and row.source_id:
        if not row.source.archived_text:
            raise ValidationError({"quote": _("This source has no archived text: put what it states in the note.")})
        if not row.source.contains(row.quote):
            raise ValidationError({"quote": _("The archived text of this source does not contain this quote.")})


class EvidenceManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, source_slug, fact, subject, quote, note):
        return self.get(
            agreement__slug=agreement_slug, source__slug=source_slug, fact=fact,
            quote=quote, note=note, **Evidence.subject_lookup(fact, subject),
        )


class Evidence(models.Model):
    """A quote from a source, tied to the fact of an agreement that it supports."""

    class Fact(models.TextChoices):
        PARTY = "party", _("Party")
        INSTITUTION = "institution", _("Details of a party (names, city, relation, identifier)")
        AREA = "area", _("Focus area")
        PERSON = "person", _("Person")
        DATE = "date", _("Date signed")
        PLACE = "place", _("Place of signing")
        KIND = "kind", _("Kind and status")
        TERM = "term", _("Term and renewal")
        EVENT = "event", _("Event in its life")

    agreement = models.ForeignKey("partnerships.Agreement", on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey("partnerships.Source", on_delete=models.PROTECT, related_name="evidence")
    fact = models.CharField(_("fact"), max_length=16, choices=Fact.choices)
    party = models.ForeignKey(
        "partnerships.AgreementParty", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    area = models.ForeignKey(
        "partnerships.AgreementArea", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    participation = models.ForeignKey(
        "partnerships.Participation", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    event = models.ForeignKey(
        "partnerships.AgreementEvent", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("Verbatim from the archived text of the source."),
    )
    note = models.CharField(
        _("note"), max_length=500, blank=True,
        help_text=_("What a source without archived text states, in the curator's words."),
    )

    objects = EvidenceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(condition=~Q(quote="") | ~Q(note=""), name="evidence_quote_or_note"),
            # Each fact names exactly the row it supports.
            models.CheckConstraint(
                condition=(
                    Q(fact__in=["party", "institution"], party__isnull=False, area__isnull=True,
                      participation__isnull=True, event__isnull=True)
                    | Q(fact="area", party__isnull=True, area__isnull=False, participation__isnull=True,
                        event__isnull=True)
                    | Q(fact="person", party__isnull=True, area__isnull=True, participation__isnull=False,
                        event__isnull=True)
                    | Q(fact="event", party__isnull=True, area__isnull=True, participation__isnull=True,
                        event__isnull=False)
                    | Q(fact__in=["date", "place", "kind", "term"], party__isnull=True, area__isnull=True,
                        participation__isnull=True, event__isnull=True)
                ),
                name="evidence_names_its_subject_or_event",
            ),
            models.UniqueConstraint(
                fields=["party", "source", "fact", "quote", "note"], condition=Q(party__isnull=False),
                name="evidence_once_per_party",
            ),
            models.UniqueConstraint(
                fields=["area", "source", "quote", "note"], condition=Q(area__isnull=False),
                name="evidence_once_per_area",
            ),
            models.UniqueConstraint(
                fields=["participation", "source", "quote", "note"], condition=Q(participation__isnull=False),
                name="evidence_once_per_participation",
            ),
            models.UniqueConstraint(
                fields=["event", "source", "quote", "note"], condition=Q(event__isnull=False),
                name="evidence_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["agreement", "source", "fact", "quote", "note"],
                condition=Q(party__isnull=True, area__isnull=True, participation__isnull=True, event__isnull=True),
                name="evidence_once_per_agreement_fact_only",
            ),
        ]

    def __str__(self):
        return f"{self.get_fact_display()}: {self.quote or self.note}"[:120]

    def clean(self):
        check_quote_in_source(self)

    @property
    def subject(self):
        """The natural key of the row this evidence supports, as one string."""
        if self.party_id:
            return self.party.institution.slug
        if self.area_id:
            return self.area.area.slug
        if self.participation_id:
            return f"{self.participation.person.slug}/{self.participation.role}"
        if self.event_id:
            return f"{self.event.kind}/{self.event.dated_on.isoformat()}"
        return ""

    @staticmethod
    def subject_lookup(fact, subject):
        """Return the filter that finds the row named by `subject` for this kind of fact."""
        if fact in {"party", "institution"}:
            return {"party__institution__slug": subject}
        if fact == "area":
            return {"area__area__slug": subject}
        if fact == "person":
            person_slug, role = subject.split("/")
            return {"participation__person__slug": person_slug, "participation__role": role}
        if fact == "event":
            kind, dated_on = subject.split("/")
            return {"event__kind": kind, "event__dated_on": dated_on}
        return {"party": None, "area": None, "participation": None, "event": None}

    def natural_key(self):
        return (self.agreement.slug, self.source.slug, self.fact, self.subject, self.quote, self.note)

    natural_key.dependencies = [
        "partnerships.agreementparty", "partnerships.agreementarea", "partnerships.participation",
        "partnerships.agreementevent", "partnerships.source",
    ]


class DisagreementManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, fact, subject):
        party = {"party__institution__slug": subject} if subject else {"party": None}
        return self.get(agreement__slug=agreement_slug, fact=fact, **party)


class Disagreement(models.Model):
    """A fact of an agreement that sources give differently, with the value recorded and the curator's reason."""

    class Fact(models.TextChoices):
        DATE = "date", _("Date signed")
        PLACE = "place", _("Place of signing")
        PARTY_NAME = "party_name", _("Name of a party")

    agreement = models.ForeignKey("partnerships.Agreement", on_delete=models.CASCADE, related_name="disagreements")
    fact = models.CharField(_("fact"), max_length=16, choices=Fact.choices)
    party = models.ForeignKey(
        "partnerships.AgreementParty", on_delete=models.CASCADE, null=True, blank=True, related_name="disagreements",
        help_text=_("The party whose name the sources give differently."),
    )
    recorded_value = models.CharField(_("value recorded"), max_length=300)
    reason = models.TextField(_("why this value"), help_text=_("The curator's reason, naming the sources it rests on."))

    objects = DisagreementManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("disagreement between sources")
        verbose_name_plural = _("disagreements between sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(fact="party_name", party__isnull=False) | (~Q(fact="party_name") & Q(party__isnull=True)),
                name="disagreement_party_only_for_names",
            ),
            models.UniqueConstraint(
                fields=["agreement", "fact"], condition=Q(party__isnull=True), name="disagreement_once_per_fact"
            ),
            models.UniqueConstraint(
                fields=["party"], condition=Q(party__isnull=False), name="disagreement_once_per_party"
            ),
        ]

    def __str__(self):
        return f"{self.get_fact_display()}: {self.recorded_value}"

    def natural_key(self):
        return (self.agreement.slug, self.fact, self.party.institution.slug if self.party_id else "")

    natural_key.dependencies = ["partnerships.agreement", "partnerships.agreementparty"]


class ReportedValueManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, fact, subject, source_slug):
        disagreement = Disagreement.objects.get_by_natural_key(agreement_slug, fact, subject)
        return self.get(disagreement=disagreement, source__slug=source_slug)


class ReportedValue(models.Model):
    """The value one source gives for a disputed fact, with the quote or note that shows it."""

    disagreement = models.ForeignKey(Disagreement, on_delete=models.CASCADE, related_name="reported_values")
    source = models.ForeignKey("partnerships.Source", on_delete=models.PROTECT, related_name="reported_values")
    value = models.CharField(_("value given"), max_length=300)
    quote = models.TextField(_("quote"), blank=True, help_text=_("Verbatim from the archived text of the source."))
    note = models.CharField(
        _("note"), max_length=500, blank=True,
        help_text=_("What a source without archived text states, in the curator's words."),
    )

    objects = ReportedValueManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("value a source gives")
        verbose_name_plural = _("values the sources give")
        constraints = [
            models.CheckConstraint(condition=~Q(quote="") | ~Q(note=""), name="reported_value_quote_or_note"),
            models.UniqueConstraint(fields=["disagreement", "source"], name="reported_value_once_per_source"),
        ]

    def __str__(self):
        return f"{self.source}: {self.value}"

    def natural_key(self):
        return self.disagreement.natural_key() + (self.source.slug,)

    natural_key.dependencies = ["partnerships.disagreement", "partnerships.source"]

    def clean(self):
        check_quote_in_source(self)
