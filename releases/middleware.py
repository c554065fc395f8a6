from releases.citations import stable_address

# The views that answer with one agreement's or institution's record, and the page that is its stable address.
RECORD_VIEWS = {
    "partnerships:detail": "partnerships:detail",
    "agreement-detail": "partnerships:detail",
    "agreement-citation": "partnerships:detail",
    "institutions:detail": "institutions:detail",
    "institution-detail": "institutions:detail",
    "institution-citation": "institutions:detail",
}


class CiteAsLinkMiddleware:
    """Give an agreement's or institution's page and API answers `Link: <its page>; rel="cite-as"` (RFC 8574)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is None or response.status_code not in (200, 304) or "slug" not in match.kwargs:
            return response
        page = RECORD_VIEWS.get(match.view_name)
        if page:
            link = f'<{stable_address(request, page, match.kwargs["slug"])}>; rel="cite-as"'
            existing = response.get("Link")
            response["Link"] = f"{existing}, {link}" if existing and link not in existing else link
        return response
