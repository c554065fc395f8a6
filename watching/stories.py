"""The same story from several outlets: which earlier candidate a new one is another report of.

Two reports are one story when their texts are near copies (a simhash of the text within
`NEAR_COPY` bits: a wire story reprinted, a release posted twice), or, across languages where
texts cannot be compared, when they name the same two or more known institutions within
`SAME_WEEK` days of each other. The story's primary report is the institution's own release
where there is one (its newsroom is the watched source), else the first found.
"""
import datetime

from simhash import Simhash

NEAR_COPY = 6
SAME_WEEK = 7
# Stories older than this are not looked at: a report found a month later is news of its own.
LOOKBACK_DAYS = 30


def text_hash(text):
    """Return the text's 64-bit simhash as 16 hex digits (empty for an empty text)."""
    text = " ".join((text or "").casefold().split())
    return f"{Simhash(text).value:016x}" if text else ""


def near_copies(first, second):
    if not (first and second):
        return False
    return bin(int(first, 16) ^ int(second, 16)).count("1") <= NEAR_COPY


def same_story(candidate, other, *, institutions, other_institutions):
    """Say whether two candidates report one story (each given with the set of institution ids it names)."""
    if near_copies(candidate.simhash, other.simhash):
        return True
    shared = institutions & other_institutions
    return len(shared) >= 2 and abs((candidate.day - other.day).days) <= SAME_WEEK


def is_own_release(candidate, institutions):
    """Say whether the candidate comes from the newsroom of an institution it names."""
    return candidate.source.institution_id is not None and candidate.source.institution_id in institutions


def lookback_start(now):
    return now - datetime.timedelta(days=LOOKBACK_DAYS)
