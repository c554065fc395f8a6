"""The network of a filtered list as files for Gephi and NetworkX: GraphML, GEXF and a JSON edge list.

Institutions are nodes (with country and kind), and every agreement joins each pair of its
parties by an edge (with its date, kind and status), so an agreement of three parties gives
three edges and two institutions with two agreements are joined twice. The agreements drawn
are the latest added of those the network picture draws from (AgreementFilterSet.newest_matching),
at most NETWORK_AGREEMENTS, and every file says how many matched and how many it holds.
"""
from itertools import combinations
from xml.sax.saxutils import quoteattr

from django.urls import reverse
from django.utils import timezone
from django_countries import countries

from institutions.models import Institution
from partnerships.models import AgreementParty

# At 100,000 agreements, 20,000 made a 25 MB GraphML file in 6 s; 5,000 make some 6 MB in
# under 2 s, and a narrower filter gives the whole of a smaller list.
NETWORK_AGREEMENTS = 5_000

NODE_FIELDS = ["label", "country", "country_name", "kind", "url"]
EDGE_FIELDS = ["agreement", "label", "kind", "signed_on", "signed_on_precision", "status", "url"]
GRAPH_FIELDS = ["agreements_matching", "agreements_included", "is_partial", "limit"]


class Network:
    """The institutions and agreements of a filtered list, as nodes and edges ready to write out."""

    def __init__(self, filterset, *, request):
        matching = filterset.qs.count()
        shown = filterset.newest_matching().order_by("-pk")[:NETWORK_AGREEMENTS]
        today = timezone.localdate()
        agreements = {
            row.pk: row for row in shown.only(
                "slug", "title", "kind", "signed_on", "signed_on_precision", "in_force_from", "expires_on", "ended_on"
            )
        }
        parties = (
            AgreementParty.objects.filter(agreement__in=list(agreements)).order_by("agreement_id", "pk")
            .values_list("agreement_id", "institution_id")
        )
        by_agreement = {}
        for agreement_id, institution_id in parties:
            by_agreement.setdefault(agreement_id, []).append(institution_id)
        institution_ids = {pk for members in by_agreement.values() for pk in members}
        institutions = {
            row.pk: row for row in Institution.objects.filter(pk__in=institution_ids).only(
                "slug", "name", "country", "kind"
            )
        }
        page = request.build_absolute_uri(reverse("partnerships:detail", args=["SLUG"]))
        institution_page = request.build_absolute_uri(reverse("institutions:detail", args=["SLUG"]))
        self.graph = {
            "agreements_matching": matching,
            "agreements_included": len(agreements),
            "is_partial": len(agreements) < matching,
            "limit": NETWORK_AGREEMENTS,
        }
        self.nodes = sorted(
            (
                {
                    "id": institution.slug, "label": institution.name, "country": institution.country.code,
                    "country_name": countries.name(institution.country.code), "kind": institution.kind,
                    "url": institution_page.replace("SLUG", institution.slug),
                }
                for institution in institutions.values()
            ),
            key=lambda node: node["id"],
        )
        self.edges = []
        for agreement_id, members in sorted(by_agreement.items()):
            agreement = agreements[agreement_id]
            slugs = sorted(institutions[pk].slug for pk in members)
            for number, (source, target) in enumerate(combinations(slugs, 2), start=1):
                self.edges.append({
                    "id": f"{agreement.slug}/{number}", "source": source, "target": target,
                    "agreement": agreement.slug, "label": agreement.title, "kind": agreement.kind,
                    "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else "",
                    "signed_on_precision": agreement.signed_on_precision,
                    "status": agreement.status_on(today),
                    "url": page.replace("SLUG", agreement.slug),
                })

    def as_json(self):
        return {**self.graph, "nodes": self.nodes, "edges": self.edges}

    def as_graphml(self):
        """Return the network as GraphML text (undirected, parallel edges kept)."""
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        ]
        graph_types = {"agreements_matching": "int", "agreements_included": "int", "is_partial": "boolean",
                       "limit": "int"}
        for name in GRAPH_FIELDS:
            lines.append(f'  <key id="g_{name}" for="graph" attr.name="{name}" attr.type="{graph_types[name]}"/>')
        for name in NODE_FIELDS:
            lines.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="string"/>')
        for name in EDGE_FIELDS:
            lines.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="string"/>')
        lines.append('  <graph id="agreements" edgedefault="undirected">')
        for name in GRAPH_FIELDS:
            value = self.graph[name]
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            lines.append(f'    <data key="g_{name}">{text}</data>')
        for node in self.nodes:
            data = "".join(f'<data key="n_{name}">{escape_text(node[name])}</data>' for name in NODE_FIELDS)
            lines.append(f'    <node id={attr(node["id"])}>{data}</node>')
        for edge in self.edges:
            data = "".join(f'<data key="e_{name}">{escape_text(edge[name])}</data>' for name in EDGE_FIELDS)
            lines.append(
                f'    <edge id={attr(edge["id"])} source={attr(edge["source"])} '
                f'target={attr(edge["target"])}>{data}</edge>'
            )
        lines += ["  </graph>", "</graphml>", ""]
        return "\n".join(lines)

    def as_gexf(self):
        """Return the network as GEXF 1.2 text, as Gephi opens it (undirected, parallel edges kept)."""
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">',
            f'  <meta lastmodifieddate="{timezone.localdate().isoformat()}">',
            "    <creator>Hospital Partnerships Directory</creator>",
            f"    <description>{escape_text(self.description())}</description>",
            "  </meta>",
            '  <graph defaultedgetype="undirected" mode="static">',
            '    <attributes class="node">',
        ]
        node_fields = [name for name in NODE_FIELDS if name != "label"]
        edge_fields = [name for name in EDGE_FIELDS if name != "label"]
        for number, name in enumerate(node_fields):
            lines.append(f'      <attribute id="{number}" title="{name}" type="string"/>')
        lines += ["    </attributes>", '    <attributes class="edge">']
        for number, name in enumerate(edge_fields):
            lines.append(f'      <attribute id="{number}" title="{name}" type="string"/>')
        lines += ["    </attributes>", "    <nodes>"]
        for node in self.nodes:
            values = "".join(
                f'<attvalue for="{number}" value={attr(node[name])}/>' for number, name in enumerate(node_fields)
            )
            lines.append(
                f'      <node id={attr(node["id"])} label={attr(node["label"])}>'
                f"<attvalues>{values}</attvalues></node>"
            )
        lines += ["    </nodes>", "    <edges>"]
        for edge in self.edges:
            values = "".join(
                f'<attvalue for="{number}" value={attr(edge[name])}/>' for number, name in enumerate(edge_fields)
            )
            lines.append(
                f'      <edge id={attr(edge["id"])} source={attr(edge["source"])} '
                f'target={attr(edge["target"])} label={attr(edge["label"])}>'
                f"<attvalues>{values}</attvalues></edge>"
            )
        lines += ["    </edges>", "  </graph>", "</gexf>", ""]
        return "\n".join(lines)

    def description(self):
        graph = self.graph
        text = f"{graph['agreements_included']} of {graph['agreements_matching']} matching agreements"
        if graph["is_partial"]:
            text += f" (the {graph['limit']} latest added)"
        return text


def escape_text(value):
    """Return the value as XML character data: &, < and > escaped, characters XML 1.0 refuses dropped."""
    text = "".join(character for character in str(value) if is_xml_character(character))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_xml_character(character):
    code = ord(character)
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000



def attr(value):
    """Return the value as a quoted XML attribute, characters XML 1.0 refuses dropped."""
    return quoteattr("".join(character for character in str(value) if is_xml_character(character)))
