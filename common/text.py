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
