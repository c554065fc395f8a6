"""How agreements, people, areas and parties are asked for: filters, orders, and the rows a page shows.

The records are looked up by name (registry.record), not imported: records.py builds its
managers from these querysets.
"""
from collections import defaultdict

from django.db import connections, models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from common.search import rows_matching
from common.text import fold_for_search
from institutions.models import Institution, country_name
from partnerships.models.display import AREA_NAME_FIELDS, date_display
from partnerships.models.evidence import Disagreement, Evidence, ReportedValue
from partnerships.models.kept import AgreementFacetValue
from partnerships.models.registry import record
from partnerships.models.search import AgreementSearch


class AreaQuerySet(models.QuerySet):
    def top_level(self):
        """Return the areas that head the taxonomy."""
        return self.filter(parent__isnull=True)


class PersonQuerySet(models.QuerySet):
    def with_agreement_counts(self):
        """Return people with `agreement_count`, the agreements they took part in.

        A subquery per person, not a join grouped over every part: a page of 50 counts its 50.
        """
        # Distinct: one person can have several parts in one agreement.
        per_person = (
            record("Participation").objects.filter(person=OuterRef("pk")).order_by().values("person")
            .annotate(count=models.Count("agreement", distinct=True)).values("count")
        )
        return self.annotate(agreement_count=Coalesce(models.Subquery(per_person), 0))

    def search(self, text):
        """Return people whose name or native name contains the text, ignoring case and accents."""
        return rows_matching(self, "search_names", fold_for_search(text), forgive_typos=True)


# A country's, area's or institution's page shows its newest agreements; the list has them all.
NEWEST_ON_RECORD_PAGES = 20


class AgreementQuerySet(models.QuerySet):
    # Filters on related rows are EXISTS subqueries, not joins: a join repeats an agreement
    # once per matching party and then needs DISTINCT, which is far slower on large tables.

    def with_party_in(self, country_codes):
        """Return agreements with a party in any of the countries."""
        parties = record("AgreementParty").objects.filter(agreement=OuterRef("pk"), institution__country__in=country_codes)
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
        parties = record("AgreementParty").objects.filter(agreement=OuterRef("pk")).exclude(institution__country__in=country_codes)
        return self.filter(Exists(parties))

    def in_areas(self, area_slugs):
        """Return agreements in any of the areas, a broader area counting its narrower ones."""
        # The ids are looked up first so the planner sees literal values it can estimate.
        areas = list(record("Area").objects.filter(Q(slug__in=area_slugs) | Q(parent__slug__in=area_slugs)).values_list("pk", flat=True))
        return self.filter(Exists(record("AgreementArea").objects.filter(agreement=OuterRef("pk"), area__in=areas)))

    def with_institutions(self, institution_slugs):
        """Return agreements of any of the institutions or of the institutions they are parent of."""
        # The ids are looked up first so the planner sees literal values it can estimate: a
        # rare institution is then found through the party index, not by walking every agreement.
        institutions = list(
            Institution.objects.filter(Q(slug__in=institution_slugs) | Q(parent__slug__in=institution_slugs))
            .values_list("pk", flat=True)
        )
        return self.filter(pk__in=record("AgreementParty").objects.filter(institution__in=institutions).values("agreement"))

    def with_institution_kinds(self, kinds):
        """Return agreements with a party of any of the institution kinds."""
        parties = record("AgreementParty").objects.filter(agreement=OuterRef("pk"), institution__kind__in=kinds)
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
        status, collaboration = self.model.Status, self.model.Kind.COLLABORATION
        conditions = {
            status.ENDED: ended,
            status.EXPIRED: expired,
            status.IN_FORCE: in_force,
            status.SIGNED: undated & ~Q(kind=collaboration),
            status.REPORTED: undated & Q(kind=collaboration),
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
                queryset=record("AgreementParty").objects.select_related("institution").order_by("pk"),
            ),
            # In the order curators entered them.
            models.Prefetch(
                "agreement_areas", queryset=record("AgreementArea").objects.select_related("area__parent").order_by("pk")
            ),
            models.Prefetch(
                "participations",
                queryset=record("Participation").objects.select_related("person", "institution"),
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
        party_rows = record("AgreementParty").objects.filter(agreement_id__in=ids).order_by("pk")
        for agreement_id, name, country, native_names in party_rows.values_list(
            "agreement_id", "institution__name", "institution__country", "institution__native_names"
        ):
            # The name in the reader's script where one is recorded, the English name beside it.
            parties[agreement_id].append({
                "name": name, "display_name": native_names.get(language) or name, "country_name": country_name(country),
            })
        area_rows = record("AgreementArea").objects.filter(agreement_id__in=ids).order_by("pk")
        name_field = f"area__{AREA_NAME_FIELDS[language]}" if language in AREA_NAME_FIELDS else "area__name"
        for agreement_id, name, translated in area_rows.values_list("agreement_id", "area__name", name_field):
            areas[agreement_id].append(translated or name)
        # One reverse() for the page, the slug put in per card: reverse() costs more than a card.
        address = reverse("partnerships:detail", args=["SLUG"])
        kinds = dict(self.model.Kind.choices)
        return [
            {
                "slug": slug, "url": address.replace("SLUG", slug), "title": title, "kind": kind, "kind_label": kinds.get(kind, kind),
                "signed_on_display": date_display(signed_on, precision),
                "parties": parties[pk], "areas": areas[pk],
            }
            for pk, slug, title, kind, signed_on, precision in rows
        ]

    def with_evidence(self):
        """Return agreements with their evidence and what each piece of it supports loaded up front."""
        return self.prefetch_related(*supporting_lookups().values())

    def with_evidence_flags(self):
        """Return agreements annotated with whether they have evidence, events and disagreements, for load_evidence().

        Each is an EXISTS through the index on their agreement, asked in the agreement's own query.
        """
        return self.annotate(**{
            f"has_{name}": Exists(getattr(self.model, name).field.model.objects.filter(agreement=OuterRef("pk")))
            for name in supporting_lookups()
        })


def load_evidence(agreement):
    """Load one agreement's evidence, events and disagreements (flagged by with_evidence_flags), reading only the kinds it has.

    Most agreements have no events and no disagreements, many no evidence, and a record's time
    is mostly its queries.
    """
    kinds = supporting_lookups()
    models.prefetch_related_objects([agreement], *(kinds[name] for name in kinds if getattr(agreement, f"has_{name}")))
    cache = agreement.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in kinds:
        # Known empty: an empty queryset, which asks the database nothing.
        cache.setdefault(name, getattr(agreement, name).none())
    return agreement


def supporting_lookups():
    """{related name: its prefetch}: what supports an agreement's facts, with what each row names loaded."""
    evidence = Evidence.objects.select_related("source", "party__institution", "area__area", "participation__person", "event")
    disagreements = Disagreement.objects.select_related("party__institution").prefetch_related(
        models.Prefetch("reported_values", queryset=ReportedValue.objects.select_related("source"))
    )
    return {
        "evidence": models.Prefetch("evidence", queryset=evidence),
        "events": "events",
        "disagreements": models.Prefetch("disagreements", queryset=disagreements),
    }


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
