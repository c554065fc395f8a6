"""Dates: the article's publication date, and the signing date as precisely as the text states it.

Dates are found as each press writes them: "3 February 2025", "February 3, 2025", "30 de abril de
2025", "le 14 mars", "14 أيار", "2025年5月20日", "令和7年3月5日", "2025.03.14", "11/12/15" (day
first, unless the dateline is in a country that writes the month first), a Hijri date with its
Gregorian day, a day alone ("on the 30th", "17日", "지난 12일", "지난달 13일") counted back from the
publication date, and "today", "yesterday" or a weekday in each language. A day and month
without a year take the year of the publication (or the one before, never a later day); a
dateline without a year takes the latest year the article names, up to this one (none: no date).
"""
import datetime
import functools
import re
from dataclasses import dataclass

from hijridate import Hijri

from curation.drafting import calendar_words
from curation.drafting.calendar_words import (
    HIJRI_MONTHS,
    JAPANESE_ERAS,
    LAST_WORDS,
    TODAY_WORDS,
    YESTERDAY_IN,
    YESTERDAY_WORDS,
    alternation,
    folded,
)
from curation.drafting.gazetteer import country_in
from curation.drafting.text import leftmost_longest

# Countries whose press writes a numeric date month first: 5/12/2025 is 12 May elsewhere.
MONTH_FIRST_COUNTRIES = {"US", "PH", "FM", "MH", "PW"}
# What a mention states: a whole day, a day and month, a month of a year, a day of a month.
FULL, DAY_MONTH, MONTH, DAY, DAY_OF_LAST_MONTH = "full", "day_month", "month", "day", "day_of_last_month"
# Which mention dates a signing when a sentence has several: the most complete.
PRIORITY = (FULL, DAY_MONTH, MONTH, DAY_OF_LAST_MONTH, DAY)


@dataclass(frozen=True)
class Mention:
    """A date the text writes, at [start, end), with the parts it states."""

    start: int
    end: int
    states: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    wire: bool = False


@functools.cache
def patterns():
    """Return [(compiled pattern, what it states, how its groups are read)], built once."""
    month = r"(?P<month>" + alternation(calendar_words.month_numbers()) + r")\.?"
    english_month = r"(?P<month>" + alternation(ENGLISH_MONTHS) + r")\.?"
    day = r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"
    year = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
    hijri = r"(?P<hijri>" + alternation(HIJRI_MONTHS) + r")"
    eras = "|".join(JAPANESE_ERAS)
    gregorian_aside = r"(?:[（(]\s*\d{4}\s*年?\s*[）)]\s*)?"
    forms = [
        # A Hijri date first: its year must not be read as a Gregorian one.
        (rf"{day}\s*{hijri}\s+(?P<year>1[34]\d\d)(?!\d)\s*(?:هـ|ه)?", FULL, "hijri"),
        # 令和7年（2025年）2月28日: the era's year, perhaps with the Gregorian one in brackets.
        (rf"(?P<era>{eras})\s*(?P<year>元|\d{{1,2}})\s*年\s*{gregorian_aside}(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日", FULL, "era"),
        (r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일号號]", FULL, "ymd"),
        (r"(?<![\d.])(?P<year>(?:19|20)\d\d)\s?([-./])\s?(?P<month>\d{1,2})\s?\2\s?(?P<day>\d{1,2})(?![\d])", FULL, "ymd"),
        (r"(?<![\d./-])(?P<first>\d{1,2})([./-])(?P<second>\d{1,2})\2(?P<year>(?:19|20)?\d\d)(?![\d/-]|\.\d)", FULL, "numeric"),
        (rf"{day}\s*(?:de\s+|of\s+|du\s+)?{month},?\s+(?:de\s+|del\s+)?{year}", FULL, "dmy"),
        (rf"{english_month}\s+{day}(?:st|nd|rd|th)?,?\s+{year}", FULL, "dmy"),
        (rf"{day}\s*(?:de\s+|of\s+)?{month}(?!\w)", DAY_MONTH, "dmy"),
        (rf"{english_month}\s+{day}(?:st|nd|rd|th)?(?![\d])", DAY_MONTH, "dmy"),
        (r"(?<![\d年년])(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일号號]", DAY_MONTH, "ymd"),
        (rf"{month},?\s+(?:de\s+|del\s+|of\s+)?{year}", MONTH, "dmy"),
        (rf"(?P<era>{eras})\s*(?P<year>元|\d{{1,2}})\s*年\s*(?P<month>\d{{1,2}})\s*月(?!\s*\d)", MONTH, "era"),
        (r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<month>\d{1,2})\s*[月월](?!\s*\d)", MONTH, "ymd"),
        (r"(?:지난달|지난 달|上月|上个月|上個月|先月)\s*(?P<day>\d{1,2})\s*[日일号號]", DAY_OF_LAST_MONTH, "ymd"),
        (r"(?<![\d月월年년/.\-])(?P<day>\d{1,2})\s*(?:[日号號](?!本)|일(?![본반부정]))", DAY, "ymd"),
        (r"\bon the (?P<day>\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\b)", DAY, "ymd"),
        # "nesta quarta-feira (9)": a Brazilian weekday with its day in brackets.
        (r"(?:feira|sábado|domingo|lunes|martes|miércoles|jueves|viernes)\s*\((?P<day>\d{1,2})\)", DAY, "ymd"),
    ]
    return [(re.compile(pattern, re.I), states, reading) for pattern, states, reading in forms]


ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    # German writes the month first only in headers ("März 12, 2025" is rare, but harmless).
    "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
)


def mentions(text, *, month_first=False):
    """Return the dates the text writes, in the order they stand, the longest where two overlap."""
    text = folded(text)
    found = []
    for pattern, states, reading in patterns():
        for match in pattern.finditer(text):
            mention = read(match, states, reading, month_first)
            if mention:
                found.append(mention)
    return leftmost_longest(found)


def read(match, states, reading, month_first):
    """Return the Mention a match writes, or None when its numbers are not a date."""
    parts = match.groupdict()
    year = month = None
    if reading == "hijri":
        try:
            day = Hijri(int(parts["year"]), HIJRI_MONTHS[folded(parts["hijri"])], int(parts["day"])).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return Mention(match.start(), match.end(), FULL, day.year, day.month, day.day)
    if reading == "numeric":
        first, second = int(parts["first"]), int(parts["second"])
        day, month = (first, second) if first > 12 or (second <= 12 and not month_first) else (second, first)
        year = int(parts["year"])
        year += 2000 if year < 100 else 0
    else:
        if parts.get("month"):
            month = int(parts["month"]) if parts["month"].isdigit() else month_number(parts["month"])
        day = int(parts["day"]) if parts.get("day") else None
        if parts.get("year"):
            year = 1 if parts["year"] == "元" else int(parts["year"])
            if reading == "era":
                year += JAPANESE_ERAS[parts["era"]] - 1
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if states in (FULL, DAY_MONTH) and reading == "dmy" and in_a_name(match):
        return None
    # "新华社上海4月18日电": the wire's dateline, the date it was filed.
    wire = bool(WIRE_DATELINE.match(match.string, match.end()))
    return Mention(match.start(), match.end(), states, year, month, day, wire)


WIRE_DATELINE = re.compile(r"\s*[电電]")
# Months a Romance language writes in lower case: "Hospital 12 de Octubre" is a name, not a date.
CAPITALISED_MONTH_NAME = re.compile(r"(?:[A-ZÀ-Ý][\w'’-]+\s+){1,4}$")


def in_a_name(match):
    """Whether a day and a capitalised Romance month name stand inside a name: 'Hospital Universitario 12 de Octubre'."""
    month = match.group("month")
    if not month[:1].isupper() or month.lower() in ENGLISH_MONTHS:
        return False
    return bool(CAPITALISED_MONTH_NAME.search(match.string[:match.start()]))


def month_number(name):
    name = folded(name.lower().rstrip("."))
    return calendar_words.month_numbers().get(name) or calendar_words.month_numbers().get(name[:3])


def resolved(mention, reference):
    """Return (date, precision) of a mention, the missing year or month taken from the reference day."""
    try:
        if mention.states == FULL:
            return datetime.date(mention.year, mention.month, mention.day), "day"
        if mention.states == MONTH:
            return datetime.date(mention.year, mention.month, 1), "month"
        if reference is None:
            return None
        if mention.states == DAY_MONTH:
            day = datetime.date(reference.year, mention.month, mention.day)
            # "signed on 28 December", published in January: last year's December.
            return (day.replace(year=day.year - 1) if day > reference else day), "day"
    except ValueError:
        return None
    if mention.states == DAY_OF_LAST_MONTH:
        last_month = reference.replace(day=1) - datetime.timedelta(days=1)
        return day_of_month(mention.day, last_month), "day"
    day = day_of_month(mention.day, reference)
    return (day, "day") if day else None


def day_of_month(number, reference):
    """Return the day of that number on or before the reference day: its month's, or an earlier month's."""
    month = reference.replace(day=1)
    for _tries in range(3):
        try:
            day = month.replace(day=number)
        except ValueError:
            day = None
        if day and day <= reference:
            return day
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return None


def to_date(value):
    """Return a date from an ISO string, a date or None."""
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# The publication: a labelled line ("Published:", "发布时间：", "기사입력", "Publié le") or a
# dateline, a place and a date before the first dash, colon, agency or 电 of the text.
PUBLICATION_LABEL = re.compile(
    r"(?i)(?:date|published(?: on)?|posted(?: on)?|updated(?: on)?|release date|datum|veröffentlicht|"
    r"publicado(?: el| em)?|publié(?: le)?|publicación|data|发布时间|發布時間|发布日期|日期|时间|입력|기사입력|등록|"
    r"تاريخ النشر|نشر في|بتاريخ)\s*[:：\-]?\s*$"
)
# After a dateline's date: an agency (in brackets, or after a comma before a dash: "Oct. 10,
# GNA –"), a slash-delimited wire, 电, a dash or a colon.
DATELINE_TAIL = re.compile(
    r"(?:\s*(?:\([^)\n]{1,30}\)|/[^/\n]{1,25}/|,\s*[A-Z]{2,6}(?=\s*(?:[–—:]|-))|[电電]|[–—:]|--|-|\.(?=\s)|م(?!\w)))+"
)
SENTENCE_WORD = re.compile(r"\b(?!date\b|and\b|the\b|le\b|el\b|del\b|los\b)[a-zäöüßéèêáíóúñçãõâô]{3,}\b")
# CJK and Hangul text before a date in a dateline is short: an agency, a reporter, a city.
HEAD_LIMIT = 40
HEADER_LINES = 10


def publication_date_in(text):
    """Return (date, end, month_first) of the publication line or dateline at the top of the text.

    `end` is where that line or dateline stops: nothing before it is read as a signing date.
    `month_first` says the dateline is in a country that writes numeric dates month first.
    """
    top = text[:1500]
    years = [int(year) for year in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", folded(text))]
    this_year = datetime.date.today().year
    # "Maputo, 12 Set (AIM) –": the year is the latest the article names; with none, it is unknown.
    context_year = max((year for year in years if year <= this_year), default=None)
    weekday = publication_weekday(text)
    # A labelled line ("Published 2017.09.21") is the publication even below a site's "UPDATE: <today>".
    found = []
    position = 0
    for line in top.split("\n")[:HEADER_LINES]:
        month_first = country_in(line[:60].title()) in MONTH_FIRST_COUNTRIES
        for mention in mentions(line, month_first=month_first)[:2]:
            head = mention.states in (FULL, DAY_MONTH) and heads_a_line(line, mention)
            day = head and publication_day(mention, context_year, weekday)
            if day:
                tail = DATELINE_TAIL.match(line, mention.end)
                end = tail.end() if tail else mention.end
                # A line that holds only its date (and a place, a time, an outlet) ends there.
                end = len(line) if len(line) <= 80 and not SENTENCE_WORD.search(line[end:]) else end
                # The last line of a short release ("Published: 3 February 2025" under the lead)
                # ends nothing: the sentences above it still tell the signing.
                last = end == len(line) and not text[position + len(line):].strip()
                found.append((head != "label", day, 0 if last else position + end, month_first))
                break
        position += len(line) + 1
    if not found:
        return foot_publication_date(text), 0, False
    _unlabelled, day, end, month_first = min(found, key=lambda candidate: candidate[0])
    return day, end, month_first


# Some sites write the publication under the text, on a line of its own: "2025.04.27",
# "입력 2025.04.27 10:31", "Published: 12 March 2025".
FOOT_LINES = 4
CLOCK_AND_MARKS = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|[|·:：\-–—()\[\]\s]")


def foot_publication_date(text):
    """Return the date alone on one of the last lines of the text (with a label or a time at most), else None."""
    for line in reversed(text.rstrip().split("\n")[-FOOT_LINES:]):
        line = line.strip()
        if not line or len(line) > 60:
            continue
        for mention in mentions(line):
            if mention.states != FULL:
                continue
            before, after = line[:mention.start], line[mention.end:]
            labelled = PUBLICATION_LABEL.search(before.rstrip())
            if CLOCK_AND_MARKS.sub("", after) or not labelled and CLOCK_AND_MARKS.sub("", before):
                continue
            day = resolved(mention, None)
            return day[0] if day else None
    return None


def heads_a_line(line, mention):
    """Say how the date heads its line: "label" after a label, "place" after a place, weekday or agency; else None."""
    before = line[:mention.start]
    if PUBLICATION_LABEL.search(before.rstrip()):
        return "label"
    # "Communiqué de presse – Paris, le 14 mars 2025": what stands before a dash or bar is another field.
    before = re.split(r"[–—|:]|\s-\s", before)[-1]
    if mention.states == DAY_MONTH and not (DATELINE_TAIL.match(line, mention.end) or not line[mention.end:].strip()):
        return None  # a day and month inside a name, "Hospital 12 de Octubre firma …"
    if SENTENCE_WORD.search(strip_weekdays(before)):
        return None
    latin = re.search(r"[A-Za-zÀ-ÿ]", before)
    return "place" if latin is not None or len(before.strip()) <= HEAD_LIMIT else None


def strip_weekdays(text):
    return re.sub(weekday_pattern().pattern, " ", folded(text), flags=re.I)


def publication_day(mention, context_year, weekday=None):
    """Return the day a dateline's mention states; a day and month take the article's latest year.

    When the text says on which weekday it was published ("أمس الاثنين" under "الدوحة في 21
    أكتوبر": a Tuesday), the day and month take the latest year, from the article's latest up to
    this one, in which they fall on it: a year the article names in passing is not the dateline's.
    """
    if mention.states == FULL:
        day = resolved(mention, None)
        return day[0] if day else None
    if context_year is None:
        return None
    today = datetime.date.today()
    if weekday is not None:
        for year in range(today.year, context_year - 1, -1):
            try:
                day = datetime.date(year, mention.month, mention.day)
            except ValueError:
                continue
            if day <= today and day.weekday() == weekday:
                return day
    try:
        day = datetime.date(context_year, mention.month, mention.day)
    except ValueError:
        return None
    return day.replace(year=day.year - 1) if day > today else day


@functools.cache
def weekday_named_pattern():
    """'yesterday' or 'today' and the weekday it names: "أمس الاثنين", "ayer lunes", "today, Tuesday"."""
    weekdays = alternation(calendar_words.weekday_numbers())
    return re.compile(
        rf"(?:(?P<yesterday>{YESTERDAY_WORDS})|{TODAY_WORDS})\s*[,،]?\s*(?:the\s+|el\s+|le\s+)?(?P<weekday>{weekdays})",
        re.I,
    )


def publication_weekday(text):
    """Return the weekday (Monday 0) the text says it was written on, from 'yesterday Monday' or 'today Tuesday', else None."""
    match = weekday_named_pattern().search(folded(text))
    if match is None:
        return None
    weekday = calendar_words.weekday_numbers()[folded(match.group("weekday").lower())]
    return (weekday + 1) % 7 if match.group("yesterday") else weekday


# "said Thursday", "announced on Monday": the day of the announcement, not of the signing.
ANNOUNCED_ON = re.compile(
    r"\b(?:said|says|announced|reported|stated|told|noted|added|confirmed|revealed)\s+(?:on\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:said|announced)\b",
    re.I,
)
TODAY = re.compile(alternation(TODAY_WORDS.split("|")), re.I)
YESTERDAY = re.compile(alternation(YESTERDAY_WORDS.split("|")), re.I)
YESTERDAY_BY_LANGUAGE = {
    language: re.compile(alternation([*YESTERDAY_WORDS.split("|"), *words.split("|")]), re.I)
    for language, words in YESTERDAY_IN.items()
}
LAST = re.compile(alternation(LAST_WORDS.split("|")), re.I)
# Words that leave the day unknown, however near it is.
VAGUE = re.compile(
    r"\b(recently|has just|have just|had just|lately|kürzlich|vor kurzem|jüngst|recientemente|récemment|"
    r"recentemente)\b|최근|近日|日前|先日|مؤخرا",
    re.I,
)
THIS_MONTH = re.compile(r"\b(?:earlier this month|this month|diesen Monat|Anfang des Monats|este mes|ce mois-ci|este mês)\b|이달|本月|今月", re.I)
LAST_MONTH = re.compile(
    r"\b(?:last month|the previous month|im vergangenen Monat|letzten Monat|el mes pasado|le mois dernier|"
    r"no mês passado|o mês passado)\b|지난달|上月|上个月|先月|الشهر الماضي",
    re.I,
)


@functools.cache
def weekday_pattern():
    """Weekdays of every language read, and the bracketed one-character ones of "11日（金）"."""
    return re.compile(
        alternation(calendar_words.weekday_numbers())
        + "|(?<=[日일])\\s*[（(](?P<short>" + "|".join(calendar_words.short_weekday_numbers()) + ")[）)]",
        re.I,
    )


def signing_date(sentences, published_on, language="en", *, dateline_end=0, month_first=False):
    """Return (date, precision, quote, warnings) of a signing, read from the sentences that report it.

    Text before `dateline_end` (a date line or a dateline) is never read: the publication
    date is not the signing date.
    """
    found_warnings = []
    texts = [ANNOUNCED_ON.sub(" ", sentence.text[max(0, dateline_end - sentence.start):]) for sentence in sentences]
    for number, (sentence, text) in enumerate(zip(sentences, texts)):
        explicit = explicit_date(text, published_on, language, month_first=month_first)
        if explicit:
            day, precision = explicit
            if precision == "month":
                # "signed in October 2015" first, "signed on 21 October 2015" later: the day.
                for later, later_text in zip(sentences[number + 1:], texts[number + 1:]):
                    more = explicit_date(later_text, published_on, language, month_first=month_first)
                    if more and more[1] == "day" and more[0].replace(day=1) == day:
                        return more[0], "day", later.text, found_warnings
            return day, precision, sentence.text, found_warnings
        relative = relative_date(text, published_on, language)
        if relative:
            return relative[0], relative[2], sentence.text, found_warnings + relative[1]
        if VAGUE.search(text):
            found_warnings.append("The signing is reported as recent, without a date: the date is left unknown.")
            return None, "unknown", sentence.text, found_warnings
    return None, "unknown", None, found_warnings


def explicit_date(text, published_on, language=None, *, month_first=False):
    """Return (date, precision) of the most complete date the text writes, or None."""
    found = mentions(text, month_first=month_first)
    for states in PRIORITY:
        for mention in found:
            if mention.states == states and not mention.wire:
                day = resolved(mention, published_on)
                if day and day[0]:
                    return day
    return None


def relative_date(text, published_on, language=None):
    """Return (date, warnings, precision) for 'today', 'yesterday', a weekday or 'last month', from the publication date."""
    if not published_on:
        return None
    text = folded(text)
    if YESTERDAY_BY_LANGUAGE.get(language, YESTERDAY).search(text):
        return published_on - datetime.timedelta(days=1), [], "day"
    if TODAY.search(text):
        return published_on, ["'Today' is read as the publication date."], "day"
    match = weekday_pattern().search(text)
    if match:
        name = match.group(0)
        weekday = (calendar_words.short_weekday_numbers()[match.group("short")] if match.group("short")
                   else calendar_words.weekday_numbers()[folded(name.lower())])
        back = (published_on.weekday() - weekday) % 7
        near = text[max(0, match.start() - 12):match.end() + 12]
        if back == 0 and LAST.search(near):
            back = 7
        day = published_on - datetime.timedelta(days=back)
        return day, [f"The signing date is the {name.strip()} on or before the publication date."], "day"
    if THIS_MONTH.search(text):
        return published_on.replace(day=1), [], "month"
    if LAST_MONTH.search(text):
        last = published_on.replace(day=1) - datetime.timedelta(days=1)
        return last.replace(day=1), [], "month"
    return None
