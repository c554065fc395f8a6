"""Quoting a source's words once: a sentence that opens with its own quotation mark gets no second pair."""
from django import template

register = template.Library()

# Marks that open a quotation in the languages the sources are written in.
OPENING_MARKS = "\"'“‘«„「『‹"
CLOSING_MARKS = "\"'”’»“」』›"


@register.filter
def quoted(text):
    """Return the text in quotation marks, unless it already stands in its own."""
    text = (text or "").strip()
    if text[:1] in OPENING_MARKS and text[-1:] in CLOSING_MARKS + ".,":
        return text
    return f"“{text}”"
