from django.urls import include, path

from bench import ceiling

urlpatterns = [
    path("bench/ceiling/country/", ceiling.agreements_by_country),
    path("bench/ceiling/area/", ceiling.agreements_by_area),
    path("bench/ceiling/search/", ceiling.agreements_matching),
    path("bench/ceiling/agreements/<slug:slug>/", ceiling.agreement_detail),
    path("", include("config.urls")),
]
