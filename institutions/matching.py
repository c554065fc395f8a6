"""One institution for a name written anywhere: ranked candidates, how each matched, and the one chosen.

`match_institution("Asan Medical Centre", country="KR")` looks the name up in the search index
(every name, short name and other name of every institution, folded), then scores each of the
closest candidates against each of its names:

- exact name 1.0, native name 1.0, alias (another or a former name) 0.95, acronym 0.9;
- parent + unit 0.85: the name holds a unit's own name and its parent's ("Department of
  Cardiology, Hanbit University Hospital" is not it, "Hanbit University Hospital, Hanbit
  University" is);
- fuzzy: the best token-set similarity of the name and one of the candidate's names, times 0.9.

A country or city given and different from the candidate's halves its score; the same adds a
little. One candidate is `chosen` only when it is clearly the one, as ROR's affiliation
matching does: a score of 0.9 or more, and the next candidate 0.1 or more below it.
"""
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from common.search import first_ids_matching
from common.text import canonical_name, fold_for_search
from institutions.models import Institution, InstitutionName

CANDIDATES = 25
# A name with a typo: its longest words looked up, each finding at most this many institutions.
WORDS_LOOKED_UP = 3
PER_WORD = 200
WORD = re.compile(r"\w+")
CHOSEN_AT = 0.9
CLEAR_GAP = 0.1


@dataclass(frozen=True)
class Candidate:
    """An institution the name may be, with a score from 0 to 1 and how it matched."""

    institution: Institution
    score: float
    how: str


@dataclass(frozen=True)
class Match:
    """The candidates for a name, best first, and the one chosen if one clearly is it."""

    candidates: list
    chosen: Candidate | None


def match_institution(name, *, country=None, city=None, limit=10):
    """Return the Match of a free-text name, optionally in a country (ISO alpha-2) or a city."""
    folded = fold_for_search(name)
    if not folded:
        return Match([], None)
    found = looked_up(name)
    if not found:
        # "Hanbit University Hospital, Hanbit University": no name holds the whole; each part may.
        found = list({i.pk: i for part in name.split(",") if part.strip() for i in looked_up(part)}.values())
    candidates = sorted(
        (scored(institution, name, folded, country, city) for institution in found),
        key=lambda candidate: (-candidate.score, candidate.institution.name),
    )[:limit]
    return Match(candidates, chosen_of(candidates))


def looked_up(text):
    """The closest institutions by the search index: names holding the text, else sharing its words.

    A name with a typo holds no other name whole; its longest words, one by one, find the
    institutions they name (a bounded number each, from the index alone), and the closest of
    those by spelling are the candidates. Only when no word finds any does the slower search
    by similarity run.
    """
    found = candidates_of(Institution.objects.best_matches(text, forgive_typos=False))
    if found:
        return found
    key = canonical_name(text)
    ids = set()
    for word in sorted(set(WORD.findall(key)), key=len, reverse=True)[:WORDS_LOOKED_UP]:
        if len(word) >= 3:
            ids.update(first_ids_matching(Institution.objects.all(), "search_names", word, PER_WORD))
    if ids:
        near = Institution.objects.filter(pk__in=ids).only("pk", "name", "short_name")
        closest = sorted(near, key=lambda i: -fuzz.token_sort_ratio(key, canonical_name(i.name)))[:CANDIDATES]
        return candidates_of(Institution.objects.filter(pk__in=[i.pk for i in closest]))
    return candidates_of(Institution.objects.best_matches(text, forgive_typos=True))


def candidates_of(queryset):
    return list(queryset.select_related("parent").prefetch_related("other_names")[:CANDIDATES])


def scored(institution, name, folded, country, city):
    score, how = closeness(institution, name, folded)
    if country:
        score = score * 0.5 if institution.country.code != country.upper() else min(1.0, score + 0.02)
    if city and institution.city:
        score = score * 0.8 if fold_for_search(city) != fold_for_search(institution.city) else min(1.0, score + 0.02)
    return Candidate(institution, round(score, 3), how)


def closeness(institution, name, folded):
    """Return (score, how) of the institution's names against the name, spellings folded (Centre = Center)."""
    others = list(institution.other_names.all())
    key = canonical_name(name)
    if key == canonical_name(institution.name):
        return 1.0, "exact name"
    for other in others:
        if key == canonical_name(other.name):
            if other.kind == InstitutionName.Kind.NATIVE:
                return 1.0, "native name"
            if other.kind == InstitutionName.Kind.ACRONYM:
                return 0.9, "acronym"
            return 0.95, "alias"
    if institution.short_name and key == canonical_name(institution.short_name):
        # "SNUH" is an acronym; "Charité" a short form of "Charité – Universitätsmedizin Berlin".
        return (0.9, "acronym") if institution.short_name.isupper() else (0.95, "alias")
    if institution.parent and unit_of_parent(folded, institution):
        return 0.85, "parent + unit"
    names = [institution.name, *(other.name for other in others if other.kind != InstitutionName.Kind.ACRONYM)]
    # Every word counts: "Hanbit University" is not "Hanbit University Hospital".
    best = max(fuzz.token_sort_ratio(key, canonical_name(each)) for each in names)
    return best / 100 * 0.9, "fuzzy"


def unit_of_parent(folded, institution):
    """Whether the text names the unit and its parent both ("Hanbit University Hospital, Hanbit University")."""
    own, parent = fold_for_search(institution.name), fold_for_search(institution.parent.name)
    return own in folded and parent in folded.replace(own, " ", 1)


def chosen_of(candidates):
    if not candidates or candidates[0].score < CHOSEN_AT:
        return None
    if len(candidates) > 1 and candidates[0].score - candidates[1].score < CLEAR_GAP:
        return None
    return candidates[0]
