"""The world map as readers read it: small countries with a marker, partner lines the short way
round, the lowest class told from none at a glance."""
import re

import pytest

from partnerships.world_map import NO_DATA, SHADES

pytestmark = pytest.mark.django_db


def luminance(colour):
    red, green, blue = (int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5))
    linear = [part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4 for part in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_small_countries_have_a_marker_to_see_and_tap(client):
    text = client.get("/countries/").content.decode()
    for code in ("KR", "AE"):
        assert re.search(rf'<a href="/countries/{code}/" tabindex="-1"[^>]*>\s*<title>[^<]*</title>\s*<circle class="world-map__marker"', text), code
    assert not re.search(r'<a href="/countries/US/" tabindex="-1"', text)


def test_lines_across_more_than_half_the_world_go_over_the_pacific(client):
    text = client.get("/countries/").content.decode()
    korea_us = re.search(r'<path d="([^"]+)"[^>]*data-between="(?:KR,US|US,KR)"', text).group(1)
    legs = korea_us.split("M")[1:]
    # Two legs, each leaving the map at one edge (x < 0 or x > 960): none crosses Europe.
    assert len(legs) == 2
    ends = [float(number) for leg in legs for number in re.findall(r"-?\d+\.?\d*", leg)[-2:-1]]
    assert any(x < 0 or x > 960 for x in ends)
    germany_korea = re.search(r'<path d="([^"]+)"[^>]*data-between="(?:DE,KR|KR,DE)"', text).group(1)
    assert germany_korea.count("M") == 1


def test_the_lowest_class_is_told_from_none():
    lighter, darker = sorted([luminance(NO_DATA), luminance(SHADES[0])], reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 1.4
