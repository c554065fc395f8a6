from django.urls import path

from releases import citations, views

app_name = "releases"

urlpatterns = [
    path("releases/", views.ReleaseListView.as_view(), name="list"),
    path("releases/latest/", views.latest, name="latest"),
    path("releases/latest/<str:filename>", views.latest, name="latest_file"),
    path("releases/<int:number>/", views.ReleaseDetailView.as_view(), name="detail"),
    path("releases/<int:number>/<str:filename>", views.release_file, name="file"),
]

# A record's citation as a file: cite.bib (BibTeX), cite.ris (RIS), cite.json (CSL-JSON), cite.txt (formatted).
urlpatterns += [
    path("partnerships/<slug:slug>/cite.<str:extension>", citations.citation_file, {"kind": "agreements"},
         name="agreement_citation"),
    path("institutions/<slug:slug>/cite.<str:extension>", citations.citation_file, {"kind": "institutions"},
         name="institution_citation"),
]
