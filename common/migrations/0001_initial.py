from django.db import migrations, models


class Migration(migrations.Migration):
    """Take over the data version's table from partnerships (its migration 0007 renamed it)."""

    initial = True

    dependencies = [
        ("partnerships", "0007_data_version_to_common"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="DataVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.PositiveBigIntegerField(default=0)),
                    ],
                    options={"verbose_name": "data version"},
                ),
            ],
        ),
    ]
