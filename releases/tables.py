"""The tables of a release: every published row of the directory, each named by a stable key.

Each table is a list of flat rows (text, or null where a value is missing), the same values the
backup writes (partnerships/backup.py), with references to other rows by slug. A row's `key`
names it across releases, so that one release can be compared with the one before.
"""
import hashlib
import json

from institutions.models import Institution, InstitutionMerge, InstitutionName
from partnerships.backup import plain_fields
from partnerships.models import (
    Agreement, AgreementArea, AgreementEvent, AgreementParty, Area, Disagreement, Evidence, Participation, Person,
    ReportedValue, Source,
)

# When a record was last edited is told by the releases themselves; in the rows it would make
# every save a change.
LEFT_OUT = {"updated_at"}
# An article's whole text stays with the directory: a release carries the quotes that support
# each fact (table evidence) and the article's address, not the publisher's text.
LEFT_OUT_OF = {Source: {"text"}}
BATCH = 2000


def own_fields(model):
    left_out = LEFT_OUT | LEFT_OUT_OF.get(model, set())
    return [name for name in plain_fields(model) if name not in left_out]


def text(field, row):
    return None if field.value_from_object(row) is None else field.value_to_string(row)


def own_values(row, names):
    return {name: text(row._meta.get_field(name), row) for name in names}


def evidence_key(values):
    """Return a short stable key for a piece of evidence, which has no slug: a digest of its natural key."""
    natural = [values[name] for name in ("agreement", "source", "fact", "subject", "quote", "note")]
    return hashlib.sha256(json.dumps(natural, ensure_ascii=False).encode()).hexdigest()[:20]


class Table:
    """One table of a release: its name, its columns with their types, and how to read its rows."""

    def __init__(self, name, title, model, *, references, key, rows, extra=()):
        self.name, self.title, self.model = name, title, model
        # column -> the table it names by slug, or (table, column) when it names another column
        self.references = references
        self.extra = list(extra)
        self.own = own_fields(model)
        self.columns = ["key", *references, *self.extra, *self.own]
        self.make_key = key
        self.read = rows

    def field_types(self):
        """Return {column: Frictionless Table Schema type}."""
        types = {"key": "string", **{name: "string" for name in [*self.references, *self.extra]}}
        for name in self.own:
            internal = self.model._meta.get_field(name).get_internal_type()
            types[name] = {
                "DateField": "date", "DateTimeField": "datetime", "BooleanField": "boolean",
                "IntegerField": "integer", "PositiveIntegerField": "integer", "BigIntegerField": "integer",
                "PositiveSmallIntegerField": "integer", "SmallIntegerField": "integer",
            }.get(internal, "string")
        return types

    def rows(self):
        """Yield the table's rows in key order, each a dict of its columns."""
        for values in self.read(self):
            values["key"] = self.make_key(values)
            yield {column: values[column] for column in self.columns}


def slug_or_none(row):
    return row.slug if row is not None else None


def read_areas(table):
    for area in Area.objects.select_related("parent").order_by("slug"):
        yield {"parent": slug_or_none(area.parent), **own_values(area, table.own)}


def read_sources(table):
    for source in Source.objects.order_by("slug"):
        yield own_values(source, table.own)


def read_institutions(table):
    for institution in Institution.objects.select_related("parent").order_by("slug").iterator(chunk_size=BATCH):
        yield {"parent": slug_or_none(institution.parent), **own_values(institution, table.own)}


def read_other_names(table):
    names = InstitutionName.objects.select_related("institution").order_by("institution__slug", "name", "pk")
    for other in names.iterator(chunk_size=BATCH):
        yield {"institution": other.institution.slug, **own_values(other, table.own)}


def read_merged_ids(table):
    for merge in InstitutionMerge.objects.select_related("survivor").order_by("slug"):
        yield {"survivor": merge.survivor.slug, **own_values(merge, table.own)}


def read_people(table):
    for person in Person.objects.order_by("slug").iterator(chunk_size=BATCH):
        yield own_values(person, table.own)


def read_agreements(table):
    for agreement in Agreement.objects.order_by("slug").iterator(chunk_size=BATCH):
        yield own_values(agreement, table.own)


def read_parties(table):
    parties = AgreementParty.objects.select_related("agreement", "institution").order_by(
        "agreement__slug", "institution__slug"
    )
    for party in parties.iterator(chunk_size=BATCH):
        yield {"agreement": party.agreement.slug, "institution": party.institution.slug, **own_values(party, table.own)}


def read_areas_of_agreements(table):
    links = AgreementArea.objects.select_related("agreement", "area").order_by("agreement__slug", "area__slug")
    for link in links.iterator(chunk_size=BATCH):
        yield {"agreement": link.agreement.slug, "area": link.area.slug}


def read_participations(table):
    parts = Participation.objects.select_related("agreement", "person", "institution").order_by(
        "agreement__slug", "person__slug", "role"
    )
    for part in parts.iterator(chunk_size=BATCH):
        yield {
            "agreement": part.agreement.slug, "person": part.person.slug,
            "institution": slug_or_none(part.institution), **own_values(part, table.own),
        }


def read_evidence(table):
    evidence = Evidence.objects.select_related(
        "agreement", "source", "party__institution", "area__area", "participation__person", "event"
    ).order_by("agreement__slug", "pk")
    for item in evidence.iterator(chunk_size=BATCH):
        yield {"agreement": item.agreement.slug, "source": item.source.slug, "subject": item.subject,
               **own_values(item, table.own)}


def read_events(table):
    events = AgreementEvent.objects.select_related("agreement").order_by("agreement__slug", "dated_on", "kind")
    for event in events.iterator(chunk_size=BATCH):
        yield {"agreement": event.agreement.slug, **own_values(event, table.own)}


def disagreement_key(agreement_slug, fact, party_slug):
    return f"{agreement_slug}/{fact}" + (f"/{party_slug}" if party_slug else "")


def read_disagreements(table):
    disagreements = Disagreement.objects.select_related("agreement", "party__institution").order_by(
        "agreement__slug", "fact", "pk"
    )
    for disagreement in disagreements.iterator(chunk_size=BATCH):
        party = disagreement.party.institution.slug if disagreement.party_id else None
        yield {"agreement": disagreement.agreement.slug, "party": party, **own_values(disagreement, table.own)}


def read_reported_values(table):
    reported = ReportedValue.objects.select_related(
        "disagreement__agreement", "disagreement__party__institution", "source"
    ).order_by("disagreement__agreement__slug", "disagreement__fact", "source__slug")
    for value in reported.iterator(chunk_size=BATCH):
        disagreement = value.disagreement
        party = disagreement.party.institution.slug if disagreement.party_id else None
        yield {
            "agreement": disagreement.agreement.slug,
            "disagreement": disagreement_key(disagreement.agreement.slug, disagreement.fact, party),
            "source": value.source.slug, **own_values(value, table.own),
        }


TABLES = [
    Table("agreements", "Agreements", Agreement, references={}, key=lambda row: row["slug"], rows=read_agreements),
    Table("parties", "Parties to agreements", AgreementParty,
          references={"agreement": "agreements", "institution": "institutions"},
          key=lambda row: f"{row['agreement']}/{row['institution']}", rows=read_parties),
    Table("institutions", "Institutions", Institution, references={"parent": "institutions"},
          key=lambda row: row["slug"], rows=read_institutions),
    Table("other_names", "Other names of institutions", InstitutionName, references={"institution": "institutions"},
          key=lambda row: f"{row['institution']}/{row['name']}", rows=read_other_names),
    Table("merged_ids", "Institutions merged into others: each old slug and the record that stays", InstitutionMerge,
          references={"survivor": "institutions"}, key=lambda row: row["slug"], rows=read_merged_ids),
    Table("people", "People", Person, references={}, key=lambda row: row["slug"], rows=read_people),
    Table("participations", "People's parts in agreements", Participation,
          references={"agreement": "agreements", "person": "people", "institution": "institutions"},
          key=lambda row: f"{row['agreement']}/{row['person']}/{row['role']}", rows=read_participations),
    Table("areas", "Focus areas", Area, references={"parent": "areas"}, key=lambda row: row["slug"], rows=read_areas),
    Table("agreement_areas", "Focus areas of agreements", AgreementArea,
          references={"agreement": "agreements", "area": "areas"},
          key=lambda row: f"{row['agreement']}/{row['area']}", rows=read_areas_of_agreements),
    Table("sources", "Sources", Source, references={}, key=lambda row: row["slug"], rows=read_sources),
    Table("events", "Events in agreements' lives", AgreementEvent, references={"agreement": "agreements"},
          key=lambda row: f"{row['agreement']}/{row['kind']}/{row['dated_on']}", rows=read_events),
    Table("disagreements", "Facts that sources give differently, with the value recorded and why", Disagreement,
          references={"agreement": "agreements", "party": "institutions"},
          key=lambda row: disagreement_key(row["agreement"], row["fact"], row["party"]), rows=read_disagreements),
    Table("reported_values", "The value each source gives for a disputed fact", ReportedValue,
          references={"agreement": "agreements", "disagreement": ("disagreements", "key"), "source": "sources"},
          key=lambda row: f"{row['disagreement']}/{row['source']}", rows=read_reported_values),
    Table("evidence", "Evidence: the quote or note of a source that supports a fact", Evidence,
          references={"agreement": "agreements", "source": "sources"}, extra=["subject"],
          key=evidence_key, rows=read_evidence),
]
TABLES_BY_NAME = {table.name: table for table in TABLES}

# The rows that make up the record of an agreement or an institution on its page: a change to
# any of them is a change to the record ("last changed in release N").
RECORD_OF = {
    "agreements": ("agreement", ["agreements", "parties", "participations", "agreement_areas", "events",
                                 "disagreements", "reported_values", "evidence"]),
    "institutions": ("institution", ["institutions", "other_names"]),
}


def record_of(table_name, row):
    """Return (kind, slug) of the agreement or institution record the row belongs to, or None."""
    for kind, (column, tables) in RECORD_OF.items():
        if table_name in tables:
            return (kind, row["slug"] if table_name == kind else row[column])
    return None
