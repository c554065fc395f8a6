from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    """Numbered, immutable snapshots of the published directory, and how to cite its records."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "releases"
    verbose_name = "Releases"
