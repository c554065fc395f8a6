"""The world map, the citation box and the releases pages in a real Chromium, with axe and screenshots."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import serve_directory
from tests.browser.test_browser import SCREENSHOTS, assert_stayed_on_the_machine

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def released_server_url(tmp_path_factory):
    """Serve the curated data after one release, written to a folder of the test's own."""
    folder = tmp_path_factory.mktemp("released")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_RELEASES_DIR", str(folder / "releases"))
        with serve_directory(folder, ["make_release"]) as url:
            yield url


def serious_violations(page):
    results = Axe().run(page)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_world_map_shades_countries_and_links_them(page, released_server_url, requested_urls):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{released_server_url}/countries/")

    korea = page.locator(".world-map__countries a[data-country=KR]")
    assert korea.get_attribute("aria-label") == "South Korea: 4 agreements"
    box = page.locator(".world-map__svg").bounding_box()
    assert box["width"] > 900 and box["height"] > 400
    page.locator(".world-map").screenshot(path=SCREENSHOTS / "world-map.png")
    assert serious_violations(page) == []

    korea.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/countries/KR/")
    assert page.locator("h1").inner_text() == "South Korea"
    assert_stayed_on_the_machine(requested_urls)


def test_world_map_on_a_filtered_list(page, released_server_url):
    page.goto(f"{released_server_url}/partnerships/?country=DE")

    page.get_by_text("See these agreements on a world map").click()
    assert page.locator(".world-map__countries a[data-country]").evaluate_all("links => links.map(l => l.dataset.country)") == [
        "DE", "KR"]
    page.locator(".world-map").screenshot(path=SCREENSHOTS / "world-map-filtered.png")


def test_citation_box_copies_and_downloads(page, released_server_url, requested_urls):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{released_server_url}/partnerships/ehs-amc-mou-2024/")

    box = page.locator(".citation-box")
    assert "As of release 1" in box.inner_text()
    assert "First in release 1" in page.locator(".release-note").inner_text()
    box.get_by_role("button", name="Copy the BibTeX").click()
    # The clipboard answers asynchronously: wait for the button to say so.
    expect(box.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{hpd-ehs-amc-mou-2024,")
    with page.expect_download() as download:
        box.get_by_role("link", name="Download BibTeX").click()
    assert download.value.suggested_filename == "hpd-ehs-amc-mou-2024.bib"
    box.screenshot(path=SCREENSHOTS / "citation-box.png")
    assert serious_violations(page) == []
    assert_stayed_on_the_machine(requested_urls)


def test_releases_pages_list_files_to_download(page, released_server_url, requested_urls):
    page.goto(f"{released_server_url}/releases/")

    assert page.locator("h2").first.inner_text() == "Release 1 latest"
    assert "The first release." in page.locator(".release").inner_text()
    page.screenshot(path=SCREENSHOTS / "releases.png", full_page=True)
    assert serious_violations(page) == []

    page.get_by_role("link", name="Files and changes of release 1").click()
    page.wait_for_url("**/releases/1/")
    with page.expect_download() as download:
        page.get_by_role("link", name="agreements.csv", exact=True).click()
    assert download.value.suggested_filename == "release-1-agreements.csv"
    assert open(download.value.path(), encoding="utf-8").readline().startswith("key,")
    page.screenshot(path=SCREENSHOTS / "release-1.png", full_page=True)
    assert serious_violations(page) == []
    assert_stayed_on_the_machine(requested_urls)
