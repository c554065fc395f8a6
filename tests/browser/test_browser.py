"""The pages in a real Chromium: clicking through filters, searching, reading an agreement,
accessibility, and screenshots for people to look at (test-artifacts/screenshots/)."""
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import REPOSITORY

pytestmark = pytest.mark.browser

SCREENSHOTS = REPOSITORY / "test-artifacts" / "screenshots"
PAGES = {
    "home": "/",
    "list": "/partnerships/?country=KR",
    "agreement": "/partnerships/charite-sccc-mou-2023/",
    "institution": "/institutions/seoul-national-university-hospital/",
    "people": "/people/?q=sang",
}
WIDTHS = {"phone": 390, "desktop": 1280}


def shown_titles(page):
    return page.locator(".card__title").all_inner_texts()


def option_count(page, label):
    return page.locator(f"label:has-text('{label}') .count").inner_text()


def assert_stayed_on_the_machine(requested_urls):
    assert requested_urls
    assert {urlsplit(url).hostname for url in requested_urls} == {"127.0.0.1"}


def test_list_filters_by_country_then_focus_area_by_clicking(page, server_url, requested_urls):
    page.goto(f"{server_url}/partnerships/")
    assert page.locator("#results-heading").inner_text() == "6 agreements"

    # The world map under the list names South Korea too: the box to tick is the checkbox.
    page.get_by_role("checkbox", name="South Korea").check()
    page.wait_for_url("**/partnerships/?country=KR")
    assert page.locator("#results-heading").inner_text() == "4 agreements"
    assert shown_titles(page) == [
        "Emirates Health Services – Asan Medical Center memorandum of understanding",
        "Charité – Samsung Comprehensive Cancer Center memorandum of understanding on cancer medicine",
        "Cedars-Sinai – Seoul National University Hospital – InTheSmart memorandum of understanding on gastrointestinal cancer",
        "Seoul National University Hospital – Asan Medical Center – Seoul National University Bundang Hospital agreement on medical big data",
    ]
    assert option_count(page, "Oncology") == "2"

    page.get_by_label("Oncology").check()
    page.wait_for_url("**/partnerships/?country=KR&area=oncology")
    assert page.locator("#results-heading").inner_text() == "2 agreements"
    assert shown_titles(page) == [
        "Charité – Samsung Comprehensive Cancer Center memorandum of understanding on cancer medicine",
        "Cedars-Sinai – Seoul National University Hospital – InTheSmart memorandum of understanding on gastrointestinal cancer",
    ]
    assert (option_count(page, "South Korea"), option_count(page, "Germany")) == ("2", "1")
    assert [" ".join(chip.split()) for chip in page.locator(".chip").all_inner_texts()] == [
        "Country of a party: South Korea × (remove this filter)", "Focus area: Oncology × (remove this filter)",
    ]
    assert_stayed_on_the_machine(requested_urls)


def test_search_for_an_acronym_leads_to_the_agreement_and_its_sources(page, server_url, requested_urls):
    page.goto(f"{server_url}/")
    page.get_by_label("Search institutions, acronyms, people and agreements").fill("SNUH")
    page.get_by_label("Search institutions, acronyms, people and agreements").press("Enter")
    page.wait_for_url("**/partnerships/?q=SNUH")

    assert page.locator("#results-heading").inner_text() == "2 agreements"
    page.get_by_role("link", name="Cedars-Sinai – Seoul National University Hospital – InTheSmart").click()
    page.wait_for_url("**/partnerships/cedars-sinai-snuh-inthesmart-mou-2019/")

    assert page.locator(".party__name").all_inner_texts() == [
        "Cedars-Sinai Medical Center", "Seoul National University Hospital", "InTheSmart",
    ]
    assert page.locator(".facts time").inner_text() == "September 2019"
    assert page.locator(".source__title").all_inner_texts() == [
        "[1] Cedars-Sinai and South Korea Organizations Sign Memorandum of Understanding",
        "[2] Places, relations and websites confirmed in other published reports",
        "[3] Medipana",
        "[4] Research Organization Registry",
    ]
    # The date comes from Medipana: its citation leads to that source.
    page.locator(".facts .cite a").nth(1).click()
    assert page.url.endswith("#source-3")
    assert_stayed_on_the_machine(requested_urls)


def test_search_box_suggests_institutions_as_the_user_types(page, server_url, requested_urls):
    page.goto(f"{server_url}/")
    page.get_by_label("Search institutions, acronyms, people and agreements").press_sequentially("asan")
    options = page.locator("#institution-suggestions option")
    options.first.wait_for(state="attached")

    assert options.evaluate_all("options => options.map(option => [option.value, option.label])") == [
        ["AMC", "Asan Medical Center · Seoul · South Korea"],
    ]
    assert_stayed_on_the_machine(requested_urls)


def test_people_are_found_from_the_menu_by_name(page, server_url, requested_urls):
    page.goto(f"{server_url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_label("Name or native name").fill("Lee Sang")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    page.wait_for_url("**/people/?q=Lee+Sang")

    assert page.locator(".data-table tbody th").all_inner_texts() == ["Lee Sang-doh"]
    page.get_by_role("link", name="Lee Sang-doh").click()
    assert page.locator("h1").inner_text() == "Lee Sang-doh"
    assert_stayed_on_the_machine(requested_urls)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(page, server_url, requested_urls, name):
    page.goto(server_url + PAGES[name])

    results = Axe().run(page)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]

    assert serious == []
    assert_stayed_on_the_machine(requested_urls)


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_screen_and_are_saved_as_screenshots(browser, server_url, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    try:
        for name, path in PAGES.items():
            page.goto(server_url + path)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            # Nothing but the network picture's own scroll box is wider than the screen.
            assert page.evaluate("document.documentElement.scrollWidth") == WIDTHS[width]
    finally:
        context.close()


def test_keyboard_reaches_the_content_with_a_visible_focus(page, server_url):
    page.goto(f"{server_url}/partnerships/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
