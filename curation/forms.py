"""The curators' forms (an article to draft, a draft's corrections, closing a suggestion) and the public's."""
import copy

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from curation.models import Suggestion
from institutions.models import Institution
from partnerships.models import Agreement, Area, Participation

# A saved web page is read in memory; the site refuses bodies over 2.5 MB before reading them.
MAX_HTML_BYTES = 2 * 1024 * 1024
MAX_ARTICLE_CHARACTERS = 200_000
NO_CHOICE = [("", "—")]


class ArticleForm(forms.Form):
    """An article to draft: pasted text or a saved web page, with what is known of where it was published."""

    text = forms.CharField(
        label=_("Article text"), required=False, max_length=MAX_ARTICLE_CHARACTERS, strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paste the article as published, headline and date line included."),
    )
    html_file = forms.FileField(
        label=_("Or a saved web page (.html)"), required=False,
        help_text=_("The page as your browser saved it, at most 2 MB. Nothing is fetched from the internet."),
    )
    url = forms.URLField(label=_("Web address of the article"), required=False, max_length=500, assume_scheme="https")
    published_on = forms.DateField(
        label=_("Publication date"), required=False, help_text=_("YYYY-MM-DD, if the article does not say."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    suggestion = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_html_file(self):
        upload = self.cleaned_data.get("html_file")
        if not upload:
            return ""
        if upload.size > MAX_HTML_BYTES:
            raise ValidationError(_("The page is larger than 2 MB; save it without images or paste its text."))
        raw = upload.read()
        for encoding in ("utf-8", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise ValidationError(_("The page could not be read as text."))

    def clean(self):
        cleaned = super().clean()
        has_text, has_html = bool((cleaned.get("text") or "").strip()), bool(cleaned.get("html_file"))
        if not self.errors and has_text == has_html:
            raise ValidationError(_("Paste the article's text or upload its saved page (one of the two)."))
        if "\x00" in (cleaned.get("text") or "") + (cleaned.get("html_file") or ""):
            raise ValidationError(_("The article contains a NUL character."))
        return cleaned


def institution_kind_choices():
    return NO_CHOICE + list(Institution.Kind.choices)


class DraftForm(forms.Form):
    """Every proposed fact of a draft as a field a curator can correct, drop or keep.

    Built from the proposal (the documented JSON contract); `corrected()` gives the proposal
    back with the curator's changes. Evidence quotes are the article's own words and are kept.
    """

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = copy.deepcopy(proposal)
        areas = NO_CHOICE + [(area.slug, str(area)) for area in Area.objects.select_related("parent").order_by("parent__name", "name")]
        country_choices = NO_CHOICE + list(countries)
        source = self.proposal.get("source") or {}
        self.add("source-title", forms.CharField(label=_("Headline"), max_length=500), source.get("title"))
        self.add("source-publisher", forms.CharField(label=_("Publisher"), max_length=255, required=False), source.get("publisher"))
        self.add("source-published_on", forms.DateField(
            label=_("Publication date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        ), source.get("published_on"))
        for a, agreement in enumerate(self.proposal.get("agreements") or []):
            prefix = f"a{a}"
            self.add(f"{prefix}-drop", forms.BooleanField(label=_("Leave out this agreement"), required=False), False)
            self.add(f"{prefix}-title", forms.CharField(label=_("Title"), max_length=300), agreement.get("title"))
            self.add(f"{prefix}-kind", forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices), agreement.get("kind"))
            self.add(f"{prefix}-status", forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices), agreement.get("status"))
            self.add(f"{prefix}-signed_on", forms.DateField(
                label=_("Date signed"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                help_text=_("A month or a year: its first day."),
            ), agreement.get("signed_on"))
            self.add(f"{prefix}-signed_on_precision", forms.ChoiceField(
                label=_("Precision of the date"), choices=Agreement.Precision.choices,
            ), agreement.get("signed_on_precision") or "unknown")
            self.add(f"{prefix}-place", forms.CharField(label=_("Place of signing"), max_length=255, required=False), agreement.get("place"))
            for p, party in enumerate(agreement.get("parties") or []):
                name = f"{prefix}-p{p}"
                self.add(f"{name}-drop", forms.BooleanField(label=_("Not a party"), required=False), False)
                self.add(f"{name}-institution", forms.CharField(
                    label=_("Existing institution (slug)"), required=False, max_length=255,
                    help_text=_("Type a name to find it; empty: a new institution as below."),
                    widget=forms.TextInput(attrs={
                        "list": "institution-slugs", "autocomplete": "off", "data-autocomplete-value": "slug",
                        "data-autocomplete": reverse("institution-autocomplete"),
                    }),
                ), party.get("institution"))
                self.add(f"{name}-name", forms.CharField(label=_("Name"), max_length=255), party.get("name"))
                self.add(f"{name}-country", forms.ChoiceField(label=_("Country"), choices=country_choices, required=False), party.get("country"))
                self.add(f"{name}-kind", forms.ChoiceField(label=_("Kind of institution"), choices=institution_kind_choices(), required=False), party.get("kind"))
                self.add(f"{name}-parent", forms.CharField(
                    label=_("Parent institution"), required=False, max_length=255,
                    help_text=_("Slug or exact name of an existing institution."),
                ), party.get("parent"))
            for m, person in enumerate(agreement.get("people") or []):
                name = f"{prefix}-m{m}"
                self.add(f"{name}-drop", forms.BooleanField(label=_("Leave out"), required=False), False)
                self.add(f"{name}-name", forms.CharField(label=_("Name"), max_length=255), person.get("name"))
                self.add(f"{name}-title", forms.CharField(label=_("Title at the time"), max_length=255, required=False), person.get("title"))
                self.add(f"{name}-institution", forms.CharField(label=_("Institution"), max_length=255, required=False), person.get("institution"))
                self.add(f"{name}-role", forms.ChoiceField(label=_("Part"), choices=Participation.Role.choices), person.get("role"))
            for r, area in enumerate(agreement.get("areas") or []):
                name = f"{prefix}-r{r}"
                self.add(f"{name}-drop", forms.BooleanField(label=_("Leave out"), required=False), False)
                self.add(f"{name}-area", forms.ChoiceField(label=_("Focus area"), choices=areas), area.get("area"))

    def add(self, name, field, value):
        self.fields[name] = field
        self.initial[name] = "" if value is None else value

    def clean(self):
        cleaned = super().clean()
        for key, value in cleaned.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(key, _("A NUL character is not allowed."))
        for a, agreement in enumerate(self.proposal.get("agreements") or []):
            if cleaned.get(f"a{a}-drop"):
                continue
            for p, _party in enumerate(agreement.get("parties") or []):
                name = f"a{a}-p{p}"
                if cleaned.get(f"{name}-drop"):
                    continue
                slug = (cleaned.get(f"{name}-institution") or "").strip()
                if slug and not Institution.objects.filter(slug=slug).exists():
                    self.add_error(f"{name}-institution", _("No institution has this slug; choose one from the suggestions or leave it empty."))
                if not slug and not cleaned.get(f"{name}-country"):
                    self.add_error(f"{name}-country", _("A new institution needs its country."))
                if not slug and not cleaned.get(f"{name}-kind"):
                    self.add_error(f"{name}-kind", _("A new institution needs its kind."))
        if self.proposal.get("agreements") and all(cleaned.get(f"a{a}-drop") for a in range(len(self.proposal["agreements"]))):
            raise ValidationError(_("Every agreement is left out: reject the draft instead."))
        return cleaned

    def corrected(self):
        """Return the proposal with the curator's corrections, the left-out rows removed."""
        data = self.cleaned_data
        proposal = copy.deepcopy(self.proposal)
        published_on = data.get("source-published_on")
        proposal["source"] = {
            **(proposal.get("source") or {}), "title": data["source-title"], "publisher": data.get("source-publisher") or None,
            "published_on": published_on.isoformat() if published_on else None,
        }
        agreements = []
        for a, agreement in enumerate(proposal.get("agreements") or []):
            prefix = f"a{a}"
            if data.get(f"{prefix}-drop"):
                continue
            signed_on = data.get(f"{prefix}-signed_on")
            agreement.update({
                "title": data[f"{prefix}-title"], "kind": data[f"{prefix}-kind"], "status": data[f"{prefix}-status"],
                "signed_on": signed_on.isoformat() if signed_on else None,
                "signed_on_precision": data[f"{prefix}-signed_on_precision"], "place": data[f"{prefix}-place"],
            })
            parties = []
            for p, party in enumerate(agreement.get("parties") or []):
                name = f"{prefix}-p{p}"
                if data.get(f"{name}-drop"):
                    continue
                slug = (data.get(f"{name}-institution") or "").strip()
                party.update({
                    "institution": slug or None, "name": data[f"{name}-name"], "country": data.get(f"{name}-country") or None,
                    "kind": data.get(f"{name}-kind") or None, "parent": (data.get(f"{name}-parent") or "").strip() or None,
                })
                parties.append(party)
            agreement["parties"] = parties
            people = []
            for m, person in enumerate(agreement.get("people") or []):
                name = f"{prefix}-m{m}"
                if data.get(f"{name}-drop"):
                    continue
                person.update({key: data[f"{name}-{key}"] for key in ("name", "title", "institution", "role")})
                people.append(person)
            agreement["people"] = people
            areas = []
            for r, area in enumerate(agreement.get("areas") or []):
                name = f"{prefix}-r{r}"
                if not data.get(f"{name}-drop"):
                    areas.append({**area, "area": data[f"{name}-area"]})
            agreement["areas"] = areas
            agreements.append(agreement)
        proposal["agreements"] = agreements
        return proposal

    def source_fields(self):
        return [self[f"source-{key}"] for key in ("title", "publisher", "published_on")]

    def groups(self):
        """The bound fields by agreement and by row, with each row's evidence, for the template."""
        groups = []
        for a, agreement in enumerate(self.proposal.get("agreements") or []):
            prefix = f"a{a}"
            facts = {str(item.get("fact", "")).lower(): item.get("quote") for item in agreement.get("evidence") or []}
            groups.append({
                "number": a + 1, "drop": self[f"{prefix}-drop"],
                "fields": [self[f"{prefix}-{key}"] for key in ("title", "kind", "status", "signed_on", "signed_on_precision", "place")],
                "evidence": agreement.get("evidence") or [],
                "date_quote": facts.get("date") or facts.get("signed_on"),
                "parties": [
                    {"name": party.get("name"), "evidence": party.get("evidence"), "other_names": party.get("other_names") or [],
                     "drop": self[f"{prefix}-p{p}-drop"],
                     "fields": [self[f"{prefix}-p{p}-{key}"] for key in ("institution", "name", "country", "kind", "parent")]}
                    for p, party in enumerate(agreement.get("parties") or [])
                ],
                "people": [
                    {"name": person.get("name"), "evidence": person.get("evidence"), "drop": self[f"{prefix}-m{m}-drop"],
                     "fields": [self[f"{prefix}-m{m}-{key}"] for key in ("name", "title", "institution", "role")]}
                    for m, person in enumerate(agreement.get("people") or [])
                ],
                "areas": [
                    {"evidence": area.get("evidence"), "drop": self[f"{prefix}-r{r}-drop"], "fields": [self[f"{prefix}-r{r}-area"]]}
                    for r, area in enumerate(agreement.get("areas") or [])
                ],
            })
        return groups


class SuggestionForm(forms.ModelForm):
    """What a reader tells the curators: what is wrong or missing, and where it is written."""

    # Hidden from people by the stylesheet; a program that fills every field fills this one too.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    source_url = forms.URLField(label=_("Address of a source that states it"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Suggestion
        fields = ["message", "source_url", "source_text", "email"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "source_text": forms.Textarea(attrs={"rows": 8, "maxlength": 50000}),
        }
        labels = {
            "source_text": _("Or paste the source's text"),
            "email": _("Your e-mail (optional)"),
        }
        help_texts = {
            "email": _("Only if you want an answer; curators see it, nobody else does."),
            "source_text": _("A news article or press release, as published."),
        }

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].label = (
            _("What is wrong?") if kind == Suggestion.Kind.CORRECTION else _("Which partnership is missing?")
        )

    @property
    def is_from_a_program(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        for key in ("message", "source_url", "source_text", "email"):
            if "\x00" in (cleaned.get(key) or ""):
                self.add_error(key, _("A NUL character is not allowed."))
        if not self.errors and not ((cleaned.get("source_url") or "").strip() or (cleaned.get("source_text") or "").strip()):
            raise ValidationError(_("Give the address of a source, or paste its text: curators record only what a source states."))
        return cleaned


class CloseSuggestionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Close as"), widget=forms.RadioSelect,
        choices=[(Suggestion.Status.APPLIED, _("Applied")), (Suggestion.Status.DECLINED, _("Declined"))],
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("What was changed, or why nothing was."))
