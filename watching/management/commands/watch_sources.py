"""python manage.py watch_sources: poll the watched feeds and sitemaps that are due, and queue their new articles."""
from django.core.management.base import BaseCommand, CommandError

from watching.models import WatchedSource
from watching.polling import watch


class Command(BaseCommand):
    help = "Poll the watched feeds and sitemaps that are due and queue their new articles as candidates."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", help="Poll this source (by id) whether due or not.")
        parser.add_argument("--all", action="store_true", help="Poll every watched source, due or not.")
        parser.add_argument("--max-seconds", type=float, default=600, help="Start no new request after this long (600).")

    def handle(self, *args, source=None, all=False, max_seconds=600, **options):
        sources = None
        if source:
            sources = list(WatchedSource.objects.filter(pk__in=source))
            missing = set(source) - {watched.pk for watched in sources}
            if missing:
                raise CommandError(f"No watched source with id {', '.join(map(str, sorted(missing)))}.")
        elif all:
            sources = list(WatchedSource.objects.filter(active=True))
        report = watch(sources, max_seconds=max_seconds)
        self.stdout.write(
            f"Checked {report.checked} sources ({report.unchanged} unchanged, {len(report.failed)} failed) "
            f"in {report.seconds:.1f} s with {report.requests} requests: "
            f"{report.found} new articles, {report.reports_of_known_stories} of them reports of a story already queued."
        )
        for watched, error in report.failed:
            self.stderr.write(f"  {watched.name} ({watched.url}): {error}")
        if report.out_of_time:
            self.stdout.write(f"{report.out_of_time} sources left for the next run: out of time.")
