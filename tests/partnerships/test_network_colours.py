"""One colour per country on every page's network picture, and the picture as a list that names everyone in full."""
import re

import pytest

pytestmark = pytest.mark.django_db

LEGEND = re.compile(r'<li><svg[^>]*><circle[^>]*fill="(#[0-9a-f]{6})"/></svg> ([^<]+)</li>')


def legend(client, address):
    text = client.get(address).content.decode()
    return {name.strip(): colour for colour, name in LEGEND.findall(text.split('class="legend"', 1)[1].split("</ul>", 1)[0])}


def test_a_country_has_the_same_colour_on_every_page(client):
    # A country's and an area's page load the picture of their list, which these pages are.
    pages = ["/", "/partnerships/network/?country=KR", "/partnerships/network/?country=DE", "/partnerships/network/?area=oncology", "/partnerships/network/?country=AE"]
    legends = [legend(client, address) for address in pages]
    assert all(legends)
    colours = {}
    for shown in legends:
        for name, colour in shown.items():
            colours.setdefault(name, set()).add(colour)
    assert {name: found for name, found in colours.items() if len(found) > 1} == {}
    assert "Germany" in legends[0] and "Germany" in legends[1]


def test_the_network_as_a_list_names_each_institution_in_full_with_its_partners(client):
    text = client.get("/").content.decode()
    listed = text.split('class="network__list"', 1)[1].split("</details>", 1)[0]
    assert "Charité Comprehensive Cancer Center</a> (<bdi>CCCC</bdi>)" in listed
    assert "Samsung Comprehensive Cancer Center</a> (<bdi>SCCC</bdi>)" in listed
    assert re.search(r"Samsung Comprehensive Cancer Center</a>.*?Partners: .*?Charité Comprehensive Cancer Center", listed)
