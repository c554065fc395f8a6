"""Whether the directory already holds an agreement an article reports, and where the article tells it otherwise.

Another outlet's report of a signing the directory has would otherwise become a second record
of it on publishing. A drafted agreement is taken for a recorded one when:

- at least two of its parties are matched to institutions of the directory, and the record has
  every one of them as a party (a record with more parties still matches: articles leave
  partners out);
- their dates are compatible. Each date is the stretch of days its precision covers (a day, a
  month, a year), and the two stretches are at most a week apart: an article or a press release
  is often dated a few days after the signing it reports. When one date is unknown, the other
  falls in the article's publication year or one year either side (any year, when the article
  gives none); when both are unknown, the parties alone decide.

Of several records that match, the one whose date is nearest the drafted one wins (the
publication date standing in for an unknown drafted date); then the latest signed.

The differences are what a curator checks before adding the article as a source: the date,
kind or place the article gives otherwise than the record, and each party it names that the
record does not have.
"""
import calendar
import dataclasses
import datetime

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from common.text import fold_for_search
from partnerships.models import Agreement, AgreementParty

# How far apart two dates of one signing can be, in days (see above).
SAME_SIGNING_DAYS = 7
# The facts a difference is of, as the contract names them.
FACTS = [("signed_on", _("Date signed")), ("kind", _("Kind")), ("place", _("Place of signing")), ("party", _("Party"))]


@dataclasses.dataclass(frozen=True)
class Record:
    """A recorded agreement, as much of it as the comparison with a draft needs."""

    slug: str
    title: str
    signed_on: datetime.date | None
    signed_on_precision: str
    kind: str
    place: str
    party_slugs: frozenset

    @classmethod
    def of(cls, agreement, party_slugs):
        return cls(
            agreement.slug, agreement.title, agreement.signed_on, agreement.signed_on_precision, agreement.kind,
            agreement.place, frozenset(party_slugs),
        )


def add_existing_agreements(agreements, *, published_on):
    """Set each drafted agreement's "existing_agreement": the record it is already, with the differences, or None.

    One query for each drafted agreement with two parties known to the directory, none for the others.
    """
    for entry in agreements:
        record = known_record(entry, published_on=published_on)
        entry["existing_agreement"] = existing_agreement(entry, record) if record else None


def known_record(entry, *, published_on):
    """Return the Record the drafted agreement already is (the rule above), or None."""
    slugs = {party["institution"] for party in entry.get("parties") or [] if party.get("institution")}
    if len(slugs) < 2:
        return None
    # Filtered before the count, the join counts only the drafted parties each agreement has.
    candidates = (
        Agreement.objects.filter(parties__institution__slug__in=slugs)
        .annotate(matched=Count("parties__institution", distinct=True)).filter(matched=len(slugs))
        .order_by("-signed_on", "slug").only("slug", "title", "signed_on", "signed_on_precision", "kind", "place")
    )
    drafted = stretch(parsed(entry.get("signed_on")), entry.get("signed_on_precision"))
    records = [
        record for record in (Record.of(agreement, slugs) for agreement in candidates)
        if compatible(stretch(record.signed_on, record.signed_on_precision), drafted, published_on)
    ]
    reference = drafted or (stretch(published_on, "day") if published_on else None)
    # min() keeps the first of equals: among records as near, the latest signed (the query's order).
    return min(records, key=lambda record: distance(record, reference), default=None)


def existing_agreement(entry, record):
    """Return the contract's "existing_agreement" object for a drafted agreement that is the record."""
    return {
        "slug": record.slug, "title": record.title, "url": Agreement(slug=record.slug).get_absolute_url(),
        "differences": differences(entry, record),
    }


def with_current_differences(proposal):
    """Return the proposal with the differences of each agreement added as a source worked out again.

    A curator's correction (another date, a party added) changes them. Two queries, whatever the number of agreements.
    """
    entries = [entry for entry in proposal.get("agreements") or [] if entry.get("existing_agreement")]
    slugs = {entry["existing_agreement"].get("slug") for entry in entries}
    parties = AgreementParty.objects.select_related("institution").only("agreement_id", "institution__slug")
    records = {
        agreement.slug: Record.of(agreement, (party.institution.slug for party in agreement.parties.all()))
        for agreement in Agreement.objects.filter(slug__in=slugs).prefetch_related(Prefetch("parties", queryset=parties))
    } if entries else {}
    for entry in entries:
        record = records.get(entry["existing_agreement"].get("slug"))
        if record is not None:
            entry["existing_agreement"] = existing_agreement(entry, record)
    return proposal


def differences(entry, record):
    """Return the facts the drafted agreement gives otherwise than the record: [{"fact", "recorded", "drafted"}]."""
    found = []
    drafted_date = date_text(parsed(entry.get("signed_on")), entry.get("signed_on_precision"))
    recorded_date = date_text(record.signed_on, record.signed_on_precision)
    if drafted_date and drafted_date != recorded_date:
        found.append({"fact": "signed_on", "recorded": recorded_date, "drafted": drafted_date})
    if entry.get("kind") and entry["kind"] != record.kind:
        found.append({"fact": "kind", "recorded": record.kind, "drafted": entry["kind"]})
    place = (entry.get("place") or "").strip()
    if place and not place_words(place) <= place_words(record.place):
        found.append({"fact": "place", "recorded": record.place or None, "drafted": place})
    for party in entry.get("parties") or []:
        if party.get("institution") not in record.party_slugs:
            found.append({"fact": "party", "recorded": None, "drafted": party.get("name") or party.get("institution")})
    return found


def shown_difference(difference):
    """Return a difference as a page or a message shows it: {"label", "recorded", "drafted"}, a kind by its name."""
    def shown(value):
        return Agreement.Kind(value).label if difference["fact"] == "kind" and value in Agreement.Kind.values else value

    return {"label": dict(FACTS).get(difference["fact"], difference["fact"]),
            "recorded": shown(difference["recorded"]), "drafted": shown(difference["drafted"])}


def place_words(place):
    """Return the words that name a place: "Arab Health in Dubai" is "Dubai World Trade Centre, Dubai (Arab Health 2024)" in fewer."""
    # "in", "at", "the": short Latin words join names; a two-letter Hangul or Han word (서울) is a name.
    return {word for word in fold_for_search(place).split() if len(word) > 2 or not word.isascii()} - {"the", "and"}


def parsed(value):
    if isinstance(value, datetime.date) or not value:
        return value or None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def stretch(day, precision):
    """Return the first and last day a date covers at its precision, or None when it is not known."""
    if day is None or precision not in {"day", "month", "year"}:
        return None
    if precision == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day, day


def gap(one, other):
    """Return the days between two stretches of days, 0 when they overlap."""
    return max((other[0] - one[1]).days, (one[0] - other[1]).days, 0)


def compatible(recorded, drafted, published_on):
    if recorded and drafted:
        return gap(recorded, drafted) <= SAME_SIGNING_DAYS
    known = recorded or drafted
    if known and published_on:
        return known[0].year - 1 <= published_on.year <= known[1].year + 1
    return True


def distance(record, reference):
    recorded = stretch(record.signed_on, record.signed_on_precision)
    # A record without a date, or a draft without one from an undated article, is the farthest.
    return gap(recorded, reference) if recorded and reference else datetime.date.max.toordinal()


def date_text(day, precision):
    """Return the date in ISO 8601 to its precision ("2024-01-29", "2024-01", "2024"), or None when unknown."""
    if day is None or precision not in {"day", "month", "year"}:
        return None
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[precision]
