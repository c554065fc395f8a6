"""One run of `manage.py watch_sources`: read each due source, fetch its new articles, queue them as candidates.

A run has two phases. First the network: each due source's feed or sitemap (conditional,
so an unchanged one costs a 304), then up to its `pages_per_run` new articles, all through one
polite Fetcher and within the run's time budget, several hosts at a time. Then the database: the directory's names are
gathered once for every new text, and each candidate is kept with its score, the institutions it
names and its story. A source that fails is marked with its error and waits longer before the
next try (doubling, up to a day); it is never retried within a run.
"""
import datetime
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import trafilatura
from courlan import normalize_url
from django.db import transaction
from django.utils import timezone
from trafilatura.utils import decode_file

from curation.drafting.directory import Directory
from curation.drafting.source import language_of, read_article
from watching import stories
from watching.entries import EntriesError, feed_entries, sitemap_entries
from watching.fetching import FetchError, Fetcher, host_of
from watching.models import Candidate, WatchedSource
from watching.relevance import relevance

# A sitemap index names further sitemaps: the first few are read (news sitemaps are one or two).
CHILD_SITEMAPS = 5
SITEMAP_ROOT = re.compile(rb"<(?:\w+:)?(?:urlset|sitemapindex)\b")
# The longest text kept: a press release is some 20,000 characters, as the drafting API allows 200,000.
LONGEST_TEXT = 200_000
# A text shorter than this is too short for the language detector: the source's language is taken.
DETECTABLE = 200
LONGEST_WAIT = datetime.timedelta(days=1)
# Hosts read side by side in one run.
WORKERS = 8


@dataclass
class Found:
    """An article read in this run, before it is kept."""

    source: WatchedSource
    url: str
    url_key: str
    title: str
    published_on: datetime.date | None
    language: str
    text: str
    read_error: str = ""


@dataclass
class Report:
    checked: int = 0
    unchanged: int = 0
    failed: list = field(default_factory=list)
    found: int = 0
    reports_of_known_stories: int = 0
    requests: int = 0
    seconds: float = 0.0
    out_of_time: int = 0


def address_key(url):
    """The address one article is known by: courlan's normal form, without tracking parameters or fragment."""
    try:
        return normalize_url(url.strip(), strict=True)[:1000]
    except ValueError:
        return url.strip()[:1000]


def due_sources(now=None):
    now = now or timezone.now()
    return WatchedSource.objects.filter(active=True).exclude(next_check_at__gt=now).select_related("institution")


def watch(sources=None, *, max_seconds=600, fetcher=None):
    """Poll the sources (by default those due) and keep what they hold that is new; return the run's Report."""
    started = time.monotonic()
    deadline = started + max_seconds
    sources = list(due_sources() if sources is None else sources)
    fetcher = fetcher or Fetcher(sources=WatchedSource.objects.filter(active=True).values_list("url", flat=True))
    known = frozenset(Candidate.objects.values_list("url_key", flat=True))
    report, found = Report(), []
    for source, reading in read_all(sources, fetcher, known, deadline):
        if reading is None:
            report.out_of_time += 1
            continue
        report.checked += 1
        if reading.error:
            mark_failed(source, reading.error)
            report.failed.append((source, reading.error))
            continue
        report.unchanged += reading.answer.not_modified
        mark_checked(source, reading.answer, complete=reading.complete)
        found += reading.found
    keep(unique(found), report)
    report.requests, report.seconds = fetcher.requests, time.monotonic() - started
    return report


@dataclass
class Reading:
    """What one source gave in this run: its answer and new articles, or the error it failed with."""

    answer: object = None
    found: list = field(default_factory=list)
    complete: bool = True
    error: str = ""


def read_all(sources, fetcher, known, deadline):
    """Return (source, Reading or None when out of time) for each source, in the sources' order.

    The network is the slow part, and one host's pace bounds only its own sources: the sources of
    different hosts are read side by side, those of one host one after another, in `WORKERS` threads.
    No thread touches the database.
    """
    by_host = {}
    for source in sources:
        by_host.setdefault(host_of(source.url), []).append(source)

    def read_host(host_sources):
        return [(source, read_source(source, fetcher, known, deadline)) for source in host_sources]

    readings = {}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for results in pool.map(read_host, by_host.values()):
            readings.update((source.pk, reading) for source, reading in results)
    return [(source, readings[source.pk]) for source in sources]


def read_source(source, fetcher, known, deadline):
    """Return the Reading of one source (None when the run is out of time before it starts)."""
    if time.monotonic() > deadline:
        return None
    try:
        answer = fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
        if answer.not_modified:
            return Reading(answer=answer)
        entries = listing_entries(source, answer.body, fetcher)
    except (FetchError, EntriesError) as error:
        return Reading(error=str(error))
    new = {}
    for entry in entries:
        key = address_key(entry.url)
        if key not in known:
            new.setdefault(key, entry)
    found = []
    for key, entry in list(new.items())[:source.pages_per_run]:
        if time.monotonic() > deadline:
            break
        found.append(read_entry(source, entry, key, fetcher))
    # An entry left for the next run must be seen again: the feed is then asked for unconditionally.
    return Reading(answer=answer, found=found, complete=len(found) == len(new))


def unique(found):
    """The articles found, each address once (two feeds of one newsroom list the same release)."""
    first = {}
    for item in found:
        first.setdefault(item.url_key, item)
    return list(first.values())


def listing_entries(source, body, fetcher):
    """The entries of the source's feed or sitemap; a sitemap added as a feed (or the reverse) is still read."""
    kind = source.kind
    if SITEMAP_ROOT.search(body[:4096]):
        kind = WatchedSource.Kind.SITEMAP
    if kind == WatchedSource.Kind.FEED:
        return feed_entries(body).entries
    listing = sitemap_entries(body)
    entries = list(listing.entries)
    for url in listing.sitemaps[:CHILD_SITEMAPS]:
        entries += sitemap_entries(fetcher.get(url).body).entries
    return sorted(entries, key=lambda entry: entry.published_on or datetime.date.min, reverse=True)


def read_entry(source, entry, key, fetcher):
    """Read an entry's page for its text, title, date and language; on failure, keep the feed's summary and say why."""
    summary = trafilatura.html2txt(entry.summary) if "<" in entry.summary else entry.summary
    text, title, published_on, read_error = summary or "", entry.title, entry.published_on, ""
    try:
        if not fetcher.may_read(entry.url):
            raise FetchError("robots.txt does not allow reading it")
        answer = fetcher.get(entry.url)
        article = read_article(html=decode_file(answer.body), url=entry.url)
        if article.text.strip():
            text = article.text
            title = entry.title or article.title or ""
            published_on = entry.published_on or article.published_on
    except FetchError as error:
        read_error = str(error)[:500]
    except Exception as error:  # noqa: BLE001 - a parser failing on one stranger's page must not end the run
        read_error = f"the page could not be read: {error.__class__.__name__}: {error}"[:500]
    declared = source.language or entry.language
    language = language_of(text) if len(text) >= DETECTABLE or not declared else declared
    return Found(
        source=source, url=entry.url[:1000], url_key=key, title=(title or "")[:500], published_on=published_on,
        language=language, text=text[:LONGEST_TEXT], read_error=read_error,
    )


def mark_checked(source, answer, *, complete):
    now = timezone.now()
    source.checked_at, source.failures, source.last_error = now, 0, ""
    source.next_check_at = now + datetime.timedelta(minutes=source.every_minutes)
    if not answer.not_modified:
        source.etag, source.last_modified = (answer.etag, answer.last_modified) if complete else ("", "")
    source.save(update_fields=["checked_at", "failures", "last_error", "next_check_at", "etag", "last_modified"])


def mark_failed(source, error):
    now = timezone.now()
    source.failures += 1
    source.checked_at, source.last_error = now, error[:2000]
    wait = datetime.timedelta(minutes=source.every_minutes) * 2 ** min(source.failures, 10)
    source.next_check_at = now + min(wait, LONGEST_WAIT)
    source.save(update_fields=["checked_at", "failures", "last_error", "next_check_at"])


def keep(found, report):
    """Keep each article found as a candidate: its score, the institutions it names, its story."""
    if not found:
        return
    directory = Directory(vocabulary="\n".join(f"{item.title}\n{item.text}" for item in found))
    recent = StoryIndex(stories.lookback_start(timezone.now()))
    for item in found:
        written = f"{item.title}\n{item.text}"
        named = {record.pk for _start, _end, record in directory.mentions_in(written)}
        with transaction.atomic():
            candidate = Candidate.objects.create(
                source=item.source, url=item.url, url_key=item.url_key, title=item.title, published_on=item.published_on,
                language=item.language, text=item.text, read_error=item.read_error, simhash=stories.text_hash(item.text),
                relevance=relevance(title=item.title, text=item.text, language=item.language, institutions_named=len(named)),
            )
            candidate.institutions.set(named)
            if recent.file(candidate, named):
                report.reports_of_known_stories += 1
        report.found += 1


class StoryIndex:
    """The recent stories' leading candidates with the institutions they name, to file each new one under its story."""

    def __init__(self, since):
        leads = Candidate.objects.stories().filter(found_at__gte=since).select_related("source")
        self.leads = list(leads.prefetch_related("institutions"))
        self.named = {lead.pk: {institution.pk for institution in lead.institutions.all()} for lead in self.leads}

    def file(self, candidate, named):
        """Put the candidate under the story it reports, if any (as its lead when it is the institution's own); say whether it was."""
        lead = next((lead for lead in self.leads if stories.same_story(
            candidate, lead, institutions=named, other_institutions=self.named[lead.pk])), None)
        if lead is None:
            self.add(candidate, named)
            return False
        if stories.is_own_release(candidate, named) and not stories.is_own_release(lead, self.named[lead.pk]) \
                and lead.status == Candidate.Status.NEW:
            # The institution's own release leads: the outlets' reports follow it.
            Candidate.objects.filter(primary=lead).update(primary=candidate)
            Candidate.objects.filter(pk=lead.pk).update(primary=candidate, status=Candidate.Status.DUPLICATE)
            self.leads.remove(lead)
            self.add(candidate, named | self.named[lead.pk])
        else:
            candidate.primary, candidate.status = lead, Candidate.Status.DUPLICATE
            candidate.save(update_fields=["primary", "status"])
            self.named[lead.pk] |= named
        return True

    def add(self, candidate, named):
        self.leads.append(candidate)
        self.named[candidate.pk] = set(named)
