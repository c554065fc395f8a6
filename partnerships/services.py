"""Writes that span an agreement and the rows that belong to it, for the API and pages alike."""
from simple_history.utils import bulk_create_with_history

from common.api import one_transaction
from partnerships import counts
from partnerships.models import AgreementArea, AgreementParty, Participation, Person


def save_agreement(*, agreement, fields, parties=None, areas=None, people=None, sources=None):
    """Save the agreement's own fields and replace each list of related rows that is given.

    Everything happens in one transaction: a failure leaves nothing half-written. Saving the
    agreement raises its version, whichever rows changed; the audit history records each row.
    `parties` holds (institution, role) pairs, `areas` Area rows, `people` dicts with a
    person (a Person, or the slug and name of a new one), institution, title and role.
    """
    with one_transaction():
        for name, value in fields.items():
            setattr(agreement, name, value)
        agreement.save()
        if parties is not None:
            agreement.parties.all().delete()
            bulk_create_with_history(
                [AgreementParty(agreement=agreement, institution=institution, role=role) for institution, role in parties],
                AgreementParty,
            )
        if areas is not None:
            agreement.agreement_areas.all().delete()
            bulk_create_with_history([AgreementArea(agreement=agreement, area=area) for area in areas], AgreementArea)
        if people is not None:
            agreement.participations.all().delete()
            bulk_create_with_history(
                [
                    Participation(
                        agreement=agreement, person=person_for(entry), institution=entry.get("institution"),
                        title=entry.get("title", ""), role=entry["role"],
                    )
                    for entry in people
                ],
                Participation,
            )
        if sources is not None:
            agreement.sources.set(sources)
        # Bulk inserts send no post_save: count the new parties and areas here.
        counts.refresh_agreements([agreement.pk])
    return agreement


def person_for(entry):
    """Return the person an entry names, creating them when the entry brings a new slug and name."""
    person, _created = Person.objects.get_or_create(
        slug=entry["person"], defaults={"name": entry.get("name"), "native_name": entry.get("native_name", "")}
    )
    return person


