from django.core.management.base import BaseCommand

from releases.snapshot import NothingChanged, folder_of, make_release


class Command(BaseCommand):
    help = (
        "Write the next numbered release of the published directory to the releases folder "
        "(RELEASES_DIR): CSV and JSON Lines per table, datapackage.json, changes.json and a README. "
        "Writes nothing when the directory is as the latest release has it."
    )

    def handle(self, *args, **options):
        progress = (lambda line: self.stdout.write(line)) if options["verbosity"] > 1 else (lambda line: None)
        try:
            release = make_release(progress=progress)
        except NothingChanged as unchanged:
            self.stdout.write(f"Nothing changed since release {unchanged.release.number}: no release written.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in release.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Release {release.number} written to {folder_of(release.number)}: {summary}."))
        if not release.is_first:
            self.stdout.write(f"{release.change_total} rows added, changed or removed since release {release.number - 1}.")
