from django.db import migrations


class Migration(migrations.Migration):
    """The data version moves to the common app, which every app's models share; its row stays."""

    dependencies = [
        ("partnerships", "0006_reserved_slugs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("DataVersion", "common_dataversion")],
            state_operations=[migrations.DeleteModel("DataVersion")],
        ),
    ]
