"""Arabic pages read right to left throughout: physical properties flipped, Latin runs isolated,
dates written the Arabic way, labels beside their circles, buttons on one line."""
import pytest

pytestmark = pytest.mark.browser

AGREEMENT = "/ar/partnerships/ehs-amc-mou-2024/"

LABELS_CLEAR_OF_CIRCLES = """() => Array.from(document.querySelectorAll('.network__nodes a')).map(node => {
  const circle = node.querySelector('circle').getBBox(), text = node.querySelector('text').getBBox();
  const across = Math.min(circle.x + circle.width, text.x + text.width) - Math.max(circle.x, text.x);
  const down = Math.min(circle.y + circle.height, text.y + text.height) - Math.max(circle.y, text.y);
  return [node.querySelector('text').textContent, Math.min(across, down)];
})"""

TITLE_BEFORE_INSTITUTION = """(name) => {
  const link = Array.from(document.querySelectorAll('td bdi a')).find(a => a.textContent === name);
  const bdi = link.closest('bdi');
  const range = document.createRange();
  range.selectNodeContents(bdi.firstChild);
  const title = range.getBoundingClientRect(), institution = link.getBoundingClientRect();
  return [bdi.firstChild.textContent, title.right, institution.left, Math.abs(title.bottom - institution.bottom) < 4];
}"""


def test_the_timeline_is_indented_on_the_right_so_its_dots_show(page, server_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}{AGREEMENT}")
    left, right = page.evaluate("""() => { const style = getComputedStyle(document.querySelector('.timeline'));
        return [parseFloat(style.paddingLeft), parseFloat(style.paddingRight)]; }""")
    assert left == 0 and right > 10
    assert page.evaluate("document.documentElement.scrollWidth") == 390


def test_a_title_and_its_institution_read_in_their_own_order(page, server_url):
    page.goto(f"{server_url}{AGREEMENT}")
    title, title_right, institution_left, same_line = page.evaluate(TITLE_BEFORE_INSTITUTION, "EHS")
    assert title.startswith("Director-General of EHS")
    # "Director-General of EHS, EHS": left to right inside the Arabic page, the institution after its title.
    assert not same_line or institution_left >= title_right - 1


def test_where_the_sources_differ_writes_its_dates_in_arabic(page, server_url):
    page.goto(f"{server_url}{AGREEMENT}")
    caption = page.locator("#disagreements-heading + table caption").inner_text()
    assert "يناير" in caption and "January" not in caption
    # The outlet's name and the date stay whole on the source line.
    assert page.locator(".source__meta bdi").count() >= 3


def test_network_labels_stand_beside_their_circles_and_filter_buttons_stay_on_one_line(page, server_url):
    page.goto(f"{server_url}/ar/partnerships/")
    page.locator("details.network-toggle").nth(1).evaluate("details => details.open = true")
    # The picture is a page of its own, loaded into the list when opened.
    page.locator("details.network-toggle .network__nodes a").first.wait_for()
    overlaps = page.evaluate(LABELS_CLEAR_OF_CIRCLES)
    assert overlaps and all(overlap <= 4 for _label, overlap in overlaps), [item for item in overlaps if item[1] > 4]
    for button in page.locator(".filters__actions > *").all():
        height = button.evaluate("element => [element.getClientRects().length, element.getBoundingClientRect().height,"
                                 " parseFloat(getComputedStyle(element).lineHeight) || 24]")
        lines, box_height, line_height = height
        assert lines == 1 and box_height < 2 * line_height + 20, (button.inner_text(), height)
