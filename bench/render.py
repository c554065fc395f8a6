"""How long the list page takes in all, and how much of that is the template's rendering
(50 cards, the sidebar, the network picture) once the view has built its context.

    DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x DATABASE_URL=sqlite:///bench/data/1000000/directory.sqlite3 \
        .venv/bin/python bench/render.py [ADDRESS ...]

Times are CPU time of this process (less moved by other work on the machine than the clock),
the median of 5 whole pages (view and render, warm) and of BENCH_REPEAT renders of one built page.
"""
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.test import RequestFactory  # noqa: E402
from django.urls import resolve  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
ADDRESSES = sys.argv[1:] or [
    "/partnerships/", "/partnerships/?country=KR", "/partnerships/?country=DE&page=2",
    "/partnerships/?area=oncology&page=3", "/partnerships/?country=KR&area=oncology",
]


def built(address):
    request = RequestFactory().get(address, secure=True)
    match = resolve(request.path)
    response = match.func(request, *match.args, **match.kwargs)
    return request, response


def cpu_ms(work):
    start = time.process_time()
    work()
    return (time.process_time() - start) * 1000


def main():
    print("| address | cards | whole page, ms | of which render, ms | page, KiB |\n|---|---:|---:|---:|---:|")
    for address in ADDRESSES:
        built(address)  # warm: compiled templates, the counts' caches
        page_ms = statistics.median(cpu_ms(lambda: built(address)[1].render()) for _ in range(5))
        request, response = built(address)
        template = response.resolve_template(response.template_name)
        context = response.resolve_context(response.context_data)
        html = template.render(context, request)
        render_ms = statistics.median(cpu_ms(lambda: template.render(context, request)) for _ in range(REPEAT))
        cards = len(context.get("cards", []))
        print(f"| `{address}` | {cards} | {page_ms:.1f} | {render_ms:.1f} | {len(html.encode()) / 1024:.0f} |")


if __name__ == "__main__":
    main()
