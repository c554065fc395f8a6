import sys
import time

from django.core.management import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from partnerships.synthetic import curated_data_present, generate


class Command(BaseCommand):
    help = (
        "Fill the database DATABASE_URL names with a synthetic directory for load tests: realistic, "
        "reproducible by seed, written in bulk. Never into the database holding the curated directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=10_000, help="How many agreements (default 10000).")
        parser.add_argument(
            "--institutions", type=int, help="How many institutions (default: one for every 20 agreements)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same rows (default 1).")
        parser.add_argument(
            "--force", action="store_true", help="Write even into a database that holds the curated directory."
        )

    def handle(self, *args, agreements, institutions, seed, force, verbosity, **options):
        if agreements < 1:
            raise CommandError("--agreements must be at least 1.")
        if institutions is not None and institutions < 4:
            raise CommandError("--institutions must be at least 4.")
        if curated_data_present() and not force:
            raise CommandError(
                "This database holds the curated directory (it has archived article sources): synthetic data "
                "goes into a database of its own. Point DATABASE_URL at another database, or pass --force."
            )
        institutions = institutions or max(50, agreements // 20)
        started = time.monotonic()
        with tqdm(
            total=agreements, unit=" agreements", file=sys.stderr, disable=verbosity == 0, smoothing=0.1,
            desc=f"synthetic ({connection.vendor})",
        ) as bar:
            counts = generate(agreements=agreements, institutions=institutions, seed=seed, progress=bar.update)
        if verbosity:
            elapsed = time.monotonic() - started
            rows = ", ".join(f"{count} {key.replace('_', ' ')}" for key, count in counts.items())
            self.stdout.write(f"Wrote {rows} in {elapsed:.1f} s.")
