from django.urls import path

from partnerships import views
from partnerships.feeds import AgreementFeed

app_name = "partnerships"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("partnerships/", views.AgreementListView.as_view(), name="list"),
    path("partnerships/feed/", AgreementFeed(), name="feed"),
    path("partnerships/network/", views.NetworkPictureView.as_view(), name="network_picture"),
    path("partnerships/network.graphml", views.NetworkFileView.as_view(), {"extension": "graphml"}, name="network_graphml"),
    path("partnerships/network.gexf", views.NetworkFileView.as_view(), {"extension": "gexf"}, name="network_gexf"),
    path("partnerships/<slug:slug>/", views.AgreementDetailView.as_view(), name="detail"),
    path("countries/", views.CountryListView.as_view(), name="country_list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("areas/", views.AreaListView.as_view(), name="area_list"),
    path("areas/<slug:slug>/", views.AreaDetailView.as_view(), name="area_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
]
