"""Dates written in English inside recorded text ("20 February 2024 (the press release's date line)"),
shown as the reader's language writes a date; the rest of the text is left as recorded."""
import datetime
import re

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ENGLISH_DATE = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})\b|\b(\d{{4}})-(\d\d)-(\d\d)\b")


@register.filter(needs_autoescape=False)
def dates_in_reader_language(text):
    """The text, escaped, with each date isolated in <bdi> (an Arabic date inside English words keeps its place)."""
    def written(match):
        try:
            if match.group(1):
                day = datetime.date(int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match.group(1)))
            else:
                day = datetime.date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        except ValueError:
            return conditional_escape(match.group(0))
        return format_html("<bdi>{}</bdi>", date_format(day, "DATE_FORMAT"))

    text, parts, end = str(text or ""), [], 0
    for match in ENGLISH_DATE.finditer(text):
        parts += [conditional_escape(text[end:match.start()]), written(match)]
        end = match.end()
    parts.append(conditional_escape(text[end:]))
    return mark_safe("".join(parts))
