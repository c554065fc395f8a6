from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        post_migrate.connect(make_search_tables, sender=self)
        # Connects the receivers that keep the facet counts current on every write.
        from partnerships import counts  # noqa: F401


def make_search_tables(sender, using, **kwargs):
    from common.search import ensure_sqlite_search_tables
    from partnerships.models import Agreement, Person

    connection = connections[using]
    ensure_sqlite_search_tables(connection, [(Agreement, "search_text"), (Person, "search_names")])
    make_option_indexes(connection)
    if connection.vendor == "sqlite":
        # Newest first, undated last: SQLite's DESC already puts NULLs last. Made here rather
        # than in a migration because SQLite migrations that rebuild the table drop it.
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS agreement_newest_idx ON partnerships_agreement (signed_on DESC, title, id)"
            )


def make_option_indexes(connection):
    """Make the stored options' newest-first index, once the migrations have given them their date."""
    from partnerships import counts
    from partnerships.models import AgreementFacetValue

    table = AgreementFacetValue._meta.db_table
    with connection.cursor() as cursor:
        exists = table in connection.introspection.table_names(cursor)
        columns = {column.name for column in connection.introspection.get_table_description(cursor, table)} if exists else set()
    if "signed_on" in columns:  # not when migrated back to before it
        counts.create_newest_with_option_index(connection)
