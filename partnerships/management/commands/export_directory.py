import json
from pathlib import Path

from django.core.management import BaseCommand

from partnerships.backup import export_directory


class Command(BaseCommand):
    help = "Write the whole directory to FILE as a JSON backup (docs/backup-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        backup = export_directory(progress=self.stderr.write)
        file.write_text(json.dumps(backup, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        counts = ", ".join(f"{len(backup[section])} {section}" for section in ["institutions", "people", "agreements"])
        self.stdout.write(f"Wrote {counts} to {file}")
