"""The curators' forms (an article to draft, a draft's corrections, closing a suggestion) and the public's."""
import copy
import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from curation.known_agreements import shown_difference
from curation.models import Suggestion
from institutions.models import Institution, InstitutionName
from partnerships.models import Agreement, Area, Participation, fold_whitespace

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
        label=_("Publication date"), required=False, help_text=_("If the article does not say when it was published."),
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


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)
# "삼성서울병원 [ko]": a native-script name and its language.
OTHER_NAME_LINE = re.compile(r"(?P<name>.*?)\s*\[(?P<language>[^\]]*)\]\s*")
MAX_QUOTE = 5000
# The fields of a row a curator fills in: the empty row to add is added when any of them is.
PARTY_FIELDS = ("institution", "name", "quote", "note", "country", "kind", "city", "parent", "acronyms", "other_names")
PERSON_FIELDS = ("name", "title", "institution", "role", "quote", "note")
AREA_FIELDS = ("area", "quote")


def other_names_text(other_names):
    """The other names (not acronyms) of a party as the form shows them: one a line, a native one with its language."""
    lines = []
    for other in other_names or []:
        if other.get("kind") == InstitutionName.Kind.ACRONYM or not (other.get("name") or "").strip():
            continue
        language = (other.get("language") or "").strip()
        lines.append(f"{other['name'].strip()} [{language}]" if language else other["name"].strip())
    return "\n".join(lines)


def parsed_other_names(text, acronyms, *, drafted):
    """Return the contract's other_names from the form's lines and acronyms; raise ValidationError on a bad line.

    A name the draft gave keeps its kind (a former name stays former); a line with [language] is a native-script name.
    """
    kinds = {(other.get("name") or "").strip(): other.get("kind") for other in drafted or []}
    names, problems = [], []
    for acronym in (part.strip() for part in acronyms.split(",")):
        if not acronym:
            continue
        if len(acronym) > 64:
            problems.append(_("An acronym is at most 64 characters: %(acronym)s") % {"acronym": acronym[:70]})
        names.append({"name": acronym, "kind": InstitutionName.Kind.ACRONYM, "language": ""})
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        match = OTHER_NAME_LINE.fullmatch(line)
        name, language = (match["name"], match["language"].strip()) if match else (line, "")
        if match and not LANGUAGE_CODE.fullmatch(language):
            problems.append(_("“%(language)s” is not a language code (ko, ar, zh-Hans…): %(line)s") % {"language": language, "line": line})
        if not name or len(name) > 255:
            problems.append(_("A name is 1 to 255 characters: %(line)s") % {"line": line[:70]})
        kind = kinds.get(name) if kinds.get(name) not in {None, InstitutionName.Kind.ACRONYM} else None
        kind = kind or (InstitutionName.Kind.NATIVE if language else InstitutionName.Kind.ALTERNATIVE)
        names.append({"name": name, "kind": kind, "language": language})
    if problems:
        raise ValidationError(problems)
    return names


def person_rows(people):
    """The contract's people (one entry per part) as the form's rows: one a person, with all their parts.

    Each row is the person's first entry with "roles" (their parts, in order) and "quotes" (the
    sentence each part was drafted with).
    """
    rows = {}
    for entry in people or []:
        key = " ".join((entry.get("name") or "").casefold().split()) or f"#{len(rows)}"
        row = rows.setdefault(key, {**entry, "roles": [], "quotes": {}})
        role = entry.get("role")
        if role and role not in row["roles"]:
            row["roles"].append(role)
            row["quotes"][role] = entry.get("evidence") or ""
    return list(rows.values())


def quote_field():
    return forms.CharField(
        label=_("Sentence cited"), required=False, max_length=MAX_QUOTE, strip=True,
        widget=forms.Textarea(attrs={"rows": 2, "class": "quote-field"}),
        help_text=_("Click a sentence of the article to cite it, or copy it here."),
    )


def note_field():
    return forms.CharField(
        label=_("Note, if no sentence states it"), required=False, max_length=500,
        help_text=_("Where the fact comes from, in your words."),
    )


class DraftForm(forms.Form):
    """Every proposed fact of a draft as a field a curator can correct, drop or keep, and rows to add.

    Built from the proposal (the documented JSON contract); `corrected()` gives the proposal
    back with the curator's changes. Each fact has the sentence it cites, which a curator may
    change (a click on the article's sentence fills it in); each list has one empty row to add.
    """

    def __init__(self, *args, proposal, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = copy.deepcopy(proposal)
        # The article's text, white space folded: each cited sentence must be in it.
        self.article = fold_whitespace(article) if article is not None else None
        # Where each checked fact of the corrected proposal is on the form: (agreement, "date") → field name.
        self.field_of_fact = {}
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
            quotes = {}
            for item in agreement.get("evidence") or []:
                fact = {"signed_on": "date", "status": "kind"}.get(str(item.get("fact", "")).lower(), str(item.get("fact", "")).lower())
                quotes.setdefault(fact, item)
            self.add(f"{prefix}-drop", forms.BooleanField(label=_("Leave out this agreement"), required=False), False)
            if agreement.get("existing_agreement"):
                self.add(f"{prefix}-as_new", forms.BooleanField(
                    label=_("Publish it as a new agreement instead"), required=False,
                ), False)
            self.add(f"{prefix}-title", forms.CharField(label=_("Title"), max_length=300), agreement.get("title"))
            cites = f"{prefix}-kind_quote"
            self.add(f"{prefix}-kind", forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices), agreement.get("kind"), cites=cites)
            self.add(f"{prefix}-status", forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices), agreement.get("status"), cites=cites)
            self.add(cites, quote_field(), (quotes.get("kind") or {}).get("quote"), cites=cites)
            self.add(f"{prefix}-kind_note", note_field(), (quotes.get("kind") or {}).get("note"), cites=cites)
            cites = f"{prefix}-date_quote"
            self.add(f"{prefix}-signed_on", forms.DateField(
                label=_("Date signed"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                help_text=_("A month or a year: its first day."),
            ), agreement.get("signed_on"), cites=cites)
            self.add(f"{prefix}-signed_on_precision", forms.ChoiceField(
                label=_("Precision of the date"), choices=Agreement.Precision.choices,
            ), agreement.get("signed_on_precision") or "unknown", cites=cites)
            self.add(cites, quote_field(), (quotes.get("date") or {}).get("quote"), cites=cites)
            self.add(f"{prefix}-date_note", note_field(), (quotes.get("date") or {}).get("note"), cites=cites)
            cites = f"{prefix}-place_quote"
            self.add(f"{prefix}-place", forms.CharField(label=_("Place of signing"), max_length=255, required=False),
                     agreement.get("place"), cites=cites)
            self.add(cites, quote_field(), (quotes.get("place") or {}).get("quote"), cites=cites)
            self.add(f"{prefix}-summary", forms.CharField(
                label=_("Summary"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("What the agreement is for, in a sentence or two."),
            ), agreement.get("summary"))
            for p, party in enumerate([*(agreement.get("parties") or []), {}]):
                self.add_party(f"{prefix}-p{p}", party, country_choices)
            for m, person in enumerate([*person_rows(agreement.get("people")), {}]):
                self.add_person(f"{prefix}-m{m}", person)
            for r, area in enumerate([*(agreement.get("areas") or []), {}]):
                name = f"{prefix}-r{r}"
                cites = f"{name}-quote"
                self.add(f"{name}-drop", forms.BooleanField(label=_("Leave out"), required=False), False)
                self.add(f"{name}-area", forms.ChoiceField(label=_("Focus area"), choices=areas, required=False), area.get("area"), cites=cites)
                self.add(cites, quote_field(), area.get("evidence"), cites=cites)

    def add_party(self, name, party, country_choices):
        cites = f"{name}-quote"
        self.add(f"{name}-drop", forms.BooleanField(label=_("Not a party"), required=False), False)
        self.add(f"{name}-institution", forms.CharField(
            label=_("Existing institution (slug)"), required=False, max_length=255,
            help_text=_("Type a name to find it; empty: a new institution as below."),
            widget=forms.TextInput(attrs={
                "list": "institution-slugs", "autocomplete": "off", "data-autocomplete-value": "slug",
                "data-autocomplete": reverse("institution-autocomplete"),
            }),
        ), party.get("institution"), cites=cites)
        self.add(f"{name}-name", forms.CharField(label=_("Name"), max_length=255, required=False), party.get("name"), cites=cites)
        self.add(cites, quote_field(), party.get("evidence"), cites=cites)
        self.add(f"{name}-note", note_field(), party.get("note"), cites=cites)
        self.add(f"{name}-country", forms.ChoiceField(label=_("Country"), choices=country_choices, required=False), party.get("country"))
        self.add(f"{name}-kind", forms.ChoiceField(label=_("Kind of institution"), choices=institution_kind_choices(), required=False), party.get("kind"))
        self.add(f"{name}-city", forms.CharField(label=_("City"), max_length=128, required=False), party.get("city"))
        self.add(f"{name}-parent", forms.CharField(
            label=_("Parent institution"), required=False, max_length=255,
            help_text=_("Slug or exact name of an existing institution."),
        ), party.get("parent"))
        other_names = party.get("other_names") or []
        self.add(f"{name}-acronyms", forms.CharField(
            label=_("Acronyms"), required=False, max_length=500, help_text=_("Separated by commas, e.g. SMC, SNUH."),
        ), ", ".join(other["name"] for other in other_names if other.get("kind") == InstitutionName.Kind.ACRONYM))
        self.add(f"{name}-other_names", forms.CharField(
            label=_("Other names"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("One a line; a native-script name ends with its language code in brackets: 삼성서울병원 [ko]."),
        ), other_names_text(other_names))

    def add_person(self, name, person):
        cites = f"{name}-quote"
        roles = person.get("roles") or []
        self.add(f"{name}-drop", forms.BooleanField(label=_("Leave out"), required=False), False)
        self.add(f"{name}-name", forms.CharField(label=_("Name"), max_length=255, required=False), person.get("name"), cites=cites)
        self.add(f"{name}-title", forms.CharField(label=_("Title at the time"), max_length=255, required=False), person.get("title"))
        self.add(f"{name}-institution", forms.CharField(label=_("Institution"), max_length=255, required=False), person.get("institution"))
        # One person may sign and speak: each part is a participation of its own.
        self.add(f"{name}-role", forms.MultipleChoiceField(
            label=_("Parts"), choices=Participation.Role.choices, required=False, widget=forms.CheckboxSelectMultiple,
        ), roles, cites=cites)
        self.add(cites, quote_field(), person.get("evidence"), cites=cites)
        self.add(f"{name}-note", note_field(), person.get("note"), cites=cites)

    def add(self, name, field, value, *, cites=None):
        """Add the field with its initial value; `cites` names the quote field a click on a sentence fills in."""
        if cites:
            field.widget.attrs["data-cite"] = cites
        self.fields[name] = field
        self.initial[name] = "" if value is None else value

    def rows(self, a, letter, key):
        """Yield (field prefix, proposed row or None for the row to add) of one list of agreement a."""
        entries = (self.proposal.get("agreements") or [])[a].get(key) or []
        if key == "people":
            entries = person_rows(entries)
        for number, entry in enumerate([*entries, None]):
            yield f"a{a}-{letter}{number}", entry

    def kept_rows(self, a, letter, key, fields):
        """Yield (prefix, row) of the rows kept: not left out, and the row to add only when any of its fields is filled in."""
        for name, entry in self.rows(a, letter, key):
            if self.cleaned_data.get(f"{name}-drop"):
                continue
            if entry is None and not any(self.cleaned_data.get(f"{name}-{field}") for field in fields):
                continue
            yield name, entry

    def clean(self):
        cleaned = super().clean()
        for key, value in cleaned.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(key, _("A NUL character is not allowed."))
        agreements = self.proposal.get("agreements") or []
        self.clean_quotes()
        for a in range(len(agreements)):
            if cleaned.get(f"a{a}-drop"):
                continue
            self.clean_parties(a)
            for name, _entry in self.kept_rows(a, "m", "people", PERSON_FIELDS):
                if not (cleaned.get(f"{name}-name") or "").strip():
                    self.add_error(f"{name}-name", _("A person needs a name; or leave them out."))
                if not cleaned.get(f"{name}-role"):
                    self.add_error(f"{name}-role", _("Tick at least one part."))
            for name, _entry in self.kept_rows(a, "r", "areas", AREA_FIELDS):
                if not cleaned.get(f"{name}-area"):
                    self.add_error(f"{name}-area", _("Choose a focus area; or leave this one out."))
        if agreements and all(cleaned.get(f"a{a}-drop") for a in range(len(agreements))):
            raise ValidationError(_("Every agreement is left out: reject the draft instead."))
        return cleaned

    def clean_quotes(self):
        """Refuse a cited sentence that is not in the article, next to its field (a left-out row's is ignored)."""
        if self.article is None:
            return
        for name, value in list(self.cleaned_data.items()):
            if not name.endswith("quote") or not value:
                continue
            row, agreement = name.rsplit("-", 1)[0], name.split("-", 1)[0]
            if self.cleaned_data.get(f"{row}-drop") or self.cleaned_data.get(f"{agreement}-drop"):
                continue
            if fold_whitespace(value) not in self.article:
                self.add_error(name, _("This sentence is not in the article: click it there, or copy it exactly."))

    def clean_parties(self, a):
        cleaned = self.cleaned_data
        for name, entry in self.kept_rows(a, "p", "parties", PARTY_FIELDS):
            slug = (cleaned.get(f"{name}-institution") or "").strip()
            if slug and not Institution.objects.filter(slug=slug).exists():
                self.add_error(f"{name}-institution", _("No institution has this slug; choose one from the suggestions or leave it empty."))
            if slug:
                continue
            if not (cleaned.get(f"{name}-name") or "").strip():
                self.add_error(f"{name}-name", _("A new institution needs its name; or choose an existing one."))
            if not cleaned.get(f"{name}-country"):
                self.add_error(f"{name}-country", _("A new institution needs its country."))
            if not cleaned.get(f"{name}-kind"):
                self.add_error(f"{name}-kind", _("A new institution needs its kind."))
            try:
                cleaned[f"{name}-other_names"] = parsed_other_names(
                    cleaned.get(f"{name}-other_names") or "", cleaned.get(f"{name}-acronyms") or "",
                    drafted=(entry or {}).get("other_names"),
                )
            except ValidationError as error:
                self.add_error(f"{name}-other_names", error)

    def corrected(self):
        """Return the proposal with the curator's corrections, the left-out rows removed and the added ones in."""
        data = self.cleaned_data
        proposal = copy.deepcopy(self.proposal)
        published_on = data.get("source-published_on")
        proposal["source"] = {
            **(proposal.get("source") or {}), "title": data["source-title"], "publisher": data.get("source-publisher") or None,
            "published_on": published_on.isoformat() if published_on else None,
        }
        agreements = []
        self.field_of_fact = {}
        for a, agreement in enumerate(proposal.get("agreements") or []):
            prefix = f"a{a}"
            if data.get(f"{prefix}-drop"):
                continue
            number = len(agreements)
            signed_on = data.get(f"{prefix}-signed_on")
            agreement.update({
                "title": data[f"{prefix}-title"], "kind": data[f"{prefix}-kind"], "status": data[f"{prefix}-status"],
                "signed_on": signed_on.isoformat() if signed_on else None,
                "signed_on_precision": data[f"{prefix}-signed_on_precision"], "place": data[f"{prefix}-place"],
                "summary": data.get(f"{prefix}-summary") or "",
                "evidence": self.corrected_evidence(prefix, agreement.get("evidence") or []),
            })
            if data.get(f"{prefix}-as_new"):
                agreement["existing_agreement"] = None
            self.field_of_fact.update({(number, "date"): f"{prefix}-signed_on", (number, "kind"): f"{prefix}-kind"})
            agreement["parties"] = self.corrected_parties(a, number)
            agreement["people"] = self.corrected_people(a, number)
            agreement["areas"] = [
                {**(entry or {}), "area": data[f"{name}-area"], "evidence": data.get(f"{name}-quote") or ""}
                for name, entry in self.kept_rows(a, "r", "areas", AREA_FIELDS)
            ]
            agreements.append(agreement)
        proposal["agreements"] = agreements
        return proposal

    def corrected_evidence(self, prefix, evidence):
        """The agreement's evidence list: the kind, date and place as the form gives them, other facts as drafted."""
        data = self.cleaned_data
        facts = {"kind": ("kind", "status"), "date": ("date", "signed_on"), "place": ("place",)}
        kept = [item for item in evidence if str(item.get("fact", "")).lower() not in {key for keys in facts.values() for key in keys}]
        for fact in facts:
            quote, note = data.get(f"{prefix}-{fact}_quote") or "", data.get(f"{prefix}-{fact}_note") or ""
            if quote or note:
                kept.append({"fact": fact, "quote": quote, **({"note": note} if note else {})})
        return kept

    def corrected_parties(self, a, number):
        data, parties = self.cleaned_data, []
        for name, entry in self.kept_rows(a, "p", "parties", PARTY_FIELDS):
            slug = (data.get(f"{name}-institution") or "").strip()
            self.field_of_fact[(number, "parties", len(parties))] = f"{name}-institution" if slug else f"{name}-name"
            party = {
                "other_names": [], **(entry or {}), "institution": slug or None, "name": data.get(f"{name}-name") or "",
                "country": data.get(f"{name}-country") or None, "kind": data.get(f"{name}-kind") or None,
                "parent": (data.get(f"{name}-parent") or "").strip() or None, "city": data.get(f"{name}-city") or "",
                "evidence": data.get(f"{name}-quote") or "", "note": data.get(f"{name}-note") or "",
            }
            if not slug:
                party["other_names"] = data.get(f"{name}-other_names") or []
            parties.append(party)
        return parties

    def corrected_people(self, a, number):
        """The people, one entry per part (the contract's shape): a person who signed and spoke is two entries."""
        data, people = self.cleaned_data, []
        for name, entry in self.kept_rows(a, "m", "people", PERSON_FIELDS):
            entry = dict(entry or {})
            drafted_quotes, first_quote = entry.pop("quotes", {}), entry.get("evidence") or ""
            entry.pop("roles", None)
            quote = data.get(f"{name}-quote") or ""
            for role in data.get(f"{name}-role") or []:
                self.field_of_fact[(number, "people", len(people))] = f"{name}-name"
                # Each part keeps the sentence it was drafted with, unless the curator cited another.
                evidence = drafted_quotes[role] if role in drafted_quotes and quote == first_quote.strip() else quote
                person = {**entry, "role": role, "evidence": evidence, "note": data.get(f"{name}-note") or ""}
                person.update({key: data.get(f"{name}-{key}") or "" for key in ("name", "title", "institution")})
                people.append(person)
        return people

    def add_unstated(self, problems):
        """Put each fact its sentence does not state (cited_facts.UnstatedFact) next to its field."""
        for problem in problems:
            field = self.field_of_fact.get(problem.path)
            if field is None:
                self.add_error(None, problem.message)
            elif problem.message not in self.errors.get(field, []):
                self.add_error(field, problem.message)

    def source_fields(self):
        return [self[f"source-{key}"] for key in ("title", "publisher", "published_on")]

    def groups(self):
        """The bound fields by agreement and by row, with each row's proposed quote, for the template."""
        groups = []
        for a, agreement in enumerate(self.proposal.get("agreements") or []):
            prefix = f"a{a}"

            def fields(name, *keys):
                return [self[f"{name}-{key}"] for key in keys]

            existing = agreement.get("existing_agreement")
            groups.append({
                "number": a + 1, "drop": self[f"{prefix}-drop"], "title": self[f"{prefix}-title"],
                "existing": existing and {
                    **existing, "as_new": self[f"{prefix}-as_new"],
                    "differences": [shown_difference(difference) for difference in existing.get("differences") or []],
                },
                "facts": [
                    {"label": _("Kind and status"), "fields": fields(prefix, "kind", "status", "kind_quote", "kind_note")},
                    {"label": _("Date signed"), "fields": fields(prefix, "signed_on", "signed_on_precision", "date_quote", "date_note")},
                    {"label": _("Place of signing"), "fields": fields(prefix, "place", "place_quote")},
                ],
                "summary": self[f"{prefix}-summary"],
                "evidence": agreement.get("evidence") or [],
                "parties": [
                    {"name": (entry or {}).get("name"), "is_new": entry is None, "evidence": (entry or {}).get("evidence"),
                     "drop": self[f"{name}-drop"],
                     "fields": fields(name, "institution", "name", "quote", "note"),
                     "new_fields": fields(name, "country", "kind", "city", "parent", "acronyms", "other_names")}
                    for name, entry in self.rows(a, "p", "parties")
                ],
                "people": [
                    {"name": (entry or {}).get("name"), "is_new": entry is None, "evidence": (entry or {}).get("evidence"),
                     "more_evidence": [
                         {"quote": quote} for quote in dict.fromkeys((entry or {}).get("quotes", {}).values())
                         if quote and quote != (entry or {}).get("evidence")
                     ],
                     "drop": self[f"{name}-drop"],
                     "fields": fields(name, "name", "title", "institution", "role", "quote", "note")}
                    for name, entry in self.rows(a, "m", "people")
                ],
                "areas": [
                    {"is_new": entry is None, "evidence": (entry or {}).get("evidence"), "drop": self[f"{name}-drop"],
                     "fields": fields(name, "area", "quote")}
                    for name, entry in self.rows(a, "r", "areas")
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


class RejectDraftForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why nothing of this article goes into the directory, for the curator who looks next."),
    )


class CloseSuggestionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Close as"), widget=forms.RadioSelect,
        choices=[(Suggestion.Status.APPLIED, _("Applied")), (Suggestion.Status.DECLINED, _("Declined"))],
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("What was changed, or why nothing was."))
