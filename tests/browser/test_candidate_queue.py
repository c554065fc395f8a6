"""The queue of candidate articles in a real Chromium: a run of watch_sources against a local
site, the grouped story read at 1280 and 390 px, one click to a draft, a rejection with its reason.
Screenshots go to test-artifacts/screenshots/."""
import pytest

from tests.browser.conftest import serve_directory
from tests.browser.test_browser import SCREENSHOTS, assert_stayed_on_the_machine
from tests.browser.test_curation import CURATOR, PASSWORD, serious_violations, sign_in
from tests.watching.recorded_site import RecordedSite
from tests.watching.test_watch_sources import MOU_PAGE

pytestmark = pytest.mark.browser

STORY = "Samsung Medical Center and Cedars-Sinai sign MoU on cancer research and AI"


@pytest.fixture(scope="module")
def queue_server_url(tmp_path_factory):
    with RecordedSite() as site:
        for path, name in [
            ("/newsroom/feed.rss", "newsroom.rss"), (MOU_PAGE, "newsroom-mou.html"),
            ("/newsroom/2026/11/proton-room", "newsroom-proton.html"), ("/medinews/feed.atom", "korean-outlet.atom"),
            ("/medinews/articles/20261117-001", "korean-outlet-article.html"),
            ("/diario/sitemap-news.xml", "spanish-outlet-sitemap.xml"),
            ("/diario/2026/11/18/samsung-cedars-sinai-memorando", "spanish-outlet-article.html"),
            ("/diario/2026/11/10/gripe-temporada", "spanish-outlet-flu.html"),
        ]:
            site.serve_file(path, name)
        create = (
            "from django.contrib.auth.models import User; from watching.models import WatchedSource as S; "
            "from institutions.models import Institution; "
            f"User.objects.create_superuser({CURATOR!r}, 'carla@example.org', {PASSWORD!r}); "
            f"S.objects.create(name='Diario Salud', url={site.url('/diario/sitemap-news.xml')!r}, kind='sitemap', language='es'); "
            f"S.objects.create(name='Medical News Korea', url={site.url('/medinews/feed.atom')!r}, language='ko'); "
            f"S.objects.create(name='Samsung Medical Center newsroom', url={site.url('/newsroom/feed.rss')!r}, language='en', "
            "institution=Institution.objects.get(slug='samsung-medical-center'))"
        )
        with serve_directory(
            tmp_path_factory.mktemp("queue"), ["shell", "--no-imports", "-c", create], ["watch_sources"],
            settings={"WATCHING_HOST_DELAY": "0.01"},
        ) as url:
            yield url


def test_a_curator_reads_the_queue_drafts_a_story_and_rejects_another(page, queue_server_url, requested_urls):
    url = queue_server_url
    sign_in(page, url, "/curation/candidates/")
    assert page.locator("h1").inner_text() == "Candidate articles"
    assert "3 stories wait for a curator." in page.locator("main").inner_text()
    story = page.locator("li.story", has_text=STORY)
    story.get_by_text("Also reported by 2 more outlets").click()
    assert story.get_by_role("link", name="삼성서울병원, 美 시더스사이나이와 암 연구·의료 AI 업무협약 체결").is_visible()
    assert serious_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "candidate-queue-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.screenshot(path=SCREENSHOTS / "candidate-queue-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    proton = page.locator("li.story", has_text="second proton therapy room")
    proton.get_by_text("Reject…").click()
    proton.get_by_label("Why it is not a partnership to record").fill("Equipment news, no agreement.")
    proton.get_by_role("button", name="Reject").click()
    page.wait_for_url("**/curation/candidates/")
    assert "Rejected: Samsung Medical Center opens its second proton therapy room" in page.locator("body").inner_text()
    assert page.locator("li.story", has_text="second proton therapy room").count() == 0

    page.locator("li.story", has_text=STORY).get_by_role("button", name="Draft").click()
    page.wait_for_url("**/curation/drafts/*/")
    body = page.locator("body").inner_text()
    assert "Samsung Medical Center" in body and "Cedars-Sinai" in body and "Peter Chen" in body
    page.screenshot(path=SCREENSHOTS / "candidate-drafted-1280.png", full_page=True)
    assert_stayed_on_the_machine(requested_urls)
