"""Whether a quoted sentence still states the fact a curator cites it for.

`states(fact, value, quote, language=...)` answers for a party (its names), a person (a name),
a signing date (a day, a month or a year) and an agreement's kind. The review page refuses to
publish a fact whose quote does not state it, unless the curator writes a note.
"""
import datetime
import re
import unicodedata

# Arabic-Indic and Extended Arabic-Indic digits (Persian, Urdu) read as 0-9.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

MONTH_NAMES = {
    1: "january jan enero januar janvier janeiro يناير كانون الثاني جانفي",
    2: "february feb febrero februar février fevereiro فبراير شباط فيفري",
    3: "march mar marzo märz mars março مارس آذار",
    4: "april apr abril avril أبريل ابريل نيسان",
    5: "may mayo mai maio مايو أيار ماي",
    6: "june jun junio juni juin junho يونيو حزيران جوان",
    7: "july jul julio juli juillet julho يوليو تموز جويلية",
    8: "august aug agosto août أغسطس آب أوت",
    9: "september sep sept septiembre septembre setembro سبتمبر أيلول",
    10: "october oct octubre oktober octobre outubro أكتوبر اكتوبر تشرين الأول",
    11: "november nov noviembre novembre novembro نوفمبر تشرين الثاني",
    12: "december dec diciembre dezember décembre dezembro ديسمبر كانون الأول",
}
# Two-word Levantine names ("كانون الثاني") first, so "الثاني" alone is not read as a month.
MONTH_WORDS = sorted(
    ((word, month) for month, words in MONTH_NAMES.items()
     for word in re.findall(r"كانون ال\S+|تشرين ال\S+|\S+", words)),
    key=lambda pair: -len(pair[0]),
)
MONTH_OF_WORD = dict(MONTH_WORDS)
MONTH = "(?P<month>" + "|".join(re.escape(word) for word, _month in MONTH_WORDS) + r")(?![^\W\d_])\.?"
DAY = r"(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th|er|º|\.)?"
YEAR = r"(?P<year>\d{4})(?!\d)"
# A month named alone is a month only when the word means nothing else: "may", "Bach Mai", "Mayo Clinic".
AMBIGUOUS_MONTHS = {"may", "mai", "mayo", "maio", "mars", "ماي", "آب"}
LONE_MONTH = "(?P<month>" + "|".join(
    re.escape(word) for word, _month in MONTH_WORDS if len(word) >= 4 and word not in AMBIGUOUS_MONTHS
) + r"|(?<=in )may|(?<=im )mai|(?<=en )mayo|(?<=de )mayo)(?![^\W\d_])"

# Each pattern finds a day, a month or a year stated together; the groups it lacks are unknown.
DATE_PATTERNS = [re.compile(pattern) for pattern in (
    rf"(?<!\d)(?P<year>\d{{4}})[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?!\d)",
    rf"(?<!\d)(?P<year>\d{{4}})\s*년\s*(?P<month>\d{{1,2}})\s*월(?:\s*(?P<day>\d{{1,2}})\s*일)?",
    rf"(?<!\d)(?P<month>\d{{1,2}})\s*월(?:\s*(?P<day>\d{{1,2}})\s*일)?",
    rf"(?<!\d)(?:(?P<year>\d{{4}})\s*年\s*)?(?P<month>\d{{1,2}})\s*月(?:\s*(?P<day>\d{{1,2}})\s*[日号號])?",
    rf"ngày\s*(?P<day>\d{{1,2}})\s*(?:tháng\s*|/)(?P<month>\d{{1,2}})(?:\s*(?:năm\s*|/)(?P<year>\d{{4}}))?",
    rf"tháng\s*(?P<month>\d{{1,2}})(?:\s*(?:năm\s*|/)(?P<year>\d{{4}}))?",
    rf"(?<![\d\w]){DAY}\s*(?:de\s+|of\s+)?{MONTH}(?:,?\s*(?:de\s+|del\s+)?{YEAR})?",
    rf"(?<![^\W\d_]){MONTH}\s*{DAY}(?:,?\s*{YEAR})?",
    rf"(?<![^\W\d_]){MONTH},?\s*(?:de\s+|del\s+)?{YEAR}",
    rf"(?<![^\W\d_]){LONE_MONTH}",
    # "on the 16th": a day of the month the article gives elsewhere.
    r"(?<![^\W\d_])the (?P<day>\d{1,2})(?:st|nd|rd|th)(?![^\W\d_])",
)]
# 12/05/2025 or 05/12/2025: read both ways, since the article's convention is not known.
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")
ANY_YEAR = re.compile(r"(?<!\d)(1[89]\d{2}|20\d{2})(?!\d)")

# A quote that dates the signing only by a weekday or "today" cannot be checked against a date.
RELATIVE_DAY = re.compile(
    r"(?<![^\W\d_])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|this week|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|heute|gestern|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|hoy|ayer|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|aujourd'hui|hier|"
    r"thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|hôm nay|hôm qua)(?![^\W\d_])"
    r"|[월화수목금토일]요일|오늘|어제|이날|금일|星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六日天]|今天|昨天|"
    r"[月火水木金土日]曜日?|本日|今日|昨日|"
    r"الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد|اليوم|أمس|امس"
)

# The words that name each kind of agreement, in the languages the directory's articles come in.
KIND_WORDS = {
    "mou": r"memorand|\bmous?\b|\bmocs?\b|understanding|양해각서|업무협약|협약|谅解备忘录|備忘錄|备忘录|覚書|覚え書き|مذكرة|"
           r"ghi nhớ|memorando|absichtserkl",
    "agreement": r"agreement|contract|\bdeal\b|\bpact|\bmoas?\b|accord|협약|계약|协议|協議|合同|契約|協定|اتفاق|عقد|"
                 r"vereinbarung|vertrag|verträge|abkommen|thỏa thuận|thoả thuận|hợp đồng|acuerdo|convenio|contrato",
    "framework": r"framework|academic|scientific|strategic|comprehensive|educational|cooperation agreement|"
                 r"collaboration agreement|partnership agreement|기본|학술|框架|学术|學術|枠組|إطار|اطار|rahmen|khung|marco",
    "letter_of_intent": r"intent|\blois?\b|의향서|意向|نوايا|نية|absichtserkl|ý định|intención",
    "renewal": r"renew|extend|extension|갱신|연장|재협약|续签|續簽|延长|延長|更新|تجديد|تمديد|verlänger|erneuer|gia hạn|renova|prorroga|prórroga",
    "collaboration": r"collaborat|cooperat|co-operat|partner|work(?:s|ed|ing)? (?:together|with)|joint|협력|협업|합작|合作|协作|協作|"
                     r"提携|連携|協力|تعاون|شراك|zusammenarbeit|kooperation|partnerschaft|hợp tác|colabora|cooperación",
}
KIND_PATTERNS = {kind: re.compile(words) for kind, words in KIND_WORDS.items()}


def folded(text):
    """Return the text as names and dates compare: compatibility forms, case, quotes, dashes and spacing folded."""
    text = unicodedata.normalize("NFKC", text or "").translate(DIGITS).casefold()
    text = re.sub(r"[\u2018\u2019\u201a\u201b`´]", "'", text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def without_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).replace("đ", "d")


def states(fact, value, quote, *, language=""):
    """Say whether the quote states the value of the fact.

    fact "party": value is a name or a list of names (the institution's name, its other names);
    "person": a name; "date": a `datetime.date` or a (date, precision) pair, precision being
    "day", "month" or "year"; "kind": an Agreement kind. A fact of another kind is not checked.
    `language` is the article's; the checks read every language, so it only breaks ties.
    """
    quote = folded(quote)
    if not quote:
        return False
    if fact == "party":
        names = [value] if isinstance(value, str) else list(value or [])
        return any(names_in(name, quote) for name in names if (name or "").strip())
    if fact == "person":
        # Once named in full, a person is "Han said", "said Dr. Reddy".
        return names_in(value, quote) or surname_in(value, quote)
    if fact == "date":
        day, precision = value if isinstance(value, tuple) else (value, "day")
        return date_stated(day, precision, quote)
    if fact == "kind":
        pattern = KIND_PATTERNS.get(value)
        return pattern is None or bool(pattern.search(quote))
    return True


def names_in(name, quote):
    """Say whether the name occurs in the folded quote: whole, without a bracketed qualifier, or a person's surname."""
    name = folded(name)
    candidates = {name, folded(re.sub(r"\s*[(\[].*?[)\]]", " ", name))} - {""}
    return any(name_occurs(candidate, quote) for candidate in candidates)


def spelled(text):
    # Hyphens and dots in names vary ("Park Seung-il", "Park Seung Il"; "St. Mary's"), and so does English.
    return re.sub(r"centre\b", "center", re.sub(r"[-.·・]", " ", text))


def name_occurs(name, quote):
    name, quote = spelled(name), spelled(quote)
    variants = [(name, quote), (without_accents(name), without_accents(quote))]
    if re.search(r"[^\x00-\u024f]", name):
        # A name in Hangul or Chinese characters is written with or without its spaces.
        variants.append((name.replace(" ", ""), quote.replace(" ", "")))
    return any(words_occur(needle.split(), haystack) for needle, haystack in variants if needle.split())


def words_occur(words, text):
    """Say whether the words occur in the text in order, a Latin word standing alone ("AMC" is not in "camcorder")."""
    def word(token):
        # A genitive or plural ending: "des Universitätsklinikums Heidelberg", "Asan Medical Center's".
        latin = re.fullmatch(r"[a-z0-9\u00c0-\u024f'&]+", token)
        return re.escape(token) + (r"(?:s|es|'s)?(?![a-z0-9\u00c0-\u024f])" if latin else "")

    first = r"(?<![a-z0-9\u00c0-\u024f])" if re.match(r"[a-z0-9\u00c0-\u024f]", words[0]) else ""
    return bool(re.search(first + r"\W*".join(word(token) for token in words), text))


def surname_in(name, quote):
    """Say whether a person's family name, first or last of their name as articles write it, stands in the quote."""
    words = spelled(folded(re.sub(r"\s*[(\[].*?[)\]]", " ", name or ""))).split()
    candidates = {words[0], words[-1]} if len(words) > 1 else set()
    return any(len(word) >= 3 and words_occur([word], spelled(quote)) for word in candidates)


def date_mentions(quote):
    """Return the (day, month, year) the quote states, with None for what a mention leaves out."""
    mentions, taken = [], []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(quote):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            groups = match.groupdict()
            month = groups.get("month")
            month = int(month) if month and month.isdigit() else MONTH_OF_WORD.get((month or "").rstrip("."))
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            if (month and 1 <= month <= 12 or month is None and day) and (day is None or 1 <= day <= 31):
                mentions.append((day, month, year))
    for first, second, year in NUMERIC_DATE.findall(quote):
        year = int(year) + 2000 if len(year) == 2 else int(year)
        mentions.extend((day, month, year) for day, month in ((int(first), int(second)), (int(second), int(first))))
    return mentions


def date_stated(day, precision, quote):
    if not isinstance(day, datetime.date):
        return False
    years = {int(year) for year in ANY_YEAR.findall(quote)}
    if RELATIVE_DAY.search(quote):
        # "on Tuesday", "today": the date was worked out from the article's own date, not read.
        return not years or bool(years & {day.year, day.year + 1})
    if precision == "year":
        return day.year in years
    # A mention without its year is of the article's year, unless the quote names another one.
    def year_fits(year):
        return year == day.year or (year is None and (not years or day.year in years))

    mentions = date_mentions(quote)
    if precision == "month":
        return any(month == day.month and year_fits(year) for _day, month, year in mentions)
    return any(d == day.day and month in {day.month, None} and year_fits(year) for d, month, year in mentions)
