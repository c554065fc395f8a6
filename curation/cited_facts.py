"""The facts of a corrected draft whose cited sentence no longer states them.

A curator who changes a signing date, a kind, a party or a person must cite the sentence that
states the new value, or say in a note where it comes from. A fact exactly as the assistant
drafted it (same value, same sentence) is not checked again: its sentence is why it was drafted.
"""
import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from curation.evidence_check import folded, states
from institutions.models import Institution
from partnerships.models import Agreement

# The agreement-level facts of the contract's evidence list that are checked, by the key they are stored under.
AGREEMENT_FACT_KEYS = {"date": ("date", "signed_on"), "kind": ("kind", "status")}


@dataclass(frozen=True)
class CitedFact:
    """One checked fact of a proposal: where it is, what it says, the sentence cited and the curator's note."""

    path: tuple  # (agreement index, "date" | "kind") or (agreement index, "parties" | "people", row index)
    fact: str
    value: object
    quote: str
    note: str

    def drafted_key(self):
        return (self.fact, repr(self.value), folded(self.quote))


@dataclass(frozen=True)
class UnstatedFact:
    """A changed fact that its cited sentence does not state, and no note explains."""

    path: tuple
    fact: str
    message: str


def agreement_fact(agreement, fact):
    """Return (quote, note) of the agreement's evidence item for a date or a kind."""
    for item in agreement.get("evidence") or []:
        if str(item.get("fact", "")).lower() in AGREEMENT_FACT_KEYS[fact]:
            return (item.get("quote") or "").strip(), (item.get("note") or "").strip()
    return "", ""


def signing_date(agreement):
    """Return (date, precision) of the agreement's signing, or None when it has no date."""
    try:
        day = datetime.date.fromisoformat(str(agreement.get("signed_on") or ""))
    except ValueError:
        return None
    precision = agreement.get("signed_on_precision")
    return day, precision if precision in {"day", "month", "year"} else "day"


def cited_facts(proposal):
    """Yield the date, kind, party and person facts of the proposal, each with its quote and note."""
    for a, agreement in enumerate((proposal or {}).get("agreements") or []):
        date = signing_date(agreement)
        if date is not None:
            yield CitedFact((a, "date"), "date", date, *agreement_fact(agreement, "date"))
        if agreement.get("kind"):
            yield CitedFact((a, "kind"), "kind", agreement["kind"], *agreement_fact(agreement, "kind"))
        for p, party in enumerate(agreement.get("parties") or []):
            other_names = tuple((other.get("name") or "").strip() for other in party.get("other_names") or [])
            value = ((party.get("institution") or "").strip(), (party.get("name") or "").strip(), other_names)
            yield CitedFact((a, "parties", p), "party", value, row_quote(party), row_note(party))
        for m, person in enumerate(agreement.get("people") or []):
            yield CitedFact((a, "people", m), "person", (person.get("name") or "").strip(), row_quote(person), row_note(person))


def row_quote(row):
    return (row.get("evidence") or "").strip()


def row_note(row):
    return (row.get("note") or "").strip()


def unstated_facts(*, proposal, drafted):
    """Return the facts of `proposal` that differ from `drafted`, are not stated by their quote and have no note."""
    language = ((proposal or {}).get("source") or {}).get("language") or ""
    as_drafted = {fact.drafted_key() for fact in cited_facts(drafted)}
    # An other name drafted for a party of another name is left over from a renamed party: it vouches for nothing.
    drafted_owner = {
        other: fact.value[1] for fact in cited_facts(drafted) if fact.fact == "party" for other in fact.value[2]
    }
    problems = []
    for fact in cited_facts(proposal):
        if fact.note or fact.drafted_key() in as_drafted:
            continue
        if fact.quote and states(fact.fact, checked_value(fact, drafted_owner), fact.quote, language=language):
            continue
        template = (
            _("The cited sentence does not state %(value)s: cite the sentence that does, or write a note.") if fact.quote
            else _("No sentence is cited for %(value)s: cite the sentence that does, or write a note.")
        )
        problems.append(UnstatedFact(fact.path, fact.fact, template % {"value": shown_value(fact)}))
    return problems


def checked_value(fact, drafted_owner):
    """The value as evidence_check.states reads it: a party is any of its names (the record's, for an existing one)."""
    if fact.fact != "party":
        return fact.value
    slug, name, other_names = fact.value
    institution = Institution.objects.filter(slug=slug).prefetch_related("other_names").first() if slug else None
    if institution is None:
        return [name, *(other for other in other_names if drafted_owner.get(other, name) == name)]
    return [institution.name, institution.short_name, *(other.name for other in institution.other_names.all())]


def shown_value(fact):
    """The value as the message names it: "12 May 2025", "May 2025", "Memorandum of understanding", a name."""
    if fact.fact == "date":
        day, precision = fact.value
        formats_by_precision = {"day": "j F Y", "month": "F Y", "year": "Y"}
        return formats.date_format(day, formats_by_precision[precision])
    if fact.fact == "kind":
        return str(Agreement.Kind(fact.value).label) if fact.value in Agreement.Kind.values else fact.value
    if fact.fact == "party":
        slug, name, _other_names = fact.value
        institution = Institution.objects.filter(slug=slug).only("name").first() if slug else None
        return institution.name if institution else name
    return fact.value
