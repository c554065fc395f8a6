from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import AllowedMethodsFirstMixin
from releases.api.serializers import CitationSerializer, ReleaseDetailSerializer, ReleaseSerializer
from releases.citations import RecordCitation
from releases.models import Release


@extend_schema_view(
    list=extend_schema(summary="The numbered releases of the directory, latest first, with what changed in each"),
    retrieve=extend_schema(
        summary="One release: its files, row counts and the changes since the release before",
        parameters=[OpenApiParameter("number", int, OpenApiParameter.PATH, description="The release's number.")],
    ),
)
class ReleaseViewSet(AllowedMethodsFirstMixin, viewsets.ReadOnlyModelViewSet):
    """Numbered, unchanging snapshots of the whole directory."""

    queryset = Release.objects.latest_first()
    lookup_field = "number"
    lookup_value_regex = "[0-9]+"
    pagination_class = None
    permission_classes = [permissions.AllowAny]

    def get_serializer_class(self):
        return ReleaseDetailSerializer if self.action == "retrieve" else ReleaseSerializer


class CitationView(AllowedMethodsFirstMixin, APIView):
    """How to cite one record: a formatted reference, CSL-JSON, BibTeX and RIS."""

    kind = None
    permission_classes = [permissions.AllowAny]
    serializer_class = CitationSerializer

    def get(self, request, slug):
        return Response(CitationSerializer(RecordCitation.of(request, self.kind, slug).as_dict()).data)


class AgreementCitationView(CitationView):
    kind = "agreements"

    @extend_schema(summary="How to cite an agreement", responses=CitationSerializer,
                   parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The agreement's slug.")])
    def get(self, request, slug):
        return super().get(request, slug)


class InstitutionCitationView(CitationView):
    kind = "institutions"

    @extend_schema(summary="How to cite an institution", responses=CitationSerializer,
                   parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The institution's slug.")])
    def get(self, request, slug):
        return super().get(request, slug)
