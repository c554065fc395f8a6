from django.apps import AppConfig


class CurationConfig(AppConfig):
    """From articles to reviewed records: drafts for curators and suggestions from the public."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "curation"
    verbose_name = "Curation"
