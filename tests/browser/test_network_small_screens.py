"""The network and the country matrix on a phone: a list where the picture would be half hidden,
and the matrix's caption whole on the screen."""
import pytest

from tests.browser.test_browser import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_on_a_phone_the_network_is_a_list_naming_everyone_in_full(page, server_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/")
    assert not page.locator(".network__scroll").first.is_visible()
    listed = page.locator(".network__list").first
    listed.locator("summary").click()
    assert listed.get_by_role("link", name="Charité Comprehensive Cancer Center").is_visible()
    assert "(CCCC)" in listed.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    listed.screenshot(path=SCREENSHOTS / "network-list-390.png")


def test_on_a_wide_screen_the_picture_shows_and_its_list_is_one_click_away(page, server_url):
    page.goto(f"{server_url}/")
    assert page.locator(".network__scroll").first.is_visible()
    assert page.locator(".network__list summary").first.is_visible()


def test_the_country_matrix_caption_is_whole_on_a_phone(page, server_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/countries/")
    caption = page.locator(".matrix caption")
    caption.scroll_into_view_if_needed()
    box = caption.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
