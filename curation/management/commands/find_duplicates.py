"""List likely duplicate institutions as merge proposals for curators (the admin's Merge proposals).

    python manage.py find_duplicates

Two records sharing a ROR, Wikidata, ISNI or GRID identifier, or with near names in one
country, are proposed; nothing is merged.
"""
from django.core.management.base import BaseCommand

from curation.merging import propose_likely_duplicates


class Command(BaseCommand):
    help = "Propose merges for likely duplicate institutions (same identifier, or near names in one country)."

    def handle(self, *args, **options):
        created = propose_likely_duplicates()
        self.stdout.write(f"{created} new merge proposals.", self.style.SUCCESS)
