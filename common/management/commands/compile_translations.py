"""Compile locale/<language>/LC_MESSAGES/django.po into the .mo files Django reads, in pure Python.

`manage.py compilemessages` needs GNU gettext's msgfmt, which a fresh machine with only Python
lacks; Babel reads and writes the same files. Run by `make run` and `make test`; the .mo files
are build output and stay out of the repository.
"""
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the .po files of LOCALE_PATHS into .mo files (no GNU gettext needed)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                with po_path.open("rb") as po_file:
                    try:
                        catalog = read_po(po_file, locale=po_path.parent.parent.name, abort_invalid=True)
                    except Exception as error:  # Babel raises several kinds for a malformed file.
                        raise CommandError(f"{po_path}: {error}") from error
                # Fuzzy entries are guesses: Django would show them, so they are left out, as msgfmt does.
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog, use_fuzzy=False)
                compiled += 1
                self.stdout.write(f"Compiled {po_path.relative_to(settings.BASE_DIR)}", self.style.SUCCESS)
        if not compiled and options["verbosity"] > 1:
            self.stdout.write("Every .mo file is up to date.")
