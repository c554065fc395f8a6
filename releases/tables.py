"""The tables of a release: every published row of the directory, each named by a stable key.

Each table is a list of flat rows (text, or null where a value is missing), the same values the
backup writes (partnerships/backup.py), with references to other rows by slug. A row's `key`
names it across releases, so that one release can be compared with the one before.
"""
import hashlib
import json

from institutions.models import Institution, InstitutionName
from partnerships.backup import plain_fields
from partnerships.models import Agreement, AgreementArea, AgreementParty, Area, Evidence, Participation, Person, Source

# When a record was last edited is told by the releases themselves; in the rows it would make
# every save a change.
LEFT_OUT = {"updated_at"}
BATCH = 2000


def own_fields(model):
    return [name for name in plain_fields(model) if name not in LEFT_OUT]


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
        self.references = references  # column -> the table it names by slug
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
        "agreement", "source", "party__institution", "area__area", "participation__person"
    ).order_by("agreement__slug", "pk")
    for item in evidence.iterator(chunk_size=BATCH):
        yield {"agreement": item.agreement.slug, "source": item.source.slug, "subject": item.subject,
               **own_values(item, table.own)}


TABLES = [
    Table("agreements", "Agreements", Agreement, references={}, key=lambda row: row["slug"], rows=read_agreements),
    Table("parties", "Parties to agreements", AgreementParty,
          references={"agreement": "agreements", "institution": "institutions"},
          key=lambda row: f"{row['agreement']}/{row['institution']}", rows=read_parties),
    Table("institutions", "Institutions", Institution, references={"parent": "institutions"},
          key=lambda row: row["slug"], rows=read_institutions),
    Table("other_names", "Other names of institutions", InstitutionName, references={"institution": "institutions"},
          key=lambda row: f"{row['institution']}/{row['name']}", rows=read_other_names),
    Table("people", "People", Person, references={}, key=lambda row: row["slug"], rows=read_people),
    Table("participations", "People's parts in agreements", Participation,
          references={"agreement": "agreements", "person": "people", "institution": "institutions"},
          key=lambda row: f"{row['agreement']}/{row['person']}/{row['role']}", rows=read_participations),
    Table("areas", "Focus areas", Area, references={"parent": "areas"}, key=lambda row: row["slug"], rows=read_areas),
    Table("agreement_areas", "Focus areas of agreements", AgreementArea,
          references={"agreement": "agreements", "area": "areas"},
          key=lambda row: f"{row['agreement']}/{row['area']}", rows=read_areas_of_agreements),
    Table("sources", "Sources", Source, references={}, key=lambda row: row["slug"], rows=read_sources),
    Table("evidence", "Evidence: the quote or note of a source that supports a fact", Evidence,
          references={"agreement": "agreements", "source": "sources"}, extra=["subject"],
          key=evidence_key, rows=read_evidence),
]
TABLES_BY_NAME = {table.name: table for table in TABLES}

# The rows that make up the record of an agreement or an institution on its page: a change to
# any of them is a change to the record ("last changed in release N").
RECORD_OF = {
    "agreements": ("agreement", ["agreements", "parties", "participations", "agreement_areas", "evidence"]),
    "institutions": ("institution", ["institutions", "other_names"]),
}


def record_of(table_name, row):
    """Return (kind, slug) of the agreement or institution record the row belongs to, or None."""
    for kind, (column, tables) in RECORD_OF.items():
        if table_name in tables:
            return (kind, row["slug"] if table_name == kind else row[column])
    return None
