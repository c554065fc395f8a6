"""The network of a filtered list as GraphML, GEXF and a JSON edge list, loaded as NetworkX loads them."""
import datetime
import io

import networkx
import pytest

from partnerships import network_files
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

EHS_AMC = "ehs-amc-mou-2024"
SNUH_AMC_SNUBH = "snuh-amc-snubh-medical-data-2017"
CEDARS_SNUH = "cedars-sinai-snuh-inthesmart-mou-2019"


def graphml(client, query=""):
    response = client.get(f"/partnerships/network.graphml?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/graphml+xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="agreements.graphml"'
    return networkx.read_graphml(io.BytesIO(response.content))


def gexf(client, query=""):
    response = client.get(f"/partnerships/network.gexf?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/gexf+xml; charset=utf-8"
    return networkx.read_gexf(io.BytesIO(response.content))


def edge_list(client, query=""):
    response = client.get(f"/api/v1/agreements/network/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_graphml_holds_institutions_and_an_edge_per_pair_of_parties(client):
    graph = graphml(client, "country=KR")

    # Four Korean agreements: three of three parties (three pairs each), one of two.
    assert graph.number_of_edges() == 3 + 3 + 3 + 1
    assert graph.nodes["asan-medical-center"] == {
        "label": "Asan Medical Center", "country": "KR", "country_name": "South Korea", "kind": "hospital",
        "url": "http://testserver/institutions/asan-medical-center/",
    }
    # No two institutions share two Korean agreements, so NetworkX reads a simple graph.
    assert not graph.is_multigraph()
    data = graph.get_edge_data("asan-medical-center", "emirates-health-services")
    assert (data["agreement"], data["kind"], data["signed_on"], data["signed_on_precision"], data["status"]) == (
        EHS_AMC, "mou", "2024-01-29", "day", "in_force",
    )
    assert graph.graph == {
        "agreements_matching": 4, "agreements_included": 4, "is_partial": False,
        "limit": network_files.NETWORK_AGREEMENTS, "node_default": {}, "edge_default": {},
    }


def test_gexf_holds_the_same_network_as_graphml(client):
    from_graphml = graphml(client, "country=KR")
    from_gexf = gexf(client, "country=KR")

    assert sorted(from_gexf.nodes) == sorted(from_graphml.nodes)
    assert from_gexf.nodes["asan-medical-center"]["country"] == "KR"
    assert from_gexf.nodes["asan-medical-center"]["label"] == "Asan Medical Center"
    assert sorted((min(a, b), max(a, b), data["agreement"]) for a, b, data in from_gexf.edges(data=True)) == sorted(
        (min(a, b), max(a, b), data["agreement"]) for a, b, data in from_graphml.edges(data=True)
    )


def test_two_agreements_between_the_same_institutions_are_two_edges(client):
    first, second = InstitutionFactory(country="NO"), InstitutionFactory(country="SE")
    for year in [2018, 2022]:
        agreement = AgreementFactory(signed_on=datetime.date(year, 1, 1), signed_on_precision="year")
        AgreementPartyFactory(agreement=agreement, institution=first)
        AgreementPartyFactory(agreement=agreement, institution=second)

    for graph in [graphml(client, "country=NO"), gexf(client, "country=NO")]:
        assert graph.is_multigraph()
        assert graph.number_of_edges(first.slug, second.slug) == 2
        assert sorted(data["signed_on"] for data in graph.get_edge_data(first.slug, second.slug).values()) == [
            "2018-01-01", "2022-01-01",
        ]


def test_json_edge_list_builds_the_same_graph(client):
    body = edge_list(client, "country=KR")
    graph = networkx.MultiGraph()
    graph.add_nodes_from((node["id"], node) for node in body["nodes"])
    graph.add_edges_from((edge["source"], edge["target"], edge) for edge in body["edges"])

    from_file = graphml(client, "country=KR")
    assert sorted(graph.nodes) == sorted(from_file.nodes)
    assert sorted(tuple(sorted(pair)) for pair in graph.edges()) == sorted(tuple(sorted(pair)) for pair in from_file.edges())
    assert (body["agreements_matching"], body["agreements_included"], body["is_partial"]) == (4, 4, False)
    assert {edge["agreement"] for edge in body["edges"]} == {
        EHS_AMC, SNUH_AMC_SNUBH, CEDARS_SNUH, "charite-sccc-mou-2023",
    }


def test_network_follows_dates_in_force(client):
    body = edge_list(client, "as_of=2020-01-01&country=KR")

    assert {edge["agreement"] for edge in body["edges"]} == {SNUH_AMC_SNUBH, CEDARS_SNUH}


def test_a_network_with_no_agreement_is_empty_not_an_error(client):
    graph = graphml(client, "country=FR")

    assert (graph.number_of_nodes(), graph.graph["agreements_matching"]) == (0, 0)
    assert gexf(client, "country=FR").number_of_nodes() == 0


def test_a_large_list_is_bounded_and_says_so(client, monkeypatch):
    monkeypatch.setattr(network_files, "NETWORK_AGREEMENTS", 2)

    graph = graphml(client, "country=KR")
    body = edge_list(client, "country=KR")

    assert (graph.graph["agreements_included"], graph.graph["agreements_matching"], graph.graph["is_partial"]) == (
        2, 4, True,
    )
    # The latest added: articles 003 and 004 come last in the curated data.
    assert {data["agreement"] for _a, _b, data in graph.edges(data=True)} == {SNUH_AMC_SNUBH, EHS_AMC}
    assert (body["agreements_included"], body["is_partial"], body["limit"]) == (2, True, 2)
    assert "2 of 4 matching agreements (the 2 latest added)" in client.get(
        "/partnerships/network.gexf?country=KR"
    ).content.decode()


@pytest.mark.parametrize("address", [
    "/partnerships/network.graphml", "/partnerships/network.gexf", "/api/v1/agreements/network/",
])
@pytest.mark.parametrize("query, parameter", [
    ("country=XX", "country"), ("as_of=someday", "as_of"), ("institution=nobody", "institution"),
])
def test_network_refuses_a_bad_filter_by_name(client, address, query, parameter):
    response = client.get(f"{address}?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_names_that_xml_would_choke_on_are_written_safely(client):
    odd = InstitutionFactory(country="IS", name='A & B <"Clinic"> \x0b')
    agreement = AgreementFactory(title="Title with </edge> & more")
    AgreementPartyFactory(agreement=agreement, institution=odd)
    AgreementPartyFactory(agreement=agreement, institution=InstitutionFactory(country="IS"))

    graph = graphml(client, "country=IS")

    assert graph.nodes[odd.slug]["label"] == 'A & B <"Clinic"> '
    assert gexf(client, "country=IS").nodes[odd.slug]["label"] == 'A & B <"Clinic"> '
    assert [data["label"] for _a, _b, data in graph.edges(data=True)] == ["Title with </edge> & more"]


def test_list_page_links_the_network_files_with_its_filters(client):
    text = client.get("/partnerships/?country=KR&page=1").text

    assert '<a href="/partnerships/network.graphml?country=KR">GraphML</a>' in text
    assert '<a href="/partnerships/network.gexf?country=KR">GEXF</a>' in text
    assert '<a href="/api/v1/agreements/network/?country=KR">' in text


@pytest.mark.parametrize("extra", [1, 20])
def test_network_file_queries_are_bounded(client, django_assert_max_num_queries, extra):
    for _ in range(extra):
        AgreementPartyFactory.create_batch(2, agreement=AgreementFactory())

    with django_assert_max_num_queries(8):
        client.get("/partnerships/network.graphml")
    with django_assert_max_num_queries(8):
        client.get("/api/v1/agreements/network/?as_of=2020-01-01")
