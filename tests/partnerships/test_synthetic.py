import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min

from institutions.models import Institution, InstitutionName
from common.models import DataVersion
from common.text import fold_for_search
from partnerships.models import (
    Agreement, AgreementArea, AgreementParty, Evidence, Participation, Person, Source,
)


def delete_directory():
    """Empty the directory but for the focus areas, which the generator reuses."""
    Agreement.objects.all().delete()
    Person.objects.all().delete()
    Source.objects.all().delete()
    Institution.objects.update(parent=None)
    Institution.objects.all().delete()


def generate(seed=1, agreements=200, institutions=40):
    call_command(
        "generate_synthetic", agreements=agreements, institutions=institutions, seed=seed, verbosity=0
    )


def directory_digest():
    """Return a digest of every generated row, by natural key rather than numeric id."""
    parts = [
        Institution.objects.values_list(
            "slug", "name", "short_name", "kind", "country", "city", "parent__slug", "website", "ror_id",
            "search_names",
        ),
        InstitutionName.objects.values_list("institution__slug", "name", "kind", "language"),
        Person.objects.values_list("slug", "name", "native_name", "search_names"),
        Source.objects.values_list("slug", "kind", "headline", "publisher", "published_on"),
        Agreement.objects.values_list(
            "slug", "title", "kind", "signed_on", "signed_on_precision", "place", "summary", "search_text"
        ),
        AgreementParty.objects.values_list("agreement__slug", "institution__slug", "role"),
        AgreementArea.objects.values_list("agreement__slug", "area__slug"),
        Participation.objects.values_list("agreement__slug", "person__slug", "institution__slug", "title", "role"),
        Agreement.sources.through.objects.values_list("agreement__slug", "source__slug"),
        Evidence.objects.values_list("agreement__slug", "source__slug", "fact", "note"),
    ]
    text = repr([sorted(map(str, rows)) for rows in parts])
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def synthetic_directory(db):
    delete_directory()
    generate()


@pytest.mark.django_db
def test_generate_synthetic_refuses_database_with_curated_data():
    with pytest.raises(CommandError, match="curated directory"):
        generate()

    assert Agreement.objects.count() == 6


@pytest.mark.django_db
def test_generate_synthetic_writes_into_curated_database_when_forced():
    call_command("generate_synthetic", agreements=20, institutions=10, seed=1, force=True, verbosity=0)

    assert Agreement.objects.count() == 6 + 20


def test_generate_synthetic_writes_the_counts_asked(synthetic_directory):
    assert Agreement.objects.count() == 200
    assert Institution.objects.count() == 40
    assert Source.objects.filter(kind=Source.Kind.ARTICLE).count() == 0


def test_generate_synthetic_agreements_have_two_to_four_parties_and_one_to_five_areas(synthetic_directory):
    counts = Agreement.objects.annotate(
        parties_count=Count("parties", distinct=True), areas_count=Count("agreement_areas", distinct=True)
    ).aggregate(
        fewest_parties=Min("parties_count"), most_parties=Max("parties_count"),
        fewest_areas=Min("areas_count"), most_areas=Max("areas_count"),
    )

    assert counts == {"fewest_parties": 2, "most_parties": 4, "fewest_areas": 1, "most_areas": 5}


def test_generate_synthetic_fills_people_sources_and_evidence(synthetic_directory):
    assert Participation.objects.values("role").distinct().count() == 4
    assert Agreement.objects.filter(sources__isnull=True).count() == 0
    assert Evidence.objects.count() > 0


def test_generate_synthetic_dates_match_their_precision(synthetic_directory):
    precisions = {
        precision: list(Agreement.objects.filter(signed_on_precision=precision).values_list("signed_on", flat=True))
        for precision in ["day", "month", "year", "unknown"]
    }

    assert all(precisions.values())
    assert set(precisions["unknown"]) == {None}
    assert {signed_on.day for signed_on in precisions["month"]} == {1}
    assert {(signed_on.month, signed_on.day) for signed_on in precisions["year"]} == {(1, 1)}


def test_generate_synthetic_names_come_in_several_scripts(synthetic_directory):
    native_names = " ".join(InstitutionName.objects.filter(kind="native").values_list("name", flat=True))
    all_names = " ".join(Institution.objects.values_list("name", flat=True)) + native_names

    assert {script for script, letter in [("Hangul", "병원"), ("Arabic", "ال"), ("Chinese", "医")] if letter in all_names} == {
        "Hangul", "Arabic", "Chinese"
    }
    assert any(letter in all_names for letter in "éüçöñãş")


def test_generate_synthetic_same_seed_gives_the_same_directory(db):
    delete_directory()
    generate(seed=7)
    first = directory_digest()
    delete_directory()
    generate(seed=7)
    again = directory_digest()
    delete_directory()
    generate(seed=8)

    assert again == first
    assert directory_digest() != first


def test_generate_synthetic_fills_the_search_columns_as_save_would(synthetic_directory):
    institutions = Institution.objects.prefetch_related("other_names")

    assert [i.search_names for i in institutions] == [i.fold_names(other_names=i.other_names.all()) for i in institutions]
    assert [a.search_text for a in Agreement.objects.all()] == [
        fold_for_search(a.title, a.summary) for a in Agreement.objects.all()
    ]
    assert [p.search_names for p in Person.objects.all()] == [
        fold_for_search(p.name, p.native_name) for p in Person.objects.all()
    ]


def test_generate_synthetic_rows_are_found_by_search(synthetic_directory):
    agreement = Agreement.objects.order_by("pk").first()
    native = InstitutionName.objects.filter(kind="native").select_related("institution").first()
    person = Person.objects.exclude(native_name="").filter(participations__isnull=False).first()

    assert agreement in Agreement.objects.search(agreement.title.split(" between ")[1].split(" and ")[0])
    assert native.institution in Institution.objects.search(native.name)
    assert person.agreements.first() in Agreement.objects.search(person.native_name)


def test_generate_synthetic_raises_the_data_version(db):
    delete_directory()
    before = DataVersion.current()
    generate(agreements=10, institutions=10)

    assert DataVersion.current() > before
