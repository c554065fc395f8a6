"""The list's filters on a phone in a real Chromium: opened from the top, and a tick keeps the reader's place."""
import pytest

from tests.browser.test_browser import SCREENSHOTS, assert_stayed_on_the_machine

pytestmark = pytest.mark.browser


def test_on_a_phone_the_filters_open_above_the_results_and_a_tick_keeps_the_place(page, server_url, requested_urls):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/partnerships/")
    panel, toggle = page.locator("#filters-panel"), page.get_by_role("button", name="Filters", exact=True)
    assert not panel.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert panel.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    # Above the results, not below them.
    assert panel.bounding_box()["y"] < page.locator(".cards, .card").first.bounding_box()["y"]
    box = panel.locator("input[name=kind]").first
    box.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    assert before > 100
    with page.expect_navigation():
        box.check()
    page.wait_for_load_state("load")
    assert panel.is_visible() and page.locator("#filters-panel input[type=checkbox]:checked").count() == 1
    assert abs(page.evaluate("window.scrollY") - before) < 80
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "list-filters-open-390.png")
    assert_stayed_on_the_machine(requested_urls)


def test_on_a_wide_screen_the_filters_stay_beside_the_results(page, server_url):
    page.goto(f"{server_url}/partnerships/?country=KR&country=AE")
    assert page.locator("#filters-panel").is_visible()
    assert not page.locator(".filters-jump").is_visible()
    page.get_by_role("link", name="Only agreements between them").click()
    page.wait_for_url("**between=KR%2CAE")
    assert "between" in page.url
