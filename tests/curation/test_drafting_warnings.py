"""The assistant's warnings read as a curator reads: kinds and countries by their names, never their codes."""
import pytest

from curation.drafting import draft_from_article

pytestmark = pytest.mark.django_db


def test_a_new_institution_is_named_with_its_kind_and_country_in_words():
    draft = draft_from_article(text=(
        "HELSINKI, 3 March 2025 — Helsinki University Hospital (HUS) and Seoul National University Hospital "
        "signed a memorandum of understanding on medical AI on Monday."
    ))
    new = [warning for warning in draft["warnings"] if "is not in the directory" in warning]
    assert new == ["Helsinki University Hospital is not in the directory: proposed as a new academic medical center in Finland."]
    assert not any("academic_medical_center" in warning or " in FI" in warning for warning in draft["warnings"])
