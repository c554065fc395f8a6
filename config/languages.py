"""Which language a reader gets, and the address of a page in another language.

Pages in English keep their plain addresses; the other languages put their code first
(/ko/partnerships/?country=KR). The API (/api/) and the curators' admin are never prefixed.
"""
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

# Addresses that have one form in every language.
UNPREFIXED = ("/api/", "/admin/", "/language/", "/" + settings.STATIC_URL.lstrip("/"))


def is_translated_path(path):
    """Whether the path is a page that exists under each language's prefix."""
    return not path.startswith(UNPREFIXED)


def path_in(language, path):
    """Return the path (with its query string) of the same page in the language."""
    current = translation.get_language_from_path(path)
    if current:
        path = path[len(current) + 1:] or "/"
    if not is_translated_path(path) or language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def language_tag(language):
    """Return the BCP 47 tag of a Django language code (zh-hans: zh-Hans) for lang and hreflang."""
    return translation.to_locale(language).replace("_", "-")


def accepted_language(request):
    """Return the supported language the Accept-Language header prefers, English when none."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def preferred_language(request):
    """Return the reader's language for a plain address: the switcher's cookie, else Accept-Language."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    return accepted_language(request)


def address_in(language, request):
    """Return the site-rooted address of the requested page, query string included, in the language."""
    return request.META.get("SCRIPT_NAME", "").rstrip("/") + path_in(language, request.get_full_path_info())
