"""The facet options of each agreement and how many agreements fall under each, kept current on every write.

An agreement falls under options of six facets: the countries and kinds of its parties, its
parties and the institutions they are units of, its areas and the areas above them, its kind
and the year it was signed. Each option is a row of AgreementFacetValue; FacetCount holds how
many agreements have each option, and each pair of options of the facets with few options
(PAIRED_FACETS). A write changes only the rows of the agreements it touched, in its own
transaction, so the first reader after a curator's save gets counts as fast as any other:
the list for one country counts from one row, its sidebar from the pairs of that country.
"""
import itertools
import threading
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils.translation import get_language

from institutions.models import Institution, country_name
from partnerships.models import (
    AREA_NAME_FIELDS,
    Agreement,
    AgreementArea,
    AgreementFacetValue,
    AgreementParty,
    Area,
    FacetCount,
)

FACETS = ["country", "area", "kind", "year", "institution", "institution_kind"]
# Facets with a few dozen options at most: every pair of their options is counted. The
# institution facet, with as many options as institutions, is counted from its options alone.
PAIRED_FACETS = ["area", "country", "institution_kind", "kind", "year"]
# The FacetCount row that counts every agreement.
EVERY_AGREEMENT = ("", "", "", "")

# Agreements being deleted in this thread: the deletion of their parties and areas, which
# comes first, must not count them again.
being_deleted = threading.local()


def year_option(signed_on):
    return f"{signed_on.year:04d}"


def options_of(agreement_ids):
    """Return {agreement id: {(facet, value), ...}} for the agreements as they are stored now."""
    options = {}
    for pk, kind, signed_on in Agreement.objects.filter(pk__in=agreement_ids).values_list("pk", "kind", "signed_on"):
        options[pk] = {("kind", kind)} | ({("year", year_option(signed_on))} if signed_on else set())
    parties = AgreementParty.objects.filter(agreement_id__in=list(options)).values_list(
        "agreement_id", "institution__slug", "institution__parent__slug", "institution__country",
        "institution__kind",
    )
    for pk, slug, parent_slug, country, kind in parties:
        options[pk] |= {("institution", slug), ("country", country), ("institution_kind", kind)}
        if parent_slug:
            options[pk].add(("institution", parent_slug))
    areas = AgreementArea.objects.filter(agreement_id__in=list(options)).values_list(
        "agreement_id", "area__slug", "area__parent__slug"
    )
    for pk, slug, parent_slug in areas:
        options[pk] |= {("area", slug)} | ({("area", parent_slug)} if parent_slug else set())
    return options


def counted_keys(options):
    """Return the FacetCount rows that one agreement with these options adds one to."""
    paired = sorted(option for option in options if option[0] in PAIRED_FACETS)
    return [
        EVERY_AGREEMENT,
        *((facet, value, "", "") for facet, value in options),
        *((*first, *second) for first, second in itertools.combinations(paired, 2)),
    ]


def refresh_agreements(agreement_ids):
    """Bring the stored options of these agreements, and every count they are in, in step with their rows."""
    ids = set(agreement_ids) - getattr(being_deleted, "ids", set())
    if not ids:
        return
    with transaction.atomic():
        # One writer of an agreement at a time (a row lock on PostgreSQL): each then reads
        # the options the previous one stored, and no change is counted twice.
        dates = dict(Agreement.objects.select_for_update().filter(pk__in=ids).values_list("pk", "signed_on"))
        stored, stored_dates = stored_options(ids)
        current = options_of(ids)
        changed = {pk for pk in ids if stored.get(pk, set()) != current.get(pk, set())}
        # The same options under a new date: only the options' copy of the date changes.
        if redated := [pk for pk in set(stored) - changed if stored_dates[pk] != {dates.get(pk)}]:
            AgreementFacetValue.objects.filter(agreement_id__in=redated).update(signed_on=Subquery(
                Agreement.objects.filter(pk=OuterRef("agreement_id")).values("signed_on")[:1]
            ))
        if not changed:
            return
        deltas = Counter()
        for pk in changed:
            deltas.subtract(counted_keys(stored[pk]) if pk in stored else [])
            deltas.update(counted_keys(current[pk]) if pk in current else [])
        AgreementFacetValue.objects.filter(agreement_id__in=changed).delete()
        AgreementFacetValue.objects.bulk_create(
            AgreementFacetValue(agreement_id=pk, facet=facet, value=value, signed_on=dates[pk])
            for pk in changed if pk in current for facet, value in current[pk]
        )
        add_to_counts(deltas)


def out_of_step(*, at_most=5_000):
    """Return what the kept options and counts say that the agreements' rows do not ([] when in step).

    The check behind every test that writes (tests/conftest.py): a write that skips
    refresh_agreements (an update(), a bulk_create() without it) leaves a line here. None when
    there are more than `at_most` agreements, too many to recount in a moment.
    """
    dates = dict(Agreement.objects.values_list("pk", "signed_on"))
    if len(dates) > at_most:
        return None
    current = options_of(list(dates))
    stored, stored_dates = stored_options(list(dates) + list(
        AgreementFacetValue.objects.exclude(agreement_id__in=list(dates)).values_list("agreement_id", flat=True).distinct()
    ))
    problems = [
        f"agreement {pk}: kept {sorted(stored.get(pk, set()))}, its rows give {sorted(current.get(pk, set()))}"
        for pk in sorted(set(current) | set(stored)) if stored.get(pk, set()) != current.get(pk, set())
    ]
    problems += [
        f"agreement {pk}: options dated {sorted(map(str, stored_dates[pk]))}, the agreement {dates[pk]}"
        for pk in sorted(stored_dates) if pk in dates and stored_dates[pk] != {dates[pk]}
    ]
    expected = Counter(key for options in current.values() for key in counted_keys(options))
    held = {row[:4]: row[4] for row in FacetCount.objects.values_list("facet", "value", "other_facet", "other_value", "count")}
    problems += [
        f"count {key}: kept {held.get(key, 0)}, the rows give {expected[key]}"
        for key in sorted(set(expected) | set(held)) if held.get(key, 0) != expected[key]
    ]
    return problems


def forget_agreement(agreement_id):
    """Take an agreement about to be deleted out of every count."""
    being_deleted.ids = getattr(being_deleted, "ids", set()) | {agreement_id}
    stored, _dates = stored_options([agreement_id])
    if agreement_id in stored:
        add_to_counts(Counter({key: -1 for key in counted_keys(stored[agreement_id])}))
        AgreementFacetValue.objects.filter(agreement_id=agreement_id).delete()


def forgotten(agreement_id):
    being_deleted.ids = getattr(being_deleted, "ids", set()) - {agreement_id}


def stored_options(agreement_ids):
    """Return {agreement id: {(facet, value), ...}} and {agreement id: {dates}} as the options are stored."""
    stored, dates = defaultdict(set), defaultdict(set)
    rows = AgreementFacetValue.objects.filter(agreement_id__in=list(agreement_ids)).values_list(
        "agreement_id", "facet", "value", "signed_on"
    )
    for pk, facet, value, signed_on in rows:
        stored[pk].add((facet, value))
        dates[pk].add(signed_on)
    return stored, dates


def add_to_counts(deltas):
    """Add each delta to its FacetCount row in one statement per row, creating or removing rows as needed."""
    # In one order for every writer, so that two writers never wait on each other's rows (a deadlock).
    changes = sorted((*key, delta) for key, delta in deltas.items() if delta)
    if not changes:
        return
    table = FacetCount._meta.db_table
    # An increment in the database, not a read and a write here: concurrent writers of
    # different agreements that share an option each add their own one.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (facet, value, other_facet, other_value, count) VALUES (%s, %s, %s, %s, %s) "
            f"ON CONFLICT (facet, value, other_facet, other_value) DO UPDATE SET count = {table}.count + excluded.count",
            changes,
        )
    emptied = Q(pk__in=[])
    for facet, value, other_facet, other_value, _delta in changes:
        emptied |= Q(facet=facet, value=value, other_facet=other_facet, other_value=other_value)
    FacetCount.objects.filter(emptied, count__lte=0).delete()


def rebuild():
    """Recompute every agreement's options and every count from the tables, after writes that skip save().

    Set-based SQL, for bulk loads (generate_synthetic, a restore) and to check the counts kept
    on write (tests compare the two).
    """
    options, counts = AgreementFacetValue._meta.db_table, FacetCount._meta.db_table
    agreements, parties = Agreement._meta.db_table, AgreementParty._meta.db_table
    areas, institutions = AgreementArea._meta.db_table, "institutions_institution"
    area_table = "partnerships_area"
    year = "substr(signed_on, 1, 4)" if connection.vendor == "sqlite" else "to_char(signed_on, 'YYYY')"
    # Pairs are ordered as Python orders them, by code point, whatever the database's collation.
    binary = "" if connection.vendor == "sqlite" else ' COLLATE "C"'

    # Each option with its agreement's date (a.signed_on), as refresh_agreements stores it.
    into = f"INSERT INTO {options} (agreement_id, facet, value, signed_on)"
    dated = f"JOIN {agreements} a ON a.id = p.agreement_id"
    statements = [
        f"DELETE FROM {options}",
        f"DELETE FROM {counts}",
        f"{into} SELECT id, 'kind', kind, signed_on FROM {agreements}",
        f"{into} SELECT id, 'year', {year}, signed_on FROM {agreements} WHERE signed_on IS NOT NULL",
        *(
            f"{into} SELECT DISTINCT p.agreement_id, '{facet}', i.{column}, a.signed_on "
            f"FROM {parties} p JOIN {institutions} i ON i.id = p.institution_id {dated}"
            for facet, column in [("country", "country"), ("institution_kind", "kind")]
        ),
        f"{into} SELECT DISTINCT named.agreement_id, 'institution', named.slug, a.signed_on FROM ("
        f"SELECT p.agreement_id, i.slug FROM {parties} p JOIN {institutions} i ON i.id = p.institution_id "
        f"UNION ALL SELECT p.agreement_id, up.slug FROM {parties} p JOIN {institutions} i ON i.id = p.institution_id "
        f"JOIN {institutions} up ON up.id = i.parent_id) AS named JOIN {agreements} a ON a.id = named.agreement_id",
        f"{into} SELECT DISTINCT filed.agreement_id, 'area', filed.slug, a.signed_on FROM ("
        f"SELECT l.agreement_id, ar.slug FROM {areas} l JOIN {area_table} ar ON ar.id = l.area_id "
        f"UNION ALL SELECT l.agreement_id, up.slug FROM {areas} l JOIN {area_table} ar ON ar.id = l.area_id "
        f"JOIN {area_table} up ON up.id = ar.parent_id) AS filed JOIN {agreements} a ON a.id = filed.agreement_id",
        f"INSERT INTO {counts} (facet, value, other_facet, other_value, count) "
        f"SELECT '', '', '', '', count(*) FROM {agreements}",
        f"INSERT INTO {counts} (facet, value, other_facet, other_value, count) "
        f"SELECT facet, value, '', '', count(*) FROM {options} GROUP BY facet, value",
        # Each pair once, the smaller option first, as counted_keys orders them.
        f"INSERT INTO {counts} (facet, value, other_facet, other_value, count) "
        f"SELECT a.facet, a.value, b.facet, b.value, count(*) FROM {options} a JOIN {options} b "
        f"ON b.agreement_id = a.agreement_id AND (a.facet{binary} < b.facet{binary} "
        f"OR (a.facet = b.facet AND a.value{binary} < b.value{binary})) "
        f"WHERE a.facet IN ({paired_list()}) AND b.facet IN ({paired_list()}) "
        "GROUP BY a.facet, a.value, b.facet, b.value",
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        # Rows go in faster with the options' indexes made once afterwards, as a bulk load does.
        cursor.execute(statements[0])
        for name in [*(index.name for index in AgreementFacetValue._meta.indexes), NEWEST_WITH_OPTION_INDEX]:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
        for statement in statements[1:-3]:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            # The rows' deferred foreign-key checks run now: PostgreSQL builds no index while they wait.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for index in AgreementFacetValue._meta.indexes:
            columns = ", ".join(f'"{AgreementFacetValue._meta.get_field(name).column}"' for name in index.fields)
            cursor.execute(f'CREATE INDEX "{index.name}" ON "{options}" ({columns})')
        create_newest_with_option_index(connection)
        for statement in statements[-3:]:
            cursor.execute(statement)
        # Statistics for the planner, which otherwise reads every institution option to count a few.
        cursor.execute(f'ANALYZE "{options}"')
        cursor.execute(f'ANALYZE "{counts}"')


# The agreements with one option, newest first as lists show them (Agreement.objects.newest_first_with).
# Its SQL differs by database, so it is made here, after every migrate and every rebuild:
# PostgreSQL puts NULLs first in a DESC index and must be told NULLS LAST, which SQLite (whose
# DESC already puts them last) refuses in an index.
NEWEST_WITH_OPTION_INDEX = "facet_value_newest"


def create_newest_with_option_index(connection):
    nulls_last = " NULLS LAST" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE INDEX IF NOT EXISTS "{NEWEST_WITH_OPTION_INDEX}" ON "{AgreementFacetValue._meta.db_table}" '
            f'("facet", "value", "signed_on" DESC{nulls_last})'
        )


def paired_list():
    return ", ".join(f"'{facet}'" for facet in PAIRED_FACETS)


@receiver(post_save, sender=Agreement)
def count_saved_agreement(sender, instance, **kwargs):
    refresh_agreements([instance.pk])


@receiver(pre_delete, sender=Agreement)
def uncount_deleted_agreement(sender, instance, **kwargs):
    forget_agreement(instance.pk)


@receiver(post_delete, sender=Agreement)
def agreement_deleted(sender, instance, **kwargs):
    forgotten(instance.pk)


@receiver(post_save, sender=AgreementParty)
@receiver(post_delete, sender=AgreementParty)
@receiver(post_save, sender=AgreementArea)
@receiver(post_delete, sender=AgreementArea)
def recount_agreement_of_link(sender, instance, **kwargs):
    refresh_agreements([instance.agreement_id])


@receiver(post_save, sender=Institution)
def recount_agreements_of_institution(sender, instance, **kwargs):
    # Its country, kind, slug or parent may have changed: so may the options of its agreements
    # and of its units' agreements.
    links = AgreementParty.objects.filter(Q(institution=instance) | Q(institution__parent=instance))
    refresh_agreements(links.values_list("agreement_id", flat=True).distinct())


@receiver(post_save, sender=Area)
def recount_agreements_of_area(sender, instance, **kwargs):
    links = AgreementArea.objects.filter(Q(area=instance) | Q(area__parent=instance))
    refresh_agreements(links.values_list("agreement_id", flat=True).distinct())


# The institution facet lists the institutions with most agreements, and over a large filtered
# list counts them among its newest agreements only: its options are as many as institutions,
# too many to keep a count of each pair.
FACET_INSTITUTIONS = 50
# A list of at most this many agreements is found from its ids in the stored options.
LISTED_BY_IDS = 2_000
# As many as the network files draw (partnerships/network_files.py): at 1M agreements on
# What the kept counts cannot answer for a long list is counted over its newest this many
# agreements: the institution facet always, the other facets when the filters are more than one
# option (or no options) and more agreements match (the page and the API then say so). At 1M on
# PostgreSQL, ranking a country's institutions over its newest 20,000 took 160-420 ms, over
# 5,000 80-145 ms.
COUNTED_OVER_NEWEST = 5_000


def counted(facets, *, option=None):
    """Return {facet: {value: count}} over every agreement, or over those that have `option`.

    Both come from FacetCount: the options' own rows, or the pairs of `option` (which must
    belong to PAIRED_FACETS, as must the facets asked for).
    """
    result = {facet: {} for facet in facets}
    if option is None:
        rows = FacetCount.objects.filter(other_facet="", facet__in=[f for f in facets if f != "institution"])
        rows = list(rows.values_list("facet", "value", "count"))
        if "institution" in facets:
            top = FacetCount.objects.filter(other_facet="", facet="institution").order_by("-count", "value")
            rows += top.values_list("facet", "value", "count")[:FACET_INSTITUTIONS]
    else:
        facet, value = option
        rows = [
            *FacetCount.objects.filter(facet=facet, value=value, other_facet__in=facets)
            .values_list("other_facet", "other_value", "count"),
            *FacetCount.objects.filter(other_facet=facet, other_value=value, facet__in=facets)
            .values_list("facet", "value", "count"),
        ]
    for facet, value, count in rows:
        result[facet][value] = count
    return result


def counted_over(ids, facets, *, newest):
    """Return {facet: {value: count}} over the agreements whose ids the subquery (or list) gives, from their stored options.

    The institution facet is counted over `newest` instead (a queryset or a list of ids): the
    newest of them, at most COUNTED_OVER_NEWEST.
    """
    result = {facet: {} for facet in facets}
    wide = [facet for facet in facets if facet != "institution"]
    if wide:
        rows = AgreementFacetValue.objects.filter(agreement__in=ids, facet__in=wide).values_list("facet", "value")
        for facet, value, count in rows.annotate(count=Count("pk")).values_list("facet", "value", "count"):
            result[facet][value] = count
    if "institution" in facets:
        # The ids as a list: the database then probes each agreement's options through their
        # index, where a subquery led SQLite to read every institution option instead.
        if not isinstance(newest, list):
            newest = list(newest.values_list("pk", flat=True))
        rows = AgreementFacetValue.objects.filter(agreement_id__in=newest, facet="institution").values("value")
        top = rows.annotate(count=Count("pk")).order_by("-count", "value")[:FACET_INSTITUTIONS]
        result["institution"] = {row["value"]: row["count"] for row in top}
    return result


def rarest_first(options):
    """Return the options, the one fewest agreements have first (by their kept counts)."""
    if len(options) < 2:
        return list(options)
    wanted = Q(pk__in=[])
    for facet, value in options:
        wanted |= Q(facet=facet, value=value, other_facet="")
    sizes = {(facet, value): count for facet, value, count in
             FacetCount.objects.filter(wanted).values_list("facet", "value", "count")}
    return sorted(options, key=lambda option: sizes.get(option, 0))


def agreements_with(options):
    """Return the ids of the agreements that have every one of the options, newest first, as a subquery."""
    # From the rarest option, each agreement probed for the others through its own options' index.
    first, *others = rarest_first(options)
    rows = AgreementFacetValue.objects.filter(facet=first[0], value=first[1])
    for facet, value in others:
        rows = rows.filter(Exists(
            AgreementFacetValue.objects.filter(agreement_id=OuterRef("agreement_id"), facet=facet, value=value)
        ))
    return rows.order_by("-agreement_id").values("agreement_id")


def number_with(options):
    """Return how many agreements have every one of the options (none: every agreement).

    None, one option or a pair of paired facets' options is one row of FacetCount; more are counted.
    """
    if not options:
        return FacetCount.objects.filter(facet="", value="").values_list("count", flat=True).first() or 0
    if len(options) == 1:
        (facet, value), = options
        return FacetCount.objects.filter(facet=facet, value=value, other_facet="").values_list("count", flat=True).first() or 0
    if len(options) == 2 and all(facet in PAIRED_FACETS for facet, _value in options):
        # Stored in the order counted_keys() writes pairs: the smaller option first.
        (facet, value), (other_facet, other_value) = sorted(options)
        pair = FacetCount.objects.filter(facet=facet, value=value, other_facet=other_facet, other_value=other_value)
        return pair.values_list("count", flat=True).first() or 0
    return agreements_with(options).order_by().count()


def agreements_per(facet):
    """Return {option: number of agreements} of one facet, over every agreement: the directory's totals."""
    return counted([facet])[facet]


def country_pairs():
    """Return {(a, b): agreements with parties in both countries} over every agreement, a before b."""
    rows = FacetCount.objects.filter(facet="country", other_facet="country").values_list("value", "other_value", "count")
    return {(first, second): count for first, second, count in rows}


def most_agreements(facet, values, *, limit):
    """Return [(value, agreements)] for the facet's options among `values` (a list or subquery), most first.

    An institution's count takes in its units' agreements, as the institution filter does.
    """
    rows = FacetCount.objects.filter(other_facet="", facet=facet, value__in=values).order_by("-count", "value")
    return list(rows.values_list("value", "count")[:limit])


def option_lists(counts_by_facet):
    """Return each facet's options as the sidebar and /facets/ show them: value, label and count, largest first.

    Years come newest first, as numbers; each area names the broader area above it.
    """
    labels = {
        "country": lambda values: {code: str(country_name(code)) for code in values},
        "kind": lambda values: {value: str(label) for value, label in Agreement.Kind.choices},
        "institution_kind": lambda values: {value: str(label) for value, label in Institution.Kind.choices},
        "institution": lambda values: {
            slug: native_names.get(get_language()) or name
            for slug, name, native_names in Institution.objects.filter(slug__in=values).values_list("slug", "name", "native_names")
        },
    }
    lists = {}
    for facet, counts in counts_by_facet.items():
        if facet == "year":
            lists[facet] = [
                {"value": int(year), "label": str(int(year)), "count": count}
                for year, count in sorted(counts.items(), reverse=True)
            ]
        elif facet == "area":
            language_field = AREA_NAME_FIELDS.get(get_language(), "name")
            areas = {slug: (translated or name, parent) for slug, name, translated, parent in
                     Area.objects.filter(slug__in=counts).values_list("slug", "name", language_field, "parent__slug")}
            lists[facet] = by_count(
                {"value": slug, "label": areas[slug][0], "count": count, "parent": areas[slug][1]}
                for slug, count in counts.items() if slug in areas
            )
        else:
            names = labels[facet](counts)
            lists[facet] = by_count(
                {"value": value, "label": names.get(value, value), "count": count} for value, count in counts.items()
            )
    return lists


def by_count(options):
    return sorted(options, key=lambda option: (-option["count"], option["label"]))
