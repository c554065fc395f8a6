from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("partnerships/", views.AgreementListView.as_view(), name="list"),
    path("partnerships/feed/", views.LatestAgreementsFeed(), name="feed"),
    path("partnerships/<slug:slug>/", views.AgreementDetailView.as_view(), name="detail"),
    path("countries/", views.CountryListView.as_view(), name="country_list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("areas/", views.AreaListView.as_view(), name="area_list"),
    path("areas/<slug:slug>/", views.AreaDetailView.as_view(), name="area_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
]
