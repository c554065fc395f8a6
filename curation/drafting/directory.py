"""The directory's institutions, loaded once per draft, and matching a name in the text to one of them."""
import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from common.text import canonical_name as canonical, fold_for_search
from curation.drafting.gazetteer import CITIES, country_names
from curation.drafting.sounds import GLOSSED, Sounds
from institutions.models import Institution, InstitutionName

# Words too common to find an institution by: a name made only of them matches nothing.
GENERIC = {
    "hospital", "hospitals", "university", "medical", "center", "centre", "health", "healthcare", "clinic",
    "institute", "international", "national", "college", "school", "of", "and", "for", "the", "ministry",
    "services", "group", "company", "research", "cancer", "science", "sciences", "general", "city", "state",
    "department", "foundation", "care", "medicine", "global", "korea", "korean", "government", "public",
    "south", "north", "new", "saint", "st",
}
NEAR_SPELLING = 92
TOKEN = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ0-9]+|[가-힣]+|[぀-ヿ一-鿿]+|[؀-ۿ]+|[^\W_]+")
# Scripts written without spaces between words, or with particles glued on: a name in them is
# found inside the text, not as a run of whole words.
NATIVE = re.compile(r"[가-힣぀-ヿ一-鿿\u0621-\u064a]")


def native_variants(name):
    """Return the spellings of a native-script name the press uses: 서울대학교병원 is also 서울대병원."""
    variants = {name, name.replace(" ", "")}
    for long, short in (("대학교병원", "대병원"), ("대병원", "대학교병원"), ("대학교", "대")):
        variants |= {variant.replace(long, short) for variant in variants if long in variant}
    return {variant for variant in variants if len(variant) >= 2}


@dataclass(frozen=True)
class Record:
    """An institution of the directory, as much of it as a draft shows."""

    pk: int
    slug: str
    name: str
    short_name: str
    kind: str
    country: str
    city: str
    parent: str | None


# Accented Latin letters to their base letters, in one C-level pass (str.translate).
QUICK_FOLD = str.maketrans(
    "àáâãäåāăąçćčďđèéêëēęěğìíîïīıłñńňòóôõöøōőœŕřśşšţťùúûüūůűýÿźżžß",
    "aaaaaaaaacccddeeeeeeegiiiiiilnnnooooooooorrsssttuuuuuuuyyzzzs",
)
WORD = re.compile(r"[^\W_]+")


def quick_words(text):
    """Return the words of a text in lower case without accents: a cheap first look, not a match."""
    lowered = text.lower()
    return set(WORD.findall(lowered if lowered.isascii() else lowered.translate(QUICK_FOLD)))


def name_words(text):
    """Return the words of an article that can belong to a name: capitalised, or in another script."""
    return quick_words(" ".join(word for word in WORD.findall(text) if not word[0].islower()))


class Directory:
    """Every name of every institution, keyed by its canonical form, for exact and near matches.

    Given the words of an article, only the names that share a distinctive word with it are
    folded and kept: with 50,000 institutions, folding every name was most of a draft's time.
    """

    def __init__(self, vocabulary=None):
        # Two queries whatever the directory's size: every name is matched in memory.
        rows = Institution.objects.order_by().values_list(
            "pk", "slug", "name", "short_name", "kind", "country", "city", "parent__name"
        )
        self.records = {row[0]: Record(*row) for row in rows}
        self.by_key = {}
        self.acronyms = set()
        wanted = None if vocabulary is None else name_words(vocabulary) - GENERIC
        self.native = {}

        def relevant(name):
            if NATIVE.search(name):
                # A name in Hangul, Han or Arabic is looked for inside the article's text.
                variants = [v for v in native_variants(name) if vocabulary is None or v in vocabulary]
                for variant in variants:
                    self.native.setdefault(canonical(variant), canonical(name))
                return bool(variants) or (wanted is not None and not wanted.isdisjoint(quick_words(name)))
            return wanted is None or not wanted.isdisjoint(quick_words(name))

        for record in self.records.values():
            if relevant(record.name):
                self.add(record.name, record.pk)
            if record.short_name and relevant(record.short_name):
                self.add(record.short_name, record.pk, acronym=record.short_name.isupper())
        for pk, name, kind in InstitutionName.objects.order_by().values_list("institution_id", "name", "kind"):
            if relevant(name):
                self.add(name, pk, acronym=kind == "acronym")
        for variant, key in self.native.items():
            if key in self.by_key and variant not in self.by_key:
                self.by_key[variant] = self.by_key[key]
        self.native_pattern = re.compile("|".join(
            re.escape(key) for key in sorted(self.native, key=len, reverse=True) if key in self.by_key
        )) if any(key in self.by_key for key in self.native) else None
        self.keys = list(self.by_key)
        self.max_words = max((key.count(" ") + 1 for key in self.keys), default=1)

    def add(self, name, pk, *, acronym=False):
        key = canonical(name)
        if key and key not in GENERIC:
            self.by_key.setdefault(key, set()).add(pk)
            if acronym:
                self.acronyms.add(key)

    def exact(self, name, country=None):
        """Return the one record this name is, or None (no such name, or several and no country to tell)."""
        pks = self.by_key.get(canonical(name), set())
        if country and len(pks) > 1:
            pks = {pk for pk in pks if self.records[pk].country == country}
        return self.records[next(iter(pks))] if len(pks) == 1 else None

    def match(self, name, country=None):
        """Return (record, how) for a name: the same name, the name without its city, or a near spelling."""
        record = self.exact(name, country)
        if record:
            return record, "exact"
        key = canonical(name)
        words = key.split()
        # "Seoul Asan Medical Center": a leading or trailing place the record is in.
        for trimmed in (words[1:], words[:-1], words[2:], words[:-2]):
            dropped = set(words) - set(trimmed)
            place = " ".join(dropped)
            if trimmed and dropped and (len(dropped) == 1 or place in CITIES or place in country_names()):
                record = self.exact(" ".join(trimmed), country)
                if record and (not record.city or canonical(record.city) in dropped or country_names().get(" ".join(dropped).title())):
                    return record, "without its place"
        if NATIVE.search(name):
            return self.by_sound(name, country)
        if len(key) < 8 or set(words) <= GENERIC:
            return None, None
        # Near spellings among names that share a distinctive word, scored as whole strings.
        distinctive = [word for word in words if word not in GENERIC]
        candidates = [k for k in self.keys_with_word(distinctive)]
        best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=NEAR_SPELLING)
        if best:
            record = self.exact(best[0], country)
            if record:
                return record, "near spelling"
        return None, None

    def by_sound(self, name, country=None):
        """(record, "by its sound") for a native-script name of a record held under a Latin name only."""
        record = self.sounds.record_of(name, country)
        return (record, "by its sound") if record else (None, None)

    @cached_property
    def sounds(self):
        # Only when a native name is not found as written; each name's sound is kept between drafts.
        return Sounds((
            (record, name)
            for record in self.records.values()
            for name in {record.name, record.short_name} - {""}
            # A Latin name, accents and all (Charité); an acronym is read letter by letter, not as a word.
            if not NATIVE.search(name) and not name.isupper()
        ), GENERIC | GLOSSED)

    def keys_with_word(self, words):
        if not hasattr(self, "_by_word"):
            self._by_word = {}
            for key in self.keys:
                for word in set(key.split()) - GENERIC:
                    self._by_word.setdefault(word, []).append(key)
            self._words = list(self._by_word)
        found = set()
        for word in words:
            found.update(self._by_word.get(word, ()))
            # A near spelling of the word itself (Centre and Center are folded already).
            if len(word) >= 5:
                for near, _score, _index in process.extract(word, self._words, scorer=fuzz.ratio, score_cutoff=85, limit=5):
                    found.update(self._by_word[near])
        return found

    def mentions_in(self, text, start=0, end=None):
        """Return (start, end, record) for each known name written in text[start:end], longest first."""
        end = len(text) if end is None else end
        tokens = [(m.start(), m.end(), fold_for_search(m.group(0))) for m in TOKEN.finditer(text, start, end)]
        found, index = [], 0
        while index < len(tokens):
            hit = None
            for size in range(min(self.max_words, len(tokens) - index), 0, -1):
                span = tokens[index:index + size]
                key = canonical(" ".join(token for _s, _e, token in span))
                if key in self.by_key and self.written_as_name(text[span[0][0]:span[-1][1]], key):
                    hit = (span[0][0], span[-1][1], size, key)
                    break
            if hit:
                pks = self.by_key[hit[3]]
                if len(pks) == 1:
                    found.append((hit[0], hit[1], self.records[next(iter(pks))]))
                index += hit[2]
            else:
                index += 1
        return self.with_native_mentions(text, start, end, found)

    def with_native_mentions(self, text, start, end, found):
        """Add the known names written in Hangul, Han or Arabic inside the text, where no mention stands."""
        if self.native_pattern is None:
            return found
        for match in self.native_pattern.finditer(text, start, end):
            if any(s < match.end() and match.start() < e for s, e, _record in found):
                continue
            before = text[max(0, match.start() - 3):match.start()]
            # No letter of the name's own script before it ("분당서울대병원" is another hospital),
            # save the prefixes an Arabic word takes (و, ب, ل, ال); none after an Arabic name.
            if re.match(r"[가-힣]", match.group(0)):
                if re.search(r"[가-힣]$", before):
                    continue
            elif re.match(r"[\u0621-\u064a]", match.group(0)):
                if re.search(r"[\u0621-\u064a]$", before) and not re.search(r"(?<![\u0621-\u064a])(?:[وفبلك]{1,2}|[وفبلك]?ال)$", before):
                    continue
                if re.match(r"[\u0621-\u064a]", text[match.end():match.end() + 1]):
                    continue
            pks = self.by_key.get(canonical(match.group(0)), set())
            if len(pks) == 1:
                found.append((match.start(), match.end(), self.records[next(iter(pks))]))
        return sorted(found, key=lambda item: item[0])

    def written_as_name(self, written, key):
        """Say whether the words are written as a name: capitalised, and an acronym in capitals."""
        first = written[:1]
        if first.isalpha() and first.islower():
            return False
        if key in self.acronyms or len(written) <= 5:
            return written.isupper() or not written.isascii()
        return True
