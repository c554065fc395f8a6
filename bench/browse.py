"""Browsing as readers do, rarely the same address twice: for every kind of page and list,
random addresses drawn from the data (countries, areas, institutions, agreements, people,
deep pages, pairs of filters), each asked once, in one process with the answer cache off,
as the first visitor after a change meets them. Prints per kind the median, the slowest
and the page size, slowest kind first; any answer but 200 is listed.

    DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x DJANGO_ALLOWED_HOSTS=testserver DJANGO_RESPONSE_CACHE_SECONDS=0 \\
      DJANGO_API_ANON_RATE=off DATABASE_URL=sqlite:///bench/data/1000000/directory.sqlite3 \\
      .venv/bin/python bench/browse.py [ROUNDS] [SEED]
"""
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from institutions.models import Institution  # noqa: E402
from partnerships.models import Agreement, Area, FacetCount, Person  # noqa: E402


def sample(queryset, count, rnd):
    """Return `count` random slugs of the queryset, drawn by id without reading every row."""
    top = queryset.order_by("-pk").values_list("pk", flat=True).first() or 0
    ids = [rnd.randint(1, top) for _ in range(count * 3)]
    slugs = list(queryset.filter(pk__in=ids).values_list("slug", flat=True))
    return (slugs * count)[:count] if slugs else []


def addresses(rounds, rnd):
    countries = list(FacetCount.objects.filter(facet="country", other_facet="").values_list("value", flat=True))
    areas = list(Area.objects.values_list("slug", flat=True))
    institutions = sample(Institution.objects.all(), rounds, rnd)
    agreements = sample(Agreement.objects.all(), rounds, rnd)
    people = sample(Person.objects.all(), rounds, rnd)
    pages = max(1, Agreement.objects.count() // 50)
    kinds = [value for value, _label in Agreement.Kind.choices]
    for number in range(rounds):
        country, other, area = rnd.choice(countries), rnd.choice(countries), rnd.choice(areas)
        yield from {
            "home": "/",
            "countries": "/countries/",
            "country page": f"/countries/{country}/",
            "area page": f"/areas/{area}/",
            "institution page": f"/institutions/{institutions[number]}/",
            "agreement page": f"/partnerships/{agreements[number]}/",
            "person page": f"/people/{people[number]}/",
            "institutions list": f"/institutions/?page={rnd.randint(1, 20)}",
            "people list": f"/people/?page={rnd.randint(1, 20)}",
            "list by country": f"/partnerships/?country={country}&page={rnd.randint(1, 3)}",
            "list by country and area": f"/partnerships/?country={country}&area={area}",
            "list by kind and year": f"/partnerships/?kind={rnd.choice(kinds)}&year={rnd.randint(1995, 2025)}",
            "list, a deep page": f"/partnerships/?page={rnd.randint(1, pages)}",
            "API list by country": f"/api/v1/agreements/?country={country}&page={rnd.randint(1, 3)}",
            "API between countries": f"/api/v1/agreements/?between={country},{other}",
            "API facets for an area": f"/api/v1/agreements/facets/?area={area}",
            "API agreement": f"/api/v1/agreements/{agreements[number]}/",
            "API institution": f"/api/v1/institutions/{institutions[number]}/",
        }.items()


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    client, timings, failures = Client(), defaultdict(list), []
    for kind, address in addresses(rounds, rnd):
        started = time.perf_counter()
        response = client.get(address, secure=True)
        timings[kind].append(((time.perf_counter() - started) * 1000, len(response.content)))
        if response.status_code != 200:
            failures.append((response.status_code, address))
    print(f"{Agreement.objects.count():,} agreements, {rounds} random addresses of each kind, each asked once\n")
    print("| page | median, ms | slowest, ms | size, KiB |\n|---|---:|---:|---:|")
    by_slowest = sorted(timings.items(), key=lambda item: -max(ms for ms, _ in item[1]))
    for kind, rows in by_slowest:
        print(f"| {kind} | {statistics.median(ms for ms, _ in rows):.0f} | {max(ms for ms, _ in rows):.0f} | "
              f"{max(size for _, size in rows) / 1024:.0f} |")
    for status, address in failures:
        print(f"answered {status}: {address}")


if __name__ == "__main__":
    main()
