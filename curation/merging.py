"""Merging a duplicate institution into the record that stays, and finding likely duplicates.

`merge_institutions(duplicate, survivor)` runs in one transaction: the duplicate's parties (its
evidence with them; where both were party to one agreement, the evidence joins the survivor's
party), people's participations, readers' suggestions, units and other names move to the
survivor; its name and short name become the survivor's other names; the survivor's blank
fields (identifiers, website, city) take the duplicate's values. The duplicate is deleted (its
deletion and each move are in the history with the reason), and an InstitutionMerge keeps its
slug: its old page and API address answer 301 to the survivor, and releases list it.
"""
from django.db import transaction
from rapidfuzz import fuzz

from common.models import DataVersion
from common.text import canonical_name
from curation.models import Suggestion
from institutions.models import Institution, InstitutionMerge, InstitutionName, MergeProposal
from partnerships.models import AgreementParty, Evidence, Participation

FILLED_FROM_DUPLICATE = ("ror_id", "wikidata_id", "isni", "grid_id", "website", "city", "description", "short_name")
NEAR_NAMES = 92


class MergeError(ValueError):
    """A merge that cannot be: a record into itself, or into one of its own units."""


def merge_institutions(duplicate, survivor, *, reason=""):
    """Merge `duplicate` into `survivor`; return the InstitutionMerge that records it."""
    if duplicate.pk == survivor.pk:
        raise MergeError(f"{duplicate.name} cannot be merged into itself.")
    if is_unit_of(survivor, duplicate) and survivor.parent_id != duplicate.pk:
        raise MergeError(f"{survivor.name} is a unit under {duplicate.name}: merge the units first.")
    why = (f"Merged {duplicate.name} ({duplicate.slug}) into {survivor.name}" + (f": {reason}" if reason else ""))[:100]
    with transaction.atomic():
        move_parties(duplicate, survivor, why)
        for part in Participation.objects.filter(institution=duplicate):
            part.institution = survivor
            save(part, why)
        Suggestion.objects.filter(institution=duplicate).update(institution=survivor)
        if survivor.parent_id == duplicate.pk:
            survivor.parent_id = duplicate.parent_id
        for unit in Institution.objects.filter(parent=duplicate).exclude(pk=survivor.pk):
            unit.parent = survivor
            save(unit, why)
        move_names(duplicate, survivor, why)
        for name in FILLED_FROM_DUPLICATE:
            if not getattr(survivor, name) and getattr(duplicate, name):
                setattr(survivor, name, getattr(duplicate, name))
        InstitutionMerge.objects.filter(survivor=duplicate).update(survivor=survivor)
        merge = InstitutionMerge.objects.create(
            slug=duplicate.slug, name=duplicate.name, ror_id=duplicate.ror_id, survivor=survivor, reason=reason[:255],
        )
        duplicate._change_reason = why
        duplicate.delete()
        save(survivor, why)
        Institution.objects.filter(pk=survivor.pk).refresh_search_names()
    DataVersion.bump()
    return merge


def save(row, why):
    row._change_reason = why
    row.save()


def is_unit_of(institution, ancestor):
    seen, parent = set(), institution.parent
    while parent is not None and parent.pk not in seen:
        if parent.pk == ancestor.pk:
            return True
        seen.add(parent.pk)
        parent = parent.parent
    return False


def move_parties(duplicate, survivor, why):
    for party in AgreementParty.objects.filter(institution=duplicate):
        existing = AgreementParty.objects.filter(agreement_id=party.agreement_id, institution=survivor).first()
        if existing is None:
            party.institution = survivor
            save(party, why)
            continue
        # Both were party to one agreement: one party, with the evidence of both.
        for evidence in Evidence.objects.filter(party=party):
            evidence.party = existing
            save(evidence, why)
        party._change_reason = why
        party.delete()


def move_names(duplicate, survivor, why):
    known = {canonical_name(name) for name in survivor.other_names.values_list("name", flat=True)}
    known.add(canonical_name(survivor.name))
    for other in duplicate.other_names.all():
        if canonical_name(other.name) in known:
            continue
        known.add(canonical_name(other.name))
        other.institution = survivor
        save(other, why)
    for name, kind in ((duplicate.name, InstitutionName.Kind.ALTERNATIVE), (duplicate.short_name, InstitutionName.Kind.ACRONYM)):
        if name and canonical_name(name) not in known:
            known.add(canonical_name(name))
            save(InstitutionName(institution=survivor, name=name, kind=kind), why)


def likely_duplicates():
    """Return [(institution, other, reason)] of records sharing an identifier, or near names in one country."""
    found = []
    for field in ("ror_id", "wikidata_id", "isni", "grid_id"):
        seen = {}
        for institution in Institution.objects.exclude(**{field: ""}).order_by("pk").only("pk", "name", field):
            value = getattr(institution, field)
            if value in seen:
                found.append((institution, seen[value], f"same {field}: {value}"))
            else:
                seen[value] = institution
    by_country = {}
    for institution in Institution.objects.only("pk", "name", "country").order_by("pk"):
        by_country.setdefault(institution.country.code, []).append((canonical_name(institution.name), institution))
    for code, names in by_country.items():
        # Compared only within a first word: "asan medical center" is never near "seoul …".
        blocks = {}
        for key, institution in names:
            blocks.setdefault(key.split(" ")[0] if key else "", []).append((key, institution))
        for block in blocks.values():
            for number, (key, institution) in enumerate(block):
                for other_key, other in block[number + 1:]:
                    if fuzz.ratio(key, other_key) >= NEAR_NAMES:
                        found.append((other, institution, f"near names in {code}"))
    return found


def propose_likely_duplicates():
    """Record each likely duplicate as a MergeProposal (never applied); return how many are new."""
    created = 0
    for duplicate, survivor, reason in likely_duplicates():
        _proposal, new = MergeProposal.objects.get_or_create(
            duplicate=duplicate, survivor=survivor, defaults={"reason": reason[:255]},
        )
        created += new
    return created
