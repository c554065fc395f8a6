"""How many suggestions one address may send: DEFAULT_THROTTLE_RATES["suggestions"] (DJANGO_SUGGESTION_RATE)."""
from rest_framework.throttling import SimpleRateThrottle

from config.throttling import SettingsRateMixin, client_address


class SuggestionRateThrottle(SettingsRateMixin, SimpleRateThrottle):
    """Count every submitted form per client address (behind DJANGO_NUM_PROXIES proxies, the forwarded one)."""

    scope = "suggestions"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
