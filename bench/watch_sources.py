"""One run of `manage.py watch_sources` on 100 sources, served by a local server on 100 loopback hosts.

    DJANGO_DEBUG=1 .venv/bin/python bench/watch_sources.py

Each source is a feed on its own host (127.0.0.2 to 127.0.0.101) listing BENCH_ARTICLES (default 3)
new articles, the recorded pages of tests/watching/recorded/ in English, Korean and Spanish. A new
SQLite file in bench/data/ gets the curated directory. Prints, for the default pause between two
requests to one host (WATCHING_HOST_DELAY, 2 s) and for none: the first run (every article new)
and the second (every feed unchanged, answered 304). Not a timed test.
"""
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SOURCES = int(os.environ.get("BENCH_SOURCES", "100"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "3"))
PAGES = ["newsroom-mou.html", "korean-outlet-article.html", "spanish-outlet-article.html", "newsroom-proton.html",
         "spanish-outlet-flu.html"]


def setup_django():
    sys.path.insert(0, str(ROOT))
    DATA.mkdir(parents=True, exist_ok=True)
    database = DATA / "watching.sqlite3"
    database.unlink(missing_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_curated", verbosity=0)


def serve_sources(sites):
    """Give each site a feed of ARTICLES articles, each page a recorded one with a sentence of its own."""
    from tests.watching.recorded_site import RECORDED

    for number, site in enumerate(sites):
        items = []
        for article in range(ARTICLES):
            name = PAGES[(number + article) % len(PAGES)]
            path = f"/news/{number}/{article}"
            html = (RECORDED / name).read_text(encoding="utf-8").replace(
                "</article>", f"<p>Report {number}-{article} of the newsroom of host {site.host}.</p></article>"
            )
            site.serve(path, html)
            items.append(f"<item><title>Article {number}-{article}</title><link>{site.url(path)}</link>"
                         f"<pubDate>Tue, 17 Nov 2026 09:00:00 GMT</pubDate></item>")
        site.serve("/feed.rss", f"<rss version='2.0'><channel><title>Source {number}</title>{''.join(items)}</channel></rss>",
                   content_type="application/rss+xml")


def timed_run(sources):
    from watching.polling import watch

    started = time.monotonic()
    report = watch(sources)
    return time.monotonic() - started, report


def main():
    setup_django()
    from django.conf import settings

    from tests.watching.recorded_site import RecordedSite
    from watching.models import Candidate, WatchedSource

    sites = [RecordedSite(host=f"127.0.0.{2 + number}") for number in range(SOURCES)]
    for site in sites:
        site.__enter__()
    serve_sources(sites)
    rows = []
    try:
        for delay in (settings.WATCHING_HOST_DELAY, 0.0):
            settings.WATCHING_HOST_DELAY = delay
            Candidate.objects.all().delete()
            WatchedSource.objects.all().delete()
            sources = [WatchedSource(name=f"Source {n}", url=site.url("/feed.rss")) for n, site in enumerate(sites)]
            WatchedSource.objects.bulk_create(sources)
            for label in ("first run: all new", "second run: all unchanged (304)"):
                seconds, report = timed_run(list(WatchedSource.objects.all()))
                rows.append((f"{delay:g} s", label, report.checked, report.requests, report.found,
                             report.reports_of_known_stories, len(report.failed), seconds))
    finally:
        for site in sites:
            site.__exit__()
    print(f"{SOURCES} sources on {SOURCES} hosts, {ARTICLES} articles each, database: SQLite")
    print(f"{'pause/host':>10} | {'run':<32} | {'sources':>7} | {'requests':>8} | {'new':>4} | {'grouped':>7} | {'failed':>6} | {'seconds':>7}")
    for delay, label, checked, requests, found, grouped, failed, seconds in rows:
        print(f"{delay:>10} | {label:<32} | {checked:>7} | {requests:>8} | {found:>4} | {grouped:>7} | {failed:>6} | {seconds:>7.1f}")


if __name__ == "__main__":
    main()
