"""Dates: the article's publication date, and the signing date as precisely as the text states it."""
import datetime
import re
import warnings as python_warnings

import dateparser

MONTHS_EN = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
MONTHS_DE = r"Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember"
MONTH = rf"(?:{MONTHS_EN}|{MONTHS_DE})"
# Each form with the precision it states: a day, or only a month or a year.
DATE_FORMS = [
    (rf"\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{MONTH}\s*,?\s+\d{{4}}\b", "day"),
    (rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", "day"),
    (r"\b\d{4}-\d{2}-\d{2}\b", "day"),
    (r"\b\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\b", "day"),
    (r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", "day"),
    (r"\d{4}\s*[년年]\s*\d{1,2}\s*[월月]\s*\d{1,2}\s*[일日]", "day"),
    (rf"\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{MONTH}\b", "day_no_year"),
    (rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", "day_no_year"),
    (rf"\b{MONTH}\s+(?:of\s+)?\d{{4}}\b", "month"),
    # "on the 16th": a day of the publication's month (or of the month before).
    (r"\bon the (\d{1,2})(?:st|nd|rd|th)\b", "day_of_month"),
    (r"\d{4}\s*[년年]\s*\d{1,2}\s*[월月]", "month"),
]
DATE_PATTERNS = [(re.compile(pattern), precision) for pattern, precision in DATE_FORMS]
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
}
WEEKDAY = re.compile(r"\b(?:on |am |last |this )?(" + "|".join(WEEKDAYS) + r")\b", re.I)
TODAY = re.compile(r"\b(today|this morning|this afternoon|earlier today|heute|tonight)\b", re.I)
YESTERDAY = re.compile(r"\b(yesterday|gestern)\b", re.I)
# Words that leave the day unknown, however near it is.
VAGUE = re.compile(r"\b(recently|has just|have just|had just|lately|kürzlich|vor kurzem|jüngst)\b", re.I)
# "said Thursday", "announced on Monday": the day of the announcement, not of the signing.
ANNOUNCED_ON = re.compile(
    r"\b(?:said|says|announced|reported|stated|told|noted|added|confirmed|revealed)\s+(?:on\s+)?"
    r"(?:" + "|".join(WEEKDAYS) + r")\b|\b(?:" + "|".join(WEEKDAYS) + r")\s+(?:said|announced)\b",
    re.I,
)
PUBLICATION_LINE = re.compile(
    r"(?im)^\s*(?:•\s*)?(?:[^\n|]{0,60}\|\s*)*"
    r"(?:date|published(?: on)?|posted(?: on)?|updated(?: on)?|release date|datum|veröffentlicht)\s*[:\-]?\s*(.{6,40})$"
)
# A line that is only a place and a date, "Nairobi, Friday 7 February 2025": the dateline.
DATE_ONLY_LINE_REST = re.compile(
    r"^(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*,?\s*)?(?:(?:" + "|".join(WEEKDAYS) + r")\s*,?\s*)?$", re.I
)


DATELINE_SEPARATOR = re.compile(r"\s*(?:[–—]|--|:|\s-\s)\s*")
# A dateline's date follows a place ("SEOUL,", "Tokyo, Japan –", "date"), never a clause:
# "The MoU was signed on 12 May 2025 at ... – " is a sentence, and its date the signing's.
SENTENCE_WORD = re.compile(r"\b(?!date\b|and\b|the\b)[a-zäöüß]{3,}\b")


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


def parse(fragment, languages=None):
    """Return the date a fragment such as '20 February 2024' or '2017.09.21 16:56' states, or None."""
    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            fragment, languages=languages,
            settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False, "REQUIRE_PARTS": ["year"]},
        )
    return parsed.date() if parsed else None


def publication_date_in(text):
    """Return (date, end) of a 'date' or 'published' line, or a dateline, at the top of the text.

    `end` is where that line or dateline stops: nothing before it is read as a signing date.
    """
    top = text[:1500]
    for match in PUBLICATION_LINE.finditer(top):
        found = first_date(match.group(1))
        if found:
            return found, match.end()
    # "date 2024-02-20 Dubai, UAE:", "SEOUL, March 5, 2025 (Yonhap) --", "Tokyo, Japan – April 2, 2025 –":
    # a date before one of the first dashes or colons of a paragraph near the top.
    position = 0
    for line in top.split("\n")[:8]:
        standalone = date_only_line(line)
        if standalone:
            return standalone, position + len(line)
        for separator in list(DATELINE_SEPARATOR.finditer(line))[:3]:
            if separator.start() > 90:
                break
            found = dateline_date(line[:separator.start()])
            if found:
                return found, position + separator.end()
        position += len(line) + 1
    return None, 0


def date_only_line(line):
    """Return the date of a line holding only a date, perhaps after a place and a weekday, or None."""
    line = line.strip()
    if len(line) > 60:
        return None
    for pattern, precision in DATE_PATTERNS:
        match = pattern.search(line)
        if match and precision == "day":
            if match.end() == len(line) and DATE_ONLY_LINE_REST.match(line[:match.start()].strip()):
                return parse(match.group(0))
            return None
    return None


def dateline_date(text):
    """Return the first complete date of a dateline's text, or None when a sentence comes before it."""
    for pattern, precision in DATE_PATTERNS:
        match = pattern.search(text)
        if match and precision == "day":
            if SENTENCE_WORD.search(text[:match.start()]):
                return None
            return parse(match.group(0))
    return None


def first_date(text):
    """Return the first complete date in the text, or None."""
    for pattern, precision in DATE_PATTERNS:
        match = pattern.search(text)
        if match and precision == "day":
            return parse(match.group(0))
    return None


def signing_date(sentences, published_on, language="en", *, dateline_end=0):
    """Return (date, precision, quote, warnings) of a signing, read from the sentences that report it.

    Text before `dateline_end` (a date line or a dateline) is never read: the publication
    date is not the signing date.
    """
    found_warnings = []
    for sentence in sentences:
        text = sentence.text[max(0, dateline_end - sentence.start):]
        text = ANNOUNCED_ON.sub(" ", text)
        explicit = explicit_date(text, published_on, language)
        if explicit:
            day, precision = explicit
            return day, precision, sentence.text, found_warnings
        relative = relative_date(text, published_on)
        if relative:
            return relative[0], relative[2], sentence.text, found_warnings + relative[1]
        if VAGUE.search(text):
            found_warnings.append("The signing is reported as recent, without a date: the date is left unknown.")
            return None, "unknown", sentence.text, found_warnings
    return None, "unknown", None, found_warnings


def explicit_date(text, published_on, language):
    languages = [language, "en"] if language != "en" else ["en"]
    for pattern, precision in DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        fragment = match.group(0)
        if precision == "day_of_month":
            if not published_on or not 1 <= int(match.group(1)) <= 31:
                continue
            return day_of_month(int(match.group(1)), published_on), "day"
        if precision == "day_no_year":
            if not published_on:
                continue
            day = parse(f"{fragment} {published_on.year}", languages)
            if day and day > published_on:
                # "signed on 28 December", published in January: last year's December.
                day = day.replace(year=day.year - 1)
            return (day, "day") if day else None
        day = parse(fragment, languages)
        if day is None:
            continue
        if precision == "month":
            return day.replace(day=1), "month"
        return day, "day"
    return None


THIS_MONTH = re.compile(r"\b(?:earlier this month|this month|diesen Monat|Anfang des Monats)\b", re.I)
LAST_MONTH = re.compile(r"\b(?:last month|the previous month|im vergangenen Monat|letzten Monat)\b", re.I)


def day_of_month(number, published_on):
    """Return the day of that number on or before the publication date: this month's, or last month's."""
    month = published_on.replace(day=1)
    for _tries in range(3):
        try:
            day = month.replace(day=number)
        except ValueError:
            day = None
        if day and day <= published_on:
            return day
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return None


def relative_date(text, published_on):
    """Return (date, warnings, precision) for 'today', 'yesterday', a weekday or 'last month', from the publication date."""
    if not published_on:
        return None
    if TODAY.search(text):
        return published_on, ["'Today' is read as the publication date."], "day"
    if YESTERDAY.search(text):
        return published_on - datetime.timedelta(days=1), [], "day"
    match = WEEKDAY.search(text)
    if match:
        weekday = WEEKDAYS[match.group(1).lower()]
        back = (published_on.weekday() - weekday) % 7
        day = published_on - datetime.timedelta(days=back)
        return day, [f"The signing date is the {match.group(1)} on or before the publication date."], "day"
    if THIS_MONTH.search(text):
        return published_on.replace(day=1), [], "month"
    if LAST_MONTH.search(text):
        last = published_on.replace(day=1) - datetime.timedelta(days=1)
        return last.replace(day=1), [], "month"
    return None
