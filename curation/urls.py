"""The curators' pages and the public's forms for corrections and missing partnerships."""
app_name = "curation"

urlpatterns = []
