from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework import viewsets

from common.conditional_requests import NOT_MODIFIED, PRECONDITION_FAILED, ConditionalRecordMixin
from common.api import AllowedMethodsFirstMixin, Conflict, CSVExportMixin, ReportsAllBadParametersMixin
from common.schema import ERROR
from institutions.api.serializers import (
    AutocompleteSerializer, InstitutionCSVSerializer, InstitutionDetailSerializer, InstitutionSerializer, MatchQuerySerializer,
    MatchSerializer, MergedIntoSerializer,
)
from institutions.filtersets import InstitutionAutocompleteFilterSet, InstitutionFilterSet
from institutions.matching import match_institution
from institutions.models import Institution, merged_into


# A slug never names the list's own actions: /institutions/autocomplete/ is not a institution.
INSTITUTION_SLUG = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, pattern=r"^(?!(?:autocomplete|match)$)[-a-zA-Z0-9_]+$",
    description="The institution's slug.",
)


@extend_schema_view(
    list=extend_schema(summary="List institutions", description="Filter by country, kind, text and whether they have agreements."),
    retrieve=extend_schema(
        parameters=[INSTITUTION_SLUG],
        summary="One institution, with its agreements, partners, parent and sub-units",
        responses={
            200: InstitutionDetailSerializer, 304: NOT_MODIFIED,
            301: OpenApiResponse(MergedIntoSerializer, description="Merged into another record: Location is its address."),
        },
    ),
    update=extend_schema(
        parameters=[INSTITUTION_SLUG],responses={200: InstitutionSerializer, 412: PRECONDITION_FAILED}),
    partial_update=extend_schema(
        parameters=[INSTITUTION_SLUG],responses={200: InstitutionSerializer, 412: PRECONDITION_FAILED}),
    destroy=extend_schema(
        parameters=[INSTITUTION_SLUG],
        responses={
            204: None, 412: PRECONDITION_FAILED,
            409: OpenApiResponse(ERROR, description="Still a party, a parent or a person's institution."),
        }
    ),
)
class InstitutionViewSet(AllowedMethodsFirstMixin, ReportsAllBadParametersMixin, ConditionalRecordMixin, CSVExportMixin, viewsets.ModelViewSet):
    """Hospitals, universities, companies and agencies that are party to agreements."""

    queryset = Institution.objects.order_by("name")
    filterset_class = InstitutionFilterSet
    lookup_field = "slug"
    csv_serializer_class = InstitutionCSVSerializer
    csv_filename = "institutions.csv"

    def get_serializer_class(self):
        return InstitutionDetailSerializer if self.action == "retrieve" else InstitutionSerializer

    def get_queryset(self):
        # Counted through partnerships' relation, so built per request: this app loads without it.
        queryset = super().get_queryset().with_names().with_agreement_counts()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("children", "parties__agreement")
        return queryset

    @extend_schema(
        summary="The ten institutions that best match a name, acronym or native name",
        parameters=[OpenApiParameter("q", str, required=True, description="What the user has typed so far")],
        responses=AutocompleteSerializer(many=True),
        filters=False,
    )
    @action(detail=False, pagination_class=None, filterset_class=InstitutionAutocompleteFilterSet)
    def autocomplete(self, request):
        matches = self.filter_queryset(Institution.objects.all())[:10]
        return Response(AutocompleteSerializer(matches, many=True, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="The institutions a name may be, scored, and the one it clearly is",
        description="How each candidate matched: exact name, native name, alias, acronym, parent + unit or fuzzy. "
                    "`chosen` is the slug of the one candidate scoring 0.9 or more with the next 0.1 or more below it.",
        parameters=[MatchQuerySerializer],
        responses=MatchSerializer,
        filters=False,
    )
    @action(detail=False, pagination_class=None, filter_backends=[])
    def match(self, request):
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = match_institution(
            query.validated_data["name"], country=query.validated_data.get("country"), city=query.validated_data.get("city"),
        )
        return Response(MatchSerializer(found, context=self.get_serializer_context()).data)

    def retrieve(self, request, *args, **kwargs):
        survivor = merged_into(kwargs["slug"])
        if survivor:
            # The record was merged into another: 301 to it, and the body says which.
            url = request.build_absolute_uri(reverse("institution-detail", args=[survivor.slug]))
            return Response({"merged_into": survivor.slug, "url": url}, status=301, headers={"Location": url})
        return super().retrieve(request, *args, **kwargs)

    def perform_destroy(self, institution):
        try:
            institution.delete()
        except ProtectedError as error:
            raise Conflict(
                _("%(name)s is still a party, parent or a person's institution; remove those links first.")
                % {"name": institution.name}
            ) from error

    def get_serializer(self, *args, **kwargs):
        # Partner countries for a whole page in one query, not one per institution.
        if args and self.action == "list":
            kwargs.setdefault("context", self.get_serializer_context())
            ids = [institution.pk for institution in args[0]]
            kwargs["context"]["partner_countries"] = Institution.objects.filter(pk__in=ids).partner_countries()
        return super().get_serializer(*args, **kwargs)
