from rest_framework.routers import SimpleRouter

from partnerships.api.views import AgreementViewSet, AreaViewSet, CountryViewSet, PersonViewSet

router = SimpleRouter()
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("areas", AreaViewSet, basename="area")
router.register("countries", CountryViewSet, basename="country")
router.register("people", PersonViewSet, basename="person")

urlpatterns = router.urls
