"""The curated directory: what the five articles state, and nothing they do not."""
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from institutions.models import Institution, InstitutionName
from partnerships.models import Agreement, AgreementArea, AgreementParty, Evidence, Participation, Person, Source

pytestmark = pytest.mark.django_db

# What a careful reader takes from each article (shared/sources/README.md names the files).
AGREEMENTS_BY_ARTICLE = {
    "000_0d143fbff76aceb8.txt": {"cedars-sinai-snuh-inthesmart-mou-2019"},
    "001_1cbda75012cb01c7.txt": {"charite-sccc-mou-2023"},
    # One column, two collaborations, neither with a signed document.
    "002_65abf81002b92a89.txt": {"cedars-sinai-taikang-shenzhen-hospital", "cedars-sinai-tsinghua-healthcare-leaders"},
    "003_bd12680f262d4d33.txt": {"snuh-amc-snubh-medical-data-2017"},
    "004_6408264fdf4ae983.txt": {"ehs-amc-mou-2024"},
}


def test_each_article_yields_its_agreements():
    for archive_file, slugs in AGREEMENTS_BY_ARTICLE.items():
        found = set(Agreement.objects.filter(sources__archive_file=archive_file).values_list("slug", flat=True))
        assert found == slugs, archive_file
    assert Agreement.objects.count() == 6


def test_counts_match_the_articles():
    assert Institution.objects.count() == 15
    assert Person.objects.count() == 13
    assert Source.objects.filter(kind="article").count() == 5


def test_archived_articles_are_the_shared_sources():
    for source in Source.objects.filter(kind="article"):
        assert (settings.SOURCE_ARCHIVE_DIR / source.archive_file).is_file()
        assert source.headline and source.publisher and source.url


def test_every_agreement_has_two_parties_a_source_and_an_area():
    for agreement in Agreement.objects.all():
        assert agreement.parties.count() >= 2, agreement.slug
        assert agreement.sources.filter(kind="article").exists(), agreement.slug
        assert agreement.agreement_areas.exists(), agreement.slug


def test_every_quote_occurs_in_its_archived_article():
    for evidence in Evidence.objects.select_related("source"):
        if evidence.quote:
            assert evidence.source.contains(evidence.quote), (evidence.source.slug, evidence.quote)
        else:
            # A further report is kept by reference: what it states is in the note.
            assert evidence.note and not evidence.source.archive_file


def test_evidence_cites_only_the_agreements_own_sources():
    for evidence in Evidence.objects.select_related("agreement", "source"):
        assert evidence.agreement.sources.filter(pk=evidence.source_id).exists(), evidence


def test_every_party_area_and_person_has_evidence():
    for party in AgreementParty.objects.all():
        assert party.evidence.filter(fact="party").exists(), party
    for area in AgreementArea.objects.all():
        assert area.evidence.exists(), area
    for participation in Participation.objects.all():
        assert participation.evidence.exists(), participation


def test_every_known_date_place_and_kind_has_evidence():
    for agreement in Agreement.objects.all():
        assert agreement.evidence.filter(fact="kind").exists(), agreement.slug
        if agreement.signed_on:
            assert agreement.evidence.filter(fact="date").exists(), agreement.slug
        if agreement.place:
            assert agreement.evidence.filter(fact="place").exists(), agreement.slug


def test_publication_dates_are_not_signing_dates():
    ehs = Agreement.objects.get(slug="ehs-amc-mou-2024")
    assert (str(ehs.signed_on), ehs.signed_on_precision) == ("2024-01-29", "day")
    charite = Agreement.objects.get(slug="charite-sccc-mou-2023")
    assert (str(charite.signed_on), charite.signed_on_precision) == ("2023-07-01", "month")
    data = Agreement.objects.get(slug="snuh-amc-snubh-medical-data-2017")
    assert (str(data.signed_on), data.signed_on_precision) == ("2017-09-20", "day")


def test_collaborations_without_a_document_say_so():
    kinds = dict(Agreement.objects.values_list("slug", "kind"))
    assert kinds["cedars-sinai-taikang-shenzhen-hospital"] == "collaboration"
    assert kinds["cedars-sinai-tsinghua-healthcare-leaders"] == "collaboration"
    assert kinds["snuh-amc-snubh-medical-data-2017"] == "agreement"
    assert kinds["ehs-amc-mou-2024"] == "mou"


def test_attendees_and_speakers_are_not_signatories():
    signers = set(
        Participation.objects.filter(agreement__slug="ehs-amc-mou-2024", role="signed").values_list(
            "person__slug", flat=True
        )
    )
    assert signers == {"essam-al-zarooni", "in-ho-jeon"}
    assert not Participation.objects.filter(agreement__slug="charite-sccc-mou-2023", role="signed").exists()


def test_biography_and_venue_institutions_are_not_parties():
    names = set(Institution.objects.values_list("name", flat=True))
    assert not any("Johns Hopkins" in name for name in names)
    assert not Institution.objects.filter(name__icontains="Summit").exists()


def test_one_institution_under_several_names():
    snuh = Institution.objects.get(short_name="SNUH")
    assert snuh.name == "Seoul National University Hospital"
    assert set(InstitutionName.objects.filter(institution=snuh).values_list("name", flat=True)) == {"서울대병원"}
    assert Institution.objects.get(slug="seoul-national-university-bundang-hospital").parent == snuh
    assert Institution.objects.get(slug="samsung-comprehensive-cancer-center").parent.slug == "samsung-medical-center"


def test_identifiers_only_where_a_source_states_them():
    with_ror = set(Institution.objects.exclude(ror_id="").values_list("slug", flat=True))
    assert with_ror == {
        "cedars-sinai", "charite", "asan-medical-center", "seoul-national-university-bundang-hospital",
        "samsung-medical-center", "tsinghua-university",
    }
    assert not Institution.objects.exclude(wikidata_id="").exists()


def dump_directory():
    out = io.StringIO()
    call_command(
        "dumpdata", "institutions", "partnerships", natural_foreign=True, natural_primary=True,
        # The data version counts writes, it is not part of the directory.
        exclude=["common.DataVersion"], format="json", stdout=out,
    )
    return out.getvalue()


def test_loading_the_curated_data_twice_changes_nothing():
    before = dump_directory()
    call_command("load_curated", verbosity=0)
    assert dump_directory() == before
    assert Evidence.objects.count() == len(before.split('"model": "partnerships.evidence"')) - 1
