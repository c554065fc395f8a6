from django.db.models import Count
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.api import (
    AllowedMethodsFirstMixin,
    CSVExportMixin,
    JSONRenderer,
    ReportsAllBadParametersMixin,
)
from common.conditional_requests import (
    NOT_MODIFIED,
    PRECONDITION_FAILED,
    ConditionalRecordMixin,
)
from institutions.models import Institution
from partnerships import counts
from partnerships.api.serializers import (
    AgreementCSVSerializer,
    AgreementDetailSerializer,
    AgreementFacetsSerializer,
    AgreementNetworkSerializer,
    AgreementSerializer,
    AgreementWriteSerializer,
    AreaSerializer,
    CountrySerializer,
    PersonDetailSerializer,
    PersonSerializer,
)
from partnerships.filtersets import AgreementFilterSet, PersonFilterSet
from partnerships.models import Agreement, Area, Person, load_evidence
from partnerships.network_files import Network

FORMAT_PARAMETER = OpenApiParameter(
    "format", OpenApiTypes.STR, enum=["json", "csv"],
    description="csv: every matching row as CSV (UTF-8 with a byte-order mark), not paginated. "
    "Accept: text/csv does the same.",
)


# A slug never names the list's own actions: /agreements/facets/ is not a agreement.
AGREEMENT_SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, pattern=r"^(?!(facets|network)$)[-a-zA-Z0-9_]+$",
    description="The agreement's slug.",
)


@extend_schema_view(
    list=extend_schema(summary="List agreements", parameters=[FORMAT_PARAMETER]),
    retrieve=extend_schema(
        parameters=[AGREEMENT_SLUG],
        summary="One agreement, with the evidence for each fact",
        responses={200: AgreementDetailSerializer, 304: NOT_MODIFIED},
    ),
    create=extend_schema(request=AgreementWriteSerializer, responses={201: AgreementDetailSerializer}),
    update=extend_schema(
        parameters=[AGREEMENT_SLUG],
        request=AgreementWriteSerializer, responses={200: AgreementDetailSerializer, 412: PRECONDITION_FAILED}
    ),
    partial_update=extend_schema(
        parameters=[AGREEMENT_SLUG],
        request=AgreementWriteSerializer, responses={200: AgreementDetailSerializer, 412: PRECONDITION_FAILED}
    ),
    destroy=extend_schema(
        parameters=[AGREEMENT_SLUG],responses={204: None, 412: PRECONDITION_FAILED}),
)
class AgreementViewSet(AllowedMethodsFirstMixin, ReportsAllBadParametersMixin, ConditionalRecordMixin, CSVExportMixin, viewsets.ModelViewSet):
    """Partnership agreements: memoranda of understanding, other agreements and collaborations."""

    queryset = Agreement.objects.for_listing()
    filterset_class = AgreementFilterSet
    lookup_field = "slug"
    csv_serializer_class = AgreementCSVSerializer
    csv_filename = "agreements.csv"

    def get_queryset(self):
        if self.action == "list" and self.request.accepted_renderer.format != "csv":
            # The page's related rows come from AgreementListSerializer's own flat queries.
            return Agreement.objects.defer("search_text")
        if self.action == "retrieve" and self.request.accepted_renderer.format != "csv":
            # Parties, areas, people and sources come from AgreementDetailSerializer's flat queries,
            # what supports its facts from get_object; a record's CSV is its list row, from the list's queryset.
            return Agreement.objects.with_evidence_flags()
        if self.action in {"facets", "network"}:
            return Agreement.objects.all()
        return super().get_queryset()

    def get_object(self):
        agreement = super().get_object()
        # Flagged only where get_queryset asked (a record as JSON); writes and CSV read it otherwise.
        return load_evidence(agreement) if hasattr(agreement, "has_evidence") else agreement

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return AgreementWriteSerializer
        if self.action == "retrieve":
            return AgreementDetailSerializer
        return AgreementSerializer

    @extend_schema(
        filters=True,
        summary="Facet counts of the filtered agreements",
        description="How many of the agreements that match the filters fall under each country, focus area, "
        "kind, year, institution and kind of institution.",
        responses=AgreementFacetsSerializer,
    )
    @action(detail=False, renderer_classes=[JSONRenderer])
    def facets(self, request):
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        facets = filterset.facet_counts()
        return Response({**facets, "counted_over_newest": filterset.counted_over_newest})

    @extend_schema(
        filters=True,
        summary="The network of the filtered agreements, as a JSON edge list",
        description="Institutions as nodes (with country and kind) and, for every agreement, an edge between "
        "each pair of its parties (with its date, kind and status). At most `limit` agreements are included, "
        "the latest added; `is_partial` says whether some were left out. The same network as GraphML and GEXF, "
        "for Gephi: /partnerships/network.graphml and /partnerships/network.gexf with the same filters.",
        responses=AgreementNetworkSerializer,
    )
    @action(detail=False, renderer_classes=[JSONRenderer])
    def network(self, request):
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return Response(Network(filterset, request=request).as_json())


@extend_schema_view(list=extend_schema(summary="The focus-area taxonomy with agreement counts"))
class AreaViewSet(AllowedMethodsFirstMixin, viewsets.ReadOnlyModelViewSet):
    """The focus areas of agreements, a two-level taxonomy."""

    queryset = Area.objects.select_related("parent").order_by("parent__name", "name")
    serializer_class = AreaSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "agreement_counts": counts.agreements_per("area")}


@extend_schema_view(list=extend_schema(summary="Countries with institutions, and their agreement counts"))
class CountryViewSet(AllowedMethodsFirstMixin, viewsets.ViewSet):
    """Countries with institutions in the directory."""

    serializer_class = CountrySerializer
    pagination_class = None
    # Countries are computed, never written: reading is open to all.
    permission_classes = [permissions.AllowAny]

    def list(self, request):
        institution_counts = dict(
            Institution.objects.order_by().values("country").annotate(count=Count("pk")).values_list("country", "count")
        )
        agreement_counts = counts.agreements_per("country")
        rows = [
            {
                "code": code, "name": countries.name(code),
                "institution_count": count, "agreement_count": agreement_counts.get(code, 0),
            }
            for code, count in institution_counts.items()
        ]
        rows.sort(key=lambda row: (-row["agreement_count"], row["name"]))
        return Response(CountrySerializer(rows, many=True).data)


class PersonViewSet(AllowedMethodsFirstMixin, viewsets.ReadOnlyModelViewSet):
    """People who signed, attended, spoke about or led agreements."""

    queryset = Person.objects.with_agreement_counts().order_by("name")
    filterset_class = PersonFilterSet
    lookup_field = "slug"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("participations__agreement", "participations__institution")
        return queryset

    def get_serializer_class(self):
        return PersonDetailSerializer if self.action == "retrieve" else PersonSerializer
