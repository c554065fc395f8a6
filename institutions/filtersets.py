import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from common.filters import CountryCodesFilter, TrueFalseFilter
from institutions.models import Institution


class InstitutionFilterSet(django_filters.FilterSet):
    country = CountryCodesFilter(field_name="country", label=_("Country"))
    kind = django_filters.MultipleChoiceFilter(choices=Institution.Kind.choices, label=_("Kind"))
    q = django_filters.CharFilter(method="search", label=_("Name, acronym or native name"))
    has_agreements = TrueFalseFilter(method="filter_has_agreements", label=_("Has agreements"))

    class Meta:
        model = Institution
        fields = ["country", "kind", "q", "has_agreements"]

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
