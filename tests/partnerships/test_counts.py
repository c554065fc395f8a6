"""The facet options and counts kept on write match a recount from the tables, whatever the write."""
import datetime
import json
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from institutions.models import Institution
from partnerships import counts
from partnerships.models import Agreement, AgreementArea, AgreementFacetValue, AgreementParty, Area, FacetCount
from tests.factories import AgreementAreaFactory, AgreementFactory, AgreementPartyFactory, InstitutionFactory



def kept():
    """Return the stored options and counts, as sets that do not depend on ids or order."""
    options = set(AgreementFacetValue.objects.values_list("agreement__slug", "facet", "value", "signed_on"))
    numbers = set(FacetCount.objects.filter(count__gt=0).values_list("facet", "value", "other_facet", "other_value", "count"))
    return options, numbers


def assert_kept_as_a_recount_gives():
    before = kept()
    counts.rebuild()
    assert before == kept()


@pytest.mark.django_db
def test_curated_directory_is_counted_as_a_recount_gives():
    assert_kept_as_a_recount_gives()
    # Seven of the Korean agreements' options, for one: every agreement is counted once.
    assert counts.number_with([]) == Agreement.objects.count() == 6
    assert counts.number_with([("country", "KR")]) == Agreement.objects.with_party_in(["KR"]).count() == 4


@pytest.mark.django_db
def test_counts_follow_every_kind_of_write():
    agreement = AgreementFactory(kind="mou")
    AgreementPartyFactory.create_batch(2, agreement=agreement)
    AgreementAreaFactory(agreement=agreement, area=Area.objects.get(slug="joint-research"))
    assert_kept_as_a_recount_gives()

    agreement.kind = "agreement"
    agreement.save()
    agreement.signed_on, agreement.signed_on_precision = datetime.date(2021, 5, 3), "day"
    agreement.save()
    # A new date in the same year: the options stay, their copy of the date follows.
    agreement.signed_on = datetime.date(2021, 5, 1)
    agreement.save()
    assert_kept_as_a_recount_gives()
    agreement.signed_on, agreement.signed_on_precision = None, "unknown"
    agreement.save()
    assert_kept_as_a_recount_gives()
    party = agreement.parties.first()
    party.institution.country = "JP"
    party.institution.save()
    AgreementArea.objects.filter(agreement=agreement).delete()
    assert_kept_as_a_recount_gives()

    unit = InstitutionFactory(country="BR")
    unit.parent = Institution.objects.get(slug="charite")
    unit.save()
    AgreementPartyFactory(agreement=agreement, institution=unit)
    area = Area.objects.get(slug="oncology")
    area.parent = None
    area.save()
    assert_kept_as_a_recount_gives()
    assert counts.number_with([("institution", "charite"), ("country", "BR")]) == 1

    agreement.delete()
    Agreement.objects.get(slug="charite-sccc-mou-2023").delete()
    assert_kept_as_a_recount_gives()
    assert counts.number_with([]) == Agreement.objects.count() == 5


@pytest.mark.django_db
def test_counts_follow_writes_through_the_api(admin_client):
    body = {
        "slug": "counted-mou", "title": "Counted MoU", "kind": "mou", "signed_on": "2025-03-01",
        "signed_on_precision": "month",
        "parties": [{"institution": "charite"}, {"institution": "asan-medical-center"}],
        "areas": ["oncology"], "sources": ["ror"],
    }
    assert admin_client.post("/api/v1/agreements/", json.dumps(body), content_type="application/json").status_code == 201
    assert counts.number_with([("country", "DE"), ("country", "KR"), ("year", "2025")]) == 1
    patched = admin_client.patch(
        "/api/v1/agreements/counted-mou/", json.dumps({"parties": [{"institution": "charite"}, {"institution": "cedars-sinai"}]}),
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert_kept_as_a_recount_gives()
    assert counts.number_with([("country", "DE"), ("country", "US"), ("year", "2025")]) == 1
    assert admin_client.delete("/api/v1/agreements/counted-mou/").status_code == 204
    assert_kept_as_a_recount_gives()


@pytest.mark.django_db
def test_counts_follow_a_restore(tmp_path):
    backup = tmp_path / "directory.json"
    call_command("export_directory", str(backup), verbosity=0)
    AgreementParty.objects.filter(agreement__slug="ehs-amc-mou-2024").delete()
    Institution.objects.filter(slug="emirates-health-services").update(country="OM")  # a write without save()
    call_command("import_directory", str(backup), verbosity=0)
    assert_kept_as_a_recount_gives()


@pytest.mark.django_db
def test_counts_follow_generate_synthetic():
    call_command("generate_synthetic", agreements=300, institutions=60, seed=3, force=True, verbosity=0)
    assert_kept_as_a_recount_gives()
    for code in ["KR", "US", "DE"]:
        assert counts.number_with([("country", code)]) == Agreement.objects.with_party_in([code]).count()


@pytest.fixture
def curated_data_reloaded_afterwards(django_db_blocker):
    """Load the curated directory again after a transactional test's flush has emptied the database."""
    yield
    with django_db_blocker.unblock():
        call_command("load_curated", verbosity=0)


# Asked for in this order, the reload runs after transactional_db's flush, for the tests that follow.
def test_concurrent_writers_sharing_options_keep_the_counts_exact(curated_data_reloaded_afterwards, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL: SQLite lets one writer at a time into the database")
    from django.contrib.auth.models import User

    writer = User.objects.create_superuser("counter")
    writers, barrier = 6, threading.Barrier(6)
    statuses = []

    def write(index):
        try:
            client = Client()
            client.force_login(writer)
            body = {
                "slug": f"race-{index}", "title": f"Race {index}", "kind": "mou", "signed_on": "2025-01-01",
                "signed_on_precision": "year", "parties": [{"institution": "charite"}, {"institution": "cedars-sinai"}],
                "areas": ["oncology", "education"], "sources": ["ror"],
            }
            barrier.wait()
            statuses.append(client.post("/api/v1/agreements/", json.dumps(body), content_type="application/json").status_code)
            # Every writer also moves the same existing agreement between two areas.
            statuses.append(client.patch(
                "/api/v1/agreements/ehs-amc-mou-2024/", json.dumps({"areas": ["education"] if index % 2 else ["oncology"]}),
                content_type="application/json",
            ).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(index,)) for index in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(statuses)) == [200, 201]
    assert counts.number_with([("country", "DE"), ("country", "US"), ("year", "2025")]) == writers
    assert_kept_as_a_recount_gives()


@pytest.mark.django_db
def test_a_write_that_skips_the_counts_is_found_out_of_step():
    # What tests/conftest.py checks after every test: an update() sends no signal, so it
    # skips refresh_agreements, and the check names the agreement it left out of step.
    party = AgreementParty.objects.select_related("institution").order_by("pk").first()
    elsewhere = (
        Institution.objects.exclude(country=party.institution.country)
        .exclude(agreements=party.agreement_id).order_by("pk").first()
    )
    assert counts.out_of_step() == []
    AgreementParty.objects.filter(pk=party.pk).update(institution=elsewhere)
    problems = counts.out_of_step()
    assert any(line.startswith(f"agreement {party.agreement_id}:") for line in problems)
    assert any(line.startswith("count ('country',") for line in problems)
    counts.refresh_agreements([party.agreement_id])
    assert counts.out_of_step() == []
