import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from common.filters import CountryCodesFilter, TrueFalseFilter
from institutions.models import Institution, institution_tree_ids


@extend_schema_field(str)
class InstitutionSlugFilter(django_filters.ModelChoiceFilter):
    """One institution, named by its slug."""


class InstitutionFilterSet(django_filters.FilterSet):
    country = CountryCodesFilter(field_name="country", label=_("Country"))
    kind = django_filters.MultipleChoiceFilter(choices=Institution.Kind.choices, label=_("Kind"))
    q = django_filters.CharFilter(method="search", label=_("Name, acronym or native name"))
    has_agreements = TrueFalseFilter(method="filter_has_agreements", label=_("Has agreements"))
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Changed since"),
        error_messages={"invalid": _("updated_since must be a date and time written ISO 8601, e.g. 2026-01-31T12:00:00Z.")},
    )
    ancestors_of = InstitutionSlugFilter(
        queryset=Institution.objects.all(), to_field_name="slug", method="filter_ancestors_of",
        label=_("Ancestors of (slug)"),
        error_messages={"invalid_choice": _("ancestors_of names no institution: give an institution's slug.")},
    )
    descendants_of = InstitutionSlugFilter(
        queryset=Institution.objects.all(), to_field_name="slug", method="filter_descendants_of",
        label=_("Descendants of (slug)"),
        error_messages={"invalid_choice": _("descendants_of names no institution: give an institution's slug.")},
    )

    class Meta:
        model = Institution
        fields = ["country", "kind", "q", "has_agreements", "updated_since", "ancestors_of", "descendants_of"]

    def filter_ancestors_of(self, queryset, name, institution):
        return queryset.filter(pk__in=institution_tree_ids(institution, up=True))

    def filter_descendants_of(self, queryset, name, institution):
        return queryset.filter(pk__in=institution_tree_ids(institution, up=False))

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_has_agreements(self, queryset, name, value):
        return queryset if value is None else queryset.party_to_agreements(value)


class InstitutionAutocompleteFilterSet(django_filters.FilterSet):
    """What a search box holds so far, read by the same field rules as every other search."""

    q = django_filters.CharFilter(
        method="best_matches", required=True, max_length=200, label=_("Name, acronym or native name"),
        error_messages={"required": _("Type part of a name, an acronym or a native-script name.")},
    )

    class Meta:
        model = Institution
        fields = ["q"]

    def best_matches(self, queryset, name, value):
        return queryset.best_matches(value)
