import functools

from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.db import connections, models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.conf import settings
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.models import (
    EDITED_RECORD_FIELDS,
    EditedRecord,
    ReservedSlugValidator,
    SlugNaturalKeyManager,
    bump_data_version,
)
from common.search import rows_matching
from common.text import fold_for_search


def country_name(code):
    """Return the country's name in the active language, remembered: hot lists name many parties."""
    return remembered_country_name(code, get_language())


@functools.lru_cache(maxsize=2048)
def remembered_country_name(code, language):
    return str(countries.name(code))




class InstitutionQuerySet(models.QuerySet):
    def with_names(self):
        """Return institutions with their other names and parent loaded up front."""
        return self.select_related("parent").prefetch_related("other_names")

    def search(self, text, *, forgive_typos=True):
        """Return institutions any of whose names contains the text, ignoring case, accents and hyphens.

        A name with a small typo matches too (Cedar Sinai finds Cedars-Sinai), unless asked not to.
        """
        return rows_matching(self, "search_names", fold_for_search(text), forgive_typos=forgive_typos)

    def best_matches(self, text, *, forgive_typos=True):
        """Return institutions matching the text, the closest first: an acronym, then a name's start."""
        folded = fold_for_search(text)
        closeness = models.Case(
            models.When(short_name__iexact=text.strip(), then=4),
            models.When(Q(search_names__startswith=folded) | Q(search_names__contains=f" {folded}"), then=3),
            models.When(search_names__contains=folded, then=2),
            default=1,
        )
        # Between equals, an institution in its own right before a unit of another.
        ranked = self.search(text, forgive_typos=forgive_typos).annotate(closeness=closeness, is_unit=Q(parent__isnull=False))
        if connections[self.db].vendor == "postgresql":
            ranked = ranked.annotate(similarity=TrigramWordSimilarity(folded, "search_names"))
            return ranked.order_by("-closeness", "-similarity", "is_unit", "name")
        return ranked.order_by("-closeness", "is_unit", "name")

    def refresh_search_names(self):
        """Recompute the folded names of these institutions, after writes that bypass save()."""
        institutions = list(self.prefetch_related("other_names"))
        for institution in institutions:
            other_names = institution.other_names.all()
            institution.search_names = institution.fold_names(other_names=other_names)
            institution.native_names = native_names_by_language(other_names)
        Institution.objects.bulk_update(institutions, ["search_names", "native_names"], batch_size=1000)

    def with_agreement_counts(self):
        """Return institutions annotated with the number of agreements they are party to.

        Counted by a subquery per institution rather than a join grouped over every party: a
        page of 50 then counts the parties of its 50 institutions, not of the whole directory.
        """
        # The parties are partnerships' rows, reached through the relation: this app does not import it.
        party = self.model._meta.get_field("parties").related_model
        per_institution = (
            party.objects.filter(institution=OuterRef("pk")).order_by().values("institution")
            .annotate(count=models.Count("pk")).values("count")
        )
        return self.annotate(agreement_count=Coalesce(models.Subquery(per_institution), 0))

    def partner_countries(self):
        """Return {institution id: sorted country codes of the institutions it has agreements with}."""
        rows = self.order_by().values_list(
            "pk", "parties__agreement__parties__institution", "parties__agreement__parties__institution__country"
        ).distinct()
        countries = {}
        for pk, partner, country in rows:
            if partner is not None and partner != pk:
                countries.setdefault(pk, set()).add(country)
        return {pk: sorted(codes) for pk, codes in countries.items()}

    def party_to_agreements(self, is_party=True):
        """Return the institutions that are (or, with False, are not) party to an agreement."""
        # The party rows live in partnerships, which this app does not import.
        party_rows = self.model.parties.rel.related_model.objects.filter(institution=OuterRef("pk"))
        return self.filter(Exists(party_rows) if is_party else ~Exists(party_rows))

    def partners_of(self, institution):
        """Return the other institutions party to the institution's agreements, each with `shared_count`."""
        return (
            self.filter(agreements__parties__institution=institution)
            .exclude(pk=institution.pk)
            .annotate(shared_count=models.Count("agreements", distinct=True))
            .order_by("-shared_count", "name")
        )


class Institution(EditedRecord):
    """A hospital, university, company or agency that can be party to an agreement."""

    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital")
        ACADEMIC_MEDICAL_CENTER = "academic_medical_center", _("Academic medical center")
        CANCER_CENTER = "cancer_center", _("Cancer center")
        UNIVERSITY = "university", _("University")
        COMPANY = "company", _("Company")
        HEALTH_AGENCY = "health_agency", _("Government health agency")
        GOVERNMENT_BODY = "government_body", _("Government body or diplomatic mission")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=255, unique=True,
        # /api/v1/institutions/autocomplete/ and …/match/ are addresses of their own, not institutions'.
        validators=[ReservedSlugValidator("autocomplete", "match")],
    )
    short_name = models.CharField(
        _("short name"), max_length=64, blank=True,
        help_text=_("The acronym or short form used in running text, e.g. SNUH."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=128, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent institution"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
        help_text=_("The institution this one is part of or run by."),
    )
    website = models.URLField(_("website"), blank=True)
    ror_id = models.URLField(_("ROR identifier"), blank=True, help_text=_("e.g. https://ror.org/02pammg90"))
    wikidata_id = models.CharField(_("Wikidata identifier"), max_length=32, blank=True, help_text=_("e.g. Q1234"))
    isni = models.CharField(_("ISNI"), max_length=32, blank=True, help_text=_("e.g. 0000 0001 2348 0690"))
    grid_id = models.CharField(_("GRID identifier"), max_length=32, blank=True, help_text=_("e.g. grid.30389.31"))
    description = models.TextField(_("short description"), blank=True)
    # What the last ROR import wrote, field by field: a field whose value differs from it now was
    # edited by a curator, and a later import leaves it alone (institutions/ror.py).
    ror_values = models.JSONField(editable=False, blank=True, default=dict)
    # All its names folded by fold_for_search, kept up to date on save, for search in any script.
    search_names = models.TextField(editable=False, blank=True, default="")
    # Its native-script names by page language ({"ko": "서울대병원"}), kept up to date like
    # search_names, so that a list can show them with no extra query.
    native_names = models.JSONField(editable=False, blank=True, default=dict)

    objects = SlugNaturalKeyManager.from_queryset(InstitutionQuerySet)()
    history = HistoricalRecords(excluded_fields=[*EDITED_RECORD_FIELDS, "search_names", "native_names", "ror_values"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        indexes = [
            models.Index(fields=["country"], name="institution_country_idx"),
            models.Index(fields=["kind"], name="institution_kind_idx"),
            models.Index(fields=["name"], name="institution_name_idx"),
            models.Index(fields=["ror_id"], name="institution_ror_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="institution_not_own_parent"
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="institution_name_not_empty"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="institution_slug_not_empty"),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def natural_key(self):
        return (self.slug,)

    @property
    def country_name(self):
        """The country's name in the active language (cheaper than country.name in long lists)."""
        return country_name(self.country.code)

    def get_absolute_url(self):
        return reverse("institutions:detail", args=[self.slug])

    def fold_names(self, *, other_names):
        return fold_for_search(self.name, self.short_name, *(other.name for other in other_names))

    @property
    def display_name(self):
        """The name in the reader's script where a native-script name in their language is recorded."""
        return self.native_names.get(get_language()) or self.name

    @property
    def short_name_is_listed(self):
        """Whether an other name repeats the short name (an acronym HUS beside the short name HUS): shown once."""
        return any(other.name == self.short_name for other in self.other_names.all())

    @property
    def names(self):
        """The name in every recorded language: English, then each native-script name."""
        return {settings.LANGUAGE_CODE: self.name, **self.native_names}


# Deeper than any real organisation chart: a loop in bad data cannot run on.
TREE_DEPTH = 20


def institution_tree_ids(institution, *, up):
    """Return the ids of the institution's ancestors (its parent, the parent's parent…) or of all its descendants."""
    if up:
        ids, parent = [], institution.parent_id
        while parent and parent not in ids and len(ids) < TREE_DEPTH:
            ids.append(parent)
            parent = Institution.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
        return ids
    ids, frontier = set(), {institution.pk}
    for _depth in range(TREE_DEPTH):
        frontier = set(Institution.objects.filter(parent__in=frontier).values_list("pk", flat=True)) - ids - {institution.pk}
        if not frontier:
            break
        ids |= frontier
    return ids


def native_names_by_language(other_names):
    """Return {page language: name} of the native-script names whose language the pages are written in."""
    names = {}
    for other in other_names:
        if other.kind != InstitutionName.Kind.NATIVE or not other.language:
            continue
        try:
            language = get_supported_language_variant(other.language.lower())
        except LookupError:
            continue
        names.setdefault(language, other.name)
    return names


class InstitutionNameManager(models.Manager):
    def get_by_natural_key(self, institution_slug, name):
        return self.get(institution__slug=institution_slug, name=name)


class InstitutionName(models.Model):
    """Another name an institution goes by: an acronym, a native-script or a former name."""

    class Kind(models.TextChoices):
        ACRONYM = "acronym", _("Acronym")
        NATIVE = "native", _("Native-script name")
        ALTERNATIVE = "alternative", _("Alternative name")
        FORMER = "former", _("Former name")

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="other_names", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=16, blank=True, help_text=_("BCP 47 code of a native-script name, e.g. ko.")
    )

    objects = InstitutionNameManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        constraints = [
            models.UniqueConstraint(fields=["institution", "name"], name="institution_name_once"),
            models.CheckConstraint(condition=~models.Q(name=""), name="institution_other_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.institution.slug, self.name)

    natural_key.dependencies = ["institutions.institution"]


@receiver(pre_save, sender=Institution)
def fold_institution_names(sender, instance, **kwargs):
    # Fixtures save "raw" and skip save(); signals still run for them.
    other_names = list(InstitutionName.objects.filter(institution_id=instance.pk)) if instance.pk else []
    instance.search_names = instance.fold_names(other_names=other_names)
    instance.native_names = native_names_by_language(other_names)


@receiver([post_save, post_delete], sender=InstitutionName)
def refold_names_of_institution(sender, instance, **kwargs):
    Institution.objects.filter(pk=instance.institution_id).refresh_search_names()


for directory_model in [Institution, InstitutionName]:
    post_save.connect(bump_data_version, sender=directory_model, dispatch_uid=f"bump-{directory_model.__name__}")
    post_delete.connect(bump_data_version, sender=directory_model, dispatch_uid=f"bump-{directory_model.__name__}")


class MergeProposal(models.Model):
    """A record that may be the same as another, for a curator to merge or dismiss; never applied by itself."""

    duplicate = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="merge_proposals", verbose_name=_("duplicate")
    )
    survivor = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="+", verbose_name=_("record that stays")
    )
    reason = models.CharField(_("reason"), max_length=255)
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("merge proposal")
        verbose_name_plural = _("merge proposals")
        constraints = [
            models.UniqueConstraint(fields=["duplicate", "survivor"], name="merge_proposal_once"),
            models.CheckConstraint(condition=~models.Q(duplicate=models.F("survivor")), name="merge_proposal_not_itself"),
        ]

    def __str__(self):
        return f"{self.duplicate} → {self.survivor}"


class InstitutionMerge(models.Model):
    """A record merged into another: its old address answers 301 to the one that stays (curation/merging.py)."""

    slug = models.SlugField(_("old slug"), max_length=255, unique=True)
    name = models.CharField(_("old name"), max_length=255)
    ror_id = models.URLField(_("old ROR identifier"), blank=True)
    survivor = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="merged_records", verbose_name=_("merged into")
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("merged record")
        verbose_name_plural = _("merged records")

    def __str__(self):
        return f"{self.slug} → {self.survivor.slug}"


def merged_into(slug):
    """Return the institution a record of that slug was merged into, or None when it was not."""
    if Institution.objects.filter(slug=slug).exists():
        return None
    merge = InstitutionMerge.objects.select_related("survivor").filter(slug=slug).first()
    return merge.survivor if merge else None
