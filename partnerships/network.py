"""The pictures of the partnership network: institutions joined by their agreements, and
which countries partner with which. Drawn on the server as SVG and HTML, so they need no
script and no library, and stay readable from five agreements to thousands by showing the
most connected institutions and countries only."""
import math
from collections import Counter

from django.db.models import Count, Exists, F, OuterRef
from django.utils.translation import get_language
from django_countries import countries

from institutions.models import Institution
from common.caching import while_unchanged
from partnerships import counts
from partnerships.models import AgreementParty

# Okabe–Ito colours, told apart by colour-blind readers, for the directory's countries with the
# most agreements (the same colour for a country on every page); further countries share grey.
COUNTRY_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7a5c00", "#000000"]
OTHER_COLOUR = "#8a8f98"

WIDTH, HEIGHT = 960, 620
CENTRE_X, CENTRE_Y, RADIUS = WIDTH / 2, HEIGHT / 2, 240
LABEL_LENGTH = 30


def shared_agreement_counts(agreements, first, second):
    """Return {(a, b): agreements} for pairs of parties of the same agreement, a < b.

    `first` and `second` name the party column compared (e.g. "institution__slug"); the pairs
    are counted in the database, so the picture costs the same from five agreements to a million.
    """
    rows = (
        AgreementParty.objects.order_by()
        .filter(**{
            "agreement__in": agreements.order_by().values("pk"),
            f"agreement__parties__{second}__gt": F(first),
        })
        .values(first, f"agreement__parties__{second}")
        .annotate(count=Count("agreement", distinct=True))
    )
    return {(row[first], row[f"agreement__parties__{second}"]): row["count"] for row in rows}


class NetworkPicture:
    """Institutions on a circle, grouped by country, joined by a line per pair that share agreements."""

    width, height = WIDTH, HEIGHT

    @classmethod
    def of(cls, agreements):
        """Return the picture of the agreements, built once per filter and state of the directory."""
        # The number changes with the picture's shape, so a shared cache never serves an older one.
        # Country names in the legend are in the reader's language: one picture per language.
        return while_unchanged(f"network:2:{get_language()}", agreements, lambda: cls(agreements))

    def __init__(self, agreements, *, most_institutions=30):
        parties = AgreementParty.objects.order_by().filter(agreement__in=agreements.order_by().values("pk"))
        self.agreement_count = agreements.order_by().count()
        self.institution_count = parties.values("institution").distinct().count()
        # The most connected institutions; a tie goes by name so the picture does not change between loads.
        most_connected = (
            parties.values("institution").annotate(agreement_count=Count("agreement"))
            .order_by("-agreement_count", "institution__name")[:most_institutions]
        )
        agreement_counts = {row["institution"]: row["agreement_count"] for row in most_connected}
        institutions = Institution.objects.in_bulk(list(agreement_counts))
        shown = list(agreement_counts)
        self.is_partial = len(shown) < self.institution_count

        country_sizes = Counter(institutions[pk].country.code for pk in shown)
        country_order = sorted(country_sizes, key=lambda code: (-country_sizes[code], code))
        every_colour = country_colours()
        colours = {code: every_colour[code] for code in country_order if code in every_colour}
        self.legend = [
            {"name": countries.name(code), "code": code, "colour": colours[code]} for code in colours
        ]
        if len(colours) < len(country_order):
            self.legend.append({"name": None, "code": "", "colour": OTHER_COLOUR})

        shown.sort(key=lambda pk: (country_order.index(institutions[pk].country.code), institutions[pk].name))
        self.nodes = [
            self.place_node(index, len(shown), institutions[pk], agreement_counts[pk],
                            colours.get(institutions[pk].country.code, OTHER_COLOUR))
            for index, pk in enumerate(shown)
        ]
        pairs = shared_agreement_counts(
            agreements.filter(parties__institution__in=shown), "institution", "institution"
        )
        self.links = self.draw_links(pairs, {node["pk"]: node for node in self.nodes})
        # The list view (narrow screens, and readers of the picture by keyboard): each institution's partners.
        for link in self.links:
            link["start_node"]["partners"].append(link["end"])
            link["end_node"]["partners"].append(link["start"])

    @staticmethod
    def place_node(index, total, institution, agreement_count, colour):
        # Start at the top and go clockwise; labels sit outside the circle, away from it.
        angle = 2 * math.pi * index / max(total, 1) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        size = 5 + 3 * math.sqrt(agreement_count)
        label = institution.short_name or institution.name
        if len(label) > LABEL_LENGTH:
            label = label[: LABEL_LENGTH - 1] + "…"
        return {
            "pk": institution.pk,
            "institution": institution,
            "url": institution.get_absolute_url(),
            "agreement_count": agreement_count,
            "colour": colour,
            "x": round(CENTRE_X + RADIUS * cos, 1),
            "y": round(CENTRE_Y + RADIUS * sin, 1),
            "r": round(size, 1),
            "label": label,
            "label_x": round(CENTRE_X + (RADIUS + size + 6) * cos, 1),
            "label_y": round(CENTRE_Y + (RADIUS + size + 6) * sin + 4, 1),
            "anchor": "start" if cos > 0.01 else "end" if cos < -0.01 else "middle",
            "partners": [],
        }

    @staticmethod
    def draw_links(pair_counts, nodes):
        links = []
        shown_pairs = {pair: count for pair, count in pair_counts.items() if pair[0] in nodes and pair[1] in nodes}
        for (first, second), count in sorted(shown_pairs.items(), key=lambda item: (item[1], item[0])):
            start, end = nodes[first], nodes[second]
            # The curve bends towards the centre, so lines between neighbours stay apart from the rest.
            control_x = CENTRE_X + 0.25 * ((start["x"] + end["x"]) / 2 - CENTRE_X)
            control_y = CENTRE_Y + 0.25 * ((start["y"] + end["y"]) / 2 - CENTRE_Y)
            same_country = start["colour"] == end["colour"] and start["colour"] != OTHER_COLOUR
            links.append({
                "path": f"M{start['x']} {start['y']} Q{control_x:.1f} {control_y:.1f} {end['x']} {end['y']}",
                "width": round(1.5 * math.sqrt(count), 1),
                "colour": start["colour"] if same_country else "#4a5560",
                "count": count,
                "start": start["institution"],
                "end": end["institution"],
                "start_node": start,
                "end_node": end,
            })
        return links


def country_colours():
    """Return {country code: colour} for the directory's countries with the most agreements, most first."""
    totals = counts.agreements_per("country")
    ranked = sorted((code for code in totals if code != "*"), key=lambda code: (-totals[code], code))
    return dict(zip(ranked, COUNTRY_COLOURS))


class CountryMatrix:
    """How many agreements join each pair of countries, for the countries with the most agreements."""

    @classmethod
    def of(cls, agreements):
        """Return the table of the agreements, built once per filter and state of the directory."""
        return while_unchanged(f"matrix:{get_language()}", agreements, lambda: cls(agreements))

    def __init__(self, agreements, *, most_countries=12):
        parties = AgreementParty.objects.order_by().filter(agreement__in=agreements.order_by().values("pk"))
        self.agreement_count = agreements.order_by().count()
        totals = Counter({
            row["institution__country"]: row["count"]
            for row in parties.values("institution__country").annotate(count=Count("agreement", distinct=True))
        })
        pair_counts = Counter(shared_agreement_counts(agreements, "institution__country", "institution__country"))
        # Agreements whose parties are all in one country: those with a party there, less
        # those that also have a party elsewhere.
        elsewhere = AgreementParty.objects.filter(agreement=OuterRef("agreement")).exclude(
            institution__country=OuterRef("institution__country")
        )
        mixed = parties.filter(Exists(elsewhere)).values("institution__country").annotate(
            count=Count("agreement", distinct=True)
        )
        within_counts = totals - Counter({row["institution__country"]: row["count"] for row in mixed})
        self.country_count = len(totals)
        shown = sorted(totals, key=lambda code: (-totals[code], code))[:most_countries]
        self.is_partial = len(shown) < self.country_count
        largest = max([*pair_counts.values(), *within_counts.values(), 1])
        self.rows = []
        for row_code in shown:
            cells = []
            for column_code in shown:
                if row_code == column_code:
                    count, between = within_counts[row_code], ""
                else:
                    count = pair_counts[tuple(sorted([row_code, column_code]))]
                    between = f"{row_code},{column_code}"
                cells.append({
                    "count": count,
                    "between": between if count else "",
                    "column_name": countries.name(column_code),
                    # Five shades, from none to the largest count in the table.
                    "shade": math.ceil(4 * count / largest),
                })
            self.rows.append({"code": row_code, "name": countries.name(row_code), "total": totals[row_code],
                              "cells": cells})
        self.columns = [{"code": code, "name": countries.name(code)} for code in shown]
