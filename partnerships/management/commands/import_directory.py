import json
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from partnerships.backup import BackupError, import_directory


class Command(BaseCommand):
    help = (
        "Restore a JSON backup written by export_directory: rows are created or updated by natural key, "
        "all or nothing; rows the backup does not name are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            backup = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            counts = import_directory(backup, progress=self.stderr.write)
        except BackupError as error:
            raise CommandError(f"{file} was not imported, nothing was changed: {error}") from error
        for label, count in counts.items():
            outcomes = ", ".join(f"{count[outcome]} {outcome}" for outcome in ["created", "changed", "unchanged"])
            self.stdout.write(f"{label}: {outcomes}")
