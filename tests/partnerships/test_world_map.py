import re
import xml.etree.ElementTree as ElementTree

import pytest

from partnerships import counts
from partnerships.world_map import NO_DATA, SHADES, WorldMap, country_shapes, shade_classes
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory


def world_map(response):
    """Return the page's world map, parsed as XML: it must be well-formed SVG."""
    text = response.content.decode()
    start = text.index('<svg class="world-map__svg"')
    end = text.index("</svg>", start) + len("</svg>")
    return ElementTree.fromstring(text[start:end])


def linked_countries(svg):
    """Return {country code: (href, aria-label, title, fill)} of the countries drawn as links."""
    found = {}
    for link in svg.iter("a"):
        shape = link.find("path") if link.find("path") is not None else link.find("circle")
        found[link.get("data-country")] = (link.get("href"), link.get("aria-label"), link.find("title").text,
                                           shape.get("fill"))
    return found


def lightness(colour):
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/", "/countries/", "/partnerships/", "/partnerships/?area=oncology"])
def test_world_map_is_well_formed_svg_on_each_page(client, address):
    svg = world_map(client.get(address))

    assert svg.find("title").text.startswith("World map of agreements")
    assert svg.get("viewBox") == f"0 0 {WorldMap.width} {WorldMap.height}"


@pytest.mark.django_db
def test_every_country_with_agreements_links_to_its_page(client):
    svg = world_map(client.get("/countries/"))

    countries = linked_countries(svg)
    assert set(countries) == set(counts.agreements_per("country")) == {"KR", "US", "CN", "DE", "AE"}
    href, label, title, _fill = countries["KR"]
    assert (href, label, title) == ("/countries/KR/", "South Korea: 4 agreements", "South Korea: 4 agreements")
    assert countries["DE"][1] == "Germany: 1 agreement"


@pytest.mark.django_db
def test_shading_follows_the_counts(client):
    countries = linked_countries(world_map(client.get("/")))
    per_country = counts.agreements_per("country")

    by_count = sorted(countries, key=lambda code: per_country[code])
    shades = [lightness(countries[code][3]) for code in by_count]
    # More agreements, darker: never lighter than a country with fewer.
    assert shades == sorted(shades, reverse=True)
    assert lightness(countries["KR"][3]) < lightness(countries["DE"][3])
    assert all(countries[code][3] in SHADES for code in countries)


@pytest.mark.django_db
def test_legend_gives_the_numbers_of_each_shade(client):
    text = client.get("/countries/").content.decode()
    legend = text[text.index('class="legend world-map__legend"'):]
    legend = legend[: legend.index("</ul>")]

    entries = re.findall(r'fill="(#[0-9a-f]{6})" stroke="#8a8f98" stroke-width="0.5"/></svg> ([^<]+)</li>', legend)
    assert [(colour, label.strip()) for colour, label in entries][:2] == [(NO_DATA, "none"), (SHADES[0], "1")]
    assert entries[-1][1].strip() == "4"


@pytest.mark.django_db
def test_partner_countries_are_joined_by_lines(client):
    svg = world_map(client.get("/countries/"))

    lines = {path.get("data-between"): path.find("title").text for path in svg.iter("path") if path.get("data-between")}
    assert set(lines) == set(f"{first},{second}" for first, second in counts.country_pairs())
    assert lines["CN,US"] == "China and United States of America: 2 agreements"


@pytest.mark.django_db
def test_filtered_list_maps_the_matching_agreements(client):
    svg = world_map(client.get("/partnerships/?country=DE"))

    countries = linked_countries(svg)
    # The one German agreement, with Korean partners.
    assert {code: label for code, (_href, label, _title, _fill) in countries.items()} == {
        "DE": "Germany: 1 agreement", "KR": "South Korea: 1 agreement",
    }
    lines = [path.get("data-between") for path in svg.iter("path") if path.get("data-between")]
    assert lines == ["DE,KR"]


@pytest.mark.django_db
def test_filtered_list_with_several_filters_counts_matching_agreements(client):
    svg = world_map(client.get("/partnerships/?q=asan&kind=mou"))
    api = client.get("/api/v1/agreements/", {"q": "asan", "kind": "mou", "page_size": 200}).json()

    countries = linked_countries(svg)
    expected = {}
    for agreement in api["results"]:
        for code in {party["institution"]["country"] for party in agreement["parties"]}:
            expected[code] = expected.get(code, 0) + 1
    assert {code: int(label.rsplit(": ", 1)[1].split()[0]) for code, (_h, label, _t, _f) in countries.items()} == expected


@pytest.mark.django_db
def test_new_countries_and_small_states_appear_linked(client):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, institution=InstitutionFactory(country="JP"))
    AgreementPartyFactory(agreement=agreement, institution=InstitutionFactory(country="SG"))

    countries = linked_countries(world_map(client.get("/countries/")))

    assert countries["JP"][:2] == ("/countries/JP/", "Japan: 1 agreement")
    assert countries["SG"][:2] == ("/countries/SG/", "Singapore: 1 agreement")


@pytest.mark.django_db
def test_countries_without_agreements_are_not_links(client):
    svg = world_map(client.get("/countries/"))

    assert "FR" not in linked_countries(svg)
    background = svg.find("path")
    assert (background.get("class"), background.get("fill"), background.get("aria-hidden")) == (
        "world-map__background", NO_DATA, "true")


def test_shapes_are_projected_where_the_countries_are():
    shapes = country_shapes()

    assert shapes["KR"]["x"] > shapes["CN"]["x"] > shapes["DE"]["x"] > shapes["US"]["x"]
    assert shapes["AU"]["y"] > shapes["ID"]["y"] > shapes["DE"]["y"] > shapes["NO"]["y"]
    assert 0 < shapes["BR"]["x"] < WorldMap.width / 2 and shapes["BR"]["y"] > WorldMap.height / 2
    assert "AQ" not in shapes
    # Every drawn outline stays in the picture, but for the rings across the antimeridian.
    numbers = [float(n) for n in re.findall(r"M(-?\d+) (-?\d+)", shapes["BR"]["path"])[0]]
    assert 0 <= numbers[0] <= WorldMap.width and 0 <= numbers[1] <= WorldMap.height


@pytest.mark.parametrize("largest, classes", [
    (1, [(1, 1)]),
    (4, [(1, 1), (2, 2), (3, 3), (4, 4)]),
    (100, [(1, 3), (4, 6), (7, 16), (17, 40), (41, 100)]),
])
def test_shade_classes_cover_every_count_without_gaps(largest, classes):
    assert shade_classes(largest) == classes


def test_shade_classes_for_large_counts_are_contiguous():
    bounds = shade_classes(250_000)
    assert bounds[0][0] == 1 and bounds[-1][1] == 250_000 and len(bounds) == len(SHADES)
    assert all(high + 1 == next_low for (_low, high), (next_low, _high) in zip(bounds, bounds[1:]))


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 20])
def test_country_list_queries_are_bounded(client, django_assert_max_num_queries, extra):
    for agreement in AgreementFactory.create_batch(extra):
        AgreementPartyFactory.create_batch(2, agreement=agreement)

    # The table's counts, the country matrix of the newest agreements, and the map's two index
    # lookups of the kept counts (countries, their pairs): none grows with the rows.
    with django_assert_max_num_queries(10):
        client.get("/countries/")


@pytest.mark.django_db
def test_a_countrys_partner_lines_are_its_kept_pairs_over_every_agreement(client):
    # An agreement of three countries: on Japan's list, Japan's lines go to both partners, and
    # the line between the two others is not Japan's.
    agreement = AgreementFactory()
    for code in ["JP", "BR", "KE"]:
        AgreementPartyFactory(agreement=agreement, institution=InstitutionFactory(country=code))

    svg = world_map(client.get("/partnerships/?country=JP"))

    lines = {path.get("data-between"): path.find("title").text for path in svg.iter("path") if path.get("data-between")}
    kept = counts.counted(["country"], option=("country", "JP"))["country"]
    assert sorted(lines) == sorted(",".join(sorted(["JP", code])) for code in kept) == ["BR,JP", "JP,KE"]
    assert all(title.endswith(": 1 agreement") for title in lines.values())
