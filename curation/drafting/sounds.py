"""A party written in Arabic, Hangul, Han or kana matched to a record the directory holds under a Latin name only.

The press writes a foreign institution's name in its own script by its sound (مركز سامسونج الطبي,
西达赛奈医疗中心) and translates its common words (center, medical, university). So a native name
is read as two parts: its common words, translated by a short glossary, and the rest, the proper
name, romanised (anyascii) and reduced to its consonants, the part that survives a script without
written vowels, p or v. A record is that institution when every common word of its own name is
among the translated ones and its proper name sounds the same; only one record may.
"""
import functools
import re

from anyascii import anyascii
from rapidfuzz import fuzz, process

# The common words of institutions' names, as each script writes them, and what they are in English.
GLOSSARY = {
    # Arabic (without the article ال, which is cut first).
    "مركز": {"center"}, "مستشفى": {"hospital"}, "مستشفيات": {"hospitals"}, "جامعة": {"university"},
    "طبي": {"medical"}, "طبية": {"medical"}, "الطبي": {"medical"}, "صحة": {"health"}, "صحية": {"health"},
    "صحي": {"health"}, "خدمات": {"services"}, "للخدمات": {"services"}, "مؤسسة": {"corporation", "foundation", "institution"},
    "معهد": {"institute"}, "كلية": {"college", "school"}, "عيادة": {"clinic"}, "عيادات": {"clinic", "clinics"},
    "سرطان": {"cancer"}, "للسرطان": {"cancer"}, "أبحاث": {"research"}, "للأبحاث": {"research"}, "بحوث": {"research"},
    "دولي": {"international"}, "الدولي": {"international"}, "وطني": {"national"}, "الوطني": {"national"},
    "مجموعة": {"group"}, "شركة": {"company"}, "تخصصي": {"specialist"}, "التخصصي": {"specialist"},
    "جامعي": {"university"}, "الجامعي": {"university"}, "جامعية": {"university"}, "الجامعية": {"university"},
    "رعاية": {"care"}, "الرعاية": {"care"}, "الصحية": {"health", "healthcare"}, "طب": {"medicine"},
    # Chinese and Japanese (the longest written first is taken first).
    "医疗中心": {"medical", "center"}, "醫療中心": {"medical", "center"}, "医学中心": {"medical", "center"},
    "医疗集团": {"healthcare", "group"}, "医院": {"hospital"}, "醫院": {"hospital"}, "病院": {"hospital"},
    "大学": {"university"}, "大學": {"university"}, "中心": {"center"}, "センター": {"center"},
    "研究所": {"institute"}, "研究院": {"institute"}, "医学院": {"medical", "school", "college"},
    "诊所": {"clinic"}, "クリニック": {"clinic"}, "集团": {"group"}, "集團": {"group"}, "保险": {"insurance"},
    "癌症": {"cancer"}, "肿瘤": {"cancer"}, "国际": {"international"}, "國際": {"international"},
    "医疗": {"medical", "healthcare"}, "健康": {"health"}, "医科": {"medical"},
    # Korean.
    "메디컬센터": {"medical", "center"}, "의료원": {"medical", "center"}, "병원": {"hospital"},
    "대학교": {"university"}, "대학": {"university"}, "센터": {"center"}, "암센터": {"cancer", "center"},
    "클리닉": {"clinic"}, "연구소": {"institute"}, "그룹": {"group"},
}
# Every English word the glossary gives: a record's name is read with these as common words too.
GLOSSED = set().union(*GLOSSARY.values())
CJK_GLOSSARY = sorted((word for word in GLOSSARY if not re.match(r"[\u0621-\u064a]", word)), key=len, reverse=True)
ARABIC_PREFIXES = ("وال", "بال", "لل", "ال")
# Words the record's name may have that a native name leaves out.
UNSAID = {"the", "of", "and", "for", "de", "la", "du", "der", "und", "st", "saint"}
SOUND_ALIKE = 85
SHORTEST = 4
# Shorter consonants than these say too little to tell one name from another.
EQUAL_AT_LEAST = 3
# A sound shorter than SHORTEST says little: written in a script with vowels (not Arabic), those
# must sound alike too (Charité is not シリラート, though both are slt).
VOWELS_ALIKE = 75


# How a letter (or two) is heard, in one pass: a soft c is s, a hard one k; scripts without p, v or
# a told r and l (Arabic, Korean, Chinese, Japanese) write them b, f and l.
HEARD = {"ph": "f", "ck": "k", "th": "t", "kh": "k", "sh": "s", "gh": "g", "ce": "se", "ci": "si", "cy": "sy",
         "c": "k", "q": "k", "x": "s", "z": "s", "j": "g", "p": "b", "v": "f", "r": "l"}
LETTERS_HEARD = re.compile("|".join(sorted(HEARD, key=len, reverse=True)))
# Vowels, the semi-vowels scripts write for long vowels, h, and what is not a letter.
UNHEARD = re.compile(r"[^bdfgklmnst]+")


def heard_letters(text):
    """The name romanised, in lower case, each letter (or two) as it is heard."""
    return LETTERS_HEARD.sub(lambda match: HEARD[match.group(0)], anyascii(text).lower())


def consonants(text):
    """The consonants of a romanised name, as scripts without vowels or p keep them: Samsung and سامسونج are smsng."""
    return re.sub(r"(.)\1+", r"\1", UNHEARD.sub("", heard_letters(text)))


def vowelled(text):
    """The romanised name as heard, vowels kept: Charité and 샤리테 are salite, シリラート sililato."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]|[hwy]", "", heard_letters(text)))


def arabic_stem(word):
    """An Arabic word as the glossary holds it: hamza seats unified, the article and a joined preposition cut."""
    if word in GLOSSARY:
        return word
    stem = word.replace("أ", "ا").replace("إ", "ا")
    for prefix in ARABIC_PREFIXES:
        if stem not in GLOSSARY and stem.startswith(prefix) and len(stem) > len(prefix) + 2:
            stem = stem[len(prefix):]
    return stem


def read(native):
    """Return (the English common words, the proper name) of a native-script name."""
    common, proper = set(), []
    for word in native.split():
        if re.match(r"[\u0621-\u064a]", word):
            stem = arabic_stem(word)
            if stem in GLOSSARY:
                common |= GLOSSARY[stem]
            else:
                proper.append(stem)
            continue
        rest = word
        for term in CJK_GLOSSARY:
            if term in rest:
                common |= GLOSSARY[term]
                rest = rest.replace(term, " ")
        proper.extend(rest.split())
    return common, " ".join(proper)


@functools.lru_cache(maxsize=200_000)
def record_words(name, generic):
    """Return (the common words, the sounds of the proper name) of a record's Latin name; `generic`: the common words.

    A Latin "ch" is heard as k (Christchurch) or as sh (Charité, Chiang Mai), so a name with one
    has both sounds. Kept between drafts: the directory's names are read once, not once per draft.
    """
    words = [word for word in re.findall(r"[a-z]+", anyascii(name).lower()) if word not in UNSAID]
    proper = " ".join(word for word in words if word not in generic)
    heard = {(consonants(spoken), vowelled(spoken)) for spoken in {proper, proper.replace("ch", "sh")}}
    return frozenset(word for word in words if word in generic), tuple(sorted(pair for pair in heard if pair[0]))


class Sounds:
    """The directory's Latin names by the consonants of their proper names, for native names to be heard against."""

    def __init__(self, records, generic):
        self.by_sound = {}
        generic = frozenset(generic)
        for record, name in records:
            common, sounds = record_words(name, generic)
            for sound, spoken in sounds:
                self.by_sound.setdefault(sound, []).append((record, common, spoken))
        self.long_sounds = [sound for sound in self.by_sound if len(sound) >= SHORTEST]

    def heard(self, sound):
        """The sounds of the directory's names heard as this one: the same, or nearly when long."""
        if len(sound) >= SHORTEST:
            return [found for found, _score, _index in process.extract(
                sound, self.long_sounds, scorer=fuzz.ratio, score_cutoff=SOUND_ALIKE, limit=None)]
        return [found for found in (sound, sound + "s") if found in self.by_sound]

    def record_of(self, native, country=None):
        """Return the one record whose Latin name the native name says (its words translated, its proper name heard), or None."""
        common, proper = read(native)
        sound = consonants(proper)
        # Two consonants (أسان, Asan) are enough only where the text gives the country too.
        if len(sound) < (EQUAL_AT_LEAST - 1 if country else EQUAL_AT_LEAST):
            return None
        spoken = vowelled(proper) if len(sound) < SHORTEST and not re.search(r"[\u0621-\u064a]", proper) else None
        found = {
            record.pk: record
            for heard in self.heard(sound) for record, their_common, their_spoken in self.by_sound[heard]
            if their_common <= common and (not country or record.country == country)
            and (spoken is None or fuzz.ratio(spoken, their_spoken) >= VOWELS_ALIKE)
        }
        return next(iter(found.values())) if len(found) == 1 else None
