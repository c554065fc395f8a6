from django.conf import settings
from django.core.management import BaseCommand, call_command

from institutions.models import Institution, InstitutionName
from partnerships.models import (
    Agreement, AgreementArea, AgreementEvent, AgreementParty, Disagreement, Evidence, Participation, Person,
    ReportedValue,
)

HISTORY_MODELS = [
    Institution, InstitutionName, Person, Agreement, AgreementParty, AgreementArea, Participation, AgreementEvent,
    Evidence, Disagreement, ReportedValue,
]


class Command(BaseCommand):
    help = "Load the curated directory (fixtures/) by natural key; loading it again changes nothing."

    def handle(self, *args, **options):
        # In dependency order: rows are looked up by the natural keys of those before them.
        call_command("loaddata", *settings.CURATED_FIXTURES, verbosity=options["verbosity"])
        # Fixtures save "raw", which the audit history skips; a first history record for each
        # row that has none lets a curator's first edit show what it changed. Loading again
        # finds every row recorded and adds nothing.
        for model in HISTORY_MODELS:
            unrecorded = model.objects.exclude(pk__in=model.history.values("id"))
            model.history.bulk_history_create(list(unrecorded), default_change_reason="Loaded from the curated data")
