"""The Research Organization Registry (ROR) as a source of institutions: reading its dump, importing it.

ROR publishes its whole registry (CC0) as a zip on Zenodo, https://doi.org/10.5281/zenodo.6347574,
holding one JSON array of records in schema v2 (`…-ror-data_schema_v2.json`, or `…-ror-data.json`
since v2 is the only schema). The array is read as a stream (ijson), a batch at a time, so memory
stays bounded however large the dump.

A record maps to an institution as follows: `ror_display` is the name; other labels and aliases
are other names (native-script ones with their `lang`), acronyms are acronyms (the first is the
short name); `types` gives the kind; the first location gives the country and city; the link of
type `website`, and the Wikidata, ISNI and GRID ids, their fields; a `parent` relationship the
parent (set once both are in the directory).

What a curator edited is kept: each institution holds, in `ror_values`, the values the last import
wrote. A later import writes a field only where the institution still holds the value the
previous import wrote there (or nothing); a curator's value differs from it and stays. Names are
only ever added. Every row written is recorded in the history as "Imported from ROR <version>".
A record ROR withdrew in favour of a successor is never merged by the import: it proposes the
merge (MergeProposal) for a curator to apply.
"""
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import ijson
from django.db import reset_queries, transaction
from django.utils import timezone
from django_countries import countries
from simple_history.utils import bulk_create_with_history

from common.models import DataVersion
from common.slugs import unique_slug
from common.text import fold_for_search
from institutions.models import Institution, InstitutionName, MergeProposal, native_names_by_language

# Fields an import writes and keeps track of, beside the names.
IMPORTED_FIELDS = ("name", "short_name", "kind", "country", "city", "website", "wikidata_id", "isni", "grid_id")
BATCH = 1000
# Letters of scripts other than Latin: a label in them is a native-script name.
NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
CANCER = re.compile(r"cancer|oncolog|tumou?r|krebs|암센터|암병원|癌|肿瘤|腫瘤|がん|السرطان", re.I)
HEALTH = re.compile(r"health|santé|salud|saúde|gesundheit|보건|卫生|衛生|健康|الصحة", re.I)
VERSION = re.compile(r"(v\d+(?:\.\d+)*)")


@dataclass
class RorRecord:
    """What one ROR record says of an institution, in the directory's terms."""

    ror_id: str
    status: str
    fields: dict
    names: list = field(default_factory=list)  # (name, kind, language)
    parent: str = ""
    successors: list = field(default_factory=list)
    types: tuple = ()


def version_of(path):
    """Return the dump's version from its file name ("v1.58-2024-12-11-ror-data.zip" → "v1.58"), or "v2"."""
    match = VERSION.search(Path(path).name)
    return match.group(1) if match else "v2"


def records(path):
    """Yield each record of a ROR dump (its zip, or the JSON file inside it) as a dict, one at a time."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [name for name in archive.namelist() if name.endswith(".json")]
            if not members:
                raise ValueError(f"{path.name} holds no JSON file.")
            # Dumps of 2024 held the v1 file beside the v2 one; the v2 one is the schema read here.
            member = next((name for name in members if "schema_v2" in name), members[0])
            with archive.open(member) as stream:
                yield from items(io.BufferedReader(stream))
        return
    with path.open("rb") as stream:
        yield from items(stream)


def items(stream):
    """Yield the records of a stream holding one JSON array, as the dump does; refuse anything else."""
    if stream.peek(64).lstrip()[:1] != b"[":
        raise ValueError("the file is not a JSON array of records")
    yield from ijson.items(stream, "item", use_float=True)


def read_record(record):
    """Return the RorRecord of one record of schema v2."""
    names = record.get("names") or []
    display = next((n["value"] for n in names if "ror_display" in n.get("types", [])), None)
    display = display or next((n["value"] for n in names if "label" in n.get("types", [])), "")
    acronyms = [n["value"] for n in names if "acronym" in n.get("types", [])]
    other = []
    for entry in names:
        value, kinds, language = entry.get("value", "").strip(), entry.get("types", []), entry.get("lang") or ""
        if not value or value == display or (acronyms and value == acronyms[0]):
            continue  # the name and the short name are fields of their own
        if "acronym" in kinds:
            other.append((value, InstitutionName.Kind.ACRONYM, ""))
        elif NON_LATIN.search(value):
            other.append((value, InstitutionName.Kind.NATIVE, language))
        else:
            other.append((value, InstitutionName.Kind.ALTERNATIVE, ""))
    location = ((record.get("locations") or [{}])[0] or {}).get("geonames_details") or {}
    website = next((link["value"] for link in record.get("links") or [] if link.get("type") == "website"), "")
    relationships = record.get("relationships") or []
    types = tuple(record.get("types") or ())
    return RorRecord(
        ror_id=record["id"], status=record.get("status", "active"), types=types,
        fields={
            "name": display[:255], "short_name": (acronyms[0] if acronyms else "")[:64],
            "kind": kind_of(types, display), "country": (location.get("country_code") or "").upper(),
            "city": (location.get("name") or "")[:128], "website": website if len(website) <= 200 else "",
            "wikidata_id": external_id(record, "wikidata")[:32], "isni": external_id(record, "isni")[:32],
            "grid_id": external_id(record, "grid")[:32],
        },
        names=list(dict.fromkeys(other)),
        parent=next((r["id"] for r in relationships if r.get("type") == "parent"), ""),
        successors=[r["id"] for r in relationships if r.get("type") == "successor"],
    )


def external_id(record, kind):
    for entry in record.get("external_ids") or []:
        if entry.get("type") == kind:
            return entry.get("preferred") or next(iter(entry.get("all") or []), "") or ""
    return ""


def kind_of(types, name):
    """Return the directory's kind for ROR's types: a hospital that teaches is an academic medical center."""
    types = set(types)
    if "healthcare" in types:
        if "education" in types:
            return Institution.Kind.ACADEMIC_MEDICAL_CENTER
        return Institution.Kind.CANCER_CENTER if CANCER.search(name) else Institution.Kind.HOSPITAL
    if "education" in types:
        return Institution.Kind.UNIVERSITY
    if "company" in types:
        return Institution.Kind.COMPANY
    if "government" in types:
        return Institution.Kind.HEALTH_AGENCY if HEALTH.search(name) else Institution.Kind.GOVERNMENT_BODY
    return Institution.Kind.OTHER


class Importer:
    """Create or update institutions from ROR records, in batches; see the module's docstring."""

    def __init__(self, *, version, types=(), countries_wanted=()):
        self.version = version
        self.reason = f"Imported from ROR {version}"
        self.types = set(types)
        self.countries = {code.upper() for code in countries_wanted}
        self.counts = Counter()
        self.by_ror = dict(Institution.objects.exclude(ror_id="").values_list("ror_id", "pk"))
        self.slugs = set(Institution.objects.values_list("slug", flat=True))
        self.parents = {}  # child ROR id: parent ROR id
        self.withdrawn = {}  # ROR id: successor ROR ids

    def wanted(self, entry):
        if self.types and not self.types & set(entry.types):
            return False
        if self.countries and entry.fields["country"] not in self.countries:
            return False
        return True

    def run(self, stream, progress=None):
        batch = []
        for record in stream:
            entry = read_record(record)
            if progress:
                progress()
            if entry.status == "withdrawn":
                self.withdrawn[entry.ror_id] = entry.successors
                self.counts["withdrawn"] += 1
                continue
            if not self.wanted(entry):
                self.counts["left out"] += 1
                continue
            if entry.fields["country"] not in countries:
                self.counts["without a known country"] += 1
                continue
            batch.append(entry)
            if len(batch) >= BATCH:
                self.write(batch)
                batch = []
        if batch:
            self.write(batch)
        self.link_parents()
        self.propose_merges()
        DataVersion.bump()
        return self.counts

    def write(self, batch):
        # With DEBUG on, Django keeps every query's SQL: a bulk insert's is large. Memory stays bounded.
        reset_queries()
        with transaction.atomic():
            existing = Institution.objects.prefetch_related("other_names").in_bulk(
                [self.by_ror[entry.ror_id] for entry in batch if entry.ror_id in self.by_ror]
            )
            new = [entry for entry in batch if entry.ror_id not in self.by_ror]
            for entry in batch:
                if entry.ror_id in self.by_ror:
                    self.update(existing[self.by_ror[entry.ror_id]], entry)
                if entry.parent:
                    self.parents[entry.ror_id] = entry.parent
            self.create(new)

    def create(self, entries):
        rows, names = [], []
        now = timezone.now()  # bulk rows skip save(), which sets it
        for entry in entries:
            other = [InstitutionName(name=n[:255], kind=k, language=lang) for n, k, lang in entry.names]
            institution = Institution(
                ror_id=entry.ror_id, **entry.fields, ror_values=dict(entry.fields), updated_at=now,
                slug=unique_slug(Institution, entry.fields["name"], max_length=255, taken=self.slugs, taken_holds_all=True),
                search_names=fold_for_search(entry.fields["name"], entry.fields["short_name"], *(o.name for o in other)),
                native_names=native_names_by_language(other),
            )
            rows.append(institution)
            names.append(other)
        created = bulk_create_with_history(rows, Institution, batch_size=BATCH, default_change_reason=self.reason)
        for institution, other in zip(created, names):
            self.by_ror[institution.ror_id] = institution.pk
            for name in other:
                name.institution_id = institution.pk
        bulk_create_with_history(
            [name for other in names for name in other], InstitutionName, batch_size=BATCH,
            default_change_reason=self.reason,
        )
        self.counts["created"] += len(created)

    def update(self, institution, entry):
        """Write what ROR changed, field by field, where no curator has edited the field since."""
        changed = []
        for name in IMPORTED_FIELDS:
            value, current = entry.fields[name], getattr(institution, name)
            current = current.code if name == "country" and current else current or ""
            imported = institution.ror_values.get(name)
            untouched = current == imported or (imported is None and current == "")
            if value != current and untouched:
                setattr(institution, name, value)
                changed.append(name)
        known = {name.name.casefold() for name in institution.other_names.all()}
        known.add(institution.name.casefold())
        added = [InstitutionName(institution=institution, name=n[:255], kind=k, language=lang)
                 for n, k, lang in entry.names if n.casefold() not in known]
        recorded = {**institution.ror_values, **entry.fields}
        moved = recorded != institution.ror_values
        institution.ror_values = recorded
        if changed or added:
            institution._change_reason = self.reason
            institution.save()
            if added:
                bulk_create_with_history(added, InstitutionName, default_change_reason=self.reason)
                Institution.objects.filter(pk=institution.pk).refresh_search_names()
            self.counts["updated"] += 1
        else:
            if moved:
                # Only the record of what ROR says moves: no history, no new version.
                Institution.objects.filter(pk=institution.pk).update(ror_values=recorded)
            self.counts["unchanged"] += 1

    def link_parents(self):
        """Set each imported institution's parent where none is set, or the one an earlier import set."""
        pairs = [(self.by_ror[child], self.by_ror[parent]) for child, parent in self.parents.items()
                 if child in self.by_ror and parent in self.by_ror]
        for start in range(0, len(pairs), BATCH):
            chunk = dict(pairs[start:start + BATCH])
            with transaction.atomic():
                for institution in Institution.objects.filter(pk__in=chunk).select_related("parent"):
                    parent_pk = chunk[institution.pk]
                    imported = institution.ror_values.get("parent")
                    if institution.parent_id == parent_pk or (institution.parent_id and institution.parent_id != imported):
                        continue
                    institution.parent_id = parent_pk
                    institution.ror_values = {**institution.ror_values, "parent": parent_pk}
                    institution._change_reason = self.reason
                    institution.save(update_fields=["parent", "ror_values"])
                    self.counts["parents linked"] += 1

    def propose_merges(self):
        """Propose merging each withdrawn record the directory holds into the successor ROR names."""
        for ror_id, successors in self.withdrawn.items():
            duplicate = self.by_ror.get(ror_id)
            survivor = next((self.by_ror[s] for s in successors if s in self.by_ror), None)
            if duplicate and survivor and duplicate != survivor:
                _proposal, created = MergeProposal.objects.get_or_create(
                    duplicate_id=duplicate, survivor_id=survivor,
                    defaults={"reason": f"ROR {self.version} withdrew {ror_id} for its successor"},
                )
                self.counts["merges proposed"] += created
