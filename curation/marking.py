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


def marked_article(text, proposal):
    """Return (HTML of the text with <mark>s, {quote: anchor id}, [quotes not found in the text])."""
    spans, anchors, missing = [], {}, []
    for number, quote in enumerate(quotes_of(proposal), start=1):
        span = find(text, quote)
        if span is None:
            missing.append(quote)
            continue
        anchors[quote] = f"quote-{number}"
        spans.append((*span, anchors[quote]))
    # Quotes may overlap: cut the text at every boundary and mark each piece that a quote covers.
    cuts = sorted({0, len(text), *(start for start, _end, _id in spans), *(end for _start, end, _id in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        piece = escape(text[start:end])
        starting = [anchor for s, _e, anchor in spans if s == start]
        covered = any(s <= start and end <= e for s, e, _anchor in spans)
        # An anchor per quote that starts here; the first one carries the mark's id.
        opening = "".join(f'<span id="{anchor}" class="quote-anchor"></span>' for anchor in starting)
        pieces.append(f"{opening}<mark>{piece}</mark>" if covered else opening + piece)
    return mark_safe("".join(pieces)), anchors, missing
