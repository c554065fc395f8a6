from django.apps import AppConfig


class WatchingConfig(AppConfig):
    """Finding the articles: the feeds and sitemaps curators watch, and the queue of candidate articles they yield."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "watching"
    verbose_name = "Watched sources"
