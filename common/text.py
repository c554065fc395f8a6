"""Text folding for search: one normal form for names in any script."""
import re
import unicodedata

# Hyphens, dots and the like separate words just as spaces do: "Cedars-Sinai" ~ "Cedars Sinai".
SEPARATORS = re.compile(r"[\s\-‐-―_.,;:/()\[\]'\"“”‘’·]+")


def fold_for_search(*parts):
    """Return the parts as one lower-case string without accents or diacritics, words single-spaced.

    Accents and Arabic vowel marks are dropped (Charité → charite), letters are case-folded
    (Straße → strasse), and Hangul and other scripts are kept composed, so a search folded
    the same way matches by plain substring on SQLite and PostgreSQL alike.
    """
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = unicodedata.normalize("NFC", without_marks).casefold()
    return SEPARATORS.sub(" ", folded).strip()


# The letters of each page language that does not write in the Latin alphabet, by Unicode block.
SCRIPT_RANGES = {
    "ko": [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF)],
    "ar": [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)],
    "zh-hans": [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)],
}


def is_written_in(text, language):
    """Whether every letter of the text is in the script of the language (Hangul for ko, and so on).

    Latin-script languages (en, de) answer False: their readers get the name as it is recorded.
    """
    ranges = SCRIPT_RANGES.get(language)
    letters = [ord(char) for char in text if char.isalpha()]
    return bool(ranges and letters) and all(any(low <= code <= high for low, high in ranges) for code in letters)


# Spellings of one name folded to one: "Centre" and "Center", "&" and "and"; "the" dropped.
SPELLINGS = {"centre": "center", "&": "and", "the": "", "univ": "university"}
SPELLING = re.compile(r"(?<![^\s])(?:centre|&|the|univ)(?![^\s])")


def canonical_name(name):
    """Return the form two spellings of one name share: folded, Centre as Center, no 'the'."""
    # Plain ASCII folds the same by lower case alone, several times faster: a draft folds every
    # name of the directory.
    folded = SEPARATORS.sub(" ", name.lower()) if name.isascii() else fold_for_search(name)
    return " ".join(SPELLING.sub(lambda match: SPELLINGS[match.group(0)], folded).split())
