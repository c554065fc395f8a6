"""manage.py watch_sources against a local server: real HTTP, conditional requests, and the limits a polite reader keeps."""
import io
import time

import pytest
from django.core.management import call_command

from institutions.models import Institution
from tests.watching.recorded_site import RecordedSite
from watching.models import Candidate, WatchedSource

pytestmark = pytest.mark.django_db

MOU_PAGE = "/newsroom/2026/11/smc-cedars-sinai-mou?utm_source=rss&utm_medium=feed"


def serve_story(site):
    """The same signing told by the hospital's newsroom (en), a Korean outlet (ko) and a Spanish one (es)."""
    site.serve_file("/newsroom/feed.rss", "newsroom.rss")
    site.serve_file(MOU_PAGE, "newsroom-mou.html")
    site.serve_file("/newsroom/2026/11/proton-room", "newsroom-proton.html")
    site.serve_file("/medinews/feed.atom", "korean-outlet.atom")
    site.serve_file("/medinews/articles/20261117-001", "korean-outlet-article.html")
    site.serve_file("/diario/sitemap-news.xml", "spanish-outlet-sitemap.xml")
    site.serve_file("/diario/2026/11/18/samsung-cedars-sinai-memorando", "spanish-outlet-article.html")
    site.serve_file("/diario/2026/11/10/gripe-temporada", "spanish-outlet-flu.html")
    # Polled in the order of their names: the outlets before the newsroom.
    return [
        WatchedSource.objects.create(name="Diario Salud", url=site.url("/diario/sitemap-news.xml"), kind="sitemap", language="es"),
        WatchedSource.objects.create(name="Medical News Korea", url=site.url("/medinews/feed.atom"), language="ko"),
        WatchedSource.objects.create(
            name="Samsung Medical Center newsroom", url=site.url("/newsroom/feed.rss"), language="en",
            institution=Institution.objects.get(slug="samsung-medical-center"),
        ),
    ]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("watch_sources", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_run_queues_each_new_article_with_its_text_language_date_and_score(site):
    serve_story(site)
    out, _err = run()
    assert "Checked 3 sources (0 unchanged, 0 failed)" in out and "5 new articles" in out
    mou = Candidate.objects.get(url_key__contains="smc-cedars-sinai-mou")
    # The address is kept as linked, and known by its normal form, without the feed's tracking parameters.
    assert "utm_source" in mou.url and "utm" not in mou.url_key
    assert "Peter Chen" in mou.text and mou.title.startswith("Samsung Medical Center and Cedars-Sinai sign MoU")
    assert mou.published_on.isoformat() == "2026-11-17" and mou.language == "en" and not mou.read_error
    korean = Candidate.objects.get(source__name="Medical News Korea")
    spanish = Candidate.objects.get(url_key__contains="memorando")
    assert (korean.language, spanish.language) == ("ko", "es")
    assert "업무협약" in korean.text and spanish.published_on.isoformat() == "2026-11-18"
    proton = Candidate.objects.get(url_key__contains="proton")
    flu = Candidate.objects.get(url_key__contains="gripe")
    for signing in (mou, korean, spanish):
        assert signing.relevance >= 0.6, (signing.title, signing.relevance)
        assert {i.slug for i in signing.institutions.all()} >= {"samsung-medical-center", "cedars-sinai"}
    assert proton.relevance <= 0.2 and flu.relevance <= 0.2


def test_the_same_story_from_three_outlets_is_one_story_led_by_the_institutions_own_release(site):
    serve_story(site)
    run()
    release = Candidate.objects.get(url_key__contains="smc-cedars-sinai-mou")
    assert release.primary is None and release.status == "new"
    reports = Candidate.objects.filter(primary=release)
    assert {report.language for report in reports} == {"ko", "es"}
    assert {report.status for report in reports} == {"duplicate"}
    # The other articles are stories of their own.
    assert Candidate.objects.stories().count() == 3


def test_a_second_run_asks_conditionally_and_finds_nothing_new(site):
    serve_story(site)
    run()
    pages_read = len(site.asked(MOU_PAGE))
    out, _err = run("--all")
    assert "Checked 3 sources (3 unchanged, 0 failed)" in out and "0 new articles" in out
    feed_requests = site.asked("/newsroom/feed.rss")
    assert feed_requests[-1][2].get("If-None-Match") and feed_requests[-1][2].get("If-Modified-Since")
    assert len(site.asked(MOU_PAGE)) == pages_read == 1
    assert Candidate.objects.count() == 5


def test_sources_not_yet_due_are_not_polled(site):
    sources = serve_story(site)
    run()
    requests = len(site.requests)
    out, _err = run()
    assert "Checked 0 sources" in out and len(site.requests) == requests
    assert all(source.next_check_at for source in WatchedSource.objects.filter(pk__in=[s.pk for s in sources]))


def test_a_broken_feed_is_marked_with_its_error_and_the_others_are_still_read(site):
    serve_story(site)
    site.serve_file("/broken/feed.rss", "broken.rss")
    broken = WatchedSource.objects.create(name="A broken newsroom", url=site.url("/broken/feed.rss"))
    out, err = run()
    broken.refresh_from_db()
    assert "1 failed" in out and "A broken newsroom" in err and "not a feed" in err
    assert broken.failures == 1 and "not a feed" in broken.last_error and broken.next_check_at is not None
    # Tried once, not again in a loop; the next try waits for its (doubled) time.
    assert len(site.asked("/broken/feed.rss")) == 1
    assert Candidate.objects.count() == 5
    run()
    assert len(site.asked("/broken/feed.rss")) == 1


def test_a_huge_feed_is_refused_past_the_size_cap(site, settings):
    settings.WATCHING_MAX_BYTES = 100_000
    items = "".join(
        f"<item><title>News {n}</title><link>{site.url(f'/huge/{n}')}</link><description>{'x' * 200}</description></item>"
        for n in range(2000)
    )
    site.serve("/huge/feed.rss", f"<rss version='2.0'><channel><title>Huge</title>{items}</channel></rss>",
               content_type="application/rss+xml")
    huge = WatchedSource.objects.create(name="Huge", url=site.url("/huge/feed.rss"))
    run()
    huge.refresh_from_db()
    assert "larger than the 100,000" in huge.last_error and Candidate.objects.count() == 0


def test_a_slow_host_times_out_without_holding_up_the_run(site):
    site.serve("/slow/feed.rss", "<rss version='2.0'><channel></channel></rss>", delay=3, content_type="application/rss+xml")
    slow = WatchedSource.objects.create(name="Slow", url=site.url("/slow/feed.rss"))
    started = time.monotonic()
    run()
    slow.refresh_from_db()
    assert time.monotonic() - started < 2.5
    assert "could not connect" in slow.last_error and "Timeout" in slow.last_error


def test_a_redirect_to_another_host_is_refused(site):
    site.serve("/moved/feed.rss", location=site.url("/elsewhere/feed.rss", host="localhost"), status=301)
    site.serve_file("/elsewhere/feed.rss", "newsroom.rss")
    moved = WatchedSource.objects.create(name="Moved", url=site.url("/moved/feed.rss"))
    run()
    moved.refresh_from_db()
    assert "redirected to another site (localhost): refused" in moved.last_error
    assert site.asked("/elsewhere/feed.rss") == []


def test_a_redirect_on_the_same_host_is_followed(site):
    site.serve("/old/feed.rss", location="/newsroom/feed.rss", status=301)
    serve_story(site)
    WatchedSource.objects.all().delete()
    WatchedSource.objects.create(name="Old address", url=site.url("/old/feed.rss"))
    out, _err = run()
    assert "0 failed" in out and Candidate.objects.count() == 2


def test_an_article_on_another_site_is_not_fetched_and_keeps_the_feeds_summary(site):
    with RecordedSite() as other:
        elsewhere = other.url("/story").replace("127.0.0.1", "localhost")
        site.serve("/links/feed.rss", (
            "<rss version='2.0'><channel><title>Links</title><item><title>Hospital A and Hospital B sign MoU</title>"
            f"<link>{elsewhere}</link><description>Hospital A signed a memorandum of understanding with Hospital B.</description>"
            "</item></channel></rss>"
        ), content_type="application/rss+xml")
        WatchedSource.objects.create(name="Links", url=site.url("/links/feed.rss"))
        run()
        assert other.requests == []
    candidate = Candidate.objects.get()
    assert "not a watched source's site" in candidate.read_error
    assert candidate.text == "Hospital A signed a memorandum of understanding with Hospital B."


def test_robots_txt_is_obeyed(site):
    serve_story(site)
    site.serve("/robots.txt", "User-agent: *\nDisallow: /diario/\n", content_type="text/plain")
    run()
    assert site.asked("/diario/2026/11/18/samsung-cedars-sinai-memorando") == []
    spanish = Candidate.objects.get(url_key__contains="memorando")
    assert "robots.txt" in spanish.read_error


def test_a_run_reads_at_most_pages_per_run_articles_of_a_source_and_the_rest_next_time(site):
    items = "".join(
        f"<item><title>News {n}</title><link>{site.url(f'/many/{n}')}</link><pubDate>Mon, 0{n} Nov 2026 10:00:00 GMT</pubDate></item>"
        for n in range(1, 6)
    )
    site.serve("/many/feed.rss", f"<rss version='2.0'><channel><title>Many</title>{items}</channel></rss>",
               content_type="application/rss+xml")
    for n in range(1, 6):
        site.serve(f"/many/{n}", f"<html><body><article><p>News number {n} of the hospital.</p></article></body></html>")
    many = WatchedSource.objects.create(name="Many", url=site.url("/many/feed.rss"), pages_per_run=2)
    run()
    # Newest first.
    assert sorted(c.url.rsplit("/", 1)[1] for c in Candidate.objects.all()) == ["4", "5"]
    run("--all")
    assert Candidate.objects.count() == 4
    # Entries remained unread, so the feed was asked for unconditionally the second time.
    assert not site.asked("/many/feed.rss")[1][2].get("If-None-Match")
    many.refresh_from_db()
    assert many.failures == 0


def test_one_host_is_asked_at_most_once_per_delay(site, settings):
    settings.WATCHING_HOST_DELAY = 0.2
    serve_story(site)
    started = time.monotonic()
    run()
    # 3 feeds, 5 pages and robots.txt: at least 8 pauses between 9 requests to the one host.
    assert len(site.requests) == 9
    assert time.monotonic() - started >= 8 * 0.2


def test_an_unknown_source_id_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No watched source with id 999"):
        run("--source", "999")


def test_a_sitemap_added_as_a_feed_is_still_read(site):
    serve_story(site)
    WatchedSource.objects.exclude(name="Diario Salud").delete()
    WatchedSource.objects.filter(name="Diario Salud").update(kind="feed")
    out, _err = run()
    assert "0 failed" in out and Candidate.objects.count() == 2
