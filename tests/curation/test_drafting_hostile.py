"""Text no article holds: the assistant answers with a draft, in bounded time, never an error."""
import time

import pytest

from curation.drafting import draft_from_article

CASES = {
    "one long run of capitalised words": " ".join(["Alpha"] * 20000),
    "honorifics without a name": "Dr. " * 20000,
    "a title that never ends": "Minister of " + " ".join(["Health"] * 5000) + " signed an MoU.",
    "connectors without names": "A" + " of" * 20000 + " x signed an agreement",
    "nested brackets": "(" * 5000 + "Hospital signed an MoU" + ")" * 5000,
    "names and titles without end": ("Prof. Dr. Ingo Autenrieth, Leitender Ärztlicher Direktor, und " * 1000),
    "control characters": "Asan Medical Center\x00 signed\x0b an MoU \ufffd with\u200b EHS.",
    "a date that is no date": "date 9999-99-99 Dubai: Asan Medical Center signed an MoU on 31 February 2024.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_drafting_hostile_text_gives_a_draft_in_bounded_time(name):
    text = CASES[name][:200_000]

    started = time.monotonic()
    draft = draft_from_article(text=text)

    # Generous for a loaded machine; a pattern that backtracks took minutes on these.
    assert time.monotonic() - started < 30
    assert set(draft) == {"source", "agreements", "warnings"}
    for agreement in draft["agreements"]:
        for party in agreement["parties"]:
            assert party["evidence"] in text
