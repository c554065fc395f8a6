from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from common.api import RecordURLField, SlugReferenceField, check_model_rules
from institutions.api.serializers import InstitutionSummarySerializer
from institutions.models import Institution
from partnerships.models import (
    Agreement,
    AgreementEvent,
    AgreementParty,
    Area,
    Disagreement,
    Evidence,
    Participation,
    Person,
    ReportedValue,
    Source,
)
from partnerships.api.rows import agreement_rows
from partnerships.counts import COUNTED_OVER_NEWEST
from partnerships.services import save_agreement


class PartySerializer(serializers.Serializer):
    role = serializers.CharField()
    institution = InstitutionSummarySerializer()


class AreaSummarySerializer(serializers.Serializer):
    slug = serializers.CharField(source="area.slug")
    name = serializers.CharField(source="area.name")
    display_name = serializers.CharField(source="area.display_name", help_text="The name in the language Accept-Language chose, where recorded; else the English name.")
    names = serializers.DictField(child=serializers.CharField(), source="area.names", help_text="The name in each recorded language, by language code (en, and ko, ar, de or zh-hans where recorded).")
    parent = serializers.CharField(source="area.parent.slug", default=None, allow_null=True)


class PersonPartSerializer(serializers.Serializer):
    slug = serializers.CharField(source="person.slug")
    name = serializers.CharField(source="person.name")
    native_name = serializers.CharField(source="person.native_name")
    display_name = serializers.CharField(
        source="person.display_name", help_text="The native-script name for a reader of its script (Accept-Language), else the name."
    )
    title = serializers.CharField()
    institution = serializers.CharField(source="institution.slug", default=None, allow_null=True)
    role = serializers.CharField()


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["slug", "kind", "headline", "publisher", "author", "url", "published_on"]


class EvidenceSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.slug")
    subject = serializers.CharField()

    class Meta:
        model = Evidence
        fields = ["fact", "subject", "quote", "note", "source"]


class EventSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, help_text="What the sources state about this event.")

    class Meta:
        model = AgreementEvent
        fields = ["kind", "dated_on", "dated_on_precision", "years", "evidence"]


class ReportedValueSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.slug")

    class Meta:
        model = ReportedValue
        fields = ["source", "value", "quote", "note"]


class DisagreementSerializer(serializers.ModelSerializer):
    party = serializers.CharField(
        source="party.institution.slug", default=None, allow_null=True,
        help_text="The institution whose name the sources give differently; null for other facts.",
    )
    reported_values = ReportedValueSerializer(many=True, help_text="Each source's value, with its evidence.")

    class Meta:
        model = Disagreement
        fields = ["fact", "party", "recorded_value", "reason", "reported_values"]


class AgreementListSerializer(serializers.ListSerializer):
    """A page of agreements, built flat (partnerships/api/rows.py) rather than field by field."""

    def to_representation(self, data):
        fields = self.child.Meta.fields
        rows = agreement_rows(list(data), request=self.context["request"])
        return [{name: row[name] for name in fields} for row in rows]


class AgreementSerializer(serializers.ModelSerializer):
    """An agreement as the list shows it: its parties, areas, people and sources."""

    url = RecordURLField(view_name="agreement-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    parties = PartySerializer(many=True)
    areas = AreaSummarySerializer(source="agreement_areas", many=True)
    people = PersonPartSerializer(source="participations", many=True)
    sources = SourceSerializer(many=True)
    status = serializers.ChoiceField(
        choices=Agreement.Status.choices, read_only=True,
        help_text="Today's status, worked out from the signing, the stated term and the dated events; never typed in.",
    )
    in_force_from = serializers.DateField(
        read_only=True, allow_null=True,
        help_text="The first day it is known to be in force (the last day of a month or year given without a day).",
    )
    expires_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="When its term runs out, with renewals; null when no source says.",
    )
    ended_on = serializers.DateField(read_only=True, allow_null=True, help_text="When it ended, where a source says.")

    class Meta:
        model = Agreement
        list_serializer_class = AgreementListSerializer
        fields = [
            "slug", "url", "html_url", "title", "kind", "status", "signed_on", "signed_on_precision",
            "in_force_from", "expires_on", "ended_on",
            "place", "summary", "parties", "areas", "people", "sources", "updated_at",
        ]

    def get_html_url(self, agreement) -> str:
        return self.context["request"].build_absolute_uri(agreement.get_absolute_url())


class AgreementDetailSerializer(AgreementSerializer):
    """An agreement with the evidence for each of its facts."""

    evidence = EvidenceSerializer(many=True)
    term_years = serializers.IntegerField(read_only=True, allow_null=True, help_text="Its term, where a source states it.")
    renewal_years = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="By how many years it may be renewed, where a source states it.",
    )
    events = EventSerializer(many=True, help_text="Dated events in its life, oldest first; the signing is signed_on.")
    disagreements = DisagreementSerializer(
        many=True, help_text="Facts the sources give differently: each source's value beside the one recorded, and why.",
    )

    class Meta(AgreementSerializer.Meta):
        fields = [*AgreementSerializer.Meta.fields, "term_years", "renewal_years", "events", "disagreements", "evidence"]

    def to_representation(self, agreement):
        # Built like a list row (partnerships/api/rows.py), with the evidence, the term, the events
        # and the disagreements added.
        row = agreement_rows([agreement], request=self.context["request"])[0]
        evidence = list(agreement.evidence.all())
        row["evidence"] = EvidenceSerializer([item for item in evidence if not item.event_id], many=True).data
        row["term_years"], row["renewal_years"] = agreement.term_years, agreement.renewal_years
        row["events"] = [
            {
                "kind": event.kind, "dated_on": event.dated_on.isoformat(),
                "dated_on_precision": event.dated_on_precision, "years": event.years,
                "evidence": EvidenceSerializer([item for item in evidence if item.event_id == event.pk], many=True).data,
            }
            for event in agreement.events.all()
        ]
        row["disagreements"] = DisagreementSerializer(agreement.disagreements.all(), many=True).data
        return {name: row[name] for name in self.Meta.fields}


class AgreementCSVSerializer(serializers.Serializer):
    """One flat row per agreement; parties, areas and people joined in a cell. The fields are the CSV's columns."""

    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    signed_on = serializers.SerializerMethodField()
    signed_on_precision = serializers.CharField()
    in_force_from = serializers.SerializerMethodField()
    expires_on = serializers.SerializerMethodField()
    ended_on = serializers.SerializerMethodField()
    place = serializers.CharField()
    parties = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    areas = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_signed_on(self, agreement):
        return agreement.signed_on.isoformat() if agreement.signed_on else ""

    def get_in_force_from(self, agreement):
        return agreement.in_force_from.isoformat() if agreement.in_force_from else ""

    def get_expires_on(self, agreement):
        return agreement.expires_on.isoformat() if agreement.expires_on else ""

    def get_ended_on(self, agreement):
        return agreement.ended_on.isoformat() if agreement.ended_on else ""

    def get_parties(self, agreement):
        return "; ".join(
            f"{party.institution.name} ({party.institution.country.code})" for party in agreement.parties.all()
        )

    def get_countries(self, agreement):
        return ", ".join(sorted({party.institution.country.code for party in agreement.parties.all()}))

    def get_areas(self, agreement):
        return "; ".join(link.area.name for link in agreement.agreement_areas.all())

    def get_people(self, agreement):
        return "; ".join(f"{part.person.name} ({part.get_role_display()})" for part in agreement.participations.all())

    def get_sources(self, agreement):
        return " ".join(source.url for source in agreement.sources.all() if source.url)

    def get_url(self, agreement):
        return self.context["request"].build_absolute_uri(agreement.get_absolute_url())


class PartyInputSerializer(serializers.Serializer):
    institution = SlugReferenceField(queryset=Institution.objects.all())
    role = serializers.ChoiceField(choices=AgreementParty.Role.choices, default=AgreementParty.Role.PARTY)


class PersonPartInputSerializer(serializers.Serializer):
    person = serializers.SlugField(help_text="The person's slug; a new one is created when `name` is given.")
    name = serializers.CharField(required=False, max_length=255)
    native_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    institution = SlugReferenceField(
        queryset=Institution.objects.all(), allow_null=True, required=False
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=255)
    role = serializers.ChoiceField(choices=Participation.Role.choices)

    def validate(self, entry):
        if "name" not in entry and not Person.objects.filter(slug=entry["person"]).exists():
            raise serializers.ValidationError({"person": _("Unknown person: give their name to add them.")})
        return entry


class AgreementWriteSerializer(serializers.ModelSerializer):
    """The body of a create or update: related rows by slug, lists replaced as a whole."""

    parties = PartyInputSerializer(many=True)
    areas = SlugReferenceField(queryset=Area.objects.all(), many=True)
    people = PersonPartInputSerializer(many=True, required=False)
    sources = SlugReferenceField(queryset=Source.objects.all(), many=True)

    class Meta:
        model = Agreement
        fields = [
            "slug", "title", "kind", "signed_on", "signed_on_precision", "place", "summary",
            "parties", "areas", "people", "sources",
        ]

    def validate_parties(self, parties):
        institutions = [party["institution"].pk for party in parties]
        if len(institutions) < 2:
            raise serializers.ValidationError(_("An agreement has at least two parties."))
        if len(institutions) != len(set(institutions)):
            raise serializers.ValidationError(_("Each institution may be a party once."))
        return parties

    def validate_areas(self, areas):
        if not areas:
            raise serializers.ValidationError(_("Give at least one focus area."))
        if len(areas) != len(set(areas)):
            raise serializers.ValidationError(_("Each focus area may be given once."))
        return areas

    def validate_people(self, people):
        parts = [(entry["person"], entry["role"]) for entry in people]
        if len(parts) != len(set(parts)):
            raise serializers.ValidationError(_("Each person may have each role once."))
        return people

    def validate_sources(self, sources):
        if not sources:
            raise serializers.ValidationError(_("Give at least one source."))
        return sources

    def validate(self, attrs):
        related = {"parties", "areas", "people", "sources"}
        check_model_rules(self.instance or Agreement(), {k: v for k, v in attrs.items() if k not in related})
        return attrs

    def save_with_related(self, agreement, validated_data):
        return save_agreement(
            agreement=agreement,
            fields={k: v for k, v in validated_data.items() if k not in {"parties", "areas", "people", "sources"}},
            # A PATCH leaves out nested defaults: a party named without a role is a party.
            parties=[
                (party["institution"], party.get("role", AgreementParty.Role.PARTY))
                for party in validated_data["parties"]
            ]
            if "parties" in validated_data else None,
            areas=validated_data.get("areas"),
            people=validated_data.get("people"),
            sources=validated_data.get("sources"),
        )

    def create(self, validated_data):
        return self.save_with_related(Agreement(), validated_data)

    def update(self, agreement, validated_data):
        return self.save_with_related(agreement, validated_data)

    def to_representation(self, agreement):
        refreshed = Agreement.objects.with_evidence().get(pk=agreement.pk)
        return AgreementDetailSerializer(refreshed, context=self.context).data


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.slug", default=None, allow_null=True)
    agreement_count = serializers.SerializerMethodField()
    url = RecordURLField(view_name="area-detail", lookup_field="slug")
    display_name = serializers.CharField(read_only=True, help_text="The name in the language Accept-Language chose, where recorded; else the English name.")
    names = serializers.DictField(child=serializers.CharField(), read_only=True, help_text="The name in each recorded language, by language code (en, and ko, ar, de or zh-hans where recorded).")

    class Meta:
        model = Area
        fields = ["slug", "url", "name", "display_name", "names", "parent", "description", "agreement_count"]

    def get_agreement_count(self, area) -> int:
        return self.context["agreement_counts"].get(area.slug, 0)


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2")
    name = serializers.CharField()
    institution_count = serializers.IntegerField()
    agreement_count = serializers.IntegerField()


class FacetOptionSerializer(serializers.Serializer):
    """One option of a facet: the filter value, how to show it, and how many agreements have it."""

    value = serializers.CharField(help_text="The value to pass to the filter of the same name.")
    label = serializers.CharField()
    count = serializers.IntegerField(min_value=0)


class CountryFacetOptionSerializer(FacetOptionSerializer):
    value = serializers.RegexField(r"^[A-Z]{2}$", help_text="ISO 3166-1 alpha-2")


class AreaFacetOptionSerializer(FacetOptionSerializer):
    parent = serializers.CharField(allow_null=True, help_text="The broader area's slug; null for a top-level area.")


class KindFacetOptionSerializer(FacetOptionSerializer):
    value = serializers.ChoiceField(choices=Agreement.Kind.choices)


class YearFacetOptionSerializer(FacetOptionSerializer):
    value = serializers.IntegerField(help_text="The year signed.")


class InstitutionKindFacetOptionSerializer(FacetOptionSerializer):
    value = serializers.ChoiceField(choices=Institution.Kind.choices)


class CountedOverNewestSerializer(serializers.Serializer):
    """Said when so many agreements match filters the kept counts cannot answer that some facets count only the newest."""

    agreements = serializers.IntegerField(help_text="How many of the newest matching agreements were counted.")
    matching = serializers.IntegerField(allow_null=True, help_text="How many agreements match; null when not kept.")
    facets = serializers.ListField(child=serializers.CharField(), help_text="The facets counted over the newest only.")


class AgreementFacetsSerializer(serializers.Serializer):
    """Counts of the filtered agreements per option of each facet, largest first (years newest first)."""

    country = CountryFacetOptionSerializer(many=True, help_text="Countries of the parties.")
    area = AreaFacetOptionSerializer(many=True, help_text="Focus areas; a broader area counts its narrower ones.")
    kind = KindFacetOptionSerializer(many=True)
    year = YearFacetOptionSerializer(many=True)
    institution = FacetOptionSerializer(many=True, help_text="The fifty institutions with most agreements.")
    institution_kind = InstitutionKindFacetOptionSerializer(many=True)
    counted_over_newest = CountedOverNewestSerializer(
        allow_null=True, help_text="Null when every count is over all the matching agreements (the institution "
        f"facet aside, always over the newest {COUNTED_OVER_NEWEST:,}).",
    )


class NetworkNodeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The institution's slug.")
    label = serializers.CharField(help_text="The institution's name.")
    country = serializers.RegexField(r"^[A-Z]{2}$", help_text="ISO 3166-1 alpha-2")
    country_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Institution.Kind.choices)
    url = serializers.URLField(help_text="The institution's page.")


class NetworkEdgeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The agreement's slug and the pair's number within it.")
    source = serializers.CharField(help_text="A party's institution slug.")
    target = serializers.CharField(help_text="Another party's institution slug.")
    agreement = serializers.CharField(help_text="The agreement's slug.")
    label = serializers.CharField(help_text="The agreement's title.")
    kind = serializers.ChoiceField(choices=Agreement.Kind.choices)
    signed_on = serializers.CharField(help_text="YYYY-MM-DD, or empty when not reported; see signed_on_precision.")
    signed_on_precision = serializers.ChoiceField(choices=Agreement.Precision.choices)
    status = serializers.ChoiceField(choices=Agreement.Status.choices, help_text="Today's status.")
    url = serializers.URLField(help_text="The agreement's page.")


class AgreementNetworkSerializer(serializers.Serializer):
    """The network of the filtered agreements: institutions as nodes, an edge per pair of parties of each agreement."""

    agreements_matching = serializers.IntegerField(min_value=0)
    agreements_included = serializers.IntegerField(min_value=0)
    is_partial = serializers.BooleanField(help_text="True when more agreements match than `limit`.")
    limit = serializers.IntegerField(help_text="The most agreements a network holds: the latest added.")
    nodes = NetworkNodeSerializer(many=True)
    edges = NetworkEdgeSerializer(many=True)


class PersonSerializer(serializers.ModelSerializer):
    url = RecordURLField(view_name="person-detail", lookup_field="slug")
    agreement_count = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(
        read_only=True, help_text="The native-script name for a reader of its script (Accept-Language), else the name."
    )

    class Meta:
        model = Person
        fields = ["slug", "url", "name", "native_name", "display_name", "agreement_count"]


class PersonAgreementSerializer(serializers.Serializer):
    agreement = serializers.CharField(source="agreement.slug")
    agreement_title = serializers.CharField(source="agreement.title")
    agreement_url = serializers.SerializerMethodField()
    role = serializers.CharField()
    title = serializers.CharField()
    institution = serializers.CharField(source="institution.slug", default=None, allow_null=True)

    def get_agreement_url(self, part) -> str:
        return self.context["request"].build_absolute_uri(reverse("agreement-detail", args=[part.agreement.slug]))


class PersonDetailSerializer(PersonSerializer):
    participations = PersonAgreementSerializer(many=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "participations"]
