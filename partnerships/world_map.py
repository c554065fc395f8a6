"""A world map of the agreements: each country shaded by its number of agreements, with lines
between partner countries, drawn on the server as inline SVG.

The boundaries are Natural Earth's 1:110m countries as the npm package world-atlas ships them
(partnerships/world_atlas/, README there), decoded from TopoJSON and projected here with the
Natural Earth projection, once per process. The counts come from the maintained counts
(partnerships/counts.py); nothing on the map is fetched from another site.
"""
import functools
import json
import math
from pathlib import Path

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from django_countries import countries

from common.caching import while_unchanged
from institutions.models import country_name
from partnerships import counts
from partnerships.network import shared_agreement_counts

ATLAS = Path(__file__).resolve().parent / "world_atlas" / "countries-110m.json"
WIDTH = 960
# Antarctica has no institutions and would take a fifth of the picture.
LEFT_OUT = {"AQ"}
NORTH, SOUTH = 84.0, -57.0
# ColorBrewer's sequential Blues, light to dark: one hue, read by lightness, so colour-blind
# readers see the order too. Countries without agreements are a neutral grey.
# The lightest class is a clear blue, told from the grey of "none" at a glance.
SHADES = ["#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]
NO_DATA = "#e8e8e8"
# Partner lines in Okabe-Ito vermillion, which stands out from every blue for every reader.
LINE_COLOUR = "#d55e00"
MOST_LINES = 60
# A country smaller than this on the map (in square pixels: South Korea is about 150) also gets a
# marker, a target a reader can see and tap.
SMALL_AREA = 600
MARKER_RADIUS = 5
# Countries and territories too small for the 1:110m boundaries, drawn as a dot: (longitude, latitude).
SMALL_PLACES = {
    "SG": (103.82, 1.35), "BH": (50.55, 26.07), "HK": (114.17, 22.32), "MO": (113.54, 22.2), "MT": (14.45, 35.9),
    "MV": (73.5, 4.17), "MU": (57.55, -20.3), "BB": (-59.55, 13.19), "AD": (1.52, 42.51), "MC": (7.42, 43.74),
    "LI": (9.55, 47.16), "SM": (12.46, 43.94), "VA": (12.45, 41.9), "GI": (-5.35, 36.14), "CV": (-23.6, 15.1),
    "KM": (43.3, -11.7), "SC": (55.45, -4.68), "WS": (-172.1, -13.76), "TO": (-175.2, -21.18), "GU": (144.79, 13.44),
    "PF": (-149.4, -17.68), "RE": (55.53, -21.12), "GP": (-61.55, 16.25), "MQ": (-61.02, 14.64), "AG": (-61.8, 17.06),
    "LC": (-60.98, 13.91), "GD": (-61.68, 12.12), "KN": (-62.78, 17.36), "VC": (-61.2, 13.25), "DM": (-61.37, 15.41),
    "AW": (-69.97, 12.52), "CW": (-68.99, 12.17), "BM": (-64.78, 32.3), "KY": (-81.25, 19.31), "JE": (-2.13, 49.21),
    "GG": (-2.58, 49.45), "IM": (-4.55, 54.23), "FO": (-6.91, 62.0), "FM": (158.2, 6.92), "MH": (171.18, 7.13),
    "PW": (134.58, 7.51), "KI": (-157.36, 1.87), "NR": (166.93, -0.52), "TV": (179.2, -8.52), "ST": (6.61, 0.19),
}


def natural_earth(longitude, latitude):
    """Return the Natural Earth (I) projection of a point, in the projection's own units."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def latitude_at(y):
    """Return the latitude whose projected height is y (the projection's y grows with the latitude)."""
    low, high = -90.0, 90.0
    for _step in range(40):
        middle = (low + high) / 2
        if natural_earth(0, middle)[1] < y:
            low = middle
        else:
            high = middle
    return (low + high) / 2


X_EXTENT = natural_earth(180, 0)[0]
Y_TOP, Y_BOTTOM = natural_earth(0, NORTH)[1], natural_earth(0, SOUTH)[1]
SCALE = WIDTH / (2 * X_EXTENT)
HEIGHT = round((Y_TOP - Y_BOTTOM) * SCALE)


def from_picture(x, y):
    """Return the (longitude, latitude) of a point on the map: the inverse of to_picture."""
    latitude = latitude_at(Y_TOP - y / SCALE)
    along = natural_earth(1, latitude)[0] / math.radians(1)
    return math.degrees((x / SCALE - X_EXTENT) / along), latitude


def to_picture(longitude, latitude):
    """Return a point's place on the map, in pixels from its top left corner (past 180°: past the edge)."""
    # The projection's x is proportional to the longitude at a given latitude, so a longitude
    # past 180 lands past the edge, where the picture cuts it.
    x, y = natural_earth(longitude, max(min(latitude, NORTH), SOUTH))
    return (x + X_EXTENT) * SCALE, (Y_TOP - y) * SCALE


def decoded_arcs(topology):
    """Return the topology's arcs as lists of (longitude, latitude), undoing quantisation and delta encoding."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """Return the points of a ring given by arc indexes (~i: arc i reversed), shared ends once."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points):
    """Return the ring's points with longitudes made continuous across the antimeridian (179, 181, not -179)."""
    result, shift, previous = [], 0.0, None
    for longitude, latitude in points:
        if previous is not None:
            if longitude + shift - previous > 180:
                shift -= 360
            elif longitude + shift - previous < -180:
                shift += 360
        previous = longitude + shift
        result.append((previous, latitude))
    return result


def ring_area_and_centre(points):
    """Return the signed area and the centroid of a projected ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-9:
        xs, ys = zip(*points)
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return area / 2, (cx / (3 * area), cy / (3 * area))


def path_of(points):
    """Return a compact SVG path for a projected ring: whole pixels, each point relative to the one before.

    Whole pixels lose at most half a pixel on a map 960 wide, and make every page that shows the
    map a quarter of the size it is with absolute coordinates to a tenth.
    """
    rounded = [(round(x), round(y)) for x, y in points]
    kept = [rounded[0]]
    for point in rounded[1:]:
        if point != kept[-1]:
            kept.append(point)
    if len(kept) < 3:
        return ""
    steps = [f"{x - previous_x} {y - previous_y}".replace(" -", "-")
             for (previous_x, previous_y), (x, y) in zip(kept, kept[1:])]
    return f"M{kept[0][0]} {kept[0][1]}l" + " ".join(steps).replace(" -", "-") + "z"


@functools.lru_cache(maxsize=1)
def country_shapes():
    """Return {alpha-2 code: {"path", "x", "y"}}: each country's outline and the centre of its largest part.

    Read and projected once per process: the file does not change while the site runs.
    """
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = decoded_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = countries.alpha2(geometry.get("id")) if geometry.get("id") else None
        if not code or code in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts, largest = [], (0.0, None)
        for polygon in polygons:
            for position, ring in enumerate(polygon):
                spherical = unwrapped(ring_points(ring, arcs))
                points = [to_picture(*point) for point in spherical]
                parts.append(path_of(points))
                # A ring across the antimeridian (Russia's far east, Fiji) is drawn again on the
                # other side; the picture's edge cuts both.
                longitudes = [longitude for longitude, _ in spherical]
                for beyond, shift in ((max(longitudes) > 180, -360), (min(longitudes) < -180, 360)):
                    if beyond:
                        parts.append(path_of([to_picture(longitude + shift, latitude) for longitude, latitude in spherical]))
                if position == 0:
                    area, centre = ring_area_and_centre(points)
                    if abs(area) >= largest[0]:
                        largest = (abs(area), centre)
        shapes[code] = {
            # Digits, letters and spaces only: marked safe so each page does not escape 80 KB again.
            "path": mark_safe("".join(parts)), "x": round(largest[1][0], 1), "y": round(largest[1][1], 1), "small": largest[0] < SMALL_AREA,
        }
    for code, (longitude, latitude) in SMALL_PLACES.items():
        if code not in shapes:
            x, y = to_picture(longitude, latitude)
            shapes[code] = {"path": "", "x": round(x, 1), "y": round(y, 1), "small": True}
    return shapes


def shade_classes(largest):
    """Return the map's classes as (lowest, highest) counts: one per count up to five, else widening steps."""
    if largest <= len(SHADES):
        return [(count, count) for count in range(1, largest + 1)]
    bounds, low = [], 1
    for step in range(1, len(SHADES) + 1):
        high = largest if step == len(SHADES) else max(low, round(largest ** (step / len(SHADES))))
        if high >= low:
            bounds.append((low, high))
            low = high + 1
    return bounds


def shade(index, classes):
    """Return the colour of the index-th of so many classes, spread from the lightest blue to the darkest."""
    if classes == 1:
        return SHADES[len(SHADES) // 2]
    return SHADES[round(index * (len(SHADES) - 1) / (classes - 1))]


class WorldMap:
    """The countries of a set of agreements, shaded by their counts, and lines between partner countries."""

    width, height, no_data_colour = WIDTH, HEIGHT, NO_DATA

    @classmethod
    def of_directory(cls):
        """Return the map of every agreement, from the maintained counts: a few index lookups."""
        return cls(counts.agreements_per("country"), counts.country_pairs())

    @classmethod
    def of_filterset(cls, filterset):
        """Return the map of the agreements an AgreementFilterSet matches.

        Countries are shaded by the matching agreements with a party there: from the counts kept
        on write when the filters are one option, else from the matching agreements' stored
        options. A country's partner lines are its country pairs kept on write; other lists'
        are counted over their newest agreements (at most counts.COUNTED_OVER_NEWEST), as
        the network picture is. Kept once per filter and state of the directory.
        """
        active = filterset.active_filters()
        if not active:
            return cls.of_directory()

        def counted():
            options = filterset.options_of(active)
            if options and len(options) == 1 and options[0][0] in counts.PAIRED_FACETS:
                per_country = counts.counted(["country"], option=options[0])["country"]
                if options[0][0] == "country":
                    # A country's partner lines are its kept pairs, over all its agreements.
                    code = options[0][1]
                    pairs = {tuple(sorted([code, other])): count for other, count in per_country.items()}
                    return {**per_country, code: counts.number_with(options)}, pairs
            else:
                per_country = counts.counted_over(filterset.matching_ids(), ["country"], newest=None)["country"]
            pairs = shared_agreement_counts(filterset.newest_matching(), "institution__country", "institution__country")
            return per_country, pairs

        # One cache entry, read with one look at the data version.
        return cls(*while_unchanged("world-map", filterset.qs, counted))

    def __init__(self, country_counts, pairs, *, most_lines=MOST_LINES):
        shapes = country_shapes()
        country_counts = {code: count for code, count in country_counts.items() if count > 0}
        self.country_count = len(country_counts)
        largest = max(country_counts.values(), default=0)
        self.classes = shade_classes(largest)
        self.legend = [
            {"colour": shade(index, len(self.classes)), "low": low, "high": high}
            for index, (low, high) in enumerate(self.classes)
        ]
        self.legend.insert(0, {"colour": NO_DATA, "low": 0, "high": 0})
        self.countries = []
        self.dots = []
        # Countries without agreements are one path: they are neither links nor told apart.
        self.background = mark_safe("".join(
            shape["path"] for code, shape in sorted(shapes.items()) if not country_counts.get(code)
        ))
        # One reverse() for the map, the code put in per country.
        address = reverse("partnerships:country_detail", args=["CODE"])
        for code, shape in sorted(shapes.items()):
            count = country_counts.get(code, 0)
            row = {
                "code": code, "count": count, "colour": self.colour_of(count), "path": shape["path"],
                "x": shape["x"], "y": shape["y"], "marker": shape["small"],
            }
            if count:
                row["name"] = str(country_name(code))
                # Said three times per country (outline, marker, readout): translated once here.
                row["label"] = ngettext(
                    "%(name)s: %(counter)s agreement", "%(name)s: %(counter)s agreements", count,
                ) % {"name": row["name"], "counter": count}
                row["url"] = address.replace("CODE", code)
            if count and shape["path"]:
                self.countries.append(row)
            elif count:
                self.dots.append(row)
        self.unmapped = sorted(code for code in country_counts if code not in shapes)
        shown = sorted(
            ((pair, count) for pair, count in pairs.items() if pair[0] in shapes and pair[1] in shapes and pair[0] != pair[1]),
            key=lambda item: (-item[1], item[0]),
        )
        self.line_total = len(shown)
        self.lines = [self.line(shapes, first, second, count) for (first, second), count in shown[:most_lines]]
        # The widest lines last, drawn on top.
        self.lines.reverse()

    def colour_of(self, count):
        if not count:
            return NO_DATA
        for entry in self.legend[1:]:
            if entry["low"] <= count <= entry["high"]:
                return entry["colour"]
        return self.legend[-1]["colour"]

    @staticmethod
    def line(shapes, first, second, count):
        return {
            "path": line_path(first, second),
            "width": round(min(1 + math.sqrt(count), 8), 1),
            "count": count,
            "first": str(country_name(first)),
            "second": str(country_name(second)),
            "between": f"{first},{second}",
        }


@functools.lru_cache(maxsize=4096)
def line_path(first, second):
    """Return the SVG path of the line between two countries' centres: the same on every map, worked out once."""
    start, end = country_shapes()[first], country_shapes()[second]
    return " ".join(curve(*leg) for leg in short_way((start["x"], start["y"]), (end["x"], end["y"])))


def short_way(start, end):
    """Return the legs of the line from start to end the short way round: one, or two across the Pacific.

    Seoul to Chicago is 135 degrees of longitude over the Pacific and 225 over the Atlantic: past
    180 degrees the line leaves one edge of the map and comes back at the other, as a flight does.
    """
    (start_longitude, start_latitude), (end_longitude, end_latitude) = from_picture(*start), from_picture(*end)
    if abs(end_longitude - start_longitude) <= 180:
        return [(start, end)]
    turn = 360 if end_longitude < start_longitude else -360
    beyond_end = to_picture(end_longitude + turn, end_latitude)
    before_start = to_picture(start_longitude - turn, start_latitude)
    return [(start, beyond_end), (before_start, end)]


def curve(start, end):
    """Return an SVG path bent upwards a little, as routes on a map are, so lines between neighbours stay apart."""
    middle_x, middle_y = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    lift = 0.15 * math.hypot(end[0] - start[0], end[1] - start[1])
    return f"M{start[0]:.1f} {start[1]:.1f} Q{middle_x:.1f} {middle_y - lift:.1f} {end[0]:.1f} {end[1]:.1f}"
