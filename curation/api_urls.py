"""The curation endpoints of the JSON API (curators only)."""
urlpatterns = []
