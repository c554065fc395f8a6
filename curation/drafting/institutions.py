"""The institutions an article names: found in the text, matched to the directory or proposed new."""
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from common.text import fold_for_search
from curation.drafting.directory import GENERIC, Record, canonical
from curation.drafting.documents import is_signing
from curation.drafting.native_names import arabic_kind_of, native_names
from curation.drafting.native_people import KO_TITLES
from curation.drafting.gazetteer import (
    CITIES, DEMONYMS, HONORIFICS, TITLE_HONORIFICS, TITLE_WORDS, arabic_demonym, country_in, country_names,
    kind_of_name,
)
from curation.drafting.world_places import places_in
from institutions.matching import match_institution

CAP = (
    r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.\-]*|[가-힣]+|[぀-ヿ一-鿿]+|[؀-ۿ][؀-ۿ ]*[؀-ۿ]|\d+-bed|"
    # "Hospital Universitario 12 de Octubre"; "Centre hospitalier universitaire Ibn Rochd": the lower-case
    # words of a Romance institution's name.
    r"\d{1,2}(?= de [A-ZÁÉÍÓÚ])|(?<=[A-Za-zÀ-ÿ] )(?:hospitalier|hospitalière|hospitaliers|universitaire|universitaires|"
    r"universitario|universitaria|universitário|universitária|régional|régionale|intercommunal|départemental))"
)
CONNECTOR = r"(?:of|for|and|the|de|del|der|des|die|für|und|la|le|las|los|di|du|da|do|dos|das|y|e|et|d['’]|&|–|—|an der|am)"
# "Vall d'Hebron", "Hospital de l'Esperança": an elided article is glued to the word after it.
CHAIN = re.compile(rf"{CAP}(?:[^\S\n]+(?:{CONNECTOR}[^\S\n]+)*(?:[dl]['’](?=[A-ZÀ-Ý]))?{CAP})*")
# Words that start a sentence or a phrase without being part of the name after them.
LEADING = {
    "The", "A", "An", "Both", "Today", "Yesterday", "In", "At", "On", "By", "With", "From", "For", "Upon",
    "Under", "As", "This", "That", "These", "Our", "Their", "His", "Her", "Its", "Meanwhile", "Separately",
    "Additionally", "Also", "And", "Der", "Die", "Das", "Mit", "Im", "Am", "Von", "Through", "Since", "After",
    "During", "Representatives", "Officials", "Leaders", "Delegations", "Last", "Earlier", "Recently",
    # After "and"/"und" a name may open with a lower-case article: "und die Universität Kyoto".
    "the", "der", "die", "das", "den", "dem",
    # Spanish, French, Portuguese, Italian.
    "El", "La", "Los", "Las", "Le", "Les", "L'", "Il", "Lo", "O", "Os", "As", "Del", "Al", "Du", "Des", "En", "Con",
    "Por", "Para", "Según", "Tras", "Ambas", "Ambos", "Este", "Esta", "Dans", "Selon", "Avec", "Pour", "Par", "Entre",
    "Segundo", "Com", "Na", "No", "Pela", "Pelo", "el", "la", "los", "las", "le", "les", "o", "os", "as",
}
DESCRIPTOR = re.compile(
    r"\b(?:company|firm|start-?up|provider|maker|developer|manufacturer|operator|group|Unternehmen|Firma)\s+$"
)
TITLE_START = re.compile(rf"^(?:(?:{TITLE_WORDS})\b[\w\s-]*?)\s(?:of|at|for|des|der|am|von)\s(?:the\s)?", re.I)
# Words that need a noun after them: "Tokyo Medical and Dental University" is one name.
MODIFIERS = {
    "medical", "dental", "nursing", "engineering", "technological", "pharmaceutical", "veterinary", "national",
    "international", "general", "public", "clinical", "scientific", "research", "science", "sciences", "arts",
}
COMPANY_FORMS = {
    "limited", "ltd", "enterprise", "enterprises", "inc", "group", "co", "corporation", "corp", "holdings",
    "private", "pvt", "plc", "llc", "gmbh", "ag", "se", "sa", "bhd", "sdn", "company", "kk",
}
BRACKETS = re.compile(r"\s*\([^()]*\)")
OWNED_BY = re.compile(
    r"\s*,?\s*(?:which is\s+|that is\s+)?(?:a\s+|an\s+|the\s+)?(?:wholly[- ]owned\s+)?"
    r"(?:subsidiary|part|unit|member|affiliate|division|arm|branch|company)\s+of\s+(?:the\s+)?"
    r"|\s*,?\s*(?:which is\s+)?(?:owned|operated|run|managed)\s+by\s+(?:the\s+)?"
    r"|\s*,?\s*(?:which\s+)?belongs?\s+to\s+(?:the\s+)?"
    r"|\s+of\s+(?:the\s+)?"
    # "مركز إم دي أندرسون للسرطان التابع لجامعة تكساس", "上海交通大学医学院附属…" aside.
    r"|\s*،?\s*(?:التابع|التابعة|التابعين)\s+ل?"
    # "سدرة للطب، عضو مؤسسة قطر،": a member of a foundation.
    r"|\s*،\s*(?:عضو|إحدى مؤسسات)\s+",
    re.I,
)
# Adjectives an Arabic name may drop in a later mention: university, specialist, general.
AR_DESCRIBING = {"الجامعي", "الجامعية", "التخصصي", "التخصصية", "العام", "العامة"}
UNIT = re.compile(r"(?:Faculty|School|Department|College|Graduate School|Institute) of\s", re.I)
NATIVE_BEFORE_BRACKET = re.compile(r"(?<![가-힣一-鿿぀-ヿ])([가-힣]{2,}|[一-鿿぀-ヿ]{2,})\(")
KO_TITLE_FIRST = re.compile(rf"(?:{KO_TITLES}) [가-힣]{{2,4}}$")
QUOTED_NAME = re.compile(r"\s*[\"“«]([^\"”»\n]{2,30})[\"”»]")
PARENTHESES = re.compile(r"\s*\(([^()]{1,120})\)")
GLUED_NATIVE = re.compile(r"[가-힣]+|[぀-ヿ一-鿿]+|[؀-ۿ][؀-ۿ ]*[؀-ۿ]")
POSITION_WORDS = {"left", "right", "center", "centre", "middle", "front", "back", "l", "r", "c", "second from left"}


@dataclass(eq=False)
class Entity:
    """One institution the article names, under however many names it uses for it."""

    key: str
    name: str
    record: object = None
    how: str = "new"
    kind: str | None = None
    country: str | None = None
    parent: str | None = None
    other_names: list = field(default_factory=list)
    # (sentence index, start, end) of each mention, in the order written.
    mentions: list = field(default_factory=list)
    # The institutions the text says own or run this one: its parent, never its fellow party.
    owner_keys: set = field(default_factory=set)

    @property
    def slug(self):
        return self.record.slug if self.record else None

    def sentence_indexes(self):
        return {index for index, _start, _end in self.mentions}


class Entities:
    """The institutions of one article, found in the order the article names them."""

    def __init__(self, article, directory):
        self.article = article
        self.directory = directory
        self.by_key = {}
        self.aliases = {}
        # Keys of units named only to describe a party ("X, Faculty of Medicine X, Y University"): never parties.
        self.describing_units = set()
        # Offsets of names given in brackets after another: never a name of their own.
        self.bracketed = []
        for sentence in article.sentences:
            self.read(sentence)
        self.merge_short_forms()
        self.read_aliases()
        self.read_parents()
        self.place_countries()
        self.match_the_rest()

    def __iter__(self):
        return iter(self.by_key.values())

    def in_sentence(self, sentence, start=None, end=None):
        """Return the entities mentioned in the sentence (or in its [start, end) offsets), in order."""
        start = sentence.start if start is None else start
        end = sentence.start + len(sentence.text) if end is None else end
        found = []
        for entity in self.by_key.values():
            for index, mention_start, mention_end in entity.mentions:
                if index == sentence.index and mention_start >= start and mention_end <= end:
                    found.append((mention_start, entity))
                    break
        return [entity for _start, entity in sorted(found, key=lambda pair: pair[0])]

    def mentions_in(self, sentence):
        """Return (start, end, entity) of every mention in the sentence, in order."""
        found = [
            (start, end, entity)
            for entity in self.by_key.values()
            for index, start, end in entity.mentions
            if index == sentence.index
        ]
        return sorted(found, key=lambda item: item[0])

    def read(self, sentence):
        text = self.article.text
        end = sentence.start + len(sentence.text)
        known = self.directory.mentions_in(text, sentence.start, end)
        taken = []
        for start, stop, record in known:
            if self.in_brackets(start):
                continue
            entity = self.add(record.slug, record.name, sentence, start, stop, record=record, how="exact")
            taken.append((start, stop))
            native = NATIVE_BEFORE_BRACKET.search(text, max(sentence.start, start - 30), start)
            if native and native.end() == start:
                # "샤리테(Charité)": the article's own script names the institution first.
                self.aliases.setdefault(canonical(native.group(1)), entity.key)
                taken.append(native.span(1))
        for start, stop, name in candidate_names(text, sentence.start, end):
            if any(start < t_stop and t_start < stop for t_start, t_stop in taken) or self.in_brackets(start):
                continue
            if re.search(r"[가-힣一-鿿぀-ヿ\u0621-\u064a]\s?\($", text[max(0, start - 3):start]):
                # "몽골국립암센터(National Cancer Center of Mongolia)": the native name's other name.
                continue
            country = country_of(text, start, stop, name)
            if self.article.language == "de":
                name = german_nominative(name, text[max(0, start - 6):start])
            record, how = self.directory.match(name, country)
            if record:
                self.add(record.slug, record.name, sentence, start, stop, record=record, how=how)
            else:
                self.add(canonical(name), name, sentence, start, stop, kind=candidate_kind(text, start, name),
                         country=country)
            taken.append((start, stop))
        for start, stop, name, country in native_names(text, sentence.start, end, self.article.language, country_named):
            if any(start < t_stop and t_start < stop for t_start, t_stop in taken) or self.in_brackets(start):
                continue
            country = country or country_of(text, start, stop, name)
            record, how = self.directory.match(name, country)
            if record:
                self.add(record.slug, record.name, sentence, start, stop, record=record, how=how)
                # "مركز أسان الطبي الكوري" heard as Asan with its country: later mentions without one are Asan too.
                self.aliases.setdefault(canonical(without_leading_country(name)), record.slug)
            else:
                self.add(canonical(without_leading_country(name)), name, sentence, start, stop,
                         kind=kind_of_name(name) or arabic_kind_of(name) or "other", country=country)
            taken.append((start, stop))
        if is_signing(sentence.text, self.article.language) and reads_as_prose(sentence.text):
            for start, stop, name in signing_names(text, sentence.start, end):
                if not any(start < t_stop and t_start < stop for t_start, t_stop in taken) and not self.in_brackets(start):
                    record, how = self.directory.match(name)
                    if record:
                        self.add(record.slug, record.name, sentence, start, stop, record=record, how=how)
                    else:
                        self.add(canonical(name), name, sentence, start, stop, kind=kind_of_name(name),
                                 country=country_of(text, start, stop, name))
                    taken.append((start, stop))

    def add(self, key, name, sentence, start, stop, *, record=None, how="new", kind=None, country=None):
        key = self.aliases.get(key, key)
        first, _space, rest = key.partition(" ")
        if not key.isascii() and rest and first in self.aliases and kind_of_name(rest):
            # "샤리테(Charité) 대학병원에서 ... 샤리테 대학병원": the native name given before the known one.
            key = self.aliases[first]
        entity = self.by_key.get(key)
        if entity is None and record is None:
            entity = next((e for k, e in self.by_key.items() if e.record is None and same_but_for_a_place(key, k)), None)
        if entity is None:
            entity = Entity(key=key, name=name, record=record, how=how, kind=kind, country=country)
            if record:
                entity.kind, entity.country, entity.parent = record.kind, record.country, record.parent
            self.by_key[key] = entity
        elif record is None and entity.record is None and len(name) > len(entity.name) and name.endswith(entity.name):
            # "海德堡大学医院" and "德国海德堡大学医院" are one institution: it is named in full.
            entity.name = name
        entity.mentions.append((sentence.index, start, stop))
        entity.country = entity.country or country
        self.read_other_names(entity, stop)
        if entity.record is None and not entity.name.isascii():
            entity = self.known_by_other_name(entity)
        return entity

    def known_by_other_name(self, entity):
        """Make a new native-script name the directory's institution its bracketed name is: "메이요클리닉(Mayo Clinic)"."""
        for other in entity.other_names:
            record, how = self.directory.match(other["name"], entity.country)
            if record is None:
                continue
            del self.by_key[entity.key]
            self.aliases[entity.key] = record.slug
            known = self.by_key.get(record.slug)
            if known is None:
                entity.key, entity.record, entity.how = record.slug, record, how
                entity.kind, entity.country, entity.parent = record.kind, record.country, record.parent
                self.by_key[record.slug] = entity
                return entity
            known.mentions = sorted(known.mentions + entity.mentions)
            known.other_names += [o for o in entity.other_names if o not in known.other_names]
            return known
        return entity

    def read_other_names(self, entity, stop):
        """Take the acronym and native-script names written right after a name, in brackets or glued on."""
        text = self.article.text
        # "The Ministry of Health of Vietnam (Bộ Y tế)": the brackets come after the country.
        country = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w]*(?:\s+[A-Z][\w]*)*(?=\s*\()", text[stop:stop + 60])
        if country and country_in(country.group(0)):
            stop += country.end()
        # A native name glued to a Latin one ("Seoul National University Hospital서울대병원"); after a
        # native name, what is glued on is its particle or the rest of its sentence.
        glued = GLUED_NATIVE.match(text, stop) if re.search(r"[A-Za-z.)]$", text[:stop]) else None
        candidates = [glued.group(0)] if glued else []
        if glued:
            self.bracketed.append((glued.start(), glued.end()))
        position = glued.end() if glued else stop
        # "Abu Dhabi Health Services Company (SEHA) (شركة أبوظبي للخدمات الصحية)": every bracket in a row.
        quoted = QUOTED_NAME.match(text, position)
        if quoted and not entity.name.isascii():
            # "شركة أبوظبي للخدمات الصحية "صحة"": the short name the article goes on with.
            self.bracketed.append((quoted.start(), quoted.end()))
            candidates.append(quoted.group(1))
            position = quoted.end()
        while bracket := PARENTHESES.match(text, position):
            self.bracketed.append((bracket.start(), bracket.end()))
            candidates += [part.strip() for part in re.split(r"[,;]", bracket.group(1))]
            position = bracket.end()
        for candidate in candidates:
            other = other_name(candidate, entity)
            if other and other["name"] not in {o["name"] for o in entity.other_names} and other["name"] != entity.name:
                entity.other_names.append(other)
                self.aliases[canonical(other["name"])] = entity.key

    def in_brackets(self, position):
        return any(start <= position < end for start, end in self.bracketed)

    def merge_short_forms(self):
        """Make one institution of a new name and its short or inflected form ("Apollo Hospitals")."""
        for key in list(self.by_key):
            target = self.aliases.get(key)
            if target and target != key and target in self.by_key and self.by_key[key].record is None:
                # "KFSH&RC" in the headline, given in brackets as the hospital's acronym further down.
                self.merge(self.by_key[target], self.by_key[key])
        new = [entity for entity in self.by_key.values() if entity.record is None]
        for entity in new:
            for other in new:
                if other is entity or other.key not in self.by_key or entity.key not in self.by_key:
                    continue
                longer, shorter = (entity, other) if len(entity.key) >= len(other.key) else (other, entity)
                # "Apollo Hospitals" is "Apollo Hospitals Enterprise Limited"; a graduate school is not its university.
                extra = longer.key[len(shorter.key):].split()
                same = longer.key.startswith(shorter.key + " ") and len(shorter.key.split()) >= 2 \
                    and all(word in COMPANY_FORMS for word in extra)
                same = same or fuzz.ratio(longer.key, shorter.key) >= 94
                # "瑞金医院" is "上海交通大学医学院附属瑞金医院"; "海德堡大学医院" is "德国海德堡大学医院".
                same = same or (not shorter.key.isascii() and " " not in shorter.key and len(shorter.key) >= 3
                                and longer.key.endswith(shorter.key) and kind_of_name(shorter.key) is not None)
                # "مركز إم دي أندرسون" is "مركز إم دي أندرسون للسرطان"; "مستشفى شاريتيه" is
                # "مستشفى شاريتيه الجامعي", the university hospital.
                same = same or (not shorter.key.isascii() and len(shorter.key.split()) >= 3
                                and longer.key.startswith(shorter.key + " "))
                same = same or (not shorter.key.isascii() and len(shorter.key.split()) == 2
                                and longer.key.startswith(shorter.key + " ") and extra and set(extra) <= AR_DESCRIBING)
                # "وزارة الصحة" is "وزارة الصحة الكويتية", the ministry of the country its adjective names.
                same = same or (not shorter.key.isascii() and longer.key.startswith(shorter.key + " ")
                                and len(extra) == 1 and arabic_demonym(extra[0]) is not None)
                # "CHU Ibn Rochd" is "CHU Ibn Rochd de Casablanca": the same name with its city.
                same = same or with_its_place(shorter.key, longer.key)
                # "CHU Ibn Rochd de Casablanca" is "Centre hospitalier universitaire Ibn Rochd de Casablanca".
                spelled_out = None
                if expanded_acronym(entity.name, other.name):
                    spelled_out, shorter = other, entity
                elif expanded_acronym(other.name, entity.name):
                    spelled_out, shorter = entity, other
                if spelled_out:
                    longer, same = spelled_out, True
                if same:
                    first = min(longer, shorter, key=lambda e: e.mentions[0])
                    keep = longer if longer.key.startswith(shorter.key + " ") or not shorter.key.isascii() \
                        or longer is spelled_out else first
                    gone = shorter if keep is longer else (other if keep is entity else entity)
                    self.merge(keep, gone)

    def merge(self, keep, gone):
        """Make `gone` a name of `keep`: its mentions, other names and country go to `keep`."""
        keep.mentions = sorted(keep.mentions + gone.mentions)
        keep.other_names += [o for o in gone.other_names if o not in keep.other_names]
        keep.country = keep.country or gone.country
        del self.by_key[gone.key]
        self.aliases[gone.key] = keep.key

    def read_parents(self):
        """Set the parent of a new institution the text calls part of another ("X, a subsidiary of Y")."""
        text = self.article.text
        for sentence in self.article.sentences:
            mentions = self.mentions_in(sentence)
            for (_s1, end, first), (start, _e2, second) in zip(mentions, mentions[1:]):
                between = BRACKETS.sub("", text[end:start])
                if first is not second and OWNED_BY.fullmatch(between) and first.parent is None:
                    first.parent = second.name
                    first.owner_keys.add(second.key)
            # "Siriraj Hospital, Faculty of Medicine Siriraj Hospital, Mahidol University": a unit of
            # the parent set off by commas after the name describes it; the parent is the last name.
            for (_s1, end, first), (start, end2, unit), (start3, _e3, parent) in zip(mentions, mentions[1:], mentions[2:]):
                if first.parent is None and UNIT.match(unit.name) and first is not parent \
                        and re.fullmatch(r",\s*", text[end:start]) and re.fullmatch(r",\s*", text[end2:start3]):
                    first.parent = parent.name
                    first.owner_keys.update({unit.key, parent.key})
                    self.describing_units.add(unit.key)

    def read_aliases(self):
        """Count each use of an acronym or native name the article gave in brackets, and of a new name."""
        for entity in list(self.by_key.values()):
            # A new name found once by where it stood ("Philips and ... signed") is the same name elsewhere.
            names = [other["name"] for other in entity.other_names] + ([entity.name] if entity.record is None else [])
            for name in names:
                pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
                for sentence in self.article.sentences:
                    for match in pattern.finditer(sentence.text):
                        start = sentence.start + match.start()
                        if not any(start == s for _i, s, _e in entity.mentions) and not self.inside_mention(sentence, start):
                            entity.mentions.append((sentence.index, start, start + len(name)))
            entity.mentions.sort()

    def inside_mention(self, sentence, position):
        return any(
            index == sentence.index and start <= position < end
            for entity in self.by_key.values() for index, start, end in entity.mentions
        )

    def match_the_rest(self):
        """Give a name the directory's reading did not place the record the matching function clearly chooses.

        The reading above looks for every name of the directory in the text at once; the
        matching function (institutions/matching.py, the API's and the reconciliation
        service's) scores one name against the whole directory, spellings and word order aside.
        """
        for entity in list(self.by_key.values()):
            if entity.record is not None or len(entity.name) < 4:
                continue
            chosen = match_institution(entity.name, country=entity.country).chosen
            if chosen is None or any(other.record and other.record.pk == chosen.institution.pk for other in self):
                continue
            found = chosen.institution
            entity.record = Record(
                found.pk, found.slug, found.name, found.short_name, found.kind, found.country.code, found.city,
                found.parent.slug if found.parent_id else None,
            )
            entity.how = chosen.how

    def place_countries(self):
        for entity in self.by_key.values():
            if entity.country is None:
                entity.country = country_in_name(entity.name) or native_country(entity) or next(
                    (code for _index, start, _end in entity.mentions
                     if (code := place_just_before(self.article.text, start))), None,
                )
            for other in entity.other_names:
                # Kanji alone could be Chinese or Japanese: the country tells.
                if other["language"] in {"zh", "ja"}:
                    other["language"] = script_language(other["name"], entity.country)


def candidate_names(text, start, end):
    """Return (start, end, name) of each capitalised phrase in text[start:end] that names an institution."""
    if not reads_as_prose(text[start:end]):
        # A headline in title case or a menu line capitalises every word: no new name is read there.
        return []
    found = []
    for match in CHAIN.finditer(text, start, end):
        for piece_start, piece_end in split_chain(text, match.start(), match.end()):
            piece_start, piece_end = trim_name(text, piece_start, piece_end)
            name = text[piece_start:piece_end]
            if not re.search(r"[A-Za-zÀ-ɏ]", name):
                # Names in Hangul, Han or Arabic are read by their own rules (native_names.py).
                continue
            described = DESCRIPTOR.search(text[max(start, piece_start - 30):piece_start])
            if (names_an_institution(name) or (described and len(name) > 2)) and not is_place(name):
                found.append((piece_start, piece_end, name))
    return found


# "Philips and Apollo Hospitals signed", "signed an MoU with Roche": names without a kind word
# that a signing sentence makes parties by where they stand.
NAME_RUN = r"[A-Z][\w&’'.-]*(?:[^\S\n]+(?:of\s+|for\s+|&\s+)?[A-Z][\w&’'.-]*){0,5}"
SIGNED_WITH = re.compile(
    rf"\b(?:signed|signs|inked|concluded|entered into|renewed)\b[^.;]{{0,80}}?\bwith\s+(?:the\s+)?(?P<name>{NAME_RUN})"
    # "The second, a letter of intent with InTheSmart, was signed by …": the document names its partner.
    rf"|\b(?:memorandum of understanding|MoU|MOU|letter of intent|LoI|LOI|agreement|contract)\s+with\s+(?:the\s+)?(?P<partner>{NAME_RUN})"
)
SUBJECTS = re.compile(
    rf"^(?:[^–—:]{{0,60}}(?:[–—:]|--)\s*)?(?:The\s+)?(?P<first>{NAME_RUN})"
    rf"(?:\s+and\s+(?:the\s+)?(?P<second>{NAME_RUN}))?\s+(?:have\s+|has\s+|today\s+|on \w+\s+)?(?:signed|inked|sign|renewed)\b"
)
NOT_NAMES = re.compile(
    r"^(?:The|This|That|These|Both|Officials|Representatives|Today|It|They|We|He|She|MoU|MOU|Memorandum|Agreement)$"
)


def signing_names(text, start, end):
    """Return (start, end, name) of the names a signing sentence puts in a party's place."""
    sentence = text[start:end]
    found = []
    spans = []
    match = SUBJECTS.match(sentence)
    if match:
        spans += [match.span(group) for group in ("first", "second") if match.group(group)]
    spans += [m.span("name" if m.group("name") else "partner") for m in SIGNED_WITH.finditer(sentence)]
    for span_start, span_end in spans:
        span_start, span_end = trim_name(sentence, span_start, span_end)
        name = sentence[span_start:span_end].rstrip(".,")
        if NOT_NAMES.match(name) or is_place(name) or re.match(rf"(?:{HONORIFICS})\s", name) \
                or re.search(r"\b(?:MoU|Memorandum|Agreement|Letter)\b", name) or len(name) < 3:
            continue
        found.append((start + span_start, start + span_start + len(name), name))
    return found


def reads_as_prose(sentence):
    words = re.findall(r"[A-Za-zÀ-ɏ][\w'-]*", sentence)
    if len(words) < 4:
        return False
    if re.search(r"[.!?][\"”“’)]?$", sentence.strip()):
        # German capitalises every noun: a sentence with its full stop is prose all the same.
        return True
    capitalised = sum(word[0].isupper() for word in words)
    return capitalised / len(words) < 0.7


def trim_name(text, start, end):
    """Drop what a capitalised run holds around a name: a closing full stop or possessive, a leading people or country."""
    end = without_full_stop(text, start, end)
    if re.match(r"[LlDd]['’](?=[A-ZÀ-Ý])", text[start:end]):
        # "L'Assistance Publique", "d'Ibn Rochd": the elided article is not the name's.
        start += 2
    if re.search(r"\w['’]s$", text[start:end]) and not re.search(r"(?:King|Queen|St|Saint|Children|Women|Mary|Guy|Thomas|Moorfields)['’]s$", text[start:end]):
        # "Mayapada Healthcare's flagship group": the owner is named, without its possessive.
        end -= 2
    title = re.search(rf"\s(?:{TITLE_HONORIFICS})(?![\w-])", text[start:end])
    if title:
        # "Severance Hospital President Lee Kang-young": the hospital, then its president.
        end = start + title.start()
    while True:
        name = text[start:end]
        first = re.match(r"(?:South |North )?[\w-]+\s+", name)
        possessive = re.match(r"([A-Z][\w ]*?)['’]s\s+", name)
        if first and first.group(0).strip() in LEADING:
            start += first.end()
        elif possessive and possessive.group(1) in country_names():
            # "India's Apollo Hospitals": the country, then the name.
            start += possessive.end()
        elif first and first.group(0).strip() in DEMONYMS and kind_of_name(name[first.end():]) \
                and len(name[first.end():].split()) >= 2 \
                and not all(word.lower() in GENERIC for word in name[first.end():].split()):
            # "Korean Samsung Medical Center" drops the people; "Philippine General Hospital" is a name.
            start += first.end()
        else:
            return start, end


def names_an_institution(name):
    """Say whether a capitalised phrase is an institution's name: its kind word near its end, not alone."""
    words = name.split()
    if len(words) < 2 and not re.search(r"[가-힣぀-ヿ一-鿿؀-ۿ]", name):
        return False
    if not kind_of_name(name):
        return False
    named_after_someone = len(words) >= 4 and kind_of_name(" ".join(words[-2:])) and not re.search(r"\bCo\.?$", name)
    if re.match(rf"(?:{HONORIFICS})\s", name) and not named_after_someone:
        # "Dr. Sulaiman Al Habib Medical Group" is named after a person; "Prof. Dr. Ingo Autenrieth" is one.
        return False
    # "Imaging Technologies for Gastrointestinal Cancer" is a topic; "University of Tokyo" and
    # "The Ministry of Health and Family Welfare of India" are names.
    return bool(kind_of_name(" ".join(words[-4:])) or kind_of_name(" ".join(words[:3])) and re.search(r" (?:of|for|für|des|der|de|del|da|do|dos|du|di|della) ", name))


def split_chain(text, start, end):
    """Cut a capitalised run into names: at 'and' between two names, past a leading title or word."""
    chain = text[start:end]
    # "President of the Korea Health Industry Development Institute": the title is not the name.
    title = TITLE_START.match(chain)
    if title:
        start, chain = start + title.end(), chain[title.end():]
    possessive = re.search(r"['’]s\s", chain)
    # "Osaka University's Graduate School": split; "Seoul St. Mary's Hospital", "King's College": one name.
    if possessive and kind_of_name(chain[:possessive.start()]):
        # "Osaka University's Graduate School of Medicine": the university, then a unit of it.
        head = split_chain(text, start, start + possessive.start())
        return head + split_chain(text, start + possessive.end(), end)
    pieces, offset = [], 0
    parts = re.split(r"(\s+(?:and|und|&|y|et|e)\s+|\s+[–—]\s+(?=[A-Z][a-z]+\s+[A-Z]))", chain)
    current_start, current = 0, ""
    for part in parts:
        if re.fullmatch(r"\s+(?:and|und|&|y|et|e)\s+|\s+[–—]\s+", part or ""):
            offset += len(part)
            continue
        # "Ministry of Health and Family Welfare", "Tokyo Medical and Dental University": one name
        # unless both sides of 'and' name an institution of their own.
        joined = current and (
            # "Tokyo Medical and Dental University": the first half ends on a word that needs a noun.
            (not names_an_institution(current) and current.split()[-1].lower() in MODIFIERS)
            or (kind_of_name(current) == "government_body" and kind_of_name(part) is None)
            # "King Faisal Specialist Hospital and Research Centre": what follows names no one.
            or all(word.lower() in GENERIC for word in part.split())
        )
        if joined and not part.startswith(("The ", "the ")):
            current = chain[current_start:offset + len(part)]
        else:
            if current:
                pieces.append((start + current_start, start + current_start + len(current)))
            current_start, current = offset, part
        offset += len(part)
    if current:
        pieces.append((start + current_start, start + current_start + len(current)))
    # "... and Director Nguyen Tri Thuc of Cho Ray Hospital": each piece may open with a person's title.
    pieces = [(s + title.end(), e) if (title := TITLE_START.match(text[s:e])) else (s, e) for s, e in pieces]
    names = [trim_country(text, s, without_full_stop(text, s, e)) for s, e in pieces if text[s:e].strip()]
    return [part for s, e in names for part in split_of(text, s, e)]


def split_of(text, start, end):
    """Cut "Seoul St. Mary's Hospital of the Catholic University" into the hospital and the university it belongs to."""
    name = text[start:end]
    for match in re.finditer(r"\s+of\s+(?:the\s+)?", name):
        left, right = name[:match.start()], name[match.end():]
        if len(left.split()) >= 2 and names_an_institution(left) and names_an_institution(right):
            return [(start, start + match.start()), (start + match.end(), end)]
    return [(start, end)]


def without_full_stop(text, start, end):
    """Return the end of a name without the full stop of its sentence ("Co." and "Inc." keep theirs)."""
    if text[start:end].endswith(".") and not re.search(r"(?:Co|Inc|Ltd|Corp|Bhd|Pvt|St)\.$", text[start:end]):
        return end - 1
    return end


def trim_country(text, start, end):
    """Drop a trailing "of Vietnam" or "of the Republic of Korea": it says where, not who."""
    name = text[start:end]
    match = re.search(r"\s+of\s+(?:the\s+)?(Republic of [A-Z]\w+|[A-Z][\w]*(?: [A-Z][\w]*)*)$", name)
    if match and match.group(1) in country_names() and kind_of_name(name[:match.start()]):
        return start, start + match.start()
    # "Mayo Clinic of Rochester, Minnesota": a place after "of", then a comma and its region or
    # country, says where the institution is; "University of Tokyo" has no institution before "of".
    place = match and (match.group(1) in CITIES or re.match(r",\s+[A-Z][a-z]", text[end:end + 4]))
    if place and names_an_institution(name[:match.start()]) and not kind_of_name(match.group(1)):
        return start, start + match.start()
    return start, end


# The endings of a German adjective before a name's noun standing alone, by the noun's gender:
# "Nationales Rehabilitationszentrum", "Medizinische Hochschule", "Klinischer Verbund".
GERMAN_NOUN_ENDINGS = (
    (re.compile(r"(?:zentrum|institut|klinikum|krankenhaus|spital)s?$"), "es"),
    (re.compile(r"(?:klinik|universität|hochschule|stiftung|akademie|gesellschaft|fakultät)$"), "e"),
    (re.compile(r"(?:verbund|verband)e?s?$"), "er"),
)
GERMAN_ARTICLE_BEFORE = re.compile(r"(?:\b(?:dem|den|der|des|im|am|vom|zum|zur|beim)\s+)$")


def german_nominative(name, before):
    """Return a German name as it stands alone, not declined after an article.

    "mit dem Nationalen Rehabilitationszentrum Unbroken" names the Nationales
    Rehabilitationszentrum Unbroken, "an der Medizinischen Hochschule Hannover" the Medizinische
    Hochschule Hannover, "des Deutschen Herzzentrums" the Deutsches Herzzentrum.
    """
    if not GERMAN_ARTICLE_BEFORE.search(before):
        return name
    words = name.split(" ")
    adjectives = 0
    while adjectives < len(words) - 1 and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+en", words[adjectives]):
        adjectives += 1
    if not adjectives:
        return name
    noun = words[adjectives]
    ending = next((ending for pattern, ending in GERMAN_NOUN_ENDINGS if pattern.search(noun.lower())), None)
    if ending is None:
        return name
    if ending == "es" and re.search(r"(?:zentrum|institut|klinikum|krankenhaus|spital)s$", noun):
        noun = noun[:-1]  # the genitive's s: "des Deutschen Herzzentrums"
    return " ".join([word[:-2] + ending for word in words[:adjectives]] + [noun] + words[adjectives + 1:])


def without_leading_country(name):
    """A Han name without the country it begins with: 德国海德堡大学医院 and 海德堡大学医院 are one.

    The name shown stays whole; this is the key two mentions of one institution share. (A city
    stays: it is often the name itself, 海德堡 in 海德堡大学医院.)
    """
    if not re.match(r"[一-鿿]", name):
        return name
    for cut in (2, 3, 4):
        if country_named(name[:cut], cities=False) and len(name) - cut >= 3:
            return name[cut:]
    return name


def same_but_for_a_place(key, other):
    """Whether two Han names' keys differ only by a place one of them begins with: 柏林夏里特医学院 and 夏里特医学院."""
    longer, shorter = (key, other) if len(key) > len(other) else (other, key)
    return (
        bool(re.match(r"[一-鿿]", shorter)) and len(shorter) >= 3 and longer.endswith(shorter)
        and country_named(longer[:-len(shorter)]) is not None
    )


def country_named(word, cities=True):
    """Return the country a word is the name of ("독일", "德国", "Alemania"), or of a city when asked, or None."""
    return country_names().get(word) or (CITIES.get(word) if cities else None)


def is_place(name):
    return name in country_names() or name in CITIES or name in DEMONYMS


def candidate_kind(text, start, name):
    if DESCRIPTOR.search(text[max(0, start - 30):start]) and kind_of_name(name) in {None, "other"}:
        return "company"
    return kind_of_name(name) or "other"


def country_of(text, start, stop, name):
    """Return the country the text gives for a name: in the name, right after it, or right before it."""
    after = text[stop:stop + 80]
    before = text[max(0, start - 40):start]
    patterns_after = [
        r"^\s*(?:\([^)]*\))?,?\s*(?:located |based |headquartered )?(?:in|aus)\s+(?:the\s+)?([A-Z][\w-]*(?:,?\s+[A-Z][\w-]*){0,3})",
        # "im ukrainischen Lwiw", "in der Schweiz": German places with their article and adjective.
        r"^\s*(?:\([^)]*\))?,?\s*(?:im|in der|aus dem|aus der)\s+(?:[a-zäöü]+\s+)?([A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,2})",
        # "A Fundação Champalimaud, de Lisboa,", "l'hôpital Necker, à Paris", "la Universidad X, en Bogotá".
        r"^\s*(?:\([^)]*\))?,\s*(?:de|do|da|du|di|en|em|à|a|no|na)\s+(?:la\s+|le\s+)?([A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*){0,3})",
        # "مايو كلينك الأمريكية": an Arabic adjective of origin right after the name.
        r"^\s*(?:\([^)]*\))?\s*(ال[\u0621-\u064a]{3,}(?:ية|ي))(?![\u0621-\u064a])",
        # "مستشفى شاريتيه الجامعي في برلين", "… بالدوحة": the city after the name.
        r"^\s*(?:\([^)]*\))?\s*(?:في\s+|ب)([\u0621-\u064a]{3,})(?![\u0621-\u064a])",
        r"^\s*(?:\([^)]*\))?\s+of\s+(?:the\s+)?([A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*){0,3})",
        r"^\s*\(([^)]{2,30})\)",
        r"^\s*,\s*([A-Z][\w ]{2,30}?)(?:[,.;)])",
        # "Apollo Hospitals, India's largest hospital chain", "X, a hospital group based in Riyadh,".
        r"^\s*,\s*([A-Z][\w]*(?: [A-Z]\w*)?)['’]s\b",
        r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,5}?(?:in|of|from)\s+(?:the\s+)?([A-Z][\w-]*(?:,?\s+[A-Z][\w-]*){0,3})",
        # "X, centro de referencia pediátrica de Costa Rica,", "X, l'un des plus grands hôpitaux du Maroc".
        r"^\s*,\s*(?:(?:el|la|un|una|le|l['’]|o|um|uma)\s*)?(?:[a-zà-ÿ-]+\s+){1,6}?(?:de|del|du|en|em|do|da)\s+"
        r"(?:la\s+|le\s+)?([A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*){0,3})",
    ]
    for pattern in patterns_after:
        match = re.search(pattern, after)
        if match:
            code = country_in(match.group(1))
            if code:
                return code
    match = re.search(r"([A-Z][\w ]+?)(?:'s|’s)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", before)
    if match and country_in(match.group(1)):
        return country_in(match.group(1))
    # "the Korean company InTheSmart"; not "bring Korean physicians to Mayo Clinic".
    match = re.search(
        r"(?:^|\s)([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:(?:healthcare |technology |medical |private |public )?"
        r"(?:company|firm|start-?up|hospital|university|institute|group|provider|maker|agency|ministry)\s+)?$",
        before,
    )
    if match and match.group(1) in DEMONYMS:
        return DEMONYMS[match.group(1)]
    return country_in_name(name)


# "Vall d'Hebron" is a place of Barcelona, not Hebron: a word and the one an elided article glues
# to it are one place name, unless the first is an institution's word ("Hôpital d'Orléans").
GLUED_PLACE = re.compile(r"(?<![\w'’])([A-ZÀ-Ý][\w-]*) [dl]['’][A-ZÀ-Ý][\w-]*")


def country_in_name(name):
    """Return the country a name's own words place it in, a place glued by an elided article aside."""
    return country_in(GLUED_PLACE.sub(lambda m: m.group(0) if kind_of_name(m.group(1)) else " ", name))


def is_place_name(words):
    """Whether the words are all one city's or country's name ("Casablanca", "São Paulo")."""
    places = places_in(words)
    return len(places) == 1 and places[0].start == 0 and places[0].end == len(fold_for_search(words))


ACRONYM_GLUE = {"de", "des", "du", "la", "le", "of", "the", "and", "et", "y", "e", "für", "und", "do", "da", "dos", "das"}


def expanded_acronym(short, long):
    """Say whether `short` opens with an acronym that `long` spells out, the rest of both alike."""
    first, _space, rest = short.partition(" ")
    if not (2 <= len(first) <= 6 and first.isupper() and first.isalpha() and rest):
        return False
    words = long.split()
    initials, taken = "", 0
    for word in words:
        if len(initials) == len(first):
            break
        taken += 1
        if word.lower() in ACRONYM_GLUE:
            continue
        initials += word[0].upper()
    spelled, rest = canonical(" ".join(words[taken:])), canonical(rest)
    return initials == first and (spelled == rest or with_its_place(rest, spelled))


def with_its_place(short_key, long_key):
    """Whether the longer name is the shorter one and its place: "CHU Ibn Rochd" and "… de Casablanca"."""
    extra = long_key[len(short_key):].split()
    return long_key.startswith(short_key + " ") and len(extra) >= 2 \
        and extra[0] in {"de", "of", "du", "do", "da", "in", "en"} and is_place_name(" ".join(extra[1:]))


# What may stand between a place and the name it places: "タイ王国のマヒドン大学", "位於日本東京的",
# "ベトナム・ホーチミン市の", "미국 ", "de ".
PLACE_JOINER = re.compile(r"^(?:[\s・·]|の|的|의|市|特別市|王国|王國|共和国|共和國|州|省|县|縣|都|府|県)*$")
# Where the words before a name stop belonging to it: a clause's punctuation or a particle.
CLAUSE_BREAK = re.compile(r"[、，。,.;；:：（(「」『』\n]|[はがをとでもにへ](?=[^\u3040-\u309f]*$)|(?:与|和|及|同|跟|与|與)")


def place_just_before(text, start):
    """Return the country of a place written right before a name in a script without spaces, or None."""
    before = text[max(0, start - 24):start]
    if not re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", before[-1:] or " "):
        return None
    breaks = list(CLAUSE_BREAK.finditer(before))
    segment = before[breaks[-1].end():] if breaks else before
    places = places_in(segment)
    if not places:
        return None
    # Only what joins the last place to the name may follow it.
    if not PLACE_JOINER.match(fold_for_search(segment)[places[-1].end:]):
        return None
    return places[-1].country


def other_name(candidate, entity):
    """Return {name, kind, language} of a name in brackets after an institution's, or None when it is not one."""
    candidate = candidate.strip(" \"“”'")
    if not candidate or candidate.lower() in POSITION_WORDS or country_in(candidate) == candidate:
        return None
    if candidate in country_names() or candidate in CITIES or KO_TITLE_FIRST.match(candidate):
        # "(병원장 이화성)": the head of the institution, not another name of it.
        return None
    if re.fullmatch(r"[A-Z][A-Za-z&.\-]{1,11}", candidate) and sum(c.isupper() for c in candidate) >= 2:
        return {"name": candidate, "kind": "acronym", "language": ""}
    language = script_language(candidate, entity.country)
    if language and language != "vi":
        return {"name": candidate, "kind": "native", "language": language}
    if language == "vi":
        return {"name": candidate, "kind": "native", "language": "vi"}
    if kind_of_name(candidate):
        return {"name": candidate, "kind": "alternative", "language": ""}
    return None


def script_language(text, country=None):
    """Return the language a name's script shows (ko, ja, zh, ar, vi), or None for plain Latin."""
    if re.search(r"[가-힣]", text):
        return "ko"
    if re.search(r"[぀-ヿ]", text):
        return "ja"
    if re.search(r"[一-鿿]", text):
        if country in {"CN", "TW", "HK", "SG"}:
            return "zh"
        # 病院 is the Japanese word for a hospital (Chinese writes 医院), 株式会社 a Japanese company.
        return "ja" if country == "JP" or re.search("病院|株式会社", text) else "zh"
    if re.search(r"[؀-ۿ]", text):
        return "ar"
    if re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text.lower()):
        return "vi"
    return None


def native_country(entity):
    """Return the country a native-script name points to, where its script belongs to one country."""
    for other in entity.other_names:
        code = {"ko": "KR", "ja": "JP", "vi": "VN"}.get(other["language"])
        if code:
            return code
    return None
