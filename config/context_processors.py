"""What every page's template needs: the language switcher and the hreflang alternates."""
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from config.languages import address_in, language_tag


def languages(request):
    """Return each language with the address of this page in it and the switcher's link to it.

    Both keep the query string, so switching languages keeps the filters.
    """
    current = translation.get_language()
    here = request.get_full_path_info()
    choices = [
        {
            "code": code,
            "name": name,
            "tag": language_tag(code),
            "is_current": code == current,
            "address": request.build_absolute_uri(address_in(code, request)),
            "switch": f"{reverse('choose-language', args=[code])}?{urlencode({'next': here})}",
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "languages": choices,
        "language_tag": language_tag(current),
        "default_language_address": request.build_absolute_uri(address_in(settings.LANGUAGE_CODE, request)),
    }
