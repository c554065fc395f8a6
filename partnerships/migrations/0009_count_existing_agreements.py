from django.db import migrations


def count_existing_agreements(apps, schema_editor):
    # The same set-based SQL that recounts everything after a bulk load. A migration of its
    # own: the tables' indexes, which the recount drops and makes again, exist only once the
    # migration that creates them has ended.
    from partnerships.counts import rebuild

    rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ("partnerships", "0008_facet_counts"),
    ]

    operations = [
        migrations.RunPython(count_existing_agreements, migrations.RunPython.noop),
    ]
