"""The words of dates in the languages the assistant reads, from the Unicode CLDR data Babel ships.

Month and weekday names in each language's wide and abbreviated forms (the Levantine and Iraqi
month names, آذار and أيار, beside the Egyptian and Gulf ones, مارس and مايو), the Hijri months,
the Japanese eras, and the words for today and yesterday, which CLDR does not hold.
"""
import functools
import re

from babel.dates import get_day_names, get_month_names

# The CLDR locales whose names are read: each region's own spellings where they differ.
LOCALES = ("en", "de", "de_AT", "es", "fr", "pt", "pt_PT", "ar", "ar_SY", "ar_MA", "ar_TN")
# Characters folded before a date is looked for, one for one so that positions stay: full-width
# and Arabic-Indic digits, and the hamza forms of alef (أيار, ايار and إيار are one month).
FOLDED = str.maketrans(
    "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹أإآ", "012345678901234567890123456789ااا",
)
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادى الاولى": 5,
    "جمادى الاول": 5, "جمادى الثانية": 6, "جمادى الاخرة": 6, "جمادى الاخر": 6, "رجب": 7, "شعبان": 8,
    "رمضان": 9, "شوال": 10, "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}
# The first Gregorian year of each Japanese era: 令和7年 is 2025.
JAPANESE_ERAS = {"令和": 2019, "平成": 1989, "昭和": 1926}
TODAY_WORDS = (
    r"today|this morning|this afternoon|earlier today|tonight|heute|heute morgen|hoy|esta mañana|este día|"
    r"aujourd'hui|aujourd’hui|ce jour|ce matin|hoje|nesta data|esta manhã|اليوم|صباح اليوم|今天|今日|本日|오늘"
)
YESTERDAY_WORDS = r"yesterday|gestern|ayer|ontem|امس|البارحة|昨天|昨日|어제"
# "hier" is French for yesterday and German for here.
YESTERDAY_IN = {"fr": r"hier"}
# A weekday said to be the last one before the publication ("vendredi dernier", "el lunes pasado").
LAST_WORDS = r"last|this past|past|dernier|dernière|pasado|passado|passada|vergangenen|letzten|الماضي|上|지난"


def folded(text):
    """Return the text with digits and alef forms folded, each character standing where it stood."""
    return text.translate(FOLDED)


@functools.cache
def month_numbers():
    """Return {month name, lower case and folded: month number} in every language read."""
    numbers = {}
    for locale in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    name = folded(name.lower().rstrip("."))
                    if not name[:1].isdigit() and len(name) >= 3:
                        numbers[name] = number
    numbers.update({"sept": 9, "sep": 9, "set": 9, "jänner": 1, "juil": 7, "janv": 1, "févr": 2, "avr": 4})
    return numbers


@functools.cache
def weekday_numbers():
    """Return {weekday name, lower case and folded: Monday 0 … Sunday 6} in every language read."""
    numbers = {}
    for locale in (*LOCALES, "zh", "ja", "ko"):
        for number, name in get_day_names("wide", locale=locale).items():
            numbers[folded(name.lower())] = number
    for number, character in enumerate("一二三四五六"):
        numbers[f"周{character}"] = numbers[f"礼拜{character}"] = numbers[f"週{character}"] = number
    numbers["周日"] = numbers["周天"] = numbers["星期天"] = numbers["礼拜天"] = 6
    # Portuguese weekdays are also written without "-feira": "na quarta (9)".
    for name, number in list(numbers.items()):
        if name.endswith("-feira"):
            numbers[name.replace("-feira", " feira")] = number
    return numbers


@functools.cache
def short_weekday_numbers():
    """Return {one-character weekday of Japanese and Korean, as in "11日（金）": number}."""
    return {
        name: number for locale in ("ja", "ko")
        for number, name in get_day_names("abbreviated", locale=locale).items()
    }


def alternation(names):
    """Return a regular expression matching any of the names, longest first, each a whole word.

    A word of Han, kana or Hangul stands between other letters (中文 has no spaces), so only
    names in alphabets need the letters around them to end.
    """
    ordered = sorted(names, key=len, reverse=True)
    spaced = [re.escape(name) for name in ordered if not UNSPACED.search(name)]
    unspaced = [re.escape(name) for name in ordered if UNSPACED.search(name)]
    parts = []
    if spaced:
        parts.append(r"(?<![^\W\d_])(?:" + "|".join(spaced) + r")(?![^\W\d_])")
    if unspaced:
        parts.append("|".join(unspaced))
    return "(?:" + "|".join(parts) + ")"


UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
