"""The partnerships' models, one module per concern; import them from here.

- records.py: what the directory records, the agreements and their parties, areas, people,
  events and sources, with the rules each row keeps (its constraints and clean()).
- display.py: how a record is written for a reader, names in the reader's script and dates as
  precise as known, for the pages that read plain rows as well as for the records.
- evidence.py: what supports each fact, the quotes from sources, and the facts sources give
  differently.
- querysets.py: how records are asked for: filters, orders, and the rows a page shows.
- search.py: the plan of one search, its matches in tiers, paged without sorting every match.
- kept.py: the options and counts kept on every write, read by lists, facets and the map
  (partnerships/counts.py keeps them in step; partnerships/plans.py decides when a list reads them).
- registry.py: the records by name, for querysets.py and search.py, which records.py builds on.
- signals.py: what a save works out on the way, the folded search text, the dates of an
  agreement's life, the data version that answers are cached by.
"""
from partnerships.models import signals  # noqa: F401 (connects the receivers)
from partnerships.models.display import (
    AREA_NAME_FIELDS,
    area_names,
    date_display,
    date_in_language,
    display_name_of_person,
    fold_whitespace,
)
from partnerships.models.evidence import Disagreement, Evidence, ReportedValue
from partnerships.models.kept import AgreementFacetValue, FacetCount
from partnerships.models.querysets import NEWEST_ON_RECORD_PAGES, load_evidence
from partnerships.models.records import (
    Agreement,
    AgreementArea,
    AgreementEvent,
    AgreementParty,
    Area,
    Participation,
    Person,
    Source,
)
from partnerships.models.search import SEARCH_IDS_AT_MOST, AgreementSearch

__all__ = [
    "AREA_NAME_FIELDS", "NEWEST_ON_RECORD_PAGES", "SEARCH_IDS_AT_MOST",
    "Agreement", "AgreementArea", "AgreementEvent", "AgreementFacetValue", "AgreementParty", "AgreementSearch",
    "Area", "Disagreement", "Evidence", "FacetCount", "Participation", "Person", "ReportedValue", "Source",
    "area_names", "date_display", "load_evidence", "date_in_language", "display_name_of_person", "fold_whitespace",
]
