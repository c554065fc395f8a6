"""The curators' queue: grouped stories, filters, counts, one click to draft, reject with a reason."""
import re

import pytest

from curation.models import Draft
from tests.watching.test_watch_sources import run, serve_story
from watching.models import Candidate, WatchedSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(site):
    serve_story(site)
    run()
    return Candidate.objects.get(url_key__contains="smc-cedars-sinai-mou")


def test_the_queue_is_for_curators_only(client, queued):
    response = client.get("/curation/candidates/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_queue_shows_each_story_once_with_its_reports_and_what_waits(client, curator, queued):
    page = client.get("/curation/candidates/").content.decode()
    assert "3 stories wait for a curator." in page
    # The story is listed by its lead (the newsroom's release), the outlets' reports beside it.
    assert page.count("Samsung Medical Center and Cedars-Sinai sign MoU") == 1
    assert "Also reported by 2 more outlets" in page
    assert "삼성서울병원, 美 시더스사이나이와" in page and "Medical News Korea (ko)" in page and "Diario Salud (es)" in page
    assert page.count('id="candidate-') == 3
    # Newest first: the release (17 November) before the Spanish flu story (10 November) and the proton room (9).
    order = [int(pk) for pk in re.findall(r'id="candidate-(\d+)"', page)]
    dates = list(Candidate.objects.filter(pk__in=order).values_list("pk", "published_on"))
    assert [pk for pk, _day in sorted(dates, key=lambda row: row[1], reverse=True)] == order


def test_most_relevant_first_puts_the_signing_first(client, curator, queued):
    page = client.get("/curation/candidates/?order=relevance").content.decode()
    first = re.search(r'id="candidate-(\d+)"', page).group(1)
    assert int(first) == queued.pk


def test_the_queue_filters_by_language_and_source(client, curator, queued):
    korean = client.get("/curation/candidates/?language=ko").content.decode()
    # A story is in Korean when one of its reports is.
    assert korean.count('id="candidate-') == 1 and f'id="candidate-{queued.pk}"' in korean
    spanish_source = WatchedSource.objects.get(name="Diario Salud")
    from_source = client.get(f"/curation/candidates/?source={spanish_source.pk}").content.decode()
    assert from_source.count('id="candidate-') == 2 and "vacunación" in from_source


def test_a_bad_filter_is_a_message_not_a_500(client, curator, queued):
    response = client.get("/curation/candidates/?status=bogus&source=abc")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some filters are not valid" in page and "Select a valid choice" in page and "Enter a whole number" in page


def test_one_click_drafts_the_story_and_opens_its_draft(client, curator, queued):
    response = client.post(f"/curation/candidates/{queued.pk}/draft/")
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    assert draft.url == queued.url and "Peter Chen" in draft.text
    parties = {party.get("institution") for party in draft.proposal["agreements"][0]["parties"]}
    assert parties >= {"samsung-medical-center", "cedars-sinai"}
    queued.refresh_from_db()
    assert queued.status == "drafted" and queued.draft == draft and queued.closed_by == curator
    # Out of the waiting queue; listed under Drafted, with its draft linked.
    assert f'id="candidate-{queued.pk}"' not in client.get("/curation/candidates/").content.decode()
    drafted = client.get("/curation/candidates/?status=drafted").content.decode()
    assert f'id="candidate-{queued.pk}"' in drafted and draft.get_absolute_url() in drafted
    # A second click opens the same draft, not a new one.
    assert client.post(f"/curation/candidates/{queued.pk}/draft/")["Location"] == draft.get_absolute_url()
    assert Draft.objects.count() == 1


def test_reject_needs_a_reason_and_keeps_it(client, curator, queued):
    proton = Candidate.objects.get(url_key__contains="proton")
    response = client.post(f"/curation/candidates/{proton.pk}/reject/", {"reason": " "})
    assert response.status_code == 400 and "Say why the article is rejected" in response.content.decode()
    proton.refresh_from_db()
    assert proton.status == "new"
    response = client.post(f"/curation/candidates/{proton.pk}/reject/", {"reason": "Equipment news, no agreement."})
    assert response.status_code == 302
    proton.refresh_from_db()
    assert (proton.status, proton.reason) == ("rejected", "Equipment news, no agreement.")
    rejected = client.get("/curation/candidates/?status=rejected").content.decode()
    assert f'id="candidate-{proton.pk}"' in rejected
    # Closed is closed: a second rejection is refused with a message.
    again = client.post(f"/curation/candidates/{proton.pk}/reject/", {"reason": "Twice"}, follow=True)
    assert "already rejected" in again.content.decode()


def test_a_candidate_page_shows_its_text_and_the_same_story_elsewhere(client, curator, queued):
    korean = Candidate.objects.get(source__name="Medical News Korea")
    page = client.get(korean.get_absolute_url()).content.decode()
    assert "업무협약(MOU)을 체결했다" in page and "The same story elsewhere" in page
    assert "Samsung Medical Center and Cedars-Sinai sign MoU" in page and "leads the story" in page
    assert client.get("/curation/candidates/999999/").status_code == 404


def test_the_sources_page_shows_each_source_its_articles_and_its_problem(client, curator, site, queued):
    site.serve_file("/broken/feed.rss", "broken.rss")
    WatchedSource.objects.create(name="A broken newsroom", url=site.url("/broken/feed.rss"))
    run()
    page = client.get("/curation/sources/").content.decode()
    assert "Watch a feed or a sitemap" in page and "/admin/watching/watchedsource/add/" in page
    assert "A broken newsroom" in page and "Failed once:" in page and "not a feed" in page
    assert re.search(r"Diario Salud.*?<td>2 \(1\)</td>", page, re.S)


def test_a_curator_adds_a_source_in_the_admin(client, curator):
    response = client.post("/admin/watching/watchedsource/add/", {
        "name": "Seoul newsroom", "url": "https://www.example.org/news/rss", "kind": "feed", "language": "ko",
        "active": "on", "every_minutes": "60", "pages_per_run": "20",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    source = WatchedSource.objects.get()
    assert (source.language, source.added_by) == ("ko", curator)
