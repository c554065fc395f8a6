from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from simple_history.admin import SimpleHistoryAdmin

from common.admin import EditConflictForm, HistoryWithLinksAdmin
from institutions.models import Institution
from partnerships.models import (
    Agreement,
    AgreementArea,
    AgreementEvent,
    AgreementParty,
    Area,
    Disagreement,
    Evidence,
    Participation,
    Person,
    ReportedValue,
    Source,
)


class PartyCountryListFilter(admin.SimpleListFilter):
    """Agreements with a party in the chosen country."""

    title = _("country of a party")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = Institution.objects.filter(parties__isnull=False).values_list("country", flat=True).distinct()
        return sorted(((code, countries.name(code)) for code in codes), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.with_party_in([self.value()]) if self.value() else queryset


class AreaListFilter(admin.SimpleListFilter):
    """Agreements in a focus area, a broader area including the narrower ones under it."""

    title = _("focus area")
    parameter_name = "area"

    def lookups(self, request, model_admin):
        return [(area.slug, str(area)) for area in Area.objects.select_related("parent").order_by("parent__name", "name")]

    def queryset(self, request, queryset):
        return queryset.in_areas([self.value()]) if self.value() else queryset


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 1
    autocomplete_fields = ["institution"]


class AgreementAreaInline(admin.TabularInline):
    model = AgreementArea
    extra = 1


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["person", "institution"]


class AgreementEventInline(admin.TabularInline):
    model = AgreementEvent
    extra = 0
    verbose_name_plural = _("events in its life (the signing is the date signed above)")


class DisagreementInline(admin.StackedInline):
    model = Disagreement
    extra = 0
    fields = [("fact", "party"), "recorded_value", "reason"]
    verbose_name_plural = _("facts the sources give differently (each source's value is edited on its own page)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "party":
            agreement_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = AgreementParty.objects.filter(agreement_id=agreement_id).select_related("institution")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReportedValueInline(admin.TabularInline):
    model = ReportedValue
    extra = 1


@admin.register(Disagreement)
class DisagreementAdmin(admin.ModelAdmin):
    list_display = ["agreement", "fact", "recorded_value"]
    list_select_related = ["agreement"]
    raw_id_fields = ["agreement", "party"]
    inlines = [ReportedValueInline]


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    fields = [("source", "fact"), ("party", "area", "participation", "event"), "quote", "note"]
    verbose_name_plural = _("evidence (save new parties, areas and people first to cite them)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only this agreement's own parties, areas and people as subjects.
        agreement_id = request.resolver_match.kwargs.get("object_id")
        related = {
            "party": AgreementParty, "area": AgreementArea, "participation": Participation, "event": AgreementEvent,
        }
        if db_field.name in related:
            queryset = related[db_field.name].objects.filter(agreement_id=agreement_id)
            kwargs["queryset"] = queryset.select_related(*{
                "party": ["institution"], "area": ["area__parent"], "participation": ["person"], "event": [],
            }[db_field.name])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Agreement)
class AgreementAdmin(HistoryWithLinksAdmin):
    form = EditConflictForm
    history_links = [
        (AgreementParty, "agreement"), (AgreementArea, "agreement"), (Participation, "agreement"), (Evidence, "agreement"),
        (AgreementEvent, "agreement"), (Disagreement, "agreement"),
    ]
    list_display = ["title", "kind", "status_today", "signed_on", "signed_on_precision"]
    list_filter = [PartyCountryListFilter, AreaListFilter, "kind", "signed_on_precision"]
    @admin.display(description=_("status today"))
    def status_today(self, agreement):
        return agreement.get_status_display()

    search_fields = [
        "title", "slug", "summary",
        "institutions__name", "institutions__short_name", "institutions__other_names__name",
        "people__name", "people__native_name",
    ]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sources"]
    date_hierarchy = "signed_on"
    inlines = [
        AgreementPartyInline, AgreementAreaInline, ParticipationInline, AgreementEventInline, EvidenceInline,
        DisagreementInline,
    ]
    readonly_fields = ["in_force_from", "expires_on", "ended_on"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "seen_version"]}),
        (_("Signing"), {"fields": [("signed_on", "signed_on_precision"), "place"]}),
        (_("Term"), {"fields": [("term_years", "renewal_years"), ("in_force_from", "expires_on", "ended_on")]}),
        (_("Sources"), {"fields": ["sources"]}),
    ]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "native_name", "slug"]
    search_fields = ["name", "native_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["publisher", "headline", "kind", "published_on"]
    list_filter = ["kind", "publisher"]
    search_fields = ["headline", "publisher", "author", "url"]
    prepopulated_fields = {"slug": ["publisher", "headline"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
