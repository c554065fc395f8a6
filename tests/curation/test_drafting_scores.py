"""The score table of docs/curation.md: per article, the facts expected, found and wrong.

Print it with
    DJANGO_DEBUG=1 .venv/bin/pytest tests/curation/test_drafting_scores.py -q -s -p no:cacheprovider
"""
import pytest

from tests.curation.drafting_expectations import OWN, SOURCE_FILES, draft_of, score, source_expectation


def score_rows():
    rows = []
    for code in sorted(SOURCE_FILES):
        rows.append((f"source {SOURCE_FILES[code]}", *score(source_expectation(code), draft_of(code))))
    for name in sorted(OWN):
        rows.append((name, *score(OWN[name], draft_of(name))))
    return rows


def table(rows):
    lines = ["| article | facts expected | found | wrong |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {total} | {found} | {wrong} |" for name, total, found, wrong in rows]
    totals = [sum(row[i] for row in rows) for i in (1, 2, 3)]
    lines.append(f"| all | {totals[0]} | {totals[1]} | {totals[2]} |")
    return "\n".join(lines)


@pytest.mark.scores
@pytest.mark.django_db
def test_drafting_scores_table():
    rows = score_rows()
    print("\n" + table(rows))

    total, found, wrong = (sum(row[i] for row in rows) for i in (1, 2, 3))
    # Facts counted: the publication date, the number of agreements, and per agreement its kind,
    # each party, the signing date with its precision, each signer and each attendee.
    assert found / total >= 0.9
    assert wrong / total <= 0.1
