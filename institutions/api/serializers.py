from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from simple_history.utils import bulk_create_with_history

from common.api import RecordURLField, SlugReferenceField, check_model_rules, one_transaction
from institutions.models import Institution, InstitutionName


class InstitutionSummarySerializer(serializers.ModelSerializer):
    """An institution as other records mention it."""

    country = serializers.CharField(source="country.code")
    country_name = serializers.CharField(source="country.name")
    display_name = serializers.CharField(read_only=True, help_text="The name in the language Accept-Language chose, where recorded; else the English name.")
    names = serializers.DictField(child=serializers.CharField(), read_only=True, help_text="The name in each recorded language, by language code (en, and ko, ar, de or zh-hans where recorded).")

    class Meta:
        model = Institution
        fields = ["slug", "name", "display_name", "names", "short_name", "country", "country_name", "kind"]


class AutocompleteSerializer(InstitutionSummarySerializer):
    """A suggestion for a search box: the name with hints to tell namesakes apart."""

    city = serializers.CharField()
    html_url = serializers.SerializerMethodField()

    class Meta(InstitutionSummarySerializer.Meta):
        fields = [*InstitutionSummarySerializer.Meta.fields, "city", "html_url"]

    def get_html_url(self, institution) -> str:
        return self.context["request"].build_absolute_uri(institution.get_absolute_url())


class MatchQuerySerializer(serializers.Serializer):
    """The parameters of a match: the name as written, and where the institution is, if known."""

    name = serializers.CharField(max_length=300, help_text="The name as written, in any script.")
    country = CountryField(required=False, help_text="ISO 3166 alpha-2 code: a candidate elsewhere scores lower.")
    city = serializers.CharField(required=False, max_length=128, help_text="A candidate in another city scores lower.")


class MatchCandidateSerializer(serializers.Serializer):
    """One institution the name may be: its record, a score from 0 to 1 and how it matched."""

    institution = AutocompleteSerializer()
    ror_id = serializers.CharField(source="institution.ror_id")
    score = serializers.FloatField()
    how = serializers.ChoiceField(
        choices=["exact name", "native name", "alias", "acronym", "parent + unit", "fuzzy"]
    )


class MatchSerializer(serializers.Serializer):
    """The candidates, best first, and the one chosen when it is clearly the one (else null)."""

    chosen = serializers.SerializerMethodField()
    candidates = MatchCandidateSerializer(many=True)

    def get_chosen(self, match) -> str | None:
        return match.chosen.institution.slug if match.chosen else None


class MergedIntoSerializer(serializers.Serializer):
    """The answer at the address of a record merged into another."""

    merged_into = serializers.CharField(help_text="The slug of the record that stays.")
    url = serializers.URLField()


class InstitutionReferenceField(SlugReferenceField):
    """Written as a slug; read back as the institution's summary."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Institution.objects.all(), **kwargs)

    def to_representation(self, institution):
        return InstitutionSummarySerializer(institution).data


class InstitutionReferenceFieldExtension(OpenApiSerializerFieldExtension):
    """Tell the schema what InstitutionReferenceField takes (a slug) and gives back (a summary)."""

    target_class = InstitutionReferenceField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return build_basic_type(OpenApiTypes.STR)
        return auto_schema.resolve_serializer(InstitutionSummarySerializer, direction).ref


class InstitutionNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = InstitutionName
        fields = ["name", "kind", "language"]


class InstitutionSerializer(serializers.ModelSerializer):
    """An institution: who it is, its other names, and how much it partners; writable by curators."""

    url = RecordURLField(view_name="institution-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    country = CountryField()
    country_name = serializers.CharField(source="country.name", read_only=True)
    display_name = serializers.CharField(read_only=True, help_text="The name in the language Accept-Language chose, where recorded; else the English name.")
    names = serializers.DictField(child=serializers.CharField(), read_only=True, help_text="The name in each recorded language, by language code (en, and ko, ar, de or zh-hans where recorded).")
    parent = InstitutionReferenceField(allow_null=True, required=False)
    other_names = InstitutionNameSerializer(many=True, required=False)
    agreement_count = serializers.IntegerField(read_only=True)
    partner_countries = serializers.SerializerMethodField()

    class Meta:
        model = Institution
        fields = [
            "slug", "url", "html_url", "name", "display_name", "names", "short_name", "other_names", "kind", "country", "country_name",
            "city", "parent", "website", "ror_id", "wikidata_id", "isni", "grid_id", "description",
            "agreement_count", "partner_countries", "updated_at",
        ]

    def get_html_url(self, institution) -> str:
        return self.context["request"].build_absolute_uri(institution.get_absolute_url())

    def get_partner_countries(self, institution) -> list[str]:
        """Countries of the institutions it has agreements with (the view computes them per page)."""
        return self.context.get("partner_countries", {}).get(institution.pk, [])

    def validate_other_names(self, other_names):
        names = [entry["name"] for entry in other_names]
        if len(names) != len(set(names)):
            raise serializers.ValidationError(_("Each other name may be given once."))
        return other_names

    def validate(self, attrs):
        changes = {name: value for name, value in attrs.items() if name != "other_names"}
        check_model_rules(self.instance or Institution(), changes)
        return attrs

    def create(self, validated_data):
        other_names = validated_data.pop("other_names", [])
        with one_transaction():
            institution = Institution.objects.create(**validated_data)
            self.replace_other_names(institution, other_names)
        # Read back as the list shows it, so the answer carries agreement_count like any other.
        return Institution.objects.with_names().with_agreement_counts().get(pk=institution.pk)

    def update(self, institution, validated_data):
        other_names = validated_data.pop("other_names", None)
        with one_transaction():
            for name, value in validated_data.items():
                setattr(institution, name, value)
            institution.save()
            if other_names is not None:
                self.replace_other_names(institution, other_names)
        return institution

    def replace_other_names(self, institution, other_names):
        institution.other_names.all().delete()
        bulk_create_with_history(
            [InstitutionName(institution=institution, **entry) for entry in other_names], InstitutionName
        )
        Institution.objects.filter(pk=institution.pk).refresh_search_names()


class InstitutionCSVSerializer(serializers.Serializer):
    """One flat row per institution; its other names joined in a cell. The fields are the CSV's columns."""

    slug = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    other_names = serializers.SerializerMethodField()
    kind = serializers.CharField()
    country = serializers.CharField(source="country.code")
    country_name = serializers.CharField(source="country.name")
    city = serializers.CharField()
    parent = serializers.CharField(source="parent.slug", default="")
    website = serializers.CharField()
    ror_id = serializers.CharField()
    wikidata_id = serializers.CharField()
    isni = serializers.CharField()
    grid_id = serializers.CharField()
    agreement_count = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_other_names(self, institution):
        return "; ".join(name.name for name in institution.other_names.all())

    def get_url(self, institution):
        return self.context["request"].build_absolute_uri(institution.get_absolute_url())


class AgreementMentionSerializer(serializers.Serializer):
    """One agreement of an institution, as the institution's record lists it."""

    slug = serializers.CharField(source="agreement.slug")
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    title = serializers.CharField(source="agreement.title")
    kind = serializers.CharField(source="agreement.kind")
    signed_on = serializers.DateField(source="agreement.signed_on", allow_null=True)
    signed_on_precision = serializers.CharField(source="agreement.signed_on_precision")
    role = serializers.CharField()

    def get_url(self, party) -> str:
        return self.context["request"].build_absolute_uri(reverse("agreement-detail", args=[party.agreement.slug]))

    def get_html_url(self, party) -> str:
        return self.context["request"].build_absolute_uri(party.agreement.get_absolute_url())


class PartnerSerializer(InstitutionSummarySerializer):
    agreement_count = serializers.IntegerField(source="shared_count", help_text="Agreements shared")

    class Meta(InstitutionSummarySerializer.Meta):
        fields = [*InstitutionSummarySerializer.Meta.fields, "agreement_count"]


class InstitutionDetailSerializer(InstitutionSerializer):
    """An institution with its agreements, partners and sub-units."""

    children = InstitutionSummarySerializer(many=True, read_only=True)
    agreements = AgreementMentionSerializer(source="parties", many=True, read_only=True)
    partners = serializers.SerializerMethodField()

    class Meta(InstitutionSerializer.Meta):
        fields = [*InstitutionSerializer.Meta.fields, "children", "agreements", "partners"]

    @extend_schema_field(PartnerSerializer(many=True))
    def get_partners(self, institution):
        return PartnerSerializer(Institution.objects.partners_of(institution), many=True).data
