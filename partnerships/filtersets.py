from collections import defaultdict

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from common.filters import CountryCodesField, CountryCodesFilter, SlugsField
from common.caching import while_unchanged
from institutions.models import Institution
from partnerships import counts, plans
from partnerships.models import Agreement, Area, Person


class BetweenCountriesField(CountryCodesField):
    """Two or more country codes; `*` stands for any country other than those named (KR,*)."""

    def clean_item(self, item):
        return item if item == ANY_OTHER_COUNTRY else super().clean_item(item)

    def clean(self, value):
        codes = super().clean(value)
        if codes and len(set(codes)) < 2:
            raise forms.ValidationError(
                _("Give two or more different country codes, e.g. KR,AE, or KR,* for any other country."),
                code="too_few",
            )
        return codes


ANY_OTHER_COUNTRY = "*"


@extend_schema_field({"type": "string", "example": "KR,AE"})
class BetweenCountriesFilter(django_filters.Filter):
    field_class = BetweenCountriesField
    # Parties in every one of the countries: each country is an option the agreement must have.
    every_value_is_option_of = "country"


class SlugsFilter(django_filters.Filter):
    """Several slugs, repeated or comma-separated, each naming an existing row."""

    field_class = SlugsField

    def __init__(self, *args, queryset, noun, example, **kwargs):
        super().__init__(*args, queryset=queryset, noun=noun, **kwargs)
        # Each filter of this class names rows of another table, so the schema's example is its own.
        extend_schema_field({"type": "string", "example": example})(self)


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


def counted_in(facet, declared):
    """Return the filter, marked as choosing options of `facet` (its sidebar group and its list in /facets/)."""
    declared.facet = facet
    return declared


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
    country = counted_in("country", CountryCodesFilter(method="filter_country", label=_("Country of a party")))
    between = BetweenCountriesFilter(method="filter_between", label=_("Between countries"))
    area = counted_in("area", SlugsFilter(
        method="filter_area", queryset=Area.objects.all(), noun=_("focus area"), label=_("Focus area"),
        example="oncology,education",
    ))
    institution = counted_in("institution", SlugsFilter(
        method="filter_institution", queryset=Institution.objects.all(), noun=_("institution"),
        label=_("Institution"), example="asan-medical-center,charite",
    ))
    institution_kind = counted_in("institution_kind", django_filters.MultipleChoiceFilter(
        choices=Institution.Kind.choices, method="filter_institution_kind", label=_("Kind of institution")
    ))
    # A column of the agreement itself: no DISTINCT needed, which would sort every match.
    kind = counted_in("kind", django_filters.MultipleChoiceFilter(
        choices=Agreement.Kind.choices, distinct=False, label=_("Kind of agreement")
    ))
    status = django_filters.MultipleChoiceFilter(
        choices=Agreement.Status.choices, method="filter_status", label=_("Status today")
    )
    as_of = django_filters.DateFilter(
        method="filter_as_of", label=_("In force on"),
        error_messages={"invalid": _("as_of must be a date written YYYY-MM-DD, e.g. 2020-01-01.")},
    )
    expiring_before = django_filters.DateFilter(
        method="filter_expiring_before", label=_("Term runs out before"),
        error_messages={"invalid": _("expiring_before must be a date written YYYY-MM-DD, e.g. 2030-01-01.")},
    )
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed on or after"),
        error_messages={"invalid": _("signed_after must be a date written YYYY-MM-DD, e.g. 2020-01-01.")},
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed on or before"),
        error_messages={"invalid": _("signed_before must be a date written YYYY-MM-DD, e.g. 2030-12-31.")},
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Changed since"),
        error_messages={"invalid": _("updated_since must be a date and time written ISO 8601, e.g. 2026-01-31T12:00:00Z.")},
    )
    year = counted_in("year", YearFilter(field_name="signed_on", lookup_expr="year", label=_("Year signed")))
    year_from = counted_in("year", YearFilter(field_name="signed_on", lookup_expr="year__gte", label=_("From year")))
    year_to = counted_in("year", YearFilter(field_name="signed_on", lookup_expr="year__lte", label=_("To year")))
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
        # How the list is read is decided in one place: partnerships/plans.py.
        self.plan, queryset = plans.list_plan(self, super().filter_queryset(queryset))
        # Last: a queryset filtered further would no longer be the number the counts know.
        return queryset.counted_by(self.known_count)

    def facet_filters(self):
        """Return {facet: names of the filters that choose its options}, as the filters declare them."""
        groups = defaultdict(list)
        for name, declared in self.filters.items():
            if getattr(declared, "facet", None):
                groups[declared.facet].append(name)
        return groups

    def chosen(self, name):
        """Return the cleaned values of a filter as a list: none, one, or those of a list filter."""
        if not self.is_bound or not self.is_valid() and name in self.form.errors:
            return []
        value = self.form.cleaned_data.get(name)
        if value in (None, "", []):
            return []
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def active_filters(self):
        """Return {name: cleaned values} of the filters in use (the ordering is none)."""
        return {name: self.chosen(name) for name in self.filters if name != "ordering" and self.chosen(name)}

    def options_of(self, active):
        """Return the facet options that the filters in use amount to, or None if they are more than options.

        country=KR is the option (country, KR); a list of values, a range of years, a search or
        a date is not one option, and neither is a filter with no facet.
        """
        options = []
        for name, values in active.items():
            if every := getattr(self.filters[name], "every_value_is_option_of", None):
                if ANY_OTHER_COUNTRY in values:
                    return None  # "any country but these" is no stored option
                options.extend((every, value) for value in values)
                continue
            facet = getattr(self.filters[name], "facet", None)
            if facet is None or facet != name or len(values) != 1:
                return None
            options.append((facet, f"{values[0]:04d}" if facet == "year" else values[0]))
        return list(dict.fromkeys(options))

    def facet_counts(self, only=None):
        """Return how many matching agreements fall under each option of each facet (or of those in `only`).

        Options within a facet add up (any of the ticked countries), so a facet with choices of
        its own is counted over the agreements the other filters match: ticking South Korea
        leaves the other countries' counts visible, while every other facet counts the Korean
        agreements only. The page's sidebar and /api/v1/agreements/facets/ both answer with this.

        The counts kept on write (partnerships/counts.py) answer without reading the agreements
        when the other filters are none or one option; otherwise the matching agreements' own
        options are counted, over all of them when at most counts.COUNTED_OVER_NEWEST match, else
        over the newest that many: then `counted_over_newest` says so ({"agreements": counted,
        "matching": how many match or None when not kept, "facets": those counted so}); it is None
        when every count is over all the matching agreements.
        """
        self.counted_over_newest = None
        active, own_filters = self.active_filters(), self.facet_filters()
        # Facets counted under the same other filters are counted together.
        groups = defaultdict(list)
        for facet in only or counts.FACETS:
            others = tuple(name for name in active if name not in own_filters[facet])
            groups[others].append(facet)
        counted_by_facet = {}
        for others, facets in groups.items():
            options = self.options_of({name: active[name] for name in others})
            if options == []:
                counted_by_facet.update(counts.counted(facets))
                continue
            if options and len(options) == 1 and options[0][0] in counts.PAIRED_FACETS:
                paired = [facet for facet in facets if facet in counts.PAIRED_FACETS]
                counted_by_facet.update(counts.counted(paired, option=options[0]) if paired else {})
                facets = [facet for facet in facets if facet not in paired]
                if not facets:
                    continue
            data = self.data.copy()
            for name in set(active) - set(others):
                data.pop(name, None)
            matching = type(self)(data, queryset=Agreement.objects.all(), request=self.request)
            counted_by_facet.update(self.counted_over_newest_matching(matching, facets))
        return counts.option_lists(counted_by_facet)

    def counted_over_newest_matching(self, matching, facets):
        """Return {facet: {value: count}} over the agreements `matching` matches, at most the newest COUNTED_OVER_NEWEST.

        Their ids are read once, one past the bound: when no more match, every facet is counted
        over all of them; else over the newest, and counted_over_newest says so (the institution
        facet, always counted so, aside). Counting every match's options took about 0.5 s a group
        at 1M agreements.
        """
        at_most = counts.COUNTED_OVER_NEWEST

        def count():
            newest = [pk for row in matching.newest_ids()[: at_most + 1] for pk in row.values()]
            return counts.counted_over(newest[:at_most], facets, newest=newest[:at_most]), len(newest) > at_most

        # Keyed by the matching ids' query: building matching.qs would look up its count.
        counted, cut = while_unchanged(
            f"facets:{at_most}:" + ",".join(facets), Agreement.objects.filter(pk__in=matching.matching_ids()), count
        )
        wide = [facet for facet in facets if facet != "institution"]
        if cut and wide:
            noted = self.counted_over_newest or {"agreements": at_most, "matching": 0, "facets": []}
            # `matching`: None when the filters are no options, whose count is not kept.
            known = matching.known_count()
            noted["matching"] = None if known is None or noted["matching"] is None else max(known, noted["matching"])
            noted["facets"] += wide
            self.counted_over_newest = noted
        return counted

    def matching_ids(self):
        """Return the ids of the matching agreements as a subquery: from their stored options when the filters are options."""
        options = self.options_of(self.active_filters())
        return counts.agreements_with(options) if options else self.qs.order_by().values("pk")

    def newest_matching(self):
        """Return the newest matching agreements (latest added), at most counts.COUNTED_OVER_NEWEST.

        What is drawn or ranked from a large list: the network picture, the institution facet.
        """
        return Agreement.objects.filter(pk__in=self.newest_ids()[: counts.COUNTED_OVER_NEWEST])

    def newest_ids(self):
        """Return the ids of the matching agreements, latest added first, as a subquery."""
        options = self.options_of(self.active_filters())
        return counts.agreements_with(options) if options else self.qs.order_by("-pk").values("pk")

    def known_count(self):
        """Return how many agreements match from the counts kept on write, or None when the filters are not options."""
        if not hasattr(self, "_known"):
            options = self.options_of(self.active_filters())
            self._known = None if options is None else counts.number_with(options)
        return self._known

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

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value) if value else queryset

    def filter_as_of(self, queryset, name, value):
        return queryset.in_force_on(value) if value else queryset

    def filter_expiring_before(self, queryset, name, value):
        return queryset.expiring_before(value) if value else queryset


class PersonFilterSet(django_filters.FilterSet):
    """The people list's search, shared by the page and the API."""

    q = django_filters.CharFilter(method="search", label=_("Name or native name"))

    class Meta:
        model = Person
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.search(value)
