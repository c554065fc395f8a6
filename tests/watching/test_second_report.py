"""A watched outlet's report of an agreement the directory holds: drafted from the queue, it is
proposed as one more source of that agreement, and published as one, not as a second agreement."""
import pytest
from django.contrib.auth.models import User

from curation.models import Draft
from curation.services import publish_draft
from partnerships.models import Agreement
from tests.watching.test_watch_sources import run
from watching.models import Candidate, WatchedSource

pytestmark = pytest.mark.django_db

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Emirates Health Services and Asan Medical Center sign MoU at Arab Health</title></head><body>
<nav><a href="/">Home</a></nav><article>
<h1>Emirates Health Services and Asan Medical Center sign MoU at Arab Health</h1>
<p>DUBAI, January 31, 2024 — Emirates Health Services (EHS) and Asan Medical Center of South Korea signed a memorandum
of understanding on January 29, 2024 at Arab Health in Dubai to cooperate in specialised medical care and training.</p>
<p>Under the agreement, the two institutions will train Emirati doctors and exchange experience in hospital management.</p>
</article></body></html>"""


def test_a_second_report_of_a_known_agreement_adds_a_source_not_an_agreement(site, client):
    site.serve("/gulf/feed.rss", (
        "<rss version='2.0'><channel><title>Gulf Health Weekly</title><item>"
        "<title>Emirates Health Services and Asan Medical Center sign MoU at Arab Health</title>"
        f"<link>{site.url('/gulf/ehs-asan-mou')}</link><pubDate>Wed, 31 Jan 2024 08:00:00 GMT</pubDate></item></channel></rss>"
    ), content_type="application/rss+xml")
    site.serve("/gulf/ehs-asan-mou", PAGE)
    WatchedSource.objects.create(name="Gulf Health Weekly", url=site.url("/gulf/feed.rss"), language="en")
    run()
    candidate = Candidate.objects.get()
    assert {i.slug for i in candidate.institutions.all()} >= {"emirates-health-services", "asan-medical-center"}

    curator = User.objects.create_superuser("wanda", password="not-used-here")
    client.force_login(curator)
    agreements_before = Agreement.objects.count()
    client.post(f"/curation/candidates/{candidate.pk}/draft/")
    draft = Draft.objects.get()
    known = draft.proposal["agreements"][0]["existing_agreement"]
    assert known and known["slug"] == "ehs-amc-mou-2024"

    publish_draft(draft=draft, curator=curator)
    assert Agreement.objects.count() == agreements_before
    agreement = Agreement.objects.get(slug="ehs-amc-mou-2024")
    assert agreement.sources.filter(url=site.url("/gulf/ehs-asan-mou")).exists()
    # The public page lists the article among the agreement's sources.
    assert site.url("/gulf/ehs-asan-mou") in client.get(agreement.get_absolute_url()).content.decode()
