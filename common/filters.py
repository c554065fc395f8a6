"""Filter fields every app's filter sets share: lists of values, country codes, slugs, true or false."""
import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field


class ListWidget(forms.TextInput):
    """Read a parameter given several times (?country=KR&country=AE) as one list."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            values = data.getlist(name)
        else:
            value = data.get(name)
            values = value if isinstance(value, (list, tuple)) else [value]
        return ",".join(str(value) for value in values if value not in (None, ""))


class CommaListField(forms.CharField):
    """A list of values, repeated or comma-separated (?country=KR,AE), each checked by `clean_item`."""

    widget = ListWidget

    def to_python(self, value):
        text = super().to_python(value)
        # CharField's own NUL check would see the list's repr, where a NUL is escaped, so check
        # the text: PostgreSQL refuses NUL in a query, which would be a 500 rather than a 400.
        ProhibitNullCharactersValidator()(text)
        return [item.strip() for item in text.split(",") if item.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value):
        items = super().clean(value)
        return [self.clean_item(item) for item in items]

    def clean_item(self, item):
        return item


class CountryCodesField(CommaListField):
    def clean_item(self, item):
        code = item.upper()
        if len(code) != 2 or code not in countries:
            raise forms.ValidationError(
                _("%(value)s is not an ISO 3166-1 alpha-2 country code (e.g. KR, AE, DE)."),
                code="invalid_country", params={"value": repr(item)},
            )
        return code


class SlugsField(CommaListField):
    """Slugs that must name existing rows of `queryset`."""

    def __init__(self, *, queryset, noun, **kwargs):
        self.queryset, self.noun = queryset, noun
        super().__init__(**kwargs)

    def clean(self, value):
        slugs = super().clean(value)
        known = set(self.queryset.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise forms.ValidationError(
                _("Unknown %(noun)s: %(slugs)s."), code="unknown",
                params={"noun": self.noun, "slugs": ", ".join(unknown)},
            )
        return slugs


@extend_schema_field({"type": "string", "example": "KR,AE"})
class CountryCodesFilter(django_filters.Filter):
    """Any of several ISO 3166-1 alpha-2 codes, case-insensitive."""

    field_class = CountryCodesField

    def filter(self, qs, value):
        return qs.filter(**{f"{self.field_name}__in": value}) if value else qs


@extend_schema_field({"type": "boolean"})
class TrueFalseFilter(django_filters.TypedChoiceFilter):
    """true or false, and nothing else: a misspelt value is an error rather than ignored."""

    def __init__(self, *args, **kwargs):
        choices = [("true", _("yes")), ("false", _("no"))]
        super().__init__(*args, choices=choices, coerce=lambda value: value == "true", **kwargs)
