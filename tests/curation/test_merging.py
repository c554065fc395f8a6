"""Merging a duplicate institution into the record that stays: everything moves, the old address answers 301."""
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from curation.merging import MergeError, merge_institutions, propose_likely_duplicates
from institutions.models import Institution, InstitutionMerge, MergeProposal
from partnerships.models import AgreementParty, Evidence
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asan():
    return Institution.objects.get(slug="asan-medical-center")


@pytest.fixture
def duplicate():
    return InstitutionFactory(
        name="Asan Medical Centre", slug="asan-medical-centre", country="KR", kind="hospital",
        wikidata_id="Q4805154", short_name="AMC Seoul",
    )


def test_the_duplicates_agreements_people_and_names_move_and_its_address_answers_301(client, asan, duplicate):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, institution=duplicate)
    part = ParticipationFactory(agreement=agreement, institution=duplicate)

    merge_institutions(duplicate, asan, reason="one hospital")

    assert not Institution.objects.filter(pk=duplicate.pk).exists()
    assert AgreementParty.objects.get(agreement=agreement).institution == asan
    part.refresh_from_db()
    assert part.institution == asan
    asan.refresh_from_db()
    assert asan.wikidata_id == "Q4805154"  # a blank field of the survivor takes the duplicate's value
    # "Asan Medical Centre" is the survivor's own name spelt otherwise: only the acronym is new.
    assert set(asan.other_names.filter(name__in=["Asan Medical Centre", "AMC Seoul"]).values_list("name", "kind")) == {
        ("AMC Seoul", "acronym"),
    }
    assert asan.history.latest().history_change_reason.startswith("Merged Asan Medical Centre (asan-medical-centre)")
    page = client.get("/institutions/asan-medical-centre/")
    assert (page.status_code, page["Location"]) == (301, "/institutions/asan-medical-center/")
    api = client.get("/api/v1/institutions/asan-medical-centre/")
    assert api.status_code == 301
    assert api.json()["merged_into"] == "asan-medical-center"
    assert api["Location"].endswith("/api/v1/institutions/asan-medical-center/")
    assert agreement.slug in {row["slug"] for row in client.get("/api/v1/agreements/?institution=asan-medical-center").json()["results"]}


def test_a_party_to_an_agreement_both_signed_keeps_the_evidence_of_both(asan, duplicate):
    party = AgreementParty.objects.filter(institution=asan).select_related("agreement").first()
    agreement = party.agreement
    twin = AgreementPartyFactory(agreement=agreement, institution=duplicate)
    source = agreement.sources.first()
    Evidence.objects.create(agreement=agreement, source=source, fact="party", party=twin, quote="", note="the twin's")
    evidence_before = Evidence.objects.filter(agreement=agreement).count()

    merge_institutions(duplicate, asan)

    assert AgreementParty.objects.filter(agreement=agreement, institution=asan).count() == 1
    assert Evidence.objects.filter(agreement=agreement).count() == evidence_before
    assert Evidence.objects.filter(party=party, note="the twin's").exists()


def test_a_merge_into_itself_or_into_its_own_unit_is_refused_and_changes_nothing(asan):
    unit = InstitutionFactory(name="Asan Cancer Unit", slug="asan-cancer-unit", country="KR", parent=asan)
    lab = InstitutionFactory(name="Asan Cancer Lab", slug="asan-cancer-lab", country="KR", parent=unit)

    with pytest.raises(MergeError):
        merge_institutions(asan, asan)
    with pytest.raises(MergeError):
        merge_institutions(asan, lab)

    assert Institution.objects.filter(pk__in=[asan.pk, unit.pk, lab.pk]).count() == 3
    assert not InstitutionMerge.objects.exists()


def test_likely_duplicates_are_proposed_and_a_curator_merges_them_from_the_admin(client, asan, duplicate):
    twin = InstitutionFactory(name="Samsung Medical Centre", slug="samsung-medical-centre", country="KR")

    propose_likely_duplicates()

    reasons = {(p.duplicate.slug, p.survivor.slug): p.reason for p in MergeProposal.objects.all()}
    assert reasons[("asan-medical-centre", "asan-medical-center")] == "near names in KR"
    assert reasons[("samsung-medical-centre", "samsung-medical-center")] == "near names in KR"
    curator = User.objects.create_superuser("carla", password="not-used-here")
    client.force_login(curator)
    proposal = MergeProposal.objects.get(duplicate=twin)

    response = client.post(
        "/admin/institutions/mergeproposal/", {"action": "merge", "_selected_action": [proposal.pk]}, follow=True,
    )

    assert response.status_code == 200
    assert not Institution.objects.filter(pk=twin.pk).exists()
    assert InstitutionMerge.objects.get(slug="samsung-medical-centre").survivor.slug == "samsung-medical-center"


def test_the_command_refuses_an_unknown_slug():
    with pytest.raises(CommandError, match="no-such"):
        call_command("merge_institutions", "no-such", "asan-medical-center")


def test_a_release_lists_the_merged_ids(asan, duplicate, tmp_path, settings):
    settings.RELEASES_DIR = tmp_path
    merge_institutions(duplicate, asan)

    call_command("make_release", verbosity=0)

    [csv_file] = tmp_path.rglob("merged_ids.csv")
    assert "asan-medical-centre" in csv_file.read_text() and "asan-medical-center" in csv_file.read_text()
