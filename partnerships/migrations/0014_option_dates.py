from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("partnerships", "0013_merge_area_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreementfacetvalue",
            name="signed_on",
            field=models.DateField(blank=True, null=True),
        ),
    ]
