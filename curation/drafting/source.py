"""What the article is: its text, headline, publisher, publication date and language."""
import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import trafilatura
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from curation.drafting.dates import publication_date_in, to_date
from curation.drafting.text import Sentence, split_sentences

# The lines at the top of a saved page where a date, a byline or site furniture stand.
HEADER_LINES = 12
COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:\d{4}\s*)?([A-Z][\w&.' -]{2,60}?)(?:,|\.|\s+All rights|>|$)", re.I)
AGENCY = re.compile(r"\((Yonhap|Reuters|AFP|AP|WAM|SPA|KUNA|QNA|PTI|IANS|ANI|Xinhua|Kyodo|dpa|VNA|Bernama)\)")


@dataclass
class Article:
    """The text the engine reads, and what is known of where it was published."""

    text: str
    title: str
    publisher: str | None
    url: str | None
    published_on: object
    language: str
    sentences: list[Sentence] = field(default_factory=list)
    # Where a date line or dateline at the top ends: no signing date is read before it.
    dateline_end: int = 0
    # Whether the dateline's country writes numeric dates month first (5/12/2025 is 12 May elsewhere).
    month_first: bool = False
    warnings: list[str] = field(default_factory=list)


def read_article(*, text=None, html=None, url=None, published_on=None):
    """Return the Article of a plain text or of a saved web page's HTML."""
    if (text is None) == (html is None):
        raise ValueError("Give exactly one of text or html.")
    warnings = []
    title = publisher = found_date = None
    if html is not None:
        text, title, publisher, found_date = read_html(html, url)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sentences = split_sentences(text[:body_end(text)])
    dated, dateline_end, month_first = publication_date_in(text)
    title = title or headline_of(text) or lead_of(text, sentences, dateline_end)
    publisher = publisher or publisher_of(text, url)
    found_date = found_date or dated
    if published_on and found_date and found_date != published_on:
        warnings.append(
            f"The article's own date is {found_date.isoformat()}; the date given, {published_on.isoformat()}, is used."
        )
    if not (published_on or found_date):
        warnings.append("No publication date found: weekdays and 'today' could not be resolved.")
    return Article(
        text=text, title=title, publisher=publisher, url=url or None, published_on=published_on or found_date,
        language=language_of(text), sentences=sentences, dateline_end=dateline_end, month_first=month_first,
        warnings=warnings,
    )


def read_html(html, url):
    """Return the main text, headline, site name and publication date of a saved page."""
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
    )
    if document is None or not (document.text or "").strip():
        return trafilatura.html2txt(html) or "", None, None, None
    return document.text, document.title, document.sitename or None, to_date(document.date)


# Lines where a saved page's article ends and its furniture begins: comments, related links.
FURNITURE = re.compile(
    r"(?im)^\s*(?:comments(?:\s+\d+)?|post a (?:new )?comment|you might also like|related (?:articles|news|stories|posts)|"
    r"read more|more on\b|other articles by|share this|tags:|<?\s*©|copyright\b|back to top|most viewed|"
    r"please leave|leave a comment|the opinions expressed here|media contacts?|press contacts?|contact:|"
    r"###|-\s*ends\s*-|–\s*ends\s*–|"
    # A press release's boilerplate: a line "About Mayo Clinic" alone, then the company's description.
    r"about\s+(?-i:[A-Z][\w&’'-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+|für\s+)?[A-Z][\w&’'.-]*){0,8})\s*$)(?!\w).*$"
)


def body_end(text):
    """Return where the article's own text ends, before the page's comments and links."""
    # The first lines can be menus that repeat these words: the body is looked for after them.
    match = FURNITURE.search(text, min(len(text), 200))
    return match.start() if match else len(text)


def headline_of(text):
    """Return the headline: the first line near the top whose words the article goes on to use."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    body = " ".join(lines).lower()
    for line in lines[:HEADER_LINES]:
        han = "".join(re.findall(r"[\u3040-\u30ff\u3400-\u9fff]+", line))
        if len(han) >= 8:
            # Chinese and Japanese write no spaces: the words are the line's pairs of characters.
            words = [han[i:i + 2] for i in range(len(han) - 1)]
            if len(line) > 80 or line.endswith(("。", "：", ":")) or is_header_line(line):
                continue
        else:
            words = re.findall(r"[\w'-]{4,}", line.lower())
            if not (4 <= len(line.split()) <= 30) or line.endswith((".", ":")) or is_header_line(line):
                continue
        used = sum(body.count(word) > 1 for word in words)
        if words and used >= 2 and used / len(words) >= 0.3:
            return line
    return None


def lead_of(text, sentences, dateline_end):
    """Return the first sentence, after any dateline, as the title of a text without a headline."""
    if not sentences:
        return ""
    first = next((s for s in sentences if s.start + len(s.text) > dateline_end), sentences[0])
    lead = first.text[max(0, dateline_end - first.start):].strip()
    if len(lead) > 160:
        lead = lead[:160].rsplit(" ", 1)[0] + " …"
    return lead


def is_header_line(line):
    return bool(re.match(r"(?i)\s*(•|date\b|published|updated?\b|posted|by\s|home\b|search\b)", line))


def publisher_of(text, url):
    """Return the publisher the text names (a copyright line, a news agency), else the web address's site."""
    match = COPYRIGHT.search(text)
    if match:
        return match.group(1).strip()
    match = AGENCY.search(text[:600])
    if match:
        return match.group(1)
    if url:
        host = urlparse(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


# The languages the engine has words for, and those a press release near them is often in: the
# detector chooses among these only, so a short Spanish text is never read as Latin or Galician.
LANGUAGES = ["en", "de", "ko", "ar", "zh", "ja", "es", "fr", "pt", "vi", "it", "nl", "id", "ru", "tr"]


@functools.cache
def language_identifier():
    """Return the language detector, loaded once per process (its model takes about 0.7 s to read)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return identifier


def language_of(text):
    """Return the BCP 47 code of the article's language, as a trained detector reads its text.

    Names in Latin letters inside a Korean or Arabic text weigh little against its script, so
    the text as a whole is classified, bounded to its first 20,000 characters.
    """
    code, _probability = language_identifier().classify(text[:20000])
    return code
