"""Matching a name written in an article to the directory's institution, by any of its names."""
import pytest

from curation.drafting.directory import Directory
from tests.factories import InstitutionFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Asan Medical Center", "asan-medical-center"),
        ("Asan Medical Centre", "asan-medical-center"),
        ("Seoul Asan Medical Center", "asan-medical-center"),
        ("서울아산병원", "asan-medical-center"),
        ("AMC", "asan-medical-center"),
        ("Charite - Universitatsmedizin Berlin", "charite"),
        ("Cedars Sinai Medical Centre", "cedars-sinai"),
        ("Seoul National Univeristy Bundang Hospital", "seoul-national-university-bundang-hospital"),
        ("Emirates Health Service", "emirates-health-services"),
    ],
)
def test_drafting_matching_finds_an_institution_by_any_name(written, slug):
    record, _how = Directory().match(written)

    assert record.slug == slug


@pytest.mark.django_db
@pytest.mark.parametrize(
    "written",
    ["Seoul National University", "Asan Institute", "Samsung Electronics", "National University Hospital", "Hospital"],
)
def test_drafting_matching_proposes_nothing_for_another_institution(written):
    assert Directory().match(written) == (None, None)


@pytest.mark.django_db
def test_drafting_matching_tells_namesakes_apart_by_country():
    InstitutionFactory(name="Ministry of Health", slug="ministry-of-health-vn", country="VN")
    InstitutionFactory(name="Ministry of Health", slug="ministry-of-health-sa", country="SA")
    directory = Directory()

    assert directory.match("Ministry of Health", "SA")[0].slug == "ministry-of-health-sa"
    # Without a country two records answer to the name: none is chosen.
    assert directory.match("Ministry of Health") == (None, None)


@pytest.mark.django_db
def test_drafting_matching_finds_known_names_in_running_text():
    text = "Seoul National University Hospital (SNUH) and the SNUBH met at Asan Medical Centre."
    found = [(text[start:end], record.slug) for start, end, record in Directory().mentions_in(text)]

    assert found == [
        ("Seoul National University Hospital", "seoul-national-university-hospital"),
        ("SNUH", "seoul-national-university-hospital"),
        ("SNUBH", "seoul-national-university-bundang-hospital"),
        ("Asan Medical Centre", "asan-medical-center"),
    ]
