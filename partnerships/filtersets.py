import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from institutions.filtersets import CountryCodesField, CountryCodesFilter, SlugsField
from institutions.models import Institution
from partnerships.models import Agreement, Area, Person


class BetweenCountriesField(CountryCodesField):
    def clean(self, value):
        codes = super().clean(value)
        if codes and len(set(codes)) < 2:
            raise forms.ValidationError(_("Give two or more different country codes, e.g. KR,AE."), code="too_few")
        return codes


@extend_schema_field({"type": "string", "example": "KR,AE"})
class BetweenCountriesFilter(django_filters.Filter):
    field_class = BetweenCountriesField


@extend_schema_field({"type": "string", "example": "oncology,education"})
class SlugsFilter(django_filters.Filter):
    """Several slugs, repeated or comma-separated, each naming an existing row."""

    field_class = SlugsField

    def __init__(self, *args, queryset, noun, **kwargs):
        super().__init__(*args, queryset=queryset, noun=noun, **kwargs)


class NewestFirstOrderingFilter(django_filters.OrderingFilter):
    """Sort by date or title; undated agreements go last whichever way dates run."""

    def filter(self, qs, value):
        if not value:
            return qs.newest_first()
        ordering = []
        for param in value:
            if param == "-signed_on":
                ordering.append(qs.latest_signed_first())
            elif param.startswith("-"):
                ordering.append(F(self.param_map[param[1:]]).desc(nulls_last=True))
            else:
                ordering.append(F(self.param_map[param]).asc(nulls_last=True))
        return qs.order_by(*ordering, "title", "pk")


class YearFilter(django_filters.NumberFilter):
    """A calendar year: a whole number in the range dates can hold."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=9999, **kwargs)


class AgreementFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("signed_after"), cleaned.get("signed_before")
        if after and before and after > before:
            self.add_error("signed_after", _("signed_after must not be later than signed_before."))
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_from", _("year_from must not be later than year_to."))
        return cleaned


class AgreementFilterSet(django_filters.FilterSet):
    """The filters of the agreement list, shared by the pages and the API."""

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    country = CountryCodesFilter(method="filter_country", label=_("Country of a party"))
    between = BetweenCountriesFilter(method="filter_between", label=_("Between countries"))
    area = SlugsFilter(
        method="filter_area", queryset=Area.objects.all(), noun=_("focus area"), label=_("Focus area")
    )
    institution = SlugsFilter(
        method="filter_institution", queryset=Institution.objects.all(), noun=_("institution"),
        label=_("Institution"),
    )
    institution_kind = django_filters.MultipleChoiceFilter(
        choices=Institution.Kind.choices, method="filter_institution_kind", label=_("Kind of institution")
    )
    kind = django_filters.MultipleChoiceFilter(choices=Agreement.Kind.choices, label=_("Kind of agreement"))
    status = django_filters.MultipleChoiceFilter(choices=Agreement.Status.choices, label=_("Status"))
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte", label=_("Signed on or after"))
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before")
    )
    year = YearFilter(field_name="signed_on", lookup_expr="year", label=_("Year signed"))
    year_from = YearFilter(field_name="signed_on", lookup_expr="year__gte", label=_("From year"))
    year_to = YearFilter(field_name="signed_on", lookup_expr="year__lte", label=_("To year"))
    ordering = NewestFirstOrderingFilter(
        fields=[("signed_on", "signed_on"), ("title", "title")],
        field_labels={"signed_on": _("Date signed"), "title": _("Title")},
        label=_("Sort by"),
    )

    class Meta:
        model = Agreement
        fields = []
        form = AgreementFilterForm

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # A search without an explicit order lists the best matches first.
        if self.form.cleaned_data.get("q", "").strip() and not self.form.cleaned_data.get("ordering"):
            queryset = queryset.best_match_first()
        return queryset

    def filter_q(self, queryset, name, value):
        return queryset.search(value.strip()) if value.strip() else queryset

    def filter_country(self, queryset, name, value):
        return queryset.with_party_in(value) if value else queryset

    def filter_between(self, queryset, name, value):
        return queryset.between(value) if value else queryset

    def filter_area(self, queryset, name, value):
        return queryset.in_areas(value) if value else queryset

    def filter_institution(self, queryset, name, value):
        return queryset.with_institutions(value) if value else queryset

    def filter_institution_kind(self, queryset, name, value):
        return queryset.with_institution_kinds(value) if value else queryset


class PersonFilterSet(django_filters.FilterSet):
    """The people list's search, shared by the page and the API."""

    q = django_filters.CharFilter(method="search", label=_("Name or native name"))

    class Meta:
        model = Person
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.search(value)
