"""How a record is written for a reader: names in the reader's language and script, dates as precise as known.

Plain functions of values, so that pages reading plain rows (cards, API rows) write them as the records do.
"""
import re
from functools import lru_cache

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from common.text import is_written_in

# The column of an area's name in each language other than English.
AREA_NAME_FIELDS = {"ko": "name_ko", "ar": "name_ar", "de": "name_de", "zh-hans": "name_zh_hans"}


def area_names(name, translated):
    """Return {language: name} from the English name and the translated ones, leaving out blanks."""
    return {settings.LANGUAGE_CODE: name, **{code: value for code, value in translated.items() if value}}


def fold_whitespace(text):
    return re.sub(r"\s+", " ", text).strip()


def display_name_of_person(name, native_name):
    """Return the native-script name when the active language writes in its script, else the name."""
    return native_name if native_name and is_written_in(native_name, get_language()) else name


def date_display(date, precision):
    """Return the date written with no more precision than is known ("March 2024", not "1 March 2024")."""
    if date is None:
        return _("date not reported")
    return date_in_language(date, precision, get_language())


@lru_cache(maxsize=16_384)
def date_in_language(date, precision, language):
    # A page of cards writes 50 dates, mostly the same few: each is worked out once per language.
    # Each language's own order (2025년 3월, März 2025); a year alone as a translated format.
    date_format = {
        "day": "DATE_FORMAT",
        "month": "YEAR_MONTH_FORMAT",
        "year": pgettext("date format of a year alone (PHP date characters)", "Y"),
    }[precision]
    return formats.date_format(date, date_format)
