"""Rate limits for the JSON API: a low one per anonymous address, a higher one per signed-in user.

The rates are REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] in settings (DJANGO_API_ANON_RATE,
DJANGO_API_USER_RATE). Each request is counted in Django's default cache; a refused one
answers 429 with Retry-After.
"""
from rest_framework import throttling
from rest_framework.settings import api_settings


def client_address(request):
    """Return the client's address as the rate limits count it: behind NUM_PROXIES proxies, from X-Forwarded-For.

    The admin's sign-in lockout (django-axes) counts failures by the same address.
    """
    return throttling.BaseThrottle().get_ident(request)


class SettingsRateMixin:
    """Read the rate when a request comes, not when DRF is imported, so a changed setting applies."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(SettingsRateMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    pass
