"""An agreement's life in a real Chromium: the timeline as an accessible ordered list, the
sources that disagree side by side, and the list filtered by the day agreements were in force.
Screenshots go to test-artifacts/screenshots/."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import REPOSITORY, serve_directory
from tests.browser.test_browser import assert_stayed_on_the_machine

pytestmark = pytest.mark.browser

SCREENSHOTS = REPOSITORY / "test-artifacts" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}
LIFE_SLUG = "browser-life-mou-2015"

# A record of the test's own: the curated articles state no term, renewal or end.
CREATE_LIFE = f"""
import datetime
from institutions.models import Institution
from partnerships.models import Agreement, AgreementArea, AgreementEvent, AgreementParty, Area, Evidence, Source
agreement = Agreement.objects.create(
    slug="{LIFE_SLUG}", title="Test hospital and test university memorandum on training", kind="mou",
    signed_on=datetime.date(2015, 3, 1), signed_on_precision="month", term_years=5, renewal_years=3,
)
AgreementParty.objects.create(agreement=agreement, institution=Institution.objects.get(slug="asan-medical-center"))
AgreementParty.objects.create(agreement=agreement, institution=Institution.objects.get(slug="charite"))
AgreementArea.objects.create(agreement=agreement, area=Area.objects.get(slug="education"))
source = Source.objects.create(slug="browser-test-report", kind="report", publisher="Test Wire")
agreement.sources.add(source)
renewed = AgreementEvent.objects.create(agreement=agreement, kind="renewed", dated_on=datetime.date(2020, 2, 1),
                                        dated_on_precision="month", years=3)
AgreementEvent.objects.create(agreement=agreement, kind="announced", dated_on=datetime.date(2015, 3, 20))
AgreementEvent.objects.create(agreement=agreement, kind="ended", dated_on=datetime.date(2022, 6, 30))
Evidence.objects.create(agreement=agreement, source=source, fact="event", event=renewed, note="Reports the renewal.")
Evidence.objects.create(agreement=agreement, source=source, fact="term", note="Valid for five years, renewable by three.")
"""


@pytest.fixture(scope="module")
def life_server_url(tmp_path_factory):
    with serve_directory(tmp_path_factory.mktemp("life"), ["shell", "--no-imports", "-c", CREATE_LIFE]) as url:
        yield url


def test_timeline_is_an_ordered_list_oldest_first(page, life_server_url, requested_urls):
    page.goto(f"{life_server_url}/partnerships/{LIFE_SLUG}/")

    timeline = page.get_by_role("list", name="Events in this agreement's life, oldest first")
    items = timeline.get_by_role("listitem")
    assert [" ".join(text.split()) for text in items.all_inner_texts()] == [
        "Signed March 2015", "Announced 20 March 2015", "Renewed for 3 years February 2020 [1]", "Ended 30 June 2022",
    ]
    assert timeline.evaluate("element => element.tagName") == "OL"
    assert page.locator(".timeline time").evaluate_all("times => times.map(time => time.dateTime)") == [
        "2015-03-01", "2015-03-20", "2020-02-01", "2022-06-30",
    ]
    assert page.locator("[data-status]").inner_text() == "Ended"
    assert "Ended on 30 June 2022." in page.locator(".timeline__summary").inner_text()
    assert "5 years, renewable by 3 years" in page.locator(".facts").inner_text()

    # The citation leads to the source that reports the renewal.
    items.nth(2).get_by_role("link", name="source 1").click()
    assert page.evaluate("location.hash") == "#source-1"
    assert "Reports the renewal." in page.locator("#source-1").inner_text()
    assert_stayed_on_the_machine(requested_urls)


@pytest.mark.parametrize("path", [f"/partnerships/{LIFE_SLUG}/", "/partnerships/ehs-amc-mou-2024/"])
def test_life_and_disagreements_have_no_serious_accessibility_violations(page, life_server_url, path):
    page.goto(life_server_url + path)

    results = Axe().run(page)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


def test_sources_that_disagree_are_shown_side_by_side(page, life_server_url):
    page.goto(f"{life_server_url}/partnerships/ehs-amc-mou-2024/")

    table = page.get_by_role("table", name="Date signed — recorded as 29 January 2024")
    rows = table.locator("tbody tr")
    assert [rows.nth(index).locator("td").nth(1).inner_text() for index in range(rows.count())] == [
        "20 February 2024 (the press release's date line)", "29 January 2024", "29 January 2024",
    ]
    assert "Why this value:" in page.locator(".disagreement__reason").inner_text()


def test_list_filtered_by_the_day_in_force_from_the_sidebar(page, life_server_url, requested_urls):
    page.goto(f"{life_server_url}/partnerships/?country=KR")
    assert page.locator("#results-heading").inner_text() == "5 agreements"

    page.get_by_label("In force on").fill("2020-01-01")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/partnerships/?*as_of=2020-01-01*")

    # The 2017 and 2019 Korean agreements, and the test's own, renewed to 2023.
    assert page.locator("#results-heading").inner_text() == "3 agreements"
    feed = page.locator("link[rel=alternate][type='application/atom+xml']")
    assert feed.get_attribute("href") == "/partnerships/feed/?country=KR&as_of=2020-01-01"
    assert page.get_by_role("link", name="GraphML").get_attribute("href") == (
        "/partnerships/network.graphml?country=KR&as_of=2020-01-01"
    )
    assert_stayed_on_the_machine(requested_urls)


@pytest.mark.parametrize("width", WIDTHS)
def test_life_pages_fit_the_screen_and_are_saved_as_screenshots(browser, life_server_url, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    try:
        for name, path in {
            "agreement-life": f"/partnerships/{LIFE_SLUG}/",
            "agreement-disagreements": "/partnerships/ehs-amc-mou-2024/",
            "list-in-force-2020": "/partnerships/?as_of=2020-01-01&country=KR",
        }.items():
            page.goto(life_server_url + path)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth") == WIDTHS[width]
    finally:
        context.close()
