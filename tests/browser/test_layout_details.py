"""Small things a reader sees at once: the header's search hint whole, count badges that stay badges."""
import pytest

pytestmark = pytest.mark.browser

PREFIXES = ["", "/ko", "/ar", "/de", "/zh-hans"]

PLACEHOLDER_FITS = """() => {
  const input = document.querySelector('#site-search-q');
  const style = getComputedStyle(input);
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [context.measureText(input.placeholder).width, room];
}"""


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_header_search_hint_is_not_cut(page, server_url, prefix):
    page.goto(f"{server_url}{prefix}/areas/")
    needed, room = page.evaluate(PLACEHOLDER_FITS)
    assert needed <= room, (prefix, needed, room)


@pytest.mark.parametrize("width", [1280, 390])
def test_count_badges_beside_a_wrapped_heading_stay_one_line_high(page, server_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server_url}/areas/")
    heights = page.evaluate("""() => Array.from(document.querySelectorAll('.count')).map(badge =>
        [badge.getBoundingClientRect().height, parseFloat(getComputedStyle(badge).fontSize)])""")
    assert heights and all(height <= 2 * size for height, size in heights), heights
