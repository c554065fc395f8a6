"""Writes that span models: keeping a draft, publishing it as records, closing drafts and suggestions.

Pages and the API call these alike. Publishing is all or nothing: one transaction, every row
validated by its model (`full_clean()`) before it is saved, and the first problem refused with
a message that names the agreement and the row.
"""
import datetime
import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _, override

from common.slugs import unique_slug
from curation.cited_facts import unstated_facts
from curation.drafting.source import read_article
from curation.known_agreements import Record, differences, shown_difference, with_current_differences
from curation.models import Draft, Suggestion, normalised_url, text_fingerprint
from institutions.models import Institution, InstitutionName
from partnerships.models import (
    Agreement, AgreementArea, AgreementEvent, AgreementParty, Area, Disagreement, Evidence, Participation, Person,
    ReportedValue, Source, date_display, fold_whitespace,
)

# The contract's agreement-level facts, stored as evidence of the agreement itself.
AGREEMENT_FACTS = {"date": "date", "signed_on": "date", "place": "place", "kind": "kind", "status": "kind"}
# The differences from a record (curation/known_agreements.py) that a Disagreement can hold.
DISAGREEING_FACTS = {"signed_on": Disagreement.Fact.DATE, "place": Disagreement.Fact.PLACE}


class PublishError(Exception):
    """The draft cannot be published as it stands; nothing was written."""


class UnstatedFactsError(PublishError):
    """Facts the curator changed are not stated by their cited sentences; `problems` says which (cited_facts.UnstatedFact)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(problem.message for problem in problems))


def keep_draft(*, proposal, text=None, html=None, url=None, published_on=None, created_by=None, suggestion=None):
    """Keep what the assistant proposed from an article (its text, or a saved page), for a curator to review."""
    if html and not text:
        text = article_text(html=html, url=url)
    return Draft.objects.create(
        text=text or "", html=html or "", url=url or "", published_on=published_on, proposal=proposal, drafted=proposal,
        created_by=created_by if created_by and created_by.is_authenticated else None, suggestion=suggestion,
    )


def article_text(*, html, url=None):
    """The main text of a saved page, as the assistant reads it (so its quotes are found in it)."""
    return read_article(html=html, url=url or None).text


def earlier_publication(*, url="", text="", exclude=None):
    """Say where the same article (same address or same text) was published already, or return None.

    Returns a dict with the source and its agreements, or None when the article is new.
    """
    drafts = Draft.objects.of_article(url=url, text=text).filter(status=Draft.Status.PUBLISHED)
    if exclude is not None:
        drafts = drafts.exclude(pk=exclude.pk)
    # A reopened draft's own source is not an earlier publication of it.
    own_source = exclude.source_id if exclude is not None else None
    draft = drafts.select_related("source").prefetch_related("agreements").first()
    if draft is not None:
        return {"source": draft.source, "agreements": list(draft.agreements.all()), "draft": draft}
    source = None
    if normalised_url(url):
        candidates = Source.objects.filter(url__icontains=urlsplit(url).path.rstrip("/") or url)
        source = next((s for s in candidates if normalised_url(s.url) == normalised_url(url) and s.pk != own_source), None)
    if source is None and text.strip():
        # Published drafts hold their text's fingerprint (above); the curated articles are files.
        fingerprint = text_fingerprint(text)
        source = next(
            (s for s in Source.objects.exclude(archive_file="").exclude(pk=own_source)
             if curated_fingerprint(s.archive_file) == fingerprint),
            None,
        )
    if source is None:
        return None
    return {"source": source, "agreements": list(source.agreements.order_by("title")), "draft": None}


@functools.lru_cache(maxsize=256)
def curated_fingerprint(archive_file):
    """The fingerprint of a curated article's archived file (part of the code, so never changes)."""
    path = settings.SOURCE_ARCHIVE_DIR / archive_file
    return text_fingerprint(path.read_text(encoding="utf-8")) if path.is_file() else ""


def reject_draft(*, draft, curator, reason):
    """Mark an open draft rejected, with the curator's reason: it is kept, with who rejected it and when."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishError(_("Say why the draft is rejected."))
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != Draft.Status.OPEN:
            raise PublishError(_("This draft is already %(status)s.") % {"status": draft.get_status_display().lower()})
        draft.status, draft.closed_by, draft.closed_at, draft.reason = Draft.Status.REJECTED, curator, timezone.now(), reason
        draft.save()
    return draft


def reopen_draft(*, draft):
    """Open a rejected or published draft again, for a second look.

    A published draft keeps its source and the agreements it wrote, and each of its agreements
    is marked as that record: publishing it again adds only what the records lack (a party, a
    person, a focus area, evidence, an agreement left out), never a second source or agreement.
    A fact changed since is not written over the record: the record's own edit form does that.
    """
    with transaction.atomic():
        draft = Draft.objects.select_for_update(of=("self",)).get(pk=draft.pk)
        if draft.status == Draft.Status.OPEN:
            raise PublishError(_("This draft is open already."))
        if draft.status == Draft.Status.PUBLISHED:
            entries = (draft.proposal or {}).get("agreements") or []
            for entry, agreement in zip(entries, draft.agreements.order_by("pk")):
                entry["existing_agreement"] = {"slug": agreement.slug, "title": agreement.title}
            draft.proposal = with_current_differences(draft.proposal)
        draft.status, draft.closed_by, draft.closed_at = Draft.Status.OPEN, None, None
        draft.save()
    return draft


def close_suggestion(*, suggestion, curator, status, reason):
    """Close an open suggestion as applied or declined, with the curator's reason."""
    if status not in {Suggestion.Status.APPLIED, Suggestion.Status.DECLINED}:
        raise ValueError(f"A suggestion closes as applied or declined, not {status!r}")
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.OPEN:
            raise PublishError(_("This suggestion is already closed."))
        suggestion.status, suggestion.reason = status, reason.strip()
        suggestion.closed_by, suggestion.closed_at = curator, timezone.now()
        suggestion.full_clean()
        suggestion.save()
    return suggestion


def publish_draft(*, draft, curator, proposal=None):
    """Create the draft's source, institutions, people, agreements and evidence in one transaction.

    `proposal` is the corrected draft (the documented JSON contract); without it, the draft's
    own. Each row is recorded in the history as the curator's change (naming the suggestion the
    draft came from, if any). Raises PublishError, having written nothing, when the article was
    published already or any row is invalid; UnstatedFactsError when a date, kind, party or person
    the curator changed is not stated by its cited sentence and has no note. Returns the draft, now published;
    its `unrecorded_differences` lists what the article gives otherwise than an agreement it is added to,
    where no disagreement between sources could record it (a kind; a date or place the record lacks).
    """
    try:
        with transaction.atomic():
            draft = Draft.objects.select_for_update(of=("self",)).select_related("suggestion").get(pk=draft.pk)
            if draft.status != Draft.Status.OPEN:
                raise PublishError(_("This draft is already %(status)s.") % {"status": draft.get_status_display().lower()})
            earlier = earlier_publication(url=draft.url, text=draft.text, exclude=draft)
            if earlier is not None:
                raise PublishError(already_published_message(earlier))
            proposal = draft.proposal if proposal is None else proposal
            problems = unstated_facts(proposal=proposal, drafted=draft.drafted)
            if problems:
                raise UnstatedFactsError(problems)
            writer = Writer(draft=draft, curator=curator)
            agreements = writer.write(proposal)
            draft.unrecorded_differences = writer.unrecorded
            draft.proposal = proposal
            draft.status, draft.closed_by, draft.closed_at = Draft.Status.PUBLISHED, curator, timezone.now()
            draft.source = writer.source
            draft.save()
            draft.agreements.set(agreements)
            if draft.suggestion and draft.suggestion.status == Suggestion.Status.OPEN:
                close_suggestion(
                    suggestion=draft.suggestion, curator=curator, status=Suggestion.Status.APPLIED,
                    reason=_("Published from draft #%(draft)s: %(titles)s")
                    % {"draft": draft.pk, "titles": "; ".join(agreement.title for agreement in agreements)},
                )
    except IntegrityError as error:
        raise PublishError(_("The records conflict with existing ones: %(error)s") % {"error": error}) from error
    return draft


def already_published_message(earlier):
    titles = "; ".join(agreement.title for agreement in earlier["agreements"]) or _("no agreement")
    return _("This article was published already, as the source “%(source)s” of: %(titles)s.") % {
        "source": earlier["source"].headline if earlier["source"] else "?", "titles": titles,
    }


def as_date(value, *, where):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise PublishError(_("%(where)s: %(value)s is not a date (YYYY-MM-DD).") % {"where": where, "value": value}) from error


def value_in_words(day, precision):
    """Return a date as a disagreement records it: in the directory's own language, whoever publishes."""
    with override(settings.LANGUAGE_CODE):
        return str(date_display(day, precision or "unknown"))


def checked(row, *, where, exclude=()):
    """Validate the row as its model does, or refuse the whole publication naming where the problem is."""
    try:
        row.full_clean(exclude=list(exclude), validate_unique=True)
    except ValidationError as error:
        problems = "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
        raise PublishError(f"{where}: {problems}") from error
    return row


class Writer:
    """Writes one proposal's rows, each as the curator's change; refuses at the first invalid one."""

    def __init__(self, *, draft, curator):
        self.draft, self.curator = draft, curator
        self.reason = _("Published from draft #%(draft)s") % {"draft": draft.pk}
        if draft.suggestion_id:
            self.reason += f" ({draft.suggestion.change_reason})"
        self.slugs = {Institution: set(), Agreement: set(), Person: set(), Source: set()}
        # New institutions by name: two agreements of one article share their parties.
        self.new_institutions = {}
        self.source = None
        # What this source gives otherwise than a recorded agreement, where no disagreement can hold it.
        self.unrecorded = []

    def save(self, row, *, where, exclude=()):
        checked(row, where=where, exclude=exclude)
        row._history_user = self.curator
        row._change_reason = self.reason
        row.save()
        return row

    def write(self, proposal):
        if not isinstance(proposal, dict) or not isinstance(proposal.get("agreements"), list):
            raise PublishError(_("The draft has no list of agreements."))
        if not proposal["agreements"]:
            raise PublishError(_("The draft proposes no agreement: there is nothing to publish."))
        # A reopened draft publishes again with the source it wrote the first time.
        self.source = self.draft.source or self.write_source(proposal.get("source") or {})
        return [
            self.write_agreement(entry, where=_("Agreement %(number)s") % {"number": number})
            for number, entry in enumerate(proposal["agreements"], start=1)
        ]

    def write_source(self, entry):
        where = _("Source")
        title = (entry.get("title") or "").strip() or self.draft.title
        publisher = (entry.get("publisher") or "").strip() or urlsplit(self.draft.url).hostname or _("Unknown publisher")
        source = Source(
            kind=Source.Kind.ARTICLE, headline=title[:500], publisher=publisher[:255],
            url=(entry.get("url") or self.draft.url or "").strip(),
            published_on=as_date(entry.get("published_on"), where=where) or self.draft.published_on,
            language=(entry.get("language") or "en")[:16], text=self.draft.text,
        )
        source.slug = unique_slug(Source, f"{publisher} {title}", max_length=128, taken=self.slugs[Source])
        return self.save(source, where=where)

    def write_agreement(self, entry, *, where):
        if entry.get("existing_agreement"):
            return self.add_to_agreement(entry, where=where)
        title = (entry.get("title") or "").strip()
        agreement = Agreement(
            # The draft's status is what the article says; the record's is worked out from its dates.
            title=title, kind=entry.get("kind") or "", summary=(entry.get("summary") or "").strip(),
            signed_on=as_date(entry.get("signed_on"), where=where),
            signed_on_precision=entry.get("signed_on_precision") or Agreement.Precision.UNKNOWN,
            place=(entry.get("place") or "").strip(),
        )
        agreement.slug = unique_slug(Agreement, title, max_length=300, taken=self.slugs[Agreement])
        self.save(agreement, where=f"{where} ({title or _('untitled')})")
        return self.write_statements(agreement, entry, where=where)

    def add_to_agreement(self, entry, *, where):
        """Add the article as one more source of the recorded agreement the entry is, never changing its own facts.

        Its parties (new ones added), people, areas and evidence are written with this source; where
        it gives the date or place otherwise, the disagreement between the sources is recorded.
        """
        known = entry["existing_agreement"]
        slug = str((known.get("slug") if isinstance(known, dict) else known) or "").strip()
        agreement = Agreement.objects.filter(slug=slug).first()
        if agreement is None:
            raise PublishError(_("%(where)s: no agreement with slug “%(slug)s” is in the directory.") % {"where": where, "slug": slug})
        where = f"{where} ({agreement.title})"
        record = Record.of(agreement, agreement.parties.values_list("institution__slug", flat=True))
        same_source = agreement.sources.filter(pk=self.source.pk).exists()
        self.write_statements(agreement, entry, where=where)
        for difference in differences(entry, record):
            if same_source and difference["fact"] != "party":
                # A reopened draft does not disagree with itself: its record is edited in its own form.
                self.unrecorded.append(self.unwritten_change(agreement, difference))
            else:
                self.write_disagreement(agreement, entry, difference, where=where)
        return agreement

    def unwritten_change(self, agreement, difference):
        row = shown_difference(difference)
        return _("%(agreement)s — %(fact)s: the record keeps %(recorded)s; change it to %(drafted)s in the record's edit form") % {
            "agreement": agreement.title, "fact": row["label"], "recorded": row["recorded"] or _("not reported"),
            "drafted": row["drafted"],
        }

    def write_statements(self, agreement, entry, *, where):
        """Write what the entry states of the agreement, with this source: parties, areas, people, evidence, events."""
        agreement.sources.add(self.source)
        parties = {}
        for number, party in enumerate(entry.get("parties") or [], start=1):
            party_where = f"{where}, {_('party')} {number} ({party.get('name') or '?'})"
            row = self.write_party(agreement, party, where=party_where)
            if row.institution_id in parties:
                raise PublishError(
                    _("%(where)s: %(name)s is already a party to this agreement.") % {"where": party_where, "name": row.institution.name}
                )
            parties[row.institution_id] = row
        if not parties:
            raise PublishError(_("%(where)s: an agreement needs at least one party.") % {"where": where})
        for number, area in enumerate(entry.get("areas") or [], start=1):
            self.write_area(agreement, area, where=f"{where}, {_('focus area')} {number} ({area.get('area') or '?'})")
        for number, person in enumerate(entry.get("people") or [], start=1):
            self.write_person(
                agreement, person, parties, where=f"{where}, {_('person')} {number} ({person.get('name') or '?'})"
            )
        for number, fact in enumerate(entry.get("evidence") or [], start=1):
            kind = AGREEMENT_FACTS.get(str(fact.get("fact", "")).lower())
            if kind and ((fact.get("quote") or "").strip() or (fact.get("note") or "").strip()):
                self.write_evidence(
                    agreement, fact.get("quote") or "", note=fact.get("note"), fact=kind, where=f"{where}, {_('evidence')} {number}",
                )
        events = [
            self.write_event(agreement, event, where=f"{where}, {_('event')} {number}")
            for number, event in enumerate(entry.get("events") or [], start=1)
        ]
        if any(events):
            # The end or expiry the article reports sets the record's life, as an edit in the admin would.
            agreement.work_out_life()
            self.save(agreement, where=where)
        return agreement

    def write_event(self, agreement, entry, *, where):
        """Write an end or expiry the draft gives a date for; one without a date is left to the curator."""
        if not isinstance(entry, dict) or entry.get("kind") not in AgreementEvent.Kind.values:
            raise PublishError(_("%(where)s: the kind of event is not one of %(kinds)s.") % {
                "where": where, "kinds": ", ".join(AgreementEvent.Kind.values)})
        dated_on = as_date(entry.get("dated_on"), where=where)
        if dated_on is None:
            return None
        # A recorded agreement may have the event already, from the sources before this one.
        event = agreement.events.filter(kind=entry["kind"], dated_on=dated_on).first() or self.save(AgreementEvent(
            agreement=agreement, kind=entry["kind"], dated_on=dated_on,
            dated_on_precision=entry.get("dated_on_precision") or AgreementEvent.Precision.DAY,
        ), where=where)
        self.write_evidence(
            agreement, entry.get("evidence") or "", note=entry.get("note"), fact=Evidence.Fact.EVENT, where=where, event=event,
        )
        return event

    def write_evidence(self, agreement, quote, *, fact, where, note="", **subject):
        """Write the quote (and the curator's note, for a fact the quote does not state) as evidence of the fact."""
        quote, note = fold_whitespace(quote), fold_whitespace(note or "")[:500]
        subject = {"party": None, "area": None, "participation": None, "event": None, **subject}
        found = Evidence.objects.filter(agreement=agreement, source=self.source, fact=fact, quote=quote, note=note, **subject)
        # A sentence given twice for the same fact is one piece of evidence.
        if not (quote or note) or found.exists():
            return
        evidence = Evidence(agreement=agreement, source=self.source, fact=fact, quote=quote, note=note, **subject)
        self.save(evidence, where=where)

    def write_disagreement(self, agreement, entry, difference, *, where):
        """Record the value this source gives beside the one recorded, where the models hold such a disagreement.

        A date or place the record has is a Disagreement: this source's value is added to it, and
        a new one lists what the earlier sources said too. A kind, or a fact the record lacks, is
        left in `unrecorded` for the curator; a new party is written as a party.
        """
        if difference["fact"] == "party":
            return
        fact = DISAGREEING_FACTS.get(difference["fact"])
        if fact is None or difference["recorded"] is None:
            row = shown_difference(difference)
            self.unrecorded.append(_("%(agreement)s — %(fact)s: recorded %(recorded)s, this article %(drafted)s") % {
                "agreement": agreement.title, "fact": row["label"], "recorded": row["recorded"] or _("not reported"),
                "drafted": row["drafted"],
            })
            return
        if fact == Disagreement.Fact.DATE:
            recorded = value_in_words(agreement.signed_on, agreement.signed_on_precision)
            given = value_in_words(as_date(entry.get("signed_on"), where=where), entry.get("signed_on_precision"))
        else:
            recorded, given = agreement.place, difference["drafted"]
        where = f"{where}, {_('disagreement between sources')} ({Disagreement.Fact(fact).label})"
        disagreement = agreement.disagreements.filter(fact=fact, party=None).first()
        if disagreement is None:
            disagreement = self.save(Disagreement(
                agreement=agreement, fact=fact, recorded_value=recorded[:300],
                reason=_("The record keeps the value its earlier sources give; “%(headline)s” (%(publisher)s), added from "
                         "draft #%(draft)s, gives another. A curator is to check which is right.") % {
                    "headline": self.source.headline, "publisher": self.source.publisher, "draft": self.draft.pk},
            ), where=where)
            first_of_each_source = {}
            for evidence in agreement.evidence.filter(fact=fact).exclude(source=self.source).order_by("pk"):
                first_of_each_source.setdefault(evidence.source_id, evidence)
            for evidence in first_of_each_source.values():
                self.save(ReportedValue(
                    disagreement=disagreement, source_id=evidence.source_id, value=recorded[:300], quote=evidence.quote,
                    note=evidence.note,
                ), where=where)
        cited = next((item for item in entry.get("evidence") or [] if AGREEMENT_FACTS.get(str(item.get("fact", "")).lower()) == fact), {})
        quote, note = fold_whitespace(cited.get("quote") or ""), fold_whitespace(cited.get("note") or "")[:500]
        self.save(ReportedValue(
            disagreement=disagreement, source=self.source, value=given[:300], quote=quote,
            note=note or ("" if quote else _("No sentence of the article was cited for it.")),
        ), where=where)

    def write_party(self, agreement, entry, *, where):
        """Write the party (a recorded agreement's own party is kept as it is) and the evidence naming it."""
        institution = self.institution_for(entry, where=where)
        party = agreement.parties.filter(institution=institution).first() or self.save(
            AgreementParty(agreement=agreement, institution=institution, role=entry.get("role") or "party"),
            where=where
        )
        self.write_evidence(
            agreement, entry.get("evidence") or "", note=entry.get("note"), fact=Evidence.Fact.PARTY, party=party, where=where,
        )
        return party

    def institution_for(self, entry, *, where):
        """The existing institution the entry names by slug, or a new one from its name, kind and country."""
        slug = (entry.get("institution") or "").strip()
        if slug:
            institution = Institution.objects.filter(slug=slug).first()
            if institution is None:
                raise PublishError(_("%(where)s: no institution with slug “%(slug)s”.") % {"where": where, "slug": slug})
            return institution
        name = (entry.get("name") or "").strip()
        if not name:
            raise PublishError(_("%(where)s: a new institution needs a name.") % {"where": where})
        if name.casefold() in self.new_institutions:
            return self.new_institutions[name.casefold()]
        other_names = [other for other in entry.get("other_names") or [] if (other.get("name") or "").strip()]
        acronyms = [other["name"].strip() for other in other_names if other.get("kind") == InstitutionName.Kind.ACRONYM]
        institution = Institution(
            name=name, kind=entry.get("kind") or Institution.Kind.OTHER, country=entry.get("country") or "",
            city=(entry.get("city") or "").strip(),
            parent=self.parent_for(entry.get("parent"), where=where),
            short_name=next((acronym for acronym in acronyms if len(acronym) <= 64), ""),
        )
        institution.slug = unique_slug(Institution, name, max_length=255, taken=self.slugs[Institution])
        self.save(institution, where=where)
        for other in other_names:
            other_name = other["name"].strip()
            if other_name == name or institution.other_names.filter(name=other_name).exists():
                continue
            self.save(
                InstitutionName(
                    institution=institution, name=other_name, kind=other.get("kind") or InstitutionName.Kind.ALTERNATIVE,
                    language=(other.get("language") or "")[:16],
                ),
                where=f"{where}, {_('other name')} {other_name}",
            )
        self.new_institutions[name.casefold()] = institution
        return institution

    def parent_for(self, text, *, where):
        text = (text or "").strip()
        if not text:
            return None
        if text.casefold() in self.new_institutions:
            return self.new_institutions[text.casefold()]
        found = Institution.objects.filter(slug=text).first() or named_institution(text)
        if found is None:
            raise PublishError(
                _("%(where)s: the parent “%(parent)s” is not in the directory; choose an existing institution or leave it empty.")
                % {"where": where, "parent": text}
            )
        return found

    def write_area(self, agreement, entry, *, where):
        area = Area.objects.filter(slug=(entry.get("area") or "").strip()).first()
        if area is None:
            raise PublishError(_("%(where)s: no focus area with this slug.") % {"where": where})
        # A recorded agreement's own area gets this source's evidence too.
        link = agreement.agreement_areas.filter(area=area).first() or self.save(
            AgreementArea(agreement=agreement, area=area), where=where
        )
        self.write_evidence(agreement, entry.get("evidence") or "", fact=Evidence.Fact.AREA, area=link, where=where)

    def write_person(self, agreement, entry, parties, *, where):
        name = (entry.get("name") or "").strip()
        if not name:
            raise PublishError(_("%(where)s: a person needs a name.") % {"where": where})
        person = Person.objects.filter(name__iexact=name).order_by("pk").first()
        if person is None:
            person = Person(name=name, slug=unique_slug(Person, name, max_length=255, taken=self.slugs[Person]))
            self.save(person, where=where)
        role = entry.get("role") or ""
        # A part recorded already (from an earlier source, or given twice) gets this source's evidence too.
        participation = agreement.participations.filter(person=person, role=role).first() or self.save(Participation(
            agreement=agreement, person=person, role=role, title=(entry.get("title") or "").strip()[:255],
            institution=self.person_institution(entry.get("institution"), parties),
        ), where=where)
        self.write_evidence(
            agreement, entry.get("evidence") or "", note=entry.get("note"), fact=Evidence.Fact.PERSON,
            participation=participation, where=where,
        )

    def person_institution(self, text, parties):
        """The institution a person's entry names: one of the parties (by slug or any name), else a directory slug."""
        text = (text or "").strip()
        if not text:
            return None
        folded = text.casefold()
        for party in parties.values():
            institution = party.institution
            names = {institution.slug, institution.name.casefold(), institution.short_name.casefold()}
            names |= {other.name.casefold() for other in institution.other_names.all()}
            if folded in names - {""}:
                return institution
        return self.new_institutions.get(folded) or Institution.objects.filter(slug=text).first() or named_institution(text)


def named_institution(text):
    """The one institution whose name or acronym is exactly the text, or None when none or several are."""
    matches = list(Institution.objects.filter(name__iexact=text)[:2]) or list(
        Institution.objects.filter(short_name__iexact=text)[:2]
    )
    return matches[0] if len(matches) == 1 else None
