"""The directory's records of partnerships: agreements, their parties, areas, people, events and sources."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.models import (
    EDITED_RECORD_FIELDS,
    EditedRecord,
    ReservedSlugValidator,
    SlugNaturalKeyManager,
)
from institutions.models import Institution
from partnerships import life as agreement_life
from partnerships.models.display import (
    AREA_NAME_FIELDS,
    area_names,
    date_display,
    display_name_of_person,
    fold_whitespace,
)
from partnerships.models.querysets import (
    AgreementPartyQuerySet,
    AgreementQuerySet,
    AreaQuerySet,
    PersonQuerySet,
)


class Area(models.Model):
    """A focus area of collaboration, in a two-level taxonomy (Oncology › Gastrointestinal cancer)."""

    name = models.CharField(_("name"), max_length=128)
    # The name in each other language of the pages: a column each, so lists need no extra query.
    name_ko = models.CharField(_("name in Korean"), max_length=128, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=128, blank=True)
    name_de = models.CharField(_("name in German"), max_length=128, blank=True)
    name_zh_hans = models.CharField(_("name in Simplified Chinese"), max_length=128, blank=True)
    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("broader area"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    description = models.TextField(_("description"), blank=True)

    objects = SlugNaturalKeyManager.from_queryset(AreaQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="area_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def names(self):
        """The name in every language of the pages that has one, by language code."""
        return area_names(self.name, {code: getattr(self, field) for code, field in AREA_NAME_FIELDS.items()})

    @property
    def display_name(self):
        """The name in the active language, English where no translation is recorded."""
        return self.names.get(get_language(), self.name)

    def clean(self):
        # Two levels keep the sidebar and the facet counts readable.
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("A focus area can only sit under a top-level area.")})


class Source(models.Model):
    """A published text that states facts about agreements: a news article or another report."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("News article (archived text)")
        REPORT = "report", _("Further report")
        REGISTRY = "registry", _("Registry or reference record")

    slug = models.SlugField(_("slug"), max_length=128, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ARTICLE)
    headline = models.CharField(_("headline"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255)
    author = models.CharField(_("author"), max_length=255, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True, default="en")
    archive_file = models.CharField(
        _("archived text file"), max_length=255, blank=True,
        help_text=_("File name under fixtures/sources/ holding the text as it was saved."),
    )
    # Articles published from the curators' page keep their text here, in the same
    # transaction as their records; the curated articles keep theirs in archive_file.
    text = models.TextField(
        _("archived text"), blank=True,
        help_text=_("The article's text as it was saved, for articles not kept under fixtures/sources/."),
    )

    objects = SlugNaturalKeyManager()

    class Meta:
        ordering = ["publisher", "headline"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="article") | Q(archive_file="", text=""), name="source_only_articles_archived"
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.headline}"

    def natural_key(self):
        return (self.slug,)

    @cached_property
    def archived_text(self):
        """Return the archived text of the article, or an empty string for sources kept by reference."""
        if not self.archive_file:
            return self.text
        return (settings.SOURCE_ARCHIVE_DIR / self.archive_file).read_text(encoding="utf-8")

    def contains(self, quote):
        """Say whether the archived text holds the quote, ignoring differences in white space."""
        # Saved web pages mix no-break spaces and line breaks into running text.
        return fold_whitespace(quote) in fold_whitespace(self.archived_text)



class Person(models.Model):
    """A named person who signed, attended, spoke about or led an agreement."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    native_name = models.CharField(_("native-script name"), max_length=255, blank=True)
    # Name and native name folded by fold_for_search, kept up to date on save.
    search_names = models.TextField(editable=False, blank=True, default="")

    objects = SlugNaturalKeyManager.from_queryset(PersonQuerySet)()
    history = HistoricalRecords(excluded_fields=["search_names"])

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="person_name_idx")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def display_name(self):
        """The native-script name for a reader of that script (서창석 for Korean), else the name."""
        return display_name_of_person(self.name, self.native_name)



class Agreement(EditedRecord):
    """A partnership between institutions: a signed memorandum, another agreement, or a looser collaboration."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        AGREEMENT = "agreement", _("Agreement")
        # The documents a curator meets beside MoUs (curation/drafting/agreements.py reads them).
        FRAMEWORK = "framework", _("Framework or academic cooperation agreement")
        LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
        RENEWAL = "renewal", _("Renewal of an earlier agreement")
        COLLABORATION = "collaboration", _("Collaboration without a reported signed document")

    class Status(models.TextChoices):
        """What an agreement's dated events make of it on a day (partnerships/life.py), never typed in."""

        REPORTED = "reported", _("Reported, no date known")
        SIGNED = "signed", _("Signed, not known to be in force")
        IN_FORCE = "in_force", _("In force or under way")
        EXPIRED = "expired", _("Expired")
        ENDED = "ended", _("Ended")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")
        UNKNOWN = "unknown", _("Not reported")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=300, unique=True,
        # /api/v1/agreements/facets/ and /network/ are addresses of their own, not an agreement's.
        validators=[ReservedSlugValidator("facets", "network")],
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    signed_on = models.DateField(
        _("date signed"), null=True, blank=True,
        help_text=_("With month or year precision, the first day of that month or year."),
    )
    signed_on_precision = models.CharField(
        _("precision of the date signed"), max_length=8, choices=Precision.choices, default=Precision.UNKNOWN
    )
    place = models.CharField(_("place of signing"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("term in years"), null=True, blank=True, help_text=_("Only where a source states it (valid for five years)."),
    )
    renewal_years = models.PositiveSmallIntegerField(
        _("renewable by years"), null=True, blank=True,
        help_text=_("Only where a source states it (may be extended for five more years)."),
    )
    # Worked out from the signing, the term and the events on every save (partnerships/life.py).
    in_force_from = models.DateField(_("in force from"), null=True, blank=True, editable=False)
    expires_on = models.DateField(_("expires on"), null=True, blank=True, editable=False)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, editable=False)
    institutions = models.ManyToManyField(
        Institution, through="AgreementParty", related_name="agreements", verbose_name=_("parties")
    )
    areas = models.ManyToManyField(
        Area, through="AgreementArea", related_name="agreements", verbose_name=_("focus areas")
    )
    people = models.ManyToManyField(
        Person, through="Participation", related_name="agreements", verbose_name=_("people")
    )
    sources = models.ManyToManyField(Source, related_name="agreements", verbose_name=_("sources"))
    # Title and summary folded by fold_for_search, kept up to date on save.
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = SlugNaturalKeyManager.from_queryset(AgreementQuerySet)()
    history = HistoricalRecords(
        excluded_fields=[*EDITED_RECORD_FIELDS, "search_text", "in_force_from", "expires_on", "ended_on"]
    )

    class Meta:
        ordering = [models.F("signed_on").desc(nulls_last=True), "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        # The newest-first index, whose NULLS LAST differs by database, is made in migration 0003.
        indexes = [
            models.Index(fields=["title", "id"], name="agreement_title_idx"),
            models.Index(fields=["kind"], name="agreement_kind_idx"),
            models.Index(fields=["in_force_from"], name="agreement_in_force_from_idx"),
            models.Index(fields=["expires_on"], name="agreement_expires_on_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="agreement_slug_not_empty"),
            # A date and its precision must agree: no date exactly when it is not reported,
            # and a month or a year is stored as its first day. The explicit not-null tests
            # matter: a CHECK passes when its condition is NULL.
            models.CheckConstraint(
                condition=(
                    Q(signed_on_precision="unknown", signed_on__isnull=True)
                    | Q(signed_on_precision="day", signed_on__isnull=False)
                    | Q(signed_on_precision="month", signed_on__isnull=False, signed_on__day=1)
                    | Q(signed_on_precision="year", signed_on__isnull=False, signed_on__day=1, signed_on__month=1)
                ),
                name="agreement_date_matches_precision",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])

    @property
    def life(self):
        return agreement_life.Life(in_force_from=self.in_force_from, expires_on=self.expires_on, ended_on=self.ended_on)

    def status_on(self, day):
        """Return the status on the day (an Agreement.Status value)."""
        return agreement_life.status_on(self.life, kind=self.kind, day=day)

    @property
    def status(self):
        """The status today, from the dated events: never stored, so it changes as dates pass."""
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return Agreement.Status(self.status).label

    def work_out_life(self, events=None):
        """Set in_force_from, expires_on and ended_on from the signing, the term and the events."""
        if events is None:
            events = list(self.events.all()) if self.pk else []
        worked_out = agreement_life.life_of(
            # A value set from text (a form, a test) is parsed as saving it would.
            signed_on=Agreement._meta.get_field("signed_on").to_python(self.signed_on),
            signed_on_precision=self.signed_on_precision,
            term_years=self.term_years, renewal_years=self.renewal_years,
            events=[event.as_life_event() for event in events],
        )
        self.in_force_from, self.expires_on, self.ended_on = (
            worked_out.in_force_from, worked_out.expires_on, worked_out.ended_on
        )

    @property
    def signed_on_display(self):
        """The signing date written with no more precision than is known."""
        return date_display(self.signed_on, self.signed_on_precision)



class AgreementEventManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, kind, dated_on):
        return self.get(agreement__slug=agreement_slug, kind=kind, dated_on=dated_on)


class AgreementEvent(models.Model):
    """A dated event in an agreement's life that a source reports: announced, in force, renewed, extended, expires, ended.

    The signing is the agreement's own `signed_on`, written once; the timeline shows it among these.
    """

    class Kind(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        IN_FORCE = "in_force", _("In force from")
        RENEWED = "renewed", _("Renewed")
        EXTENDED = "extended", _("Extended")
        EXPIRES = "expires", _("Expires")
        ENDED = "ended", _("Ended")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    dated_on = models.DateField(
        _("date"), help_text=_("With month or year precision, the first day of that month or year."),
    )
    dated_on_precision = models.CharField(
        _("precision of the date"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    years = models.PositiveSmallIntegerField(
        _("for years"), null=True, blank=True,
        help_text=_("A renewal's or extension's length, where a source states it."),
    )

    objects = AgreementEventManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["dated_on", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind", "dated_on"], name="event_once_per_agreement"),
            models.CheckConstraint(
                condition=(
                    Q(dated_on_precision="day")
                    | Q(dated_on_precision="month", dated_on__day=1)
                    | Q(dated_on_precision="year", dated_on__day=1, dated_on__month=1)
                ),
                name="event_date_matches_precision",
            ),
            models.CheckConstraint(
                condition=Q(years__isnull=True) | Q(kind__in=["renewed", "extended"], years__gte=1),
                name="event_years_only_on_renewals",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.dated_on_display}"

    def natural_key(self):
        return (self.agreement.slug, self.kind, self.dated_on.isoformat())

    natural_key.dependencies = ["partnerships.agreement"]

    @property
    def dated_on_display(self):
        """The date written with no more precision than is known."""
        return date_display(self.dated_on, self.dated_on_precision)

    def as_life_event(self):
        return agreement_life.Event(
            kind=self.kind, on=AgreementEvent._meta.get_field("dated_on").to_python(self.dated_on),
            precision=self.dated_on_precision, years=self.years,
        )


class AgreementPartyManager(models.Manager.from_queryset(AgreementPartyQuerySet)):
    def get_by_natural_key(self, agreement_slug, institution_slug):
        return self.get(agreement__slug=agreement_slug, institution__slug=institution_slug)


class AgreementParty(models.Model):
    """An institution's part in an agreement."""

    class Role(models.TextChoices):
        PARTY = "party", _("Party")
        TECHNOLOGY_PARTNER = "technology_partner", _("Technology partner")
        PARTICIPATING_UNIT = "participating_unit", _("Participating unit")
        SUPPORTED_INSTITUTION = "supported_institution", _("Institution being developed")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="parties")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.PARTY)

    objects = AgreementPartyManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "institution"], name="party_once_per_agreement"),
        ]

    def __str__(self):
        return f"{self.institution} ({self.get_role_display()})"

    def natural_key(self):
        return self.agreement.natural_key() + self.institution.natural_key()

    natural_key.dependencies = ["partnerships.agreement", "institutions.institution"]


class AgreementAreaManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, area_slug):
        return self.get(agreement__slug=agreement_slug, area__slug=area_slug)


class AgreementArea(models.Model):
    """A focus area an agreement covers."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="agreement_areas")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="agreement_areas")

    objects = AgreementAreaManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focus area of an agreement")
        verbose_name_plural = _("focus areas of agreements")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "area"], name="area_once_per_agreement"),
        ]

    def __str__(self):
        return str(self.area)

    def natural_key(self):
        return self.agreement.natural_key() + self.area.natural_key()

    natural_key.dependencies = ["partnerships.agreement", "partnerships.area"]


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, agreement_slug, person_slug, role):
        return self.get(agreement__slug=agreement_slug, person__slug=person_slug, role=role)


class Participation(models.Model):
    """A person's part in an agreement, with the institution and title they had at the time."""

    class Role(models.TextChoices):
        SIGNED = "signed", _("Signed it")
        ATTENDED = "attended", _("Attended or witnessed")
        SPOKE = "spoke", _("Spoke about it")
        LED = "led", _("Led the work")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="participations"
    )
    title = models.CharField(_("title at the time"), max_length=255, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    objects = ParticipationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "person__name"]
        verbose_name = _("person's part")
        verbose_name_plural = _("people's parts")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "person", "role"], name="person_role_once_per_agreement"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def natural_key(self):
        return self.agreement.natural_key() + self.person.natural_key() + (self.role,)

    natural_key.dependencies = ["partnerships.agreement", "partnerships.person"]
