"""How a list of agreements is read from the database: the one place that decides it.

A list is the agreements an AgreementFilterSet matches, in an order, a page at a time. What
the filters amount to decides how the database is best asked, and list_plan() decides it:

- IDS: the filters are stored options (country=KR, area=oncology, a kind, a year, an
  institution, between=KR,DE) that at most counts.LISTED_BY_IDS agreements have, as their
  kept count says. The ids come from the options' index (counts.agreements_with) and the page
  is read from them. Reading the newest agreements until enough match would read most of the
  table for a rare option.
- OPTION_INDEX: the same filters with more matches, in the list's own order (newest first).
  The page is the next entries of the index of the rarest option's agreements by date
  (Agreement.objects.newest_first_with, counts.NEWEST_WITH_OPTION_INDEX), each probed for the
  other options. A page reads its own 50 rows, not every row before it.
- SEARCH_TIERS: a search (q) in best-match order. AgreementSearch (partnerships/models/search.py)
  reads the page tier by tier (an institution named as asked, then the title, then the rest),
  each tier no further than the page needs.
- PLAIN: anything else (a range of dates or years, a status, several values of one filter, an
  explicit order): the filters' own queryset, newest first unless asked otherwise.

The list's count is the kept count whenever the filters are options (AgreementFilterSet.known_count),
else a bounded COUNT (common.api.CachedCountPaginator). What else a page shows is planned
beside its list: the sidebar (AgreementFilterSet.facet_counts: kept counts for none or one
option, else the matching agreements' stored options), the world map (WorldMap.of_filterset:
a country's kept pairs) and the network picture (NetworkPicture, over the newest matching
agreements, a page of its own).
"""
from partnerships import counts

IDS, OPTION_INDEX, SEARCH_TIERS, PLAIN = "ids", "option index", "search tiers", "plain"


def list_plan(filterset, filtered):
    """Return (plan, queryset): which plan answers the filter set's list, and the queryset that reads it.

    `filtered` is the queryset the filters built (django-filter's own filter_queryset).
    """
    cleaned = filterset.form.cleaned_data
    ordered = bool(cleaned.get("ordering"))
    if cleaned.get("q", "").strip():
        # A search is never options (options_of gives None), so it takes no other plan.
        return (PLAIN, filtered) if ordered else (SEARCH_TIERS, filtered.best_match_first())
    options = filterset.options_of(filterset.active_filters())
    if options and filterset.known_count() <= counts.LISTED_BY_IDS:
        ids = counts.agreements_with(options).values_list("agreement_id", flat=True)
        return IDS, filtered.filter(pk__in=list(ids[: counts.LISTED_BY_IDS]))
    if options and not ordered:
        # The options stand for the filters, which would only repeat them: PostgreSQL would take
        # the repeat for a further condition, expect a few rows and sort every match.
        return OPTION_INDEX, filterset.queryset.all().newest_first_with(counts.rarest_first(options))
    return PLAIN, filtered
