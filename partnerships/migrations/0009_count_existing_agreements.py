from django.db import migrations


def count_existing_agreements(apps, schema_editor):
    # Moved to 0014_option_dates, which counts with the options' dates: the recount is the
    # application's own code (partnerships.counts.rebuild), written for the latest tables.
    pass


class Migration(migrations.Migration):

    dependencies = [
        ("partnerships", "0008_facet_counts"),
    ]

    operations = [
        migrations.RunPython(count_existing_agreements, migrations.RunPython.noop),
    ]
