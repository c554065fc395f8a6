"""Import or refresh institutions from a dump of the Research Organization Registry (institutions/ror.py).

    python manage.py import_ror v1.58-2024-12-11-ror-data.zip [--type healthcare] [--country KR]
"""
from pathlib import Path

import ijson
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from institutions.ror import Importer, records, version_of


class Command(BaseCommand):
    help = "Create or update institutions from a ROR dump (schema v2, the zip or its JSON file)."

    def add_arguments(self, parser):
        parser.add_argument("dump", help="The ROR data dump: the zip from Zenodo, or the JSON file inside it.")
        parser.add_argument("--type", action="append", default=[], dest="types", metavar="TYPE",
                            help="Only records of this ROR type (healthcare, education, …); repeat for several.")
        parser.add_argument("--country", action="append", default=[], dest="countries", metavar="CODE",
                            help="Only records located in this country (ISO alpha-2); repeat for several.")
        parser.add_argument("--ror-version", help="The dump's version, for the history (read from the file name otherwise).")

    def handle(self, *args, dump, types, countries, ror_version=None, **options):
        path = Path(dump)
        if not path.is_file():
            raise CommandError(f"{dump}: no such file.")
        importer = Importer(version=ror_version or version_of(path), types=types, countries_wanted=countries)
        with tqdm(unit=" records", disable=options["verbosity"] < 1, file=self.stderr) as bar:
            try:
                counts = importer.run(records(path), progress=bar.update)
            except (ValueError, KeyError, ijson.JSONError) as error:
                raise CommandError(f"{dump}: not a ROR dump of schema v2 ({error}).") from error
        summary = ", ".join(f"{count} {what}" for what, count in sorted(counts.items()))
        if options["verbosity"] >= 1:
            self.stdout.write(f"ROR {importer.version}: {summary or 'nothing to import'}.", self.style.SUCCESS)
