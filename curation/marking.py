"""The article's text as HTML with each evidence quote of a draft marked, so a field can link to its sentence."""
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def quotes_of(proposal):
    """Return every evidence quote of the proposal, each once, in the order the draft gives them."""
    quotes = []
    for agreement in (proposal or {}).get("agreements") or []:
        for item in agreement.get("evidence") or []:
            quotes.append(item.get("quote"))
        for key in ("parties", "people", "areas"):
            quotes.extend(row.get("evidence") for row in agreement.get(key) or [])
    return list(dict.fromkeys(quote.strip() for quote in quotes if isinstance(quote, str) and quote.strip()))


def find(text, quote):
    """Return (start, end) of the quote in the text, white space forgiven, or None."""
    words = quote.split()
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return match.span() if match else None


# A sentence ends at . ! ? (or their CJK forms) and a space, or at a line's end; not after "Dr." or "C.".
SENTENCE_END = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bSt)(?<!\bNo)(?<!\bCo)(?<!\bInc)(?<!\bLtd)(?<!\bJr)"
    r"(?<!\bSr)(?<!\bvs)(?<!\b[A-Z])[.!?]+[\"”’»)]*(?=\s)|[。！？]+[」”』]*|\n"
)


def sentence_spans(text):
    """Return (start, end) of each sentence of the text, white space around it left out."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for start, end in spans:
        piece = text[start:end]
        if piece.strip():
            left = len(piece) - len(piece.lstrip())
            trimmed.append((start + left, start + len(piece.rstrip())))
    return trimmed


def marked_article(text, quotes):
    """Return (HTML of the text with <mark>s, {quote: anchor id}, [quotes not found in the text]).

    Each sentence is a <span class="sentence">, which a curator clicks to cite it; a quote's
    marks are cut at sentence ends so that every element closes inside its sentence.
    """
    spans, anchors, missing = [], {}, []
    quotes = list(dict.fromkeys(quote.strip() for quote in quotes if isinstance(quote, str) and quote.strip()))
    for number, quote in enumerate(quotes, start=1):
        span = find(text, quote)
        if span is None:
            missing.append(quote)
            continue
        anchors[quote] = f"quote-{number}"
        spans.append((*span, anchors[quote]))
    sentences = sentence_spans(text)
    # Quotes may overlap: cut the text at every boundary and mark each piece that a quote covers.
    cuts = sorted({
        0, len(text), *(start for start, _end, _id in spans), *(end for _start, end, _id in spans),
        *(start for start, _end in sentences), *(end for _start, end in sentences),
    })
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        if any(s == start for s, _e in sentences):
            pieces.append('<span class="sentence">')
        piece = escape(text[start:end])
        starting = [anchor for s, _e, anchor in spans if s == start]
        covered = any(s <= start and end <= e for s, e, _anchor in spans)
        # An anchor per quote that starts here; the first one carries the mark's id.
        opening = "".join(f'<span id="{anchor}" class="quote-anchor"></span>' for anchor in starting)
        pieces.append(f"{opening}<mark>{piece}</mark>" if covered else opening + piece)
        if any(e == end for _s, e in sentences):
            pieces.append("</span>")
    return mark_safe("".join(pieces)), anchors, missing
