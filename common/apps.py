from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """What every app of the directory shares: the data version, caching, search, API conventions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "common"
    verbose_name = _("Directory")
