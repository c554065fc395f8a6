"""The draft assistant's speed: a 1,000-word article drafted with 50,000 institutions in the database.

    DJANGO_DEBUG=1 .venv/bin/python bench/drafting.py            # SQLite file in bench/data/
    BENCH_LANGUAGE=ar DJANGO_DEBUG=1 .venv/bin/python bench/drafting.py   # an article in Arabic (ko, zh, ja…)
    DATABASE_URL=postgres://... DJANGO_DEBUG=1 .venv/bin/python bench/drafting.py   # an empty database

The database gets the curated directory and then synthetic institutions (partnerships/synthetic.py)
up to BENCH_INSTITUTIONS (default 50000); the SQLite file is kept between runs. The article is made
of the test articles under tests/curation/articles/ (with BENCH_LANGUAGE, the world articles in
that language, whose native-script names are also matched by their sound), cut at the end of the sentence that passes
1,000 words. Prints a table of the first draft (which loads the directory's names) and of
BENCH_RUNS more (default 5). Not a timed test: the target is under 2 s a draft.
"""
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
INSTITUTIONS = int(os.environ.get("BENCH_INSTITUTIONS", "50000"))
LANGUAGE = os.environ.get("BENCH_LANGUAGE", "")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WORDS = 1000


def setup_django():
    sys.path.insert(0, str(ROOT))
    DATA.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATA / f'drafting-{INSTITUTIONS}.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def fill_database():
    """Migrate, load the curated directory and add synthetic institutions up to INSTITUTIONS."""
    from django.core.management import call_command

    from institutions.models import Institution
    from partnerships.synthetic import generate

    call_command("migrate", verbosity=0)
    if not Institution.objects.filter(slug="asan-medical-center").exists():
        call_command("load_curated", verbosity=0)
    missing = INSTITUTIONS - Institution.objects.count()
    if missing > 0:
        started = time.monotonic()
        # Few agreements: the names are what a draft reads.
        generate(agreements=max(100, missing // 50), institutions=missing, seed=1)
        print(f"added {missing} synthetic institutions in {time.monotonic() - started:.1f} s", file=sys.stderr)


def thousand_words():
    """Return the test articles run together, cut at the end of the sentence that passes 1,000 words."""
    folder = ROOT / "tests" / "curation" / "articles"
    articles = sorted(folder.glob("*.txt")) if not LANGUAGE else sorted((folder / "world").glob(f"{LANGUAGE}_*.txt")) * 5
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in articles)
    words = 0
    for match in re.finditer(r"\S+", text):
        words += 1
        if words >= WORDS and re.search(r"[.!?。؟][\"”]?$", match.group(0)):
            return text[:match.end()]
    return text


def main():
    setup_django()
    fill_database()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from curation.drafting import draft_from_article
    from institutions.models import Institution, InstitutionName

    article = thousand_words()
    timings, queries = [], []
    for _run in range(RUNS + 1):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            draft = draft_from_article(text=article)
            timings.append(time.perf_counter() - started)
        queries.append(len(captured))
    rest = timings[1:]
    print(f"database: {connection.vendor}, {Institution.objects.count()} institutions, "
          f"{InstitutionName.objects.count()} other names")
    words = len(article.split())
    print(f"article: {words} words; agreements drafted: {len(draft['agreements'])}")
    print()
    print("| draft | seconds | queries |")
    print("|---|---:|---:|")
    print(f"| first | {timings[0]:.2f} | {queries[0]} |")
    print(f"| next {RUNS}: median | {statistics.median(rest):.2f} | {queries[1]} |")
    print(f"| next {RUNS}: slowest | {max(rest):.2f} | {max(queries[1:])} |")
    verdict = "under" if max(timings) < 2 else "OVER"
    print(f"\nslowest draft {max(timings):.2f} s: {verdict} the 2 s target")


if __name__ == "__main__":
    main()
