from django.urls import path
from rest_framework.routers import SimpleRouter

from releases.api.views import AgreementCitationView, InstitutionCitationView, ReleaseViewSet

router = SimpleRouter()
router.register("releases", ReleaseViewSet, basename="release")

urlpatterns = [
    *router.urls,
    path("agreements/<slug:slug>/citation/", AgreementCitationView.as_view(), name="agreement-citation"),
    path("institutions/<slug:slug>/citation/", InstitutionCitationView.as_view(), name="institution-citation"),
]
