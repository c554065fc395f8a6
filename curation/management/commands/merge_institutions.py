"""Merge a duplicate institution into the record that stays (curation/merging.py).

    python manage.py merge_institutions DUPLICATE_SLUG SURVIVOR_SLUG [--reason "same hospital"]
"""
from django.core.management.base import BaseCommand, CommandError

from curation.merging import MergeError, merge_institutions
from institutions.models import Institution


class Command(BaseCommand):
    help = "Merge the first institution into the second, in one transaction; its old address answers 301."

    def add_arguments(self, parser):
        parser.add_argument("duplicate", help="The slug of the record that goes.")
        parser.add_argument("survivor", help="The slug of the record that stays.")
        parser.add_argument("--reason", default="", help="Why, for the history.")

    def handle(self, *args, duplicate, survivor, reason, **options):
        records = {i.slug: i for i in Institution.objects.filter(slug__in=[duplicate, survivor])}
        missing = [slug for slug in (duplicate, survivor) if slug not in records]
        if missing:
            raise CommandError(f"No institution has the slug {', '.join(missing)}.")
        try:
            merge_institutions(records[duplicate], records[survivor], reason=reason)
        except MergeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{duplicate} merged into {survivor}.", self.style.SUCCESS)
