"""The list's network picture is a page of its own: opening it on the list loads it in place,
and without JavaScript its link leads to it."""
import pytest

from tests.browser.conftest import REPOSITORY

pytestmark = pytest.mark.browser


def test_opening_the_network_on_the_list_loads_the_picture_in_place(page, server_url):
    page.goto(f"{server_url}/partnerships/?country=KR")
    toggle = page.locator("details[data-picture-src]")
    assert toggle.locator("svg.network__svg").count() == 0
    toggle.locator("summary").click()
    # The picture of the list's own filters, with its institutions as links, inside the list page.
    toggle.locator(".network__nodes a").first.wait_for()
    assert page.url == f"{server_url}/partnerships/?country=KR"
    names = toggle.locator(".network__list li a").all_text_contents()
    assert "Seoul National University Hospital" in names and "Asan Medical Center" in names
    assert toggle.locator("[data-picture] a[href^='/partnerships/']").count() == 0
    toggle.screenshot(path=REPOSITORY / "test-artifacts" / "screenshots" / "network-loaded-on-list-1280.png")


def test_without_javascript_the_link_opens_the_picture_page(browser, server_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server_url}/partnerships/?country=KR")
        page.locator("details[data-picture-src] summary").click()
        page.get_by_role("link", name="Open the network picture of these agreements").click()
        page.wait_for_url(f"{server_url}/partnerships/network/?country=KR")
        assert page.locator("h1").inner_text() == "Network of these agreements"
        assert page.locator(".network__nodes a").count() > 2
        page.get_by_role("link", name="The list of these agreements").click()
        page.wait_for_url(f"{server_url}/partnerships/?country=KR")
    finally:
        context.close()


def test_a_countrys_page_shows_its_network_once_loaded(page, server_url):
    page.goto(f"{server_url}/countries/DE/")
    section = page.locator("section[aria-labelledby=network-heading]")
    section.locator(".network__nodes a").first.wait_for()
    assert section.locator(".network__scroll").is_visible()
    assert "Germany" in section.locator(".legend").inner_text()
