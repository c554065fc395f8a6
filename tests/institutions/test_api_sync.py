"""For API users keeping a copy: what changed since a time, and an institution's ancestors and descendants."""
import datetime

import pytest
from django.utils import timezone

from institutions.models import Institution
from partnerships.models import Agreement

pytestmark = pytest.mark.django_db


def slugs(client, path, query):
    response = client.get(f"/api/v1/{path}/?{query}")
    assert response.status_code == 200, response.content
    return {row["slug"] for row in response.json()["results"]}


def test_updated_since_lists_the_institutions_and_agreements_changed_since_then(client):
    since = timezone.now() - datetime.timedelta(seconds=1)
    asan = Institution.objects.get(slug="asan-medical-center")
    asan.city = "Seoul"
    asan.save()
    agreement = Agreement.objects.order_by("pk").first()
    agreement.summary = agreement.summary + " "
    agreement.save()
    stamp = since.isoformat().replace("+00:00", "Z")

    assert slugs(client, "institutions", f"updated_since={stamp}") == {"asan-medical-center"}
    assert slugs(client, "agreements", f"updated_since={stamp}") == {agreement.slug}
    assert slugs(client, "institutions", "updated_since=2999-01-01T00:00:00Z") == set()


def test_ancestors_and_descendants_of_an_institution(client):
    charite = Institution.objects.get(slug="charite")
    unit = Institution.objects.get(slug="charite-comprehensive-cancer-center")
    lab = Institution.objects.create(name="Tumour Lab", slug="tumour-lab", kind="other", country="DE", parent=unit)

    assert slugs(client, "institutions", "descendants_of=charite") == {unit.slug, lab.slug}
    assert slugs(client, "institutions", "ancestors_of=tumour-lab") == {unit.slug, charite.slug}
    assert slugs(client, "institutions", "ancestors_of=charite") == set()


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("institutions", "updated_since=yesterday", "updated_since"),
        ("agreements", "updated_since=2026-13-01T00:00:00Z", "updated_since"),
        ("institutions", "ancestors_of=no-such-institution", "ancestors_of"),
        ("institutions", "descendants_of=no-such-institution", "descendants_of"),
    ],
)
def test_a_bad_value_is_refused_with_the_parameters_name(client, path, query, parameter):
    response = client.get(f"/api/v1/{path}/?{query}")

    assert response.status_code == 400
    assert parameter in response.json()
