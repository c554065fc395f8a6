import pytest

from partnerships.models import Agreement
from partnerships.network import CountryMatrix, NetworkPicture
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def test_network_picture_draws_every_party_of_the_curated_agreements():
    network = NetworkPicture(Agreement.objects.all())

    assert (len(network.nodes), network.institution_count, network.is_partial) == (12, 12, False)
    assert {node["institution"].slug: node["agreement_count"] for node in network.nodes}["cedars-sinai"] == 3
    # Pairs of parties: 3 per three-party agreement (four of them), 1 per two-party one (two).
    assert len(network.links) == 14
    assert [entry["code"] for entry in network.legend] == ["KR", "CN", "DE", "AE", "US"]


def test_network_picture_keeps_the_most_connected_institutions_of_many():
    hub = InstitutionFactory(country="JP")
    for partner in InstitutionFactory.create_batch(40, country="BR"):
        agreement = AgreementFactory()
        AgreementPartyFactory(agreement=agreement, institution=hub)
        AgreementPartyFactory(agreement=agreement, institution=partner)

    network = NetworkPicture(Agreement.objects.filter(parties__institution=hub), most_institutions=10)

    assert (len(network.nodes), network.institution_count, network.is_partial) == (10, 41, True)
    assert network.nodes[-1]["institution"] == hub
    assert len(network.links) == 9


def test_country_matrix_counts_agreements_between_countries():
    matrix = CountryMatrix(Agreement.objects.all())
    cells = {
        (row["code"], column["code"]): cell["count"]
        for row in matrix.rows for column, cell in zip(matrix.columns, row["cells"])
    }

    assert [column["code"] for column in matrix.columns] == ["KR", "US", "CN", "AE", "DE"]
    assert (cells["US", "CN"], cells["CN", "US"], cells["KR", "AE"], cells["DE", "CN"]) == (2, 2, 1, 0)
    # The one agreement between Korean institutions only.
    assert cells["KR", "KR"] == 1
