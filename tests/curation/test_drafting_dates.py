"""Signing dates as precisely as the text states them, counted from the publication date, never equal to it by default."""
import datetime

import pytest

from curation.drafting import draft_from_article

PUBLISHED = datetime.date(2025, 3, 12)  # a Wednesday


def signed(sentence, published_on=PUBLISHED):
    text = f"Acme University Hospital and Seoul National University Hospital {sentence}"
    [agreement] = draft_from_article(text=text, published_on=published_on)["agreements"]
    return agreement["signed_on"], agreement["signed_on_precision"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("signed a memorandum of understanding on 3 February 2025.", ("2025-02-03", "day")),
        ("signed a memorandum of understanding on February 3, 2025.", ("2025-02-03", "day")),
        ("signed a memorandum of understanding on the 3rd of February.", ("2025-02-03", "day")),
        # A day and month after the publication date are last year's.
        ("signed a memorandum of understanding on 20 December.", ("2024-12-20", "day")),
        ("signed a memorandum of understanding in January 2025.", ("2025-01-01", "month")),
        ("signed a memorandum of understanding today.", ("2025-03-12", "day")),
        ("signed a memorandum of understanding yesterday.", ("2025-03-11", "day")),
        ("signed a memorandum of understanding on Monday.", ("2025-03-10", "day")),
        ("signed a memorandum of understanding on Wednesday.", ("2025-03-12", "day")),
        ("signed a memorandum of understanding on Thursday.", ("2025-03-06", "day")),
        ("signed a memorandum of understanding last month.", ("2025-02-01", "month")),
        ("recently signed a memorandum of understanding.", (None, "unknown")),
        ("have just signed a memorandum of understanding.", (None, "unknown")),
        ("signed a memorandum of understanding.", (None, "unknown")),
        # The day it was said is not the day it was signed.
        ("signed a memorandum of understanding, the hospital said Tuesday.", (None, "unknown")),
    ],
)
def test_drafting_dates_are_read_as_stated(sentence, expected):
    assert signed(sentence) == expected


@pytest.mark.django_db
def test_drafting_dates_need_a_publication_date_for_a_weekday():
    draft = draft_from_article(
        text="Acme University Hospital and Seoul National University Hospital signed an MoU on Monday."
    )

    assert draft["agreements"][0]["signed_on"] is None
    assert any("No publication date" in warning for warning in draft["warnings"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dateline",
    [
        "date 2024-02-20 Dubai, UAE: ",
        "DUBAI, 20th February 2024 (WAM) -- ",
        "Dubai, UAE – February 20, 2024 – ",
        "Published 2024.02.20 10:00\n\n",
    ],
)
def test_drafting_dates_never_take_the_dateline_for_the_signing(dateline):
    text = dateline + "Emirates Health Services has signed an MoU with Asan Medical Center."

    draft = draft_from_article(text=text)

    assert draft["source"]["published_on"] == "2024-02-20"
    assert draft["agreements"][0]["signed_on"] is None


@pytest.mark.django_db
def test_drafting_dates_read_german_dates():
    text = (
        "Berlin, 14. März 2025 – Die Charité – Universitätsmedizin Berlin und das Asan Medical Center haben "
        "am 12. März 2025 eine Absichtserklärung unterzeichnet."
    )

    draft = draft_from_article(text=text)

    assert draft["source"]["published_on"] == "2025-03-14"
    [agreement] = draft["agreements"]
    assert (agreement["signed_on"], agreement["kind"]) == ("2025-03-12", "letter_of_intent")
    assert {party["institution"] for party in agreement["parties"]} == {"charite", "asan-medical-center"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "top",
    [
        "By Staff Reporter | Hyderabad | Updated: Aug 20, 2025",
        "Nairobi, Friday 7 February 2025",
        "Updated on 20 August 2025",
    ],
)
def test_drafting_reads_a_byline_or_a_place_and_date_line_as_the_publication_date(top):
    text = (
        "Hospitals sign MoU\n\n" + top + "\n\n"
        "Acme University Hospital signed an MoU with Seoul National University Hospital on Tuesday."
    )
    draft = draft_from_article(text=text)
    published = draft["source"]["published_on"]
    assert published in ("2025-08-20", "2025-02-07")
    [agreement] = draft["agreements"]
    # Tuesday before the publication date, never the publication date itself.
    expected = {"2025-08-20": "2025-08-19", "2025-02-07": "2025-02-04"}[published]
    assert (agreement["signed_on"], agreement["signed_on_precision"]) == (expected, "day")


@pytest.mark.django_db
def test_drafting_does_not_take_a_date_inside_a_sentence_line_for_the_dateline():
    text = (
        "Hospitals sign MoU\n\n"
        "Acme University Hospital signed an MoU with Seoul National University Hospital on 7 February 2025."
    )
    draft = draft_from_article(text=text)
    assert draft["source"]["published_on"] is None
    assert draft["agreements"][0]["signed_on"] == "2025-02-07"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "The MoU was signed on 12 May 2025 at the Seoul campus by John Smith – President of Asan Medical Center – "
        "and Anna Berg of Charité.",
        "Asan Medical Center and Charité signed an MoU on 12 May 2025: the agreement covers joint research.",
    ],
)
def test_drafting_dates_do_not_take_a_first_sentence_for_a_dateline(text):
    draft = draft_from_article(text=text, published_on=datetime.date(2025, 5, 14))

    assert draft["agreements"][0]["signed_on"] == "2025-05-12"
