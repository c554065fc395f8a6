"""POST /api/v1/drafts/: the draft assistant for curators, the same function as the command."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import AllowedMethodsFirstMixin
from curation.drafting import draft_from_article
from curation.known_agreements import FACTS
from curation.services import keep_draft
from institutions.models import Institution, InstitutionName
from partnerships.models import Agreement, AgreementEvent, Evidence, Participation

# A long press release is some 20,000 characters; a saved page with its scripts and styles a
# few hundred thousand. Past these limits the request is refused field by field (400).
MAX_TEXT = 200_000
MAX_HTML = 2_000_000


class DraftRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False, max_length=MAX_TEXT, trim_whitespace=False,
        help_text=_("The article as plain text. Give this or html, not both."),
    )
    html = serializers.CharField(
        required=False, max_length=MAX_HTML, trim_whitespace=False,
        help_text=_("The article as a saved web page; its main text, headline, date and site name are read from it."),
    )
    url = serializers.URLField(required=False, allow_null=True, max_length=500, help_text=_("The article's web address."))
    published_on = serializers.DateField(
        required=False, allow_null=True, help_text=_("The publication date, when the article does not give it."),
    )

    def validate(self, data):
        given = [name for name in ("text", "html") if name in data]
        if len(given) != 1:
            message = _("Give the article either as text or as html, not both.") if given else _(
                "Give the article as text or as html."
            )
            raise serializers.ValidationError({"text": [message], "html": [message]})
        if not data[given[0]].strip():
            raise serializers.ValidationError({given[0]: [_("The article is empty.")]})
        return data


class OtherNameDraftSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=InstitutionName.Kind.choices)
    language = serializers.CharField(allow_blank=True, help_text=_("BCP 47 code of a native-script name, e.g. ko."))


class PartyDraftSerializer(serializers.Serializer):
    name = serializers.CharField()
    institution = serializers.CharField(allow_null=True, help_text=_("Slug of the directory's record; null: a new one."))
    country = serializers.CharField(allow_null=True, help_text=_("ISO 3166-1 alpha-2 code, where the text gives it."))
    kind = serializers.ChoiceField(choices=Institution.Kind.choices, allow_null=True)
    parent = serializers.CharField(allow_null=True)
    other_names = OtherNameDraftSerializer(many=True)
    evidence = serializers.CharField(help_text=_("The sentence of the article naming it as a party, verbatim."))


class PersonDraftSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    institution = serializers.CharField(
        allow_blank=True, help_text=_("Slug of the institution the title names, its name if new, or empty."),
    )
    role = serializers.ChoiceField(choices=Participation.Role.choices)
    evidence = serializers.CharField()


class AreaDraftSerializer(serializers.Serializer):
    area = serializers.SlugField(help_text=_("Slug of a focus area of the taxonomy."))
    evidence = serializers.CharField()


class FactDraftSerializer(serializers.Serializer):
    fact = serializers.ChoiceField(choices=[(value, label) for value, label in Evidence.Fact.choices
                                            if value in {"kind", "date", "place"}])
    quote = serializers.CharField()


class EventDraftSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[(value, label) for value, label in AgreementEvent.Kind.choices
                                            if value in {"ended", "expires"}])
    dated_on = serializers.DateField(allow_null=True, help_text=_("Null when the text gives no date."))
    dated_on_precision = serializers.ChoiceField(choices=Agreement.Precision.choices)
    evidence = serializers.CharField()


class DifferenceDraftSerializer(serializers.Serializer):
    fact = serializers.ChoiceField(choices=FACTS)
    recorded = serializers.CharField(
        allow_null=True, help_text=_("The record's value (a date to its precision: 2024-01-29, 2024-01, 2024); null: none."),
    )
    drafted = serializers.CharField(help_text=_("The article's value; for a party, the name of one the record lacks."))


class ExistingAgreementSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.CharField(help_text=_("The path of the agreement's public page."))
    differences = DifferenceDraftSerializer(many=True, help_text=_("Where the article tells it otherwise than the record."))


class AgreementDraftSerializer(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Agreement.Kind.choices)
    status = serializers.ChoiceField(choices=Agreement.Status.choices)
    signed_on = serializers.DateField(allow_null=True)
    signed_on_precision = serializers.ChoiceField(choices=Agreement.Precision.choices)
    place = serializers.CharField(allow_blank=True)
    parties = PartyDraftSerializer(many=True)
    people = PersonDraftSerializer(many=True)
    areas = AreaDraftSerializer(many=True)
    events = EventDraftSerializer(many=True, help_text=_("The end or expiry the article reports: a lapsed MoU is that MoU, ended."))
    evidence = FactDraftSerializer(many=True)
    existing_agreement = ExistingAgreementSerializer(
        allow_null=True, help_text=_(
            "The directory's record of this agreement, when it holds it already (same parties, a compatible date): "
            "publishing adds the article as one more of its sources. Null: a new agreement."
        ),
    )


class SourceDraftSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    publisher = serializers.CharField(allow_null=True)
    url = serializers.CharField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    language = serializers.CharField()


class DraftSerializer(serializers.Serializer):
    source = SourceDraftSerializer()
    agreements = AgreementDraftSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())


class DraftView(AllowedMethodsFirstMixin, APIView):
    """Draft the agreements an article reports, for a curator to review: no record is written, the draft is kept."""

    permission_classes = [permissions.IsAdminUser]

    @extend_schema(
        summary="Draft records from a news article (curators only)",
        description=(
            "Reads the article (plain text, or a saved web page) and proposes its agreements, parties, "
            "people, focus areas and dates, each with the sentence that states it. No record is written; "
            "the draft is kept for review on the curators' pages. "
            "Staff users only."
        ),
        request=DraftRequestSerializer,
        responses={200: DraftSerializer},
    )
    def post(self, request):
        given = DraftRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        draft = draft_from_article(**given.validated_data)
        # Kept for review on the curators' pages (/curation/drafts/), as a draft made there is.
        keep_draft(**given.validated_data, proposal=draft, created_by=request.user)
        return Response(draft)
