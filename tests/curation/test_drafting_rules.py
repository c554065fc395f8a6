"""General rules of the draft assistant found wanting on articles it had never seen."""
import datetime

import pytest

from curation.drafting import draft_from_article


def parties(draft, index=0):
    return [party["name"] for party in draft["agreements"][index]["parties"]]


@pytest.mark.django_db
def test_drafting_reads_a_place_after_of_as_the_institutions_location_and_keeps_one_party():
    draft = draft_from_article(text=(
        "Clinics sign MoU\n\n"
        "Apollo Hospitals Enterprise Ltd and Mayo Clinic of Rochester, Minnesota, today signed a memorandum "
        "of understanding. Mayo Clinic physicians will visit Chennai."
    ), published_on=datetime.date(2025, 3, 12))
    assert sorted(parties(draft)) == ["Apollo Hospitals Enterprise Ltd", "Mayo Clinic"]


@pytest.mark.django_db
def test_drafting_keeps_of_in_a_name_whose_own_words_name_no_institution():
    draft = draft_from_article(text=(
        "Universities sign MoU\n\n"
        "The University of Tokyo and Seoul National University Hospital signed a memorandum of understanding."
    ), published_on=datetime.date(2025, 3, 12))
    assert "University of Tokyo" in parties(draft)
