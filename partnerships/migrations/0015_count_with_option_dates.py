from django.db import migrations


def count_existing_agreements(apps, schema_editor):
    """Store every agreement's options with its date, and count them (once 0009's work).

    The same set-based SQL that recounts everything after a bulk load. A migration of its own:
    the tables' indexes, which the recount drops and makes again, exist only once the
    migration that creates them has ended.
    """
    from partnerships.counts import rebuild

    if apps.get_model("partnerships", "Agreement").objects.exists():
        rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ("partnerships", "0014_option_dates"),
    ]

    operations = [
        # The index on (facet, value, signed_on DESC) differs by database: partnerships.apps
        # makes it after every migrate, and rebuild() with the others.
        migrations.RunPython(count_existing_agreements, migrations.RunPython.noop),
    ]
