from django.urls import reverse
from rest_framework import serializers

from releases.models import Release


class ReleaseFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField(help_text="Where to download the file.")
    bytes = serializers.IntegerField()
    sha256 = serializers.CharField()
    media_type = serializers.CharField()


class ChangeCountsSerializer(serializers.Serializer):
    added = serializers.IntegerField()
    changed = serializers.IntegerField()
    removed = serializers.IntegerField()


class ChangeSerializer(serializers.Serializer):
    table = serializers.CharField()
    key = serializers.CharField(help_text="The row's key in its table: a slug, or slugs joined by /.")
    change = serializers.ChoiceField(choices=["added", "changed", "removed"])
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(allow_null=True), min_length=2, max_length=2),
        required=False, help_text="For a changed row: each changed column's [old, new] value.",
    )


class ReleaseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The release's page.")
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="Rows per table.")
    files = serializers.SerializerMethodField()
    change_counts = serializers.DictField(
        child=ChangeCountsSerializer(), help_text="Rows added, changed and removed per table since the release before; "
        "empty for the first release.",
    )
    previous = serializers.SerializerMethodField(help_text="The number of the release before, if any.")

    class Meta:
        model = Release
        fields = ["number", "url", "released_at", "previous", "counts", "change_counts", "files"]

    def absolute(self, address):
        return self.context["request"].build_absolute_uri(address)

    def get_url(self, release) -> str:
        return self.absolute(release.get_absolute_url())

    def get_previous(self, release) -> int | None:
        return release.number - 1 if release.number > 1 else None

    @staticmethod
    def file_rows(release, absolute):
        return [
            {**item, "url": absolute(reverse("releases:file", args=[release.number, item["name"]]))}
            for item in release.files
        ]

    def get_files(self, release) -> ReleaseFileSerializer(many=True):
        return ReleaseFileSerializer(self.file_rows(release, self.absolute), many=True).data


class ReleaseDetailSerializer(ReleaseSerializer):
    changes = ChangeSerializer(many=True, help_text="The changes since the release before, at most 500: "
                               "the release's changes.json has every one.")
    changes_truncated = serializers.BooleanField()

    class Meta(ReleaseSerializer.Meta):
        fields = [*ReleaseSerializer.Meta.fields, "changes", "changes_truncated"]


class CitationSerializer(serializers.Serializer):
    cite_as = serializers.URLField(help_text="The record's stable address.")
    release = serializers.IntegerField(allow_null=True, help_text="The latest release the record is in, if any.")
    formatted = serializers.CharField(help_text="A formatted reference (Harvard, Cite Them Right).")
    csl = serializers.DictField(help_text="The record as a CSL-JSON item.")
    bibtex = serializers.CharField()
    ris = serializers.CharField()
