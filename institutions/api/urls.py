from rest_framework.routers import SimpleRouter

from institutions.api.views import InstitutionViewSet

router = SimpleRouter()
router.register("institutions", InstitutionViewSet, basename="institution")

urlpatterns = router.urls
