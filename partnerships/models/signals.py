"""What every save of a record works out on the way: folded search text, dates of its life, the data version."""
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from common.models import DataVersion, bump_data_version
from common.text import fold_for_search
from partnerships.models.evidence import Disagreement, Evidence, ReportedValue
from partnerships.models.records import (
    Agreement,
    AgreementArea,
    AgreementEvent,
    AgreementParty,
    Area,
    Participation,
    Person,
    Source,
)


@receiver(pre_save, sender=Agreement)
def fold_agreement_text(sender, instance, **kwargs):
    instance.search_text = fold_for_search(instance.title, instance.summary)


@receiver(pre_save, sender=Agreement)
def work_out_agreement_life(sender, instance, **kwargs):
    instance.work_out_life()


def work_out_life_after_event_change(sender, instance, **kwargs):
    # A fixture loads the agreement before its events, so each event saved works the dates out again.
    agreement = Agreement.objects.filter(pk=instance.agreement_id).first()
    if agreement is None:
        return
    agreement.work_out_life()
    Agreement.objects.filter(pk=agreement.pk).update(
        in_force_from=agreement.in_force_from, expires_on=agreement.expires_on, ended_on=agreement.ended_on
    )


post_save.connect(work_out_life_after_event_change, sender=AgreementEvent, dispatch_uid="life-after-event-save")
post_delete.connect(work_out_life_after_event_change, sender=AgreementEvent, dispatch_uid="life-after-event-delete")


@receiver(pre_save, sender=Person)
def fold_person_names(sender, instance, **kwargs):
    instance.search_names = fold_for_search(instance.name, instance.native_name)


for directory_model in [
    Agreement, AgreementParty, AgreementArea, Participation, Evidence, Person, Source, Area, AgreementEvent,
    Disagreement, ReportedValue,
]:
    post_save.connect(bump_data_version, sender=directory_model, dispatch_uid=f"bump-{directory_model.__name__}")
    post_delete.connect(bump_data_version, sender=directory_model, dispatch_uid=f"bump-{directory_model.__name__}")


@receiver(m2m_changed, sender=Agreement.sources.through)
def bump_data_version_for_sources(sender, action, **kwargs):
    if action.startswith("post_"):
        DataVersion.bump()
