from django.db import migrations, models


def keep_proposals_as_drafted(apps, schema_editor):
    # An older draft's corrections were not kept apart: its proposal is the best record of what was drafted.
    Draft = apps.get_model("curation", "Draft")
    for draft in Draft.objects.only("pk", "proposal").iterator():
        Draft.objects.filter(pk=draft.pk).update(drafted=draft.proposal)


class Migration(migrations.Migration):
    dependencies = [("curation", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="drafted",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="as drafted",
                help_text="The assistant's proposal as it was made, before any correction.",
            ),
        ),
        migrations.RunPython(keep_proposals_as_drafted, migrations.RunPython.noop),
    ]
