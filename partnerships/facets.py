"""The filter sidebar of the agreement list: each option with its count of agreements, and a
removable chip for each active filter."""
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from institutions.models import Institution
from partnerships.filtersets import AgreementFilterSet
from partnerships.models import Agreement, Area

# Parameters that take several values, repeated or comma-separated (?country=KR,AE).
LIST_PARAMETERS = ["country", "between", "area", "institution", "institution_kind", "kind", "status"]

# The sidebar's groups and the parameters each one sets. Options within a group add up
# (any of the countries ticked), so a group's counts leave out the group's own choices:
# otherwise ticking South Korea would show every other country with a count of zero.
SIDEBAR_GROUPS = {
    "country": ["country"],
    "area": ["area"],
    "institution_kind": ["institution_kind"],
    "kind": ["kind"],
    "year": ["year", "year_from", "year_to"],
}

CHIP_LABELS = {
    "q": _("Search"),
    "country": _("Country"),
    "between": _("Between"),
    "area": _("Focus area"),
    "institution": _("Institution"),
    "institution_kind": _("Kind of institution"),
    "kind": _("Kind of agreement"),
    "status": _("Status"),
    "signed_after": _("Signed on or after"),
    "signed_before": _("Signed on or before"),
    "year": _("Year"),
    "year_from": _("From year"),
    "year_to": _("To year"),
}


def chosen_values(params, name):
    """Return the values given for a parameter, comma-separated ones split apart.

    A value with a NUL character in it is left out: no filter accepts one (the form says so),
    and PostgreSQL refuses it in a query.
    """
    if name not in LIST_PARAMETERS:
        values = [params.get(name, "").strip()]
    else:
        values = [item.strip() for value in params.getlist(name) for item in value.split(",")]
    return [value for value in values if value and "\x00" not in value]


def sidebar_facets(params, matching):
    """Return the sidebar's options, group by group, with counts and whether each is chosen.

    `matching` holds the agreements the whole query matches; a group with choices of its own
    is counted again over the agreements the other filters match.
    """
    facets = matching.facet_counts()
    for group, names in SIDEBAR_GROUPS.items():
        if any(chosen_values(params, name) for name in names):
            others = params.copy()
            for name in names:
                others.pop(name, None)
            # Only this group's counts: the others are the ones above.
            others_matching = AgreementFilterSet(others, queryset=Agreement.objects.all()).qs
            facets[group] = others_matching.facet_counts(only=[group])[group]

    for group in ["country", "area", "institution_kind", "kind"]:
        chosen = {value.upper() if group == "country" else value for value in chosen_values(params, group)}
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


def active_filter_chips(params):
    """Return a chip per active filter value: its label and the address of the list without it."""
    names = {
        "country": lambda codes: {code: countries.name(code.upper()) or code for code in codes},
        "area": lambda slugs: dict(Area.objects.filter(slug__in=slugs).values_list("slug", "name")),
        "institution": lambda slugs: dict(Institution.objects.filter(slug__in=slugs).values_list("slug", "name")),
        "institution_kind": lambda values: dict(Institution.Kind.choices),
        "kind": lambda values: dict(Agreement.Kind.choices),
        "status": lambda values: dict(Agreement.Status.choices),
        "between": lambda codes: {code: countries.name(code.upper()) or code for code in codes},
    }
    chips = []
    for name, label in CHIP_LABELS.items():
        values = chosen_values(params, name)
        labels = names[name](values) if name in names and values else {}
        if name == "between" and values:
            # Between takes two countries or more: dropping one could leave one, so it goes whole.
            values = [",".join(values)]
            labels = {values[0]: " – ".join(labels.values())}
        for value in values:
            remaining = params.copy()
            remaining.pop("page", None)
            remaining.setlist(name, [other for other in values if other != value])
            chips.append({
                "name": label,
                "value": labels.get(value, value),
                "query": remaining.urlencode(),
            })
    return chips
