"""Back up the whole directory as one JSON document and restore it, every row named by its natural key.

docs/backup-format.md describes the format. A restore is all or nothing: each row is checked
with `full_clean()` inside one transaction, and the first problem stops it with a message
saying where in the file it is.
"""
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from institutions.models import Institution, InstitutionName
from partnerships.models import (
    Agreement, AgreementArea, AgreementEvent, AgreementParty, Area, Disagreement, Evidence, Participation, Person,
    ReportedValue, Source,
)

FORMAT = "hospital-partnerships-directory"
VERSION = 1
SECTIONS = ["areas", "sources", "institutions", "people", "agreements"]
PROGRESS_EVERY = 500


class BackupError(Exception):
    """A backup that cannot be restored: what is wrong and where in the file."""


# Set on save like the derived columns, but shown on the pages, so the backup keeps it.
EDIT_TIME = "updated_at"


def plain_fields(model):
    """Return the names of the model's own values: every column but the id, references to other rows and
    the columns the model derives on save (its version, its folded search text)."""
    return [
        field.name for field in model._meta.concrete_fields
        if (field.editable or field.name == EDIT_TIME) and not field.primary_key and not field.is_relation
    ]


def plain_values(row):
    """Return the row's own values as text, null where a value is missing."""
    values = {}
    for name in plain_fields(type(row)):
        field = row._meta.get_field(name)
        values[name] = None if field.value_from_object(row) is None else field.value_to_string(row)
    return values


def slug_of(row):
    return row.slug if row is not None else None


def with_progress(rows, *, label, progress):
    """Yield the rows, reporting every PROGRESS_EVERY rows and at the end how far through the label's rows it is."""
    rows = list(rows)
    for done, row in enumerate(rows, start=1):
        yield row
        if done % PROGRESS_EVERY == 0 or done == len(rows):
            progress(f"{label}: {done}/{len(rows)}")


def export_directory(*, progress=lambda line: None):
    """Return the whole directory as a backup: a dict ready for json.dump."""
    institutions = Institution.objects.select_related("parent").prefetch_related("other_names").order_by("slug")
    agreements = Agreement.objects.order_by("slug").prefetch_related(
        "sources", "parties__institution", "agreement_areas__area",
        "participations__person", "participations__institution",
        "evidence__source", "evidence__party__institution", "evidence__area__area", "evidence__participation__person",
        "evidence__event", "events", "disagreements__party__institution", "disagreements__reported_values__source",
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "areas": [
            {**plain_values(area), "parent": slug_of(area.parent)}
            for area in with_progress(Area.objects.select_related("parent").order_by("slug"), label="areas",
                                      progress=progress)
        ],
        "sources": [
            plain_values(source)
            for source in with_progress(Source.objects.order_by("slug"), label="sources", progress=progress)
        ],
        "institutions": [
            {
                **plain_values(institution),
                "parent": slug_of(institution.parent),
                "other_names": [plain_values(other) for other in sorted(institution.other_names.all(),
                                                                        key=lambda other: other.name)],
            }
            for institution in with_progress(institutions, label="institutions", progress=progress)
        ],
        "people": [
            plain_values(person)
            for person in with_progress(Person.objects.order_by("slug"), label="people", progress=progress)
        ],
        "agreements": [
            agreement_record(agreement)
            for agreement in with_progress(agreements, label="agreements", progress=progress)
        ],
    }


def agreement_record(agreement):
    """Return an agreement with everything that hangs off it, as the backup writes it."""
    return {
        **plain_values(agreement),
        "sources": sorted(source.slug for source in agreement.sources.all()),
        "parties": sorted(
            ({"institution": party.institution.slug, **plain_values(party)} for party in agreement.parties.all()),
            key=lambda record: record["institution"],
        ),
        "areas": sorted(link.area.slug for link in agreement.agreement_areas.all()),
        "participations": sorted(
            (
                {"person": part.person.slug, "institution": slug_of(part.institution), **plain_values(part)}
                for part in agreement.participations.all()
            ),
            key=lambda record: (record["person"], record["role"]),
        ),
        "events": sorted(
            (plain_values(event) for event in agreement.events.all()),
            key=lambda record: (record["dated_on"], record["kind"]),
        ),
        "disagreements": [
            {
                **plain_values(disagreement),
                "party": disagreement.party.institution.slug if disagreement.party_id else None,
                "reported_values": [
                    {"source": reported.source.slug, **plain_values(reported)}
                    for reported in sorted(disagreement.reported_values.all(), key=lambda reported: reported.pk)
                ],
            }
            for disagreement in sorted(agreement.disagreements.all(), key=lambda disagreement: disagreement.pk)
        ],
        # In the order curators entered it, which the pages keep.
        "evidence": [
            {"source": evidence.source.slug, "subject": evidence.subject, **plain_values(evidence)}
            for evidence in sorted(agreement.evidence.all(), key=lambda evidence: evidence.pk)
        ],
    }


def import_directory(backup, *, progress=lambda line: None):
    """Create or update every row of the backup by natural key, all or nothing.

    Rows the backup does not name are left as they are. Return, per model, how many rows
    were created, changed and found unchanged.
    """
    check_header(backup)
    restore = Restore(progress=progress)
    try:
        with transaction.atomic():
            restore.run(backup)
    except DatabaseError as error:
        raise BackupError(f"the database refused a row: {error}") from error
    return restore.counts


def check_header(backup):
    if not isinstance(backup, dict):
        raise BackupError("the file does not hold a JSON object")
    if backup.get("format") != FORMAT:
        raise BackupError(f"'format' is {backup.get('format')!r}, not {FORMAT!r}: this is not a directory backup")
    if backup.get("version") != VERSION:
        raise BackupError(f"'version' is {backup.get('version')!r}: this site reads version {VERSION} only")
    check_keys(backup, {"format", "version", "exported_at", *SECTIONS}, where="the file")


def check_keys(record, expected, *, where, optional=()):
    if not isinstance(record, dict):
        raise BackupError(f"{where}: expected an object, found {type(record).__name__}")
    if missing := sorted(set(expected) - record.keys() - set(optional)):
        raise BackupError(f"{where}: missing {', '.join(missing)}")
    if unexpected := sorted(record.keys() - set(expected)):
        raise BackupError(f"{where}: unexpected {', '.join(unexpected)}")


def records(container, key, *, where):
    """Return the list under the key, or refuse a file where it is not a list."""
    value = container[key]
    if not isinstance(value, list):
        raise BackupError(f"{where}: {key!r} is not a list")
    return value


def texts(record, names, *, where):
    """Return the record's values for the names, each text or null as the backup writes them."""
    for name in names:
        if record[name] is not None and not isinstance(record[name], str):
            raise BackupError(f"{where}.{name}: expected text or null, found {record[name]!r}")
    return {name: record[name] for name in names}


def parents_first(items, *, where):
    """Return (position, record) pairs so that a record naming a parent in the same list comes after it."""
    def text_of(record, key):
        value = record.get(key) if isinstance(record, dict) else None
        return value if isinstance(value, str) else None

    pending = list(enumerate(items))
    waiting = {text_of(record, "slug") for _, record in pending} - {None}
    ordered = []
    while pending:
        ready = [(position, record) for position, record in pending if text_of(record, "parent") not in waiting]
        if not ready:
            raise BackupError(f"{where}: parents form a loop among {', '.join(sorted(waiting))}")
        ordered += ready
        placed = {position for position, _ in ready}
        pending = [(position, record) for position, record in pending if position not in placed]
        waiting = {text_of(record, "slug") for _, record in pending} - {None}
    return ordered


class Restore:
    """One restore of a backup: the rows it saved so far and how to report on them."""

    def __init__(self, *, progress):
        self.progress = progress
        self.counts = {}

    def run(self, backup):
        # In dependency order: each row is saved after the rows it names.
        for section, restore in [
            ("areas", self.restore_area),
            ("sources", self.restore_source),
            ("institutions", self.restore_institution),
            ("people", self.restore_person),
            ("agreements", self.restore_agreement),
        ]:
            items = records(backup, section, where="the file")
            # Areas and institutions may name a parent further down the list.
            ordered = parents_first(items, where=section) if section in {"areas", "institutions"} else enumerate(items)
            for position, record in with_progress(ordered, label=section, progress=self.progress):
                restore(record, where=f"{section}[{position}]")

    def save(self, model, *, key, values, where):
        """Create or update the row whose natural key fields (`key`) match the values; return it."""
        row = model.objects.filter(**{name: values[name] for name in key}).first() or model()
        before = self.columns(row)
        for name, value in values.items():
            setattr(row, name, value)
        try:
            row.full_clean()
        except ValidationError as error:
            raise BackupError(f"{where}: {describe(error)}") from error
        outcome = "created" if row.pk is None else "changed" if self.columns(row) != before else "unchanged"
        if outcome != "unchanged":
            edit_time = getattr(row, EDIT_TIME, None)
            row.save()
            if EDIT_TIME in values:
                # save() stamped the current time; the record was last edited when the backup says.
                model.objects.filter(pk=row.pk).update(**{EDIT_TIME: edit_time})
                setattr(row, EDIT_TIME, edit_time)
        self.counts.setdefault(str(model._meta.verbose_name_plural), Counter())[outcome] += 1
        return row

    @staticmethod
    def columns(row):
        return [field.value_from_object(row) for field in row._meta.concrete_fields]

    @staticmethod
    def find(model, slug, *, where):
        """Return the row with the slug, None for a null reference, or refuse an unknown one."""
        if slug is None:
            return None
        row = model.objects.filter(slug=slug).first() if isinstance(slug, str) else None
        if row is None:
            raise BackupError(f"{where}: no {model._meta.verbose_name} with slug {slug!r}")
        return row

    def restore_area(self, record, *, where):
        check_keys(record, [*plain_fields(Area), "parent"], where=where)
        parent = self.find(Area, record["parent"], where=f"{where}.parent")
        self.save(Area, key=["slug"], values={**texts(record, plain_fields(Area), where=where), "parent": parent},
                  where=where)

    def restore_source(self, record, *, where):
        if isinstance(record, dict):
            # Files written before sources kept their text in the database have no "text".
            record = {"text": "", **record}
        check_keys(record, plain_fields(Source), where=where)
        self.save(Source, key=["slug"], values=texts(record, plain_fields(Source), where=where), where=where)

    def restore_person(self, record, *, where):
        check_keys(record, plain_fields(Person), where=where)
        self.save(Person, key=["slug"], values=texts(record, plain_fields(Person), where=where), where=where)

    def restore_institution(self, record, *, where):
        check_keys(record, [*plain_fields(Institution), "parent", "other_names"], where=where)
        parent = self.find(Institution, record["parent"], where=f"{where}.parent")
        values = {**texts(record, plain_fields(Institution), where=where), "parent": parent}
        institution = self.save(Institution, key=["slug"], values=values, where=where)
        for position, other in enumerate(records(record, "other_names", where=where)):
            other_where = f"{where}.other_names[{position}]"
            check_keys(other, plain_fields(InstitutionName), where=other_where)
            values = {**texts(other, plain_fields(InstitutionName), where=other_where), "institution": institution}
            self.save(InstitutionName, key=["institution", "name"], values=values, where=other_where)

    def restore_agreement(self, record, *, where):
        links = ["sources", "parties", "areas", "participations", "events", "disagreements", "evidence"]
        # Backups written before agreements had a life and disagreements lack these, and carry a
        # typed-in status that the dated events now replace.
        added_later = ["term_years", "renewal_years", "events", "disagreements"]
        if isinstance(record, dict):
            record = {name: value for name, value in record.items() if name != "status"}
        check_keys(record, [*plain_fields(Agreement), *links], where=where, optional=added_later)
        record = {"term_years": None, "renewal_years": None, "events": [], "disagreements": [], **record}
        agreement = self.save(
            Agreement, key=["slug"], values=texts(record, plain_fields(Agreement), where=where), where=where
        )
        sources = [
            self.find(Source, slug, where=f"{where}.sources[{position}]")
            for position, slug in enumerate(records(record, "sources", where=where))
        ]
        outcome = "unchanged" if set(agreement.sources.all()) == set(sources) else "changed"
        if outcome == "changed":
            agreement.sources.set(sources)
        self.counts.setdefault("sources of agreements", Counter())[outcome] += 1

        for position, party in enumerate(records(record, "parties", where=where)):
            party_where = f"{where}.parties[{position}]"
            check_keys(party, ["institution", *plain_fields(AgreementParty)], where=party_where)
            values = {
                **texts(party, plain_fields(AgreementParty), where=party_where),
                "agreement": agreement,
                "institution": self.find(Institution, party["institution"], where=f"{party_where}.institution"),
            }
            self.save(AgreementParty, key=["agreement", "institution"], values=values, where=party_where)

        for position, slug in enumerate(records(record, "areas", where=where)):
            area_where = f"{where}.areas[{position}]"
            values = {"agreement": agreement, "area": self.find(Area, slug, where=area_where)}
            self.save(AgreementArea, key=["agreement", "area"], values=values, where=area_where)

        for position, part in enumerate(records(record, "participations", where=where)):
            part_where = f"{where}.participations[{position}]"
            check_keys(part, ["person", "institution", *plain_fields(Participation)], where=part_where)
            values = {
                **texts(part, plain_fields(Participation), where=part_where),
                "agreement": agreement,
                "person": self.find(Person, part["person"], where=f"{part_where}.person"),
                "institution": self.find(Institution, part["institution"], where=f"{part_where}.institution"),
            }
            self.save(Participation, key=["agreement", "person", "role"], values=values, where=part_where)

        for position, event in enumerate(records(record, "events", where=where)):
            event_where = f"{where}.events[{position}]"
            check_keys(event, plain_fields(AgreementEvent), where=event_where)
            values = {**texts(event, plain_fields(AgreementEvent), where=event_where), "agreement": agreement}
            self.save(AgreementEvent, key=["agreement", "kind", "dated_on"], values=values, where=event_where)

        for position, disagreement in enumerate(records(record, "disagreements", where=where)):
            self.restore_disagreement(disagreement, agreement=agreement, where=f"{where}.disagreements[{position}]")

        for position, evidence in enumerate(records(record, "evidence", where=where)):
            self.restore_evidence(evidence, agreement=agreement, where=f"{where}.evidence[{position}]")

    def restore_disagreement(self, record, *, agreement, where):
        check_keys(record, ["party", "reported_values", *plain_fields(Disagreement)], where=where)
        party = None
        if record["party"] is not None:
            party = agreement.parties.filter(institution__slug=texts(record, ["party"], where=where)["party"]).first()
            if party is None:
                raise BackupError(f"{where}.party: the agreement has no party {record['party']!r}")
        values = {**texts(record, plain_fields(Disagreement), where=where), "agreement": agreement, "party": party}
        disagreement = self.save(Disagreement, key=["agreement", "fact", "party"], values=values, where=where)
        for position, reported in enumerate(records(record, "reported_values", where=where)):
            reported_where = f"{where}.reported_values[{position}]"
            check_keys(reported, ["source", *plain_fields(ReportedValue)], where=reported_where)
            values = {
                **texts(reported, plain_fields(ReportedValue), where=reported_where),
                "disagreement": disagreement,
                "source": self.find(Source, reported["source"], where=f"{reported_where}.source"),
            }
            self.save(ReportedValue, key=["disagreement", "source"], values=values, where=reported_where)

    def restore_evidence(self, record, *, agreement, where):
        check_keys(record, ["source", "subject", *plain_fields(Evidence)], where=where)
        subject = texts(record, ["subject"], where=where)["subject"] or ""
        values = {
            **texts(record, plain_fields(Evidence), where=where),
            "agreement": agreement,
            "source": self.find(Source, record["source"], where=f"{where}.source"),
            **self.evidence_subject(agreement, fact=record["fact"], subject=subject, where=f"{where}.subject"),
        }
        # Every field is part of evidence's natural key: it is either there already or new.
        self.save(Evidence, key=list(values), values=values, where=where)

    @staticmethod
    def evidence_subject(agreement, *, fact, subject, where):
        """Return the party, area or participation of the agreement that the evidence's subject names."""
        if fact in {"party", "institution"}:
            rows = {"party": agreement.parties.filter(institution__slug=subject).first()}
        elif fact == "area":
            rows = {"area": agreement.agreement_areas.filter(area__slug=subject).first()}
        elif fact == "person":
            person, _, role = subject.partition("/")
            rows = {"participation": agreement.participations.filter(person__slug=person, role=role).first()}
        elif fact == "event":
            kind, _, dated_on = subject.partition("/")
            rows = {"event": agreement.events.filter(kind=kind, dated_on=dated_on).first() if dated_on else None}
        elif subject:
            raise BackupError(f"{where}: a {fact!r} fact names no party, area or person, yet names {subject!r}")
        else:
            rows = {}
        if None in rows.values():
            raise BackupError(f"{where}: the agreement has no {next(iter(rows))} {subject!r}")
        return {"party": None, "area": None, "participation": None, "event": None, **rows}


def describe(error):
    """Return a validation error as one line: each field with its messages."""
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
