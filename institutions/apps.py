from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "institutions"
    verbose_name = _("Institutions")

    def ready(self):
        post_migrate.connect(make_search_tables, sender=self)


def make_search_tables(sender, using, **kwargs):
    from institutions.models import Institution
    from common.search import ensure_sqlite_search_tables

    ensure_sqlite_search_tables(connections[using], [(Institution, "search_names")])
