"""The world map names a country on focus and on a first tap; the second tap opens it."""
import pytest

pytestmark = pytest.mark.browser


def test_focus_names_the_country_and_its_count(page, server_url):
    page.goto(f"{server_url}/countries/")
    korea = page.locator('.world-map__countries a[data-country="KR"]')
    korea.focus()
    readout = page.locator(".world-map__readout")
    assert readout.is_visible() and readout.inner_text() == korea.get_attribute("aria-label")
    assert "South Korea" in readout.inner_text()


def test_on_a_touch_screen_the_first_tap_names_the_country_and_the_second_opens_it(browser, server_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server_url}/countries/")
        marker = page.locator('.world-map__markers a[data-country="AE"] .world-map__marker')
        marker.tap()
        readout = page.locator(".world-map__readout")
        assert "United Arab Emirates" in readout.inner_text() and page.url.endswith("/countries/")
        box = marker.bounding_box()
        # A target a finger can find: the marker is at least 9 px across on a phone (5 × 6 px was the country itself).
        assert box["width"] >= 9
        marker.tap()
        page.wait_for_url("**/countries/AE/")
    finally:
        context.close()
