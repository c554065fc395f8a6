"""The filter sidebar of the agreement list: each option with its count of agreements, and a
removable chip for each active filter, both read from the list's AgreementFilterSet."""
from django.utils.translation import gettext as _
from django_countries import countries

from institutions.models import Institution
from partnerships.models import Area

# The sidebar's groups of ticked options; the year has its own range controls.
TICKED_GROUPS = ["country", "area", "institution_kind", "kind"]
# The facets the sidebar shows: institutions have a filter but no list of their own there.
SIDEBAR_FACETS = [*TICKED_GROUPS, "year"]


def sidebar_facets(filterset):
    """Return the sidebar's options, group by group, with counts and whether each is chosen.

    The counts are the filter set's own (AgreementFilterSet.facet_counts), the numbers the
    API's /facets/ gives for the same query string.
    """
    facets = filterset.facet_counts(only=SIDEBAR_FACETS)
    for group in TICKED_GROUPS:
        chosen = set(filterset.chosen(group))
        shown = {option["value"] for option in facets[group]}
        for option in facets[group]:
            option["chosen"] = option["value"] in chosen
        # A choice that matches nothing stays on the list, ticked, so it can be unticked.
        facets[group] += [
            {"value": value, "label": value, "count": 0, "chosen": True, "parent": None}
            for value in sorted(chosen - shown)
        ]
    facets["area"] = area_tree(facets["area"])
    return facets


def area_tree(options):
    """Return the top-level area options, each with its narrower areas as `children`."""
    children = {}
    for option in options:
        if option.get("parent"):
            children.setdefault(option["parent"], []).append(option)
    tops = [option for option in options if not option.get("parent")]
    for option in tops:
        option["children"] = children.get(option["value"], [])
    return tops


def value_labels(filterset, name, values):
    """Return {value: how a chip shows it} for the chosen values of one filter."""
    declared = filterset.filters[name]
    if name in {"country", "between"}:
        return {code: countries.name(code) if code != "*" else _("any other country") for code in values}
    if name == "area":
        return {area.slug: area.display_name for area in Area.objects.filter(slug__in=values)}
    if name == "institution":
        return {institution.slug: institution.display_name for institution in Institution.objects.filter(slug__in=values)}
    if "choices" in declared.extra:
        return {value: str(label) for value, label in declared.extra["choices"]}
    return {}


def active_filter_chips(filterset):
    """Return a chip per active filter value: its label and the address of the list without it.

    Values come from the form's cleaned data (KR for kr, an ISO date for any spelling of it);
    a value the form refused shows as it was typed, so that it can be removed as well.
    """
    data, chips = filterset.data, []
    for name, declared in filterset.filters.items():
        if name == "ordering":
            continue
        if name in filterset.form.errors:
            values = [value for value in data.getlist(name) if value]
            labels = {}
        else:
            values = [str(value) for value in filterset.chosen(name)]
            labels = value_labels(filterset, name, values)
        if name == "between" and values:
            # Between takes two countries or more: dropping one could leave one, so it goes whole.
            labels = {",".join(values): " – ".join(labels.get(value, value) for value in values)}
            values = [",".join(values)]
        for value in values:
            remaining = data.copy()
            remaining.pop("page", None)
            remaining.setlist(name, [other for other in values if other != value])
            chips.append({"name": declared.label, "value": labels.get(value, value), "query": remaining.urlencode()})
    return chips
