"""Time a page of q= results, before and after, per search term: `python bench/search.py [--before DIR]`.

Each term is asked through the API (page 1 and page 3 of 50) with the answer cache off; the
figures are CPU seconds of this process (the database runs in it on SQLite), the best of
--repeat runs, so a noisy shared machine moves them little. With --before DIR the same
requests are also timed in a child process running the code checked out in DIR, and the
table shows both side by side. DATABASE_URL names the database (never written to).
"""
import argparse
import json
import os
import subprocess
import sys
import time

TERMS = [
    "cancer", "busan", "서울", "병원", "charite", "asan medical", "cedar sinai", "samsung medical center",
    "mayo", "oncology", "医院", "مستشفى", "university hospital", "seoul national",
]


def measure(terms, repeat, pages):
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    results = {}
    for term in terms:
        for page in pages:
            best_cpu = best_wall = None
            count = None
            for _ in range(repeat):
                # Counts kept per state of the directory would answer a repeated request: each
                # one is timed as the first after a write.
                cache.clear()
                start_cpu, start_wall = time.process_time(), time.perf_counter()
                response = client.get("/api/v1/agreements/", {"q": term, "page": page}, secure=True)
                cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
                best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
                best_wall = wall if best_wall is None else min(best_wall, wall)
                if response.status_code == 200:
                    body = response.json()
                    count = f"{body['count']}{'' if body['count_is_exact'] else '+'}"
                    ids = [row["slug"] for row in body["results"]]
                else:
                    count, ids = f"HTTP {response.status_code}", []
            results[f"{term}|{page}"] = {"cpu": best_cpu, "wall": best_wall, "count": count, "slugs": ids}
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="a checkout of the code to compare against")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default="1,3")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON (used for --before)")
    parser.add_argument("terms", nargs="*")
    args = parser.parse_args()
    terms, pages = args.terms or TERMS, [int(page) for page in args.pages.split(",")]
    if args.json:
        print(json.dumps(measure(terms, args.repeat, pages)))
        return
    before = None
    if args.before:
        environment = dict(os.environ, PYTHONPATH=os.path.abspath(args.before))
        command = [sys.executable, os.path.abspath(__file__), "--json", "--repeat", str(args.repeat),
                   "--pages", args.pages, *terms]
        output = subprocess.run(command, env=environment, cwd=args.before, check=True, capture_output=True, text=True)
        before = json.loads(output.stdout.strip().splitlines()[-1])
    after = measure(terms, args.repeat, pages)
    header = "| term | page | matches | " + ("before ms (CPU / wall) | " if before else "") + "after ms (CPU / wall) | same rows |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for key, row in after.items():
        term, page = key.split("|")
        cells = [term, page, row["count"]]
        if before:
            old = before[key]
            cells.append(f"{old['cpu'] * 1000:.0f} / {old['wall'] * 1000:.0f}")
        cells.append(f"{row['cpu'] * 1000:.0f} / {row['wall'] * 1000:.0f}")
        cells.append(("yes" if before[key]["slugs"] == row["slugs"] else "NO") if before else "–")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
