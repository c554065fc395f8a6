from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Load the curated directory (fixtures/) by natural key; loading it again changes nothing."

    def handle(self, *args, **options):
        # In dependency order: rows are looked up by the natural keys of those before them.
        call_command("loaddata", *settings.CURATED_FIXTURES, verbosity=options["verbosity"])
