"""The site's addresses with the raw-SQL ceiling's added before them (the site's own are
listed, not included: language-prefixed patterns may only live in the root URLconf)."""
from django.urls import path

from bench import ceiling
from config import urls as site

urlpatterns = [
    path("bench/ceiling/country/", ceiling.agreements_by_country),
    path("bench/ceiling/area/", ceiling.agreements_by_area),
    path("bench/ceiling/search/", ceiling.agreements_matching),
    path("bench/ceiling/agreements/<slug:slug>/", ceiling.agreement_detail),
    *site.urlpatterns,
]

handler404 = site.handler404
