"""The plan of one search: its matches in tiers, counted and paged without sorting every match."""
from collections import defaultdict
from functools import partial

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.sql.where import AND, WhereNode
from django.utils.functional import cached_property

from common.search import first_ids_matching, rows_matching
from common.text import fold_for_search
from institutions.models import Institution
from partnerships.models.registry import record

# A search whose matches the indexes give at most this many ids is ranked from those ids; a
# larger one walks the newest-first index, testing each agreement, until the page is full.
SEARCH_IDS_AT_MOST = 2000


class AgreementSearch:
    """One search's matches, ranked in tiers, and the page of them a slice asks for.

    Tier 3: a party (or a party's parent) named as asked, not merely alike; tier 2: the title
    contains the text; tier 1: the rest. Within a tier, newest first, then title, then id: the
    order best_match_first() gives the whole list. A page is rows [start, stop) of tier 3, then
    tier 2, then tier 1, each tier read only as far as the page needs: from its ids when the
    indexes give few of them (SEARCH_IDS_AT_MOST), else by walking the newest-first index and
    testing each agreement, stopping at the page's end. Nothing sorts every match; a page deep
    into a large tier reads every row before it.
    """

    def __init__(self, alias, text):
        self.alias, self.text, self.folded = alias, text.strip(), fold_for_search(text)
        self.vendor = connections[alias].vendor
        self.found = {}

    def institutions(self, *, forgive_typos):
        # Kept: finding the names alike reads candidates back, which is worth doing once.
        key = ("institutions", forgive_typos)
        if key not in self.found:
            self.found[key] = rows_matching(
                Institution.objects.using(self.alias).order_by(), "search_names", self.folded, forgive_typos=forgive_typos
            )
        return self.found[key]

    def parties(self, *, exactly=False):
        """The parts of the institutions named (or, unless exactly, alike) in agreements, with their units'."""
        named = self.institutions(forgive_typos=not exactly)
        return record("AgreementParty").objects.using(self.alias).order_by().of_institutions_or_their_units(named)

    def participations(self):
        if "people" not in self.found:
            self.found["people"] = rows_matching(
                record("Person").objects.using(self.alias).order_by(), "search_names", self.folded, forgive_typos=True
            )
        people = self.found["people"]
        return record("Participation").objects.using(self.alias).order_by().filter(person__in=people.values("pk"))

    def words(self):
        """On PostgreSQL: every word, in any order, through the full-text index (a condition on each agreement)."""
        document = SearchVector("search_text", config="simple")
        return SearchVectorExact(document, SearchQuery(self.folded, config="simple"))

    def id_sources(self):
        """The querysets of matching ids, one per index, that union_of_ids() joins."""
        sources = [
            rows_matching(record("Agreement").objects.using(self.alias).order_by(), "search_text", self.folded).values_list("pk", flat=True),
            self.parties().values_list("agreement_id", flat=True),
            self.participations().values_list("agreement_id", flat=True),
        ]
        if self.vendor == "postgresql":
            sources.append(record("Agreement").objects.using(self.alias).order_by().filter(self.words()).values_list("pk", flat=True))
        return sources

    def union_of_ids(self):
        # One list of matching ids from each index, joined by UNION: the planner then looks
        # them up by primary key instead of testing every agreement against every condition.
        sources = [source.values("pk") if index == 0 else source for index, source in enumerate(self.id_sources())]
        return sources[0].union(*sources[1:])

    def rank(self):
        # An uncorrelated IN list: the database builds it once, not once per matching agreement.
        return models.Case(
            models.When(pk__in=self.parties(exactly=True).values("agreement_id"), then=3),
            models.When(title__icontains=self.text, then=2),
            default=1,
        )

    def matches(self):
        """The search as a condition on each agreement, for walking the agreements in order."""
        outer = OuterRef("pk")
        condition = (
            Q(search_text__contains=self.folded)
            | Exists(self.parties().filter(agreement=outer))
            | Exists(self.participations().filter(agreement=outer))
        )
        return condition | Q(self.words()) if self.vendor == "postgresql" else condition

    def first_ids(self, source, limit):
        """(The distinct ids among the first `limit` rows of a source, whether those were all its rows)."""
        known = self.found.setdefault(id(source), {})
        for read_to, (ids, complete) in known.items():
            # A source that gave fewer rows than asked gave them all (a row is an id, repeated
            # when two named parties share an agreement).
            if complete:
                return ids, True
            if read_to >= limit:
                return ids, False
        read = list(source(limit) if callable(source) else source[:limit])
        known[limit] = (set(read), len(read) < limit)
        return known[limit]

    def few(self, source):
        """Every id the source gives, if it gives at most SEARCH_IDS_AT_MOST rows, else None."""
        ids, complete = self.first_ids(source, SEARCH_IDS_AT_MOST + 1)
        return sorted(ids) if complete else None

    @cached_property
    def sources(self):
        every = self.id_sources()
        # The text's first ids straight from its index, which stops at the limit (the query
        # of id_sources() has the database collect every match first: cancer, 75 ms against 2).
        every[0] = partial(first_ids_matching, record("Agreement").objects.using(self.alias), "search_text", self.folded)
        return {
            "text": every[0], "all": every,
            "exactly named": self.parties(exactly=True).values_list("agreement_id", flat=True),
        }

    @cached_property
    def few_ids(self):
        """Every matching id, when each index gives at most SEARCH_IDS_AT_MOST of them, else None."""
        found = set()
        for source in self.sources["all"]:
            ids = self.few(source)
            if ids is None:
                return None
            found.update(ids)
        return sorted(found)

    def tiers(self):
        """(rank, condition) of each tier, best first; each agreement meets the condition of one tier only."""
        exactly_named_ids = self.few(self.sources["exactly named"])
        if exactly_named_ids is not None:
            exactly_named = Q(pk__in=exactly_named_ids)
        else:
            exactly_named = Q(Exists(self.parties(exactly=True).filter(agreement=OuterRef("pk"))))
        titled = Q(title__icontains=self.text)
        # A title that contains the text has it in its folded text too: tier 2 is found among
        # the text's matches alone.
        text_ids = self.few(self.sources["text"])
        in_text = Q(pk__in=text_ids) if text_ids is not None else Q(search_text__contains=self.folded)
        matching = Q(pk__in=self.few_ids) if self.few_ids is not None else self.matches()
        return [(3, exactly_named), (2, ~exactly_named & titled & in_text), (1, ~exactly_named & ~titled & matching)]

    def base(self, queryset):
        """The queryset's other filters, without the search's list of ids (the tiers test the search themselves)."""
        clone = queryset._chain()
        clone.query.where = without_search_union(clone.query.where)
        clone._search_plan, clone._best_match = None, False
        return clone

    def count_up_to(self, queryset, limit):
        base = self.base(queryset)
        if not base.query.where:
            # No other filter: the matches are the union of what each index gives, each read no
            # further than the limit.
            found = set()
            for source in self.sources["all"]:
                ids, complete = self.first_ids(source, limit)
                if not complete and len(ids) >= limit:
                    return limit
                found |= ids
            # A source stopped at the limit with fewer distinct ids than that (ids repeat when
            # two named parties share an agreement) is read again for distinct ids, as far as
            # the limit. The text's index gives each agreement once.
            for source in self.sources["all"]:
                ids, complete = self.first_ids(source, limit)
                if not complete:
                    found |= set(source.distinct()[:limit])
            return min(len(found), limit)
        if self.few_ids is not None:
            return base.filter(pk__in=self.few_ids).order_by().values("pk")[:limit].count()
        return queryset.order_by().values("pk")[:limit].count()

    def page(self, queryset, start, stop):
        """Return rows [start, stop) of the searched queryset in best_match_first() order, as a queryset."""
        base = self.base(queryset)
        ordering = (base.latest_signed_first(), "title", "pk")
        skip, wanted, chosen = start, stop - start, {}
        for rank, condition in self.tiers():
            if wanted <= 0:
                break
            ids = list(base.filter(condition).order_by(*ordering).values_list("pk", flat=True)[: skip + wanted])
            if len(ids) <= skip:
                skip -= len(ids)
                continue
            ids, skip = ids[skip:], 0
            chosen.update(dict.fromkeys(ids, rank))
            wanted -= len(ids)
        page = queryset._chain()
        page.query.where = WhereNode()
        page._search_plan, page._best_match = None, False
        by_rank = defaultdict(list)
        for pk, rank in chosen.items():
            by_rank[rank].append(pk)
        rank = models.Case(
            *(models.When(pk__in=ids, then=rank) for rank, ids in by_rank.items()), default=1,
            output_field=models.IntegerField(),
        )
        page = page.filter(pk__in=list(chosen)).annotate(search_rank=rank)
        return page.order_by("-search_rank", *ordering)


def without_search_union(node):
    """Return the WHERE tree without the condition AgreementQuerySet.search() added (marked is_search_union)."""
    if node.connector != AND or node.negated:
        return node
    clone = WhereNode(connector=AND)
    for child in node.children:
        if getattr(getattr(child, "rhs", None), "is_search_union", False):
            continue
        clone.children.append(without_search_union(child) if isinstance(child, WhereNode) else child)
    return clone
