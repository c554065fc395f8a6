"""An agreement's life worked out from what its sources report: when it was in force, when its
term runs out, when it ended, and so its status on any date.

Kept apart from the models so that the same rules serve a saved agreement, a migration's
historical rows and a bulk insert. Dates with month or year precision are stored as the
first day of that month or year; a start counts from the last day of its period and an end
from the first, so that "in force on a date" means in force on that date whatever day of the
period the event fell on.
"""
import calendar
import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    kind: str
    on: datetime.date
    precision: str
    years: int | None = None


@dataclass(frozen=True)
class Life:
    """The dates an agreement's status on any day follows from; None where no source says."""

    in_force_from: datetime.date | None
    expires_on: datetime.date | None
    ended_on: datetime.date | None


def end_of_period(day, precision):
    """Return the last day of the month or year a date with that precision stands for."""
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day.replace(month=12, day=31)
    return day


def add_years(day, years):
    """Return the same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def life_of(*, signed_on, signed_on_precision, term_years=None, renewal_years=None, events=()):
    """Return the agreement's Life from its signing, its stated term and its dated events.

    - In force from: the earliest "in force" event; without one, the signing; for a collaboration
      with neither, its earliest announcement.
    - Expiry: the latest "expires" event; without one, the start plus the stated term. A renewal
      or extension adds its years (or the agreement's stated renewal length) to the expiry in
      effect when it happened; one whose length no source states leaves the end open.
    - Ended: the earliest "ended" event.
    """
    events = sorted(events, key=lambda event: event.on)
    by_kind = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event)
    if by_kind.get("in_force"):
        start_event = by_kind["in_force"][0]
        start, in_force_from = start_event.on, end_of_period(start_event.on, start_event.precision)
    elif signed_on is not None and signed_on_precision != "unknown":
        start, in_force_from = signed_on, end_of_period(signed_on, signed_on_precision)
    elif by_kind.get("announced"):
        start_event = by_kind["announced"][0]
        start, in_force_from = start_event.on, end_of_period(start_event.on, start_event.precision)
    else:
        start = in_force_from = None

    if by_kind.get("expires"):
        expires_on = max(event.on for event in by_kind["expires"])
    elif term_years and start:
        expires_on = add_years(start, term_years)
    else:
        expires_on = None
    for event in events:
        if event.kind not in {"renewed", "extended"}:
            continue
        years = event.years or renewal_years
        if not years:
            expires_on = None
            continue
        expires_on = add_years(max(expires_on, event.on) if expires_on else event.on, years)

    ended = by_kind.get("ended")
    return Life(in_force_from=in_force_from, expires_on=expires_on, ended_on=ended[0].on if ended else None)


def status_on(life, *, kind, day):
    """Return the status the Life gives on the day: ended, expired, in_force, signed or reported."""
    if life.ended_on is not None and life.ended_on <= day:
        return "ended"
    if life.expires_on is not None and life.expires_on < day:
        return "expired"
    if life.in_force_from is not None and life.in_force_from <= day:
        return "in_force"
    # Memoranda and agreements are signed documents; a collaboration is not.
    return "reported" if kind == "collaboration" else "signed"
