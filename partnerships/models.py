import re
from collections import defaultdict
from functools import lru_cache, partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connections, models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.db.models.sql.where import AND, WhereNode
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import get_language, pgettext
from simple_history.models import HistoricalRecords


from common.models import (
    EDITED_RECORD_FIELDS,
    DataVersion,
    EditedRecord,
    ReservedSlugValidator,
    SlugNaturalKeyManager,
    bump_data_version,
)
from common.search import first_ids_matching, rows_matching
from common.text import fold_for_search, is_written_in
from institutions.models import Institution, country_name
from partnerships import life as agreement_life


class AreaQuerySet(models.QuerySet):
    def top_level(self):
        """Return the areas that head the taxonomy."""
        return self.filter(parent__isnull=True)


# The column of an area's name in each language other than English.
AREA_NAME_FIELDS = {"ko": "name_ko", "ar": "name_ar", "de": "name_de", "zh-hans": "name_zh_hans"}


def area_names(name, translated):
    """Return {language: name} from the English name and the translated ones, leaving out blanks."""
    return {settings.LANGUAGE_CODE: name, **{code: value for code, value in translated.items() if value}}


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


def fold_whitespace(text):
    return re.sub(r"\s+", " ", text).strip()


class PersonQuerySet(models.QuerySet):
    def with_agreement_counts(self):
        """Return people with `agreement_count`, the agreements they took part in.

        A subquery per person, not a join grouped over every part: a page of 50 counts its 50.
        """
        # Distinct: one person can have several parts in one agreement.
        per_person = (
            Participation.objects.filter(person=OuterRef("pk")).order_by().values("person")
            .annotate(count=models.Count("agreement", distinct=True)).values("count")
        )
        return self.annotate(agreement_count=Coalesce(models.Subquery(per_person), 0))

    def search(self, text):
        """Return people whose name or native name contains the text, ignoring case and accents."""
        return rows_matching(self, "search_names", fold_for_search(text), forgive_typos=True)


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


def display_name_of_person(name, native_name):
    """Return the native-script name when the active language writes in its script, else the name."""
    return native_name if native_name and is_written_in(native_name, get_language()) else name


# A country's, area's or institution's page shows its newest agreements; the list has them all.
NEWEST_ON_RECORD_PAGES = 20


class AgreementQuerySet(models.QuerySet):
    # Filters on related rows are EXISTS subqueries, not joins: a join repeats an agreement
    # once per matching party and then needs DISTINCT, which is far slower on large tables.

    def with_party_in(self, country_codes):
        """Return agreements with a party in any of the countries."""
        parties = AgreementParty.objects.filter(agreement=OuterRef("pk"), institution__country__in=country_codes)
        return self.filter(Exists(parties))

    def between(self, country_codes):
        """Return agreements with parties in every one of the countries; `*` is any country not named."""
        named = [code for code in country_codes if code != "*"]
        queryset = self
        for code in named:
            queryset = queryset.with_party_in([code])
        if "*" in country_codes:
            queryset = queryset.with_party_outside(named)
        return queryset

    def with_party_outside(self, country_codes):
        """Return agreements with a party in none of the countries."""
        parties = AgreementParty.objects.filter(agreement=OuterRef("pk")).exclude(institution__country__in=country_codes)
        return self.filter(Exists(parties))

    def in_areas(self, area_slugs):
        """Return agreements in any of the areas, a broader area counting its narrower ones."""
        # The ids are looked up first so the planner sees literal values it can estimate.
        areas = list(Area.objects.filter(Q(slug__in=area_slugs) | Q(parent__slug__in=area_slugs)).values_list("pk", flat=True))
        return self.filter(Exists(AgreementArea.objects.filter(agreement=OuterRef("pk"), area__in=areas)))

    def with_institutions(self, institution_slugs):
        """Return agreements of any of the institutions or of the institutions they are parent of."""
        # The ids are looked up first so the planner sees literal values it can estimate: a
        # rare institution is then found through the party index, not by walking every agreement.
        institutions = list(
            Institution.objects.filter(Q(slug__in=institution_slugs) | Q(parent__slug__in=institution_slugs))
            .values_list("pk", flat=True)
        )
        return self.filter(pk__in=AgreementParty.objects.filter(institution__in=institutions).values("agreement"))

    def with_institution_kinds(self, kinds):
        """Return agreements with a party of any of the institution kinds."""
        parties = AgreementParty.objects.filter(agreement=OuterRef("pk"), institution__kind__in=kinds)
        return self.filter(Exists(parties))

    def search(self, text):
        """Return agreements whose title, summary, parties' names or people's names contain the text.

        Case, accents and hyphens are ignored (Charite finds Charité), in any script. Ordered by
        best_match_first(), a slice of the result (a page) is found tier by tier, reading only
        what the page needs: see AgreementSearch.
        """
        plan = AgreementSearch(self.db, text)
        union = plan.union_of_ids()
        # Marked so a page can take this condition out again and walk the tiers instead.
        union.query.is_search_union = True
        clone = self.filter(pk__in=union).annotate(search_rank=plan.rank())
        clone._search_plan = plan
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._search_plan = getattr(self, "_search_plan", None)
        clone._best_match = getattr(self, "_best_match", False)
        return clone

    def order_by(self, *field_names):
        clone = super().order_by(*field_names)
        clone._best_match = False
        return clone

    def __getitem__(self, key):
        plan = getattr(self, "_search_plan", None)
        if plan is None or not getattr(self, "_best_match", False) or not isinstance(key, slice) or key.step:
            return super().__getitem__(key)
        start, stop = key.start or 0, key.stop
        if stop is None or start < 0 or stop < 0:
            return super().__getitem__(key)
        return plan.page(self, start, stop)

    def count_up_to(self, limit):
        """Return how many agreements these are, counting no further than `limit`."""
        plan = getattr(self, "_search_plan", None)
        if plan is None:
            return self.order_by()[:limit].count()
        return plan.count_up_to(self, limit)

    def in_force_on(self, day):
        """Return agreements in force on the day, as their dated events and stated term show."""
        return self.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=day),
            Q(ended_on__isnull=True) | Q(ended_on__gt=day),
            in_force_from__lte=day,
        )

    def expiring_before(self, day):
        """Return agreements whose term runs out before the day, leaving out those that ended earlier."""
        return self.filter(expires_on__lt=day).exclude(ended_on__lte=F("expires_on"))

    def with_status(self, statuses, *, on=None):
        """Return agreements with any of the statuses on the day (today by default); see life.status_on."""
        day = on or timezone.localdate()
        ended = Q(ended_on__lte=day)
        expired = ~ended & Q(expires_on__lt=day)
        in_force = ~ended & ~expired & Q(in_force_from__lte=day)
        undated = ~ended & ~expired & (Q(in_force_from__isnull=True) | Q(in_force_from__gt=day))
        conditions = {
            Agreement.Status.ENDED: ended,
            Agreement.Status.EXPIRED: expired,
            Agreement.Status.IN_FORCE: in_force,
            Agreement.Status.SIGNED: undated & ~Q(kind=Agreement.Kind.COLLABORATION),
            Agreement.Status.REPORTED: undated & Q(kind=Agreement.Kind.COLLABORATION),
        }
        matching = Q(pk__in=[])
        for status in statuses:
            matching |= conditions[status]
        return self.filter(matching)

    def best_match_first(self):
        """Return searched agreements by search rank, then newest first."""
        clone = self.order_by("-search_rank", self.latest_signed_first(), "title", "pk")
        clone._best_match = True
        return clone

    def counted_by(self, known_count):
        """Return these agreements, counted by known_count() when it knows the number (None: by a COUNT)."""
        clone = self._chain()
        clone._known_count = known_count
        return clone

    def known_count(self):
        """Return how many agreements these are when that is known without counting them, else None."""
        return self._known_count() if getattr(self, "_known_count", None) else None

    def count(self):
        known = self.known_count()
        return super().count() if known is None else known

    def newest_first(self):
        """Return agreements by signing date, newest first, undated ones last."""
        # The primary key last makes the order total, so pages never repeat or skip a row.
        return self.order_by(self.latest_signed_first(), "title", "pk")

    def newest_first_with(self, options):
        """Return those of these agreements that have every stored option (facet, value), in newest_first() order.

        The order is led by the first option's copy of the date, so a page is the next entries
        of one index (counts.NEWEST_WITH_OPTION_INDEX), however rare the option is among all
        agreements; each is probed for the others through its own options' index. Give the
        rarest first.
        """
        (facet, value), *others = options
        queryset = self.filter(facet_values__facet=facet, facet_values__value=value)
        for facet, value in others:
            queryset = queryset.filter(
                Exists(AgreementFacetValue.objects.filter(agreement=OuterRef("pk"), facet=facet, value=value))
            )
        return queryset.order_by(self.latest_signed_first("facet_values__signed_on"), "title", "pk")

    def latest_signed_first(self, date="signed_on"):
        """Return the ordering by date signed, latest first, undated last."""
        # SQLite sorts NULLs last in DESC by itself, and says NULLS LAST only at the cost of
        # its index on the date; PostgreSQL needs it said (its index says it too).
        if connections[self.db].vendor == "sqlite":
            return models.F(date).desc()
        return models.F(date).desc(nulls_last=True)

    def for_listing(self):
        """Return agreements with everything a list row shows, loaded up front."""
        return self.prefetch_related(
            models.Prefetch(
                "parties",
                queryset=AgreementParty.objects.select_related("institution").order_by("pk"),
            ),
            # In the order curators entered them.
            models.Prefetch(
                "agreement_areas", queryset=AgreementArea.objects.select_related("area__parent").order_by("pk")
            ),
            models.Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person", "institution"),
            ),
            "sources",
        )

    def newest_cards(self):
        """Return the newest of these agreements as cards, as many as a country's, area's or institution's page shows."""
        return self.newest_first()[:NEWEST_ON_RECORD_PAGES].as_cards()

    def as_cards(self):
        """Return these agreements as the cards partials/agreement_cards.html shows, in their order.

        Plain dicts from three flat queries (the agreements, their parties, their areas): a page
        of 50 cards then builds no model instances, and the template reads dict keys, not
        properties and methods.
        """
        rows = list(self.values_list("pk", "slug", "title", "kind", "signed_on", "signed_on_precision"))
        ids = [row[0] for row in rows]
        parties, areas = defaultdict(list), defaultdict(list)
        language = get_language()
        party_rows = AgreementParty.objects.filter(agreement_id__in=ids).order_by("pk")
        for agreement_id, name, country, native_names in party_rows.values_list(
            "agreement_id", "institution__name", "institution__country", "institution__native_names"
        ):
            # The name in the reader's script where one is recorded, the English name beside it.
            parties[agreement_id].append({
                "name": name, "display_name": native_names.get(language) or name, "country_name": country_name(country),
            })
        area_rows = AgreementArea.objects.filter(agreement_id__in=ids).order_by("pk")
        name_field = f"area__{AREA_NAME_FIELDS[language]}" if language in AREA_NAME_FIELDS else "area__name"
        for agreement_id, name, translated in area_rows.values_list("agreement_id", "area__name", name_field):
            areas[agreement_id].append(translated or name)
        # One reverse() for the page, the slug put in per card: reverse() costs more than a card.
        address = reverse("partnerships:detail", args=["SLUG"])
        kinds = dict(Agreement.Kind.choices)
        return [
            {
                "slug": slug, "url": address.replace("SLUG", slug), "title": title, "kind": kind, "kind_label": kinds.get(kind, kind),
                "signed_on_display": date_display(signed_on, precision),
                "parties": parties[pk], "areas": areas[pk],
            }
            for pk, slug, title, kind, signed_on, precision in rows
        ]

    def for_detail(self):
        """Return agreements with everything their page shows, evidence included, loaded up front."""
        return self.for_listing().with_evidence()

    def with_evidence(self):
        """Return agreements with their evidence and what each piece of it supports loaded up front."""
        evidence = Evidence.objects.select_related(
            "source", "party__institution", "area__area", "participation__person", "event"
        )
        disagreements = Disagreement.objects.select_related("party__institution").prefetch_related(
            models.Prefetch("reported_values", queryset=ReportedValue.objects.select_related("source"))
        )
        return self.prefetch_related(
            models.Prefetch("evidence", queryset=evidence),
            "events",
            models.Prefetch("disagreements", queryset=disagreements),
        )


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


def date_display(date, precision):
    """Return the date written with no more precision than is known ("March 2024", not "1 March 2024")."""
    if date is None:
        return _("date not reported")
    return date_in_language(date, precision, get_language())


@lru_cache(maxsize=16_384)
def date_in_language(date, precision, language):
    # A page of cards writes 50 dates, mostly the same few: each is worked out once per language.
    # Each language's own order (2025년 3월, März 2025); a year alone as a translated format.
    date_format = {
        "day": "DATE_FORMAT",
        "month": "YEAR_MONTH_FORMAT",
        "year": pgettext("date format of a year alone (PHP date characters)", "Y"),
    }[precision]
    return formats.date_format(date, date_format)


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


class AgreementPartyQuerySet(models.QuerySet):
    def of_institutions_or_their_units(self, institutions):
        """Return the parts of the institutions in an agreement, and those of their units.

        A search for Samsung Medical Center finds the agreement its cancer center signed, as
        the `institution` filter does.
        """
        ids = institutions.order_by().values("pk")
        # One list, the named institutions UNION their units, matched through the parties'
        # institution index. A condition on each party's institution's parent joins every party
        # row, and an OR of two lists makes PostgreSQL guess that most institutions match (at
        # 1M agreements either took a search past two minutes).
        units = Institution.objects.order_by().filter(parent__in=ids).values("pk")
        return self.filter(institution__in=ids.union(units))


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

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    fact = models.CharField(_("fact"), max_length=16, choices=Fact.choices)
    party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence")
    area = models.ForeignKey(AgreementArea, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence")
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    event = models.ForeignKey(
        AgreementEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
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
        if self.quote and self.source_id:
            if not self.source.archived_text:
                raise ValidationError(
                    {"quote": _("This source has no archived text: put what it states in the note.")}
                )
            if not self.source.contains(self.quote):
                raise ValidationError({"quote": _("The archived text of this source does not contain this quote.")})

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

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="disagreements")
    fact = models.CharField(_("fact"), max_length=16, choices=Fact.choices)
    party = models.ForeignKey(
        AgreementParty, on_delete=models.CASCADE, null=True, blank=True, related_name="disagreements",
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
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="reported_values")
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
        # As Evidence.clean: an article published from a draft keeps its text in the row, not in a file.
        if self.quote and self.source_id:
            if not self.source.archived_text:
                raise ValidationError(
                    {"quote": _("This source has no archived text: put what it states in the note.")}
                )
            if not self.source.contains(self.quote):
                raise ValidationError({"quote": _("The archived text of this source does not contain this quote.")})


class AgreementFacetValue(models.Model):
    """One option of one facet that an agreement falls under: a party's country, an area or the one above it.

    Kept in step with the agreement on every write (partnerships/counts.py), so that counts
    and facets are index lookups instead of joins over every party and area.
    """

    # The index on (agreement, facet, value) serves the foreign key too.
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="facet_values", db_index=False)
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=300)
    # The agreement's own date, copied so that the agreements with one option are read newest
    # first from one index (counts.NEWEST_WITH_OPTION_INDEX), not found by reading the newest
    # agreements of all until enough match.
    signed_on = models.DateField(null=True, blank=True)

    class Meta:
        # Plain indexes, not a unique constraint, so that a bulk recount can drop and rebuild them
        # on both databases (partnerships/counts.py keeps each option once per agreement).
        indexes = [
            # The agreements with an option, for counts and intersections.
            models.Index(fields=["facet", "value", "agreement"], name="facet_value_agreements"),
            # An agreement's own options, read back in a probe: does it fall under (facet, value)?
            models.Index(fields=["agreement", "facet", "value"], name="facet_value_by_agreement"),
        ]


class FacetCount(models.Model):
    """How many agreements fall under one facet option, or under two at once, kept current on every write.

    A row with empty `other_facet` counts one option (agreements with a party in KR); with both,
    a pair (agreements in KR and in oncology). Pairs are kept for the facets with few options
    only (PAIRED_FACETS in partnerships/counts.py), stored once with the smaller option first.
    """

    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=300)
    other_facet = models.CharField(max_length=16, blank=True, default="")
    other_value = models.CharField(max_length=300, blank=True, default="")
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value", "other_facet", "other_value"], name="facet_count_once"),
        ]
        indexes = [models.Index(fields=["other_facet", "other_value"], name="facet_count_by_other")]


# A search whose matches the indexes give at most this many ids is ranked from those ids; a
# larger one walks the newest-first index, testing each agreement, until the page is full.
SEARCH_IDS_AT_MOST = 2000


class AgreementSearch:
    """One search's matches, ranked in tiers, and the page of them a slice asks for.

    Tier 3: a party (or a party's parent) named as asked, not merely alike; tier 2: the title
    contains the text; tier 1: the rest. Within a tier, newest first, then title, then id: the
    order best_match_first() gives the whole list. A page is rows [start, stop) of tier 3, then
    tier 2, then tier 1, each tier read only as far as the page needs: from its ids when the
    indexes give few of them (SEARCH_IDS_AT_MOST), else by walking the newest-first index and
    testing each agreement, stopping at the page's end. Nothing sorts every match; a page deep
    into a large tier reads every row before it.
    """

    def __init__(self, alias, text):
        self.alias, self.text, self.folded = alias, text.strip(), fold_for_search(text)
        self.vendor = connections[alias].vendor
        self.found = {}

    def institutions(self, *, forgive_typos):
        # Kept: finding the names alike reads candidates back, which is worth doing once.
        key = ("institutions", forgive_typos)
        if key not in self.found:
            self.found[key] = rows_matching(
                Institution.objects.using(self.alias).order_by(), "search_names", self.folded, forgive_typos=forgive_typos
            )
        return self.found[key]

    def parties(self, *, exactly=False):
        """The parts of the institutions named (or, unless exactly, alike) in agreements, with their units'."""
        named = self.institutions(forgive_typos=not exactly)
        return AgreementParty.objects.using(self.alias).order_by().of_institutions_or_their_units(named)

    def participations(self):
        if "people" not in self.found:
            self.found["people"] = rows_matching(
                Person.objects.using(self.alias).order_by(), "search_names", self.folded, forgive_typos=True
            )
        people = self.found["people"]
        return Participation.objects.using(self.alias).order_by().filter(person__in=people.values("pk"))

    def words(self):
        """On PostgreSQL: every word, in any order, through the full-text index (a condition on each agreement)."""
        document = SearchVector("search_text", config="simple")
        return SearchVectorExact(document, SearchQuery(self.folded, config="simple"))

    def id_sources(self):
        """The querysets of matching ids, one per index, that union_of_ids() joins."""
        sources = [
            rows_matching(Agreement.objects.using(self.alias).order_by(), "search_text", self.folded).values_list("pk", flat=True),
            self.parties().values_list("agreement_id", flat=True),
            self.participations().values_list("agreement_id", flat=True),
        ]
        if self.vendor == "postgresql":
            sources.append(Agreement.objects.using(self.alias).order_by().filter(self.words()).values_list("pk", flat=True))
        return sources

    def union_of_ids(self):
        # One list of matching ids from each index, joined by UNION: the planner then looks
        # them up by primary key instead of testing every agreement against every condition.
        sources = [source.values("pk") if index == 0 else source for index, source in enumerate(self.id_sources())]
        return sources[0].union(*sources[1:])

    def rank(self):
        # An uncorrelated IN list: the database builds it once, not once per matching agreement.
        return models.Case(
            models.When(pk__in=self.parties(exactly=True).values("agreement_id"), then=3),
            models.When(title__icontains=self.text, then=2),
            default=1,
        )

    def matches(self):
        """The search as a condition on each agreement, for walking the agreements in order."""
        outer = OuterRef("pk")
        condition = (
            Q(search_text__contains=self.folded)
            | Exists(self.parties().filter(agreement=outer))
            | Exists(self.participations().filter(agreement=outer))
        )
        return condition | Q(self.words()) if self.vendor == "postgresql" else condition

    def first_ids(self, source, limit):
        """(The distinct ids among the first `limit` rows of a source, whether those were all its rows)."""
        known = self.found.setdefault(id(source), {})
        for read_to, (ids, complete) in known.items():
            # A source that gave fewer rows than asked gave them all (a row is an id, repeated
            # when two named parties share an agreement).
            if complete:
                return ids, True
            if read_to >= limit:
                return ids, False
        read = list(source(limit) if callable(source) else source[:limit])
        known[limit] = (set(read), len(read) < limit)
        return known[limit]

    def few(self, source):
        """Every id the source gives, if it gives at most SEARCH_IDS_AT_MOST rows, else None."""
        ids, complete = self.first_ids(source, SEARCH_IDS_AT_MOST + 1)
        return sorted(ids) if complete else None

    @cached_property
    def sources(self):
        every = self.id_sources()
        # The text's first ids straight from its index, which stops at the limit (the query
        # of id_sources() has the database collect every match first: cancer, 75 ms against 2).
        every[0] = partial(first_ids_matching, Agreement.objects.using(self.alias), "search_text", self.folded)
        return {
            "text": every[0], "all": every,
            "exactly named": self.parties(exactly=True).values_list("agreement_id", flat=True),
        }

    @cached_property
    def few_ids(self):
        """Every matching id, when each index gives at most SEARCH_IDS_AT_MOST of them, else None."""
        found = set()
        for source in self.sources["all"]:
            ids = self.few(source)
            if ids is None:
                return None
            found.update(ids)
        return sorted(found)

    def tiers(self):
        """(rank, condition) of each tier, best first; each agreement meets the condition of one tier only."""
        exactly_named_ids = self.few(self.sources["exactly named"])
        if exactly_named_ids is not None:
            exactly_named = Q(pk__in=exactly_named_ids)
        else:
            exactly_named = Q(Exists(self.parties(exactly=True).filter(agreement=OuterRef("pk"))))
        titled = Q(title__icontains=self.text)
        # A title that contains the text has it in its folded text too: tier 2 is found among
        # the text's matches alone.
        text_ids = self.few(self.sources["text"])
        in_text = Q(pk__in=text_ids) if text_ids is not None else Q(search_text__contains=self.folded)
        matching = Q(pk__in=self.few_ids) if self.few_ids is not None else self.matches()
        return [(3, exactly_named), (2, ~exactly_named & titled & in_text), (1, ~exactly_named & ~titled & matching)]

    def base(self, queryset):
        """The queryset's other filters, without the search's list of ids (the tiers test the search themselves)."""
        clone = queryset._chain()
        clone.query.where = without_search_union(clone.query.where)
        clone._search_plan, clone._best_match = None, False
        return clone

    def count_up_to(self, queryset, limit):
        base = self.base(queryset)
        if not base.query.where:
            # No other filter: the matches are the union of what each index gives, each read no
            # further than the limit.
            found = set()
            for source in self.sources["all"]:
                ids, complete = self.first_ids(source, limit)
                if not complete and len(ids) >= limit:
                    return limit
                found |= ids
            # A source stopped at the limit with fewer distinct ids than that (ids repeat when
            # two named parties share an agreement) is read again for distinct ids, as far as
            # the limit. The text's index gives each agreement once.
            for source in self.sources["all"]:
                ids, complete = self.first_ids(source, limit)
                if not complete:
                    found |= set(source.distinct()[:limit])
            return min(len(found), limit)
        if self.few_ids is not None:
            return base.filter(pk__in=self.few_ids).order_by().values("pk")[:limit].count()
        return queryset.order_by().values("pk")[:limit].count()

    def page(self, queryset, start, stop):
        """Return rows [start, stop) of the searched queryset in best_match_first() order, as a queryset."""
        base = self.base(queryset)
        ordering = (base.latest_signed_first(), "title", "pk")
        skip, wanted, chosen = start, stop - start, {}
        for rank, condition in self.tiers():
            if wanted <= 0:
                break
            ids = list(base.filter(condition).order_by(*ordering).values_list("pk", flat=True)[: skip + wanted])
            if len(ids) <= skip:
                skip -= len(ids)
                continue
            ids, skip = ids[skip:], 0
            chosen.update(dict.fromkeys(ids, rank))
            wanted -= len(ids)
        page = queryset._chain()
        page.query.where = WhereNode()
        page._search_plan, page._best_match = None, False
        by_rank = defaultdict(list)
        for pk, rank in chosen.items():
            by_rank[rank].append(pk)
        rank = models.Case(
            *(models.When(pk__in=ids, then=rank) for rank, ids in by_rank.items()), default=1,
            output_field=models.IntegerField(),
        )
        page = page.filter(pk__in=list(chosen)).annotate(search_rank=rank)
        return page.order_by("-search_rank", *ordering)


def without_search_union(node):
    """Return the WHERE tree without the condition AgreementQuerySet.search() added (marked is_search_union)."""
    if node.connector != AND or node.negated:
        return node
    clone = WhereNode(connector=AND)
    for child in node.children:
        if getattr(getattr(child, "rhs", None), "is_search_union", False):
            continue
        clone.children.append(without_search_union(child) if isinstance(child, WhereNode) else child)
    return clone


@receiver(pre_save, sender=Agreement)
def fold_agreement_text(sender, instance, **kwargs):
    instance.search_text = fold_for_search(instance.title, instance.summary)


@receiver(pre_save, sender=Agreement)
def work_out_agreement_life(sender, instance, **kwargs):
    instance.work_out_life()


def work_out_life_after_event_change(sender, instance, **kwargs):
    # A fixture loads the agreement before its events, so each event saved works the dates out again.
    agreement = Agreement.objects.filter(pk=instance.agreement_id).first()
    if agreement is None:
        return
    agreement.work_out_life()
    Agreement.objects.filter(pk=agreement.pk).update(
        in_force_from=agreement.in_force_from, expires_on=agreement.expires_on, ended_on=agreement.ended_on
    )


post_save.connect(work_out_life_after_event_change, sender=AgreementEvent, dispatch_uid="life-after-event-save")
post_delete.connect(work_out_life_after_event_change, sender=AgreementEvent, dispatch_uid="life-after-event-delete")


@receiver(pre_save, sender=Person)
def fold_person_names(sender, instance, **kwargs):
    instance.search_names = fold_for_search(instance.name, instance.native_name)


for directory_model in [
    Agreement, AgreementParty, AgreementArea, Participation, Evidence, Person, Source, Area, AgreementEvent,
    Disagreement, ReportedValue,
]:
    post_save.connect(bump_data_version, sender=directory_model, dispatch_uid=f"bump-{directory_model.__name__}")
    post_delete.connect(bump_data_version, sender=directory_model, dispatch_uid=f"bump-{directory_model.__name__}")


@receiver(m2m_changed, sender=Agreement.sources.through)
def bump_data_version_for_sources(sender, action, **kwargs):
    if action.startswith("post_"):
        DataVersion.bump()
