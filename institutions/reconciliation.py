"""A reconciliation service for OpenRefine and other clients (W3C Entity Reconciliation API 0.2).

At /reconcile/: GET with no parameter answers the manifest; `queries` (GET, or a POST form
field, a JSON object of queries) answers candidates for each name, from
institutions/matching.py, with properties country, city, ror_id and wikidata_id refining them
(a ROR or Wikidata id given finds its institution outright); `extend` answers the data extension
(country, city, ror_id, wikidata_id, parent, agreement_count). /reconcile/suggest/entity,
/reconcile/preview and /reconcile/properties answer the manifest's services. Every answer
carries `Access-Control-Allow-Origin: *`, and a `callback` parameter wraps it as JSONP, as
OpenRefine asks of services on other hosts. Queries are validated against the specification's
own schemas (institutions/reconciliation_spec/); a query they refuse is a 400 saying why.
"""
import functools
import json
import re
from pathlib import Path

import jsonschema
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_countries import countries

from institutions.matching import match_institution
from institutions.models import Institution

SPEC = Path(__file__).parent / "reconciliation_spec"
TYPE = {"id": "institution", "name": "Institution"}
PROPERTIES = [
    {"id": "country", "name": "Country (ISO 3166 alpha-2 code)"},
    {"id": "city", "name": "City"},
    {"id": "ror_id", "name": "ROR ID"},
    {"id": "wikidata_id", "name": "Wikidata ID"},
    {"id": "parent", "name": "Parent institution"},
    {"id": "agreement_count", "name": "Number of agreements"},
]
NAMES = {entry["id"]: entry["name"] for entry in PROPERTIES}
QUERY_PROPERTIES = {"country", "city", "ror_id", "wikidata_id"}
DEFAULT_LIMIT = 5
MAX_QUERIES = 100
MAX_IDS = 500
CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


@functools.cache
def schema(name):
    return json.loads((SPEC / f"{name}.json").read_text(encoding="utf-8"))


class BadRequest(ValueError):
    """A request the specification's schemas, or the service's limits, refuse."""


def answer(request, data, status=200):
    """Answer JSON with CORS headers, or JSONP when a `callback` is asked for."""
    callback = request.GET.get("callback")
    if callback and CALLBACK.match(callback):
        response = HttpResponse(f"{callback}({json.dumps(data, ensure_ascii=False)})", content_type="text/javascript",
                                status=status)
    else:
        response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def parameter(request, name):
    return request.POST.get(name) if request.method == "POST" and name in request.POST else request.GET.get(name)


@csrf_exempt
@require_http_methods(["GET", "POST", "OPTIONS"])
def reconcile(request):
    if request.method == "OPTIONS":
        response = answer(request, {})
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        return response
    try:
        queries, extend = parameter(request, "queries"), parameter(request, "extend")
        if queries is not None:
            return answer(request, reconciled(read_json(queries, "reconciliation-query-batch", "queries")))
        if extend is not None:
            return answer(request, extended(request, read_json(extend, "data-extension-query", "extend")))
    except BadRequest as error:
        return answer(request, {"error": str(error)}, status=400)
    return answer(request, manifest(request))


def read_json(text, schema_name, name):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(_("%(name)s is not JSON: %(error)s") % {"name": name, "error": error}) from error
    # The schemas name no draft a validator knows ("http://json-schema.org/schema#"): they are draft 7.
    error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(schema(schema_name)).iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or name
        raise BadRequest(_("%(name)s: %(where)s: %(problem)s") % {"name": name, "where": where, "problem": error.message})
    return data


def manifest(request):
    base = request.build_absolute_uri("/").rstrip("/")
    return {
        "versions": ["0.2"],
        "name": "Hospital Partnerships Directory: institutions",
        "identifierSpace": base + "/institutions/",
        "schemaSpace": base + "/reconcile/schema/institution",
        "defaultTypes": [TYPE],
        "view": {"url": base + "/institutions/{{id}}/"},
        "preview": {"url": base + reverse("reconcile-preview") + "?id={{id}}", "width": 400, "height": 120},
        "suggest": {"entity": {"service_url": base, "service_path": reverse("reconcile-suggest-entity")}},
        "extend": {
            "propose_properties": {"service_url": base, "service_path": reverse("reconcile-properties")},
            "property_settings": [],
        },
        "batchSize": 20,
    }


def reconciled(queries):
    if len(queries) > MAX_QUERIES:
        raise BadRequest(_("queries: at most %(count)s queries a request.") % {"count": MAX_QUERIES})
    return {key: {"result": candidates_for(query)} for key, query in queries.items()}


def candidates_for(query):
    types = query.get("type")
    if types and TYPE["id"] not in ([types] if isinstance(types, str) else types):
        return []  # the service holds institutions only
    limit = max(1, min(int(query.get("limit") or DEFAULT_LIMIT), 50))
    properties = {}
    for entry in query.get("properties") or []:
        if entry["pid"] not in QUERY_PROPERTIES:
            continue  # a column the client mapped to a property the service does not hold: no help, no harm
        value = entry["v"][0] if isinstance(entry["v"], list) and entry["v"] else entry["v"]
        properties[entry["pid"]] = str(value.get("id") if isinstance(value, dict) else value).strip()
    found = identified(properties)
    if found:
        return [candidate(found, 100.0, True)]
    text = (query.get("query") or "").strip()
    if not text:
        return []
    country = properties.get("country", "").upper() or None
    if country and country not in countries:
        raise BadRequest(_("queries: %(value)s is not an ISO 3166 alpha-2 country code.") % {"value": country})
    match = match_institution(text, country=country, city=properties.get("city") or None, limit=limit)
    return [candidate(c.institution, round(c.score * 100, 1), c is match.chosen) for c in match.candidates]


def identified(properties):
    """The institution a ROR or Wikidata id given as a property names, or None."""
    ror = properties.get("ror_id", "")
    if ror:
        ror = ror if ror.startswith("https://ror.org/") else "https://ror.org/" + ror.rsplit("/", 1)[-1]
        found = Institution.objects.filter(ror_id=ror).first()
        if found:
            return found
    wikidata = properties.get("wikidata_id", "")
    if wikidata:
        return Institution.objects.filter(wikidata_id=wikidata.rsplit("/", 1)[-1]).first()
    return None


def candidate(institution, score, match):
    return {
        "id": institution.slug, "name": institution.name, "score": score, "match": match, "type": [TYPE],
        "description": description(institution),
    }


def description(institution):
    place = ", ".join(part for part in (institution.city, institution.country.name) if part)
    return f"{institution.get_kind_display()}, {place}" if place else institution.get_kind_display()


def extended(request, query):
    ids = query["ids"]
    if len(ids) > MAX_IDS:
        raise BadRequest(_("extend: at most %(count)s ids a request.") % {"count": MAX_IDS})
    asked = [entry["id"] for entry in query["properties"]]
    records = {i.slug: i for i in Institution.objects.filter(slug__in=ids).select_related("parent").with_agreement_counts()}
    rows = {}
    for slug in ids:
        institution = records.get(slug)
        # A property the service does not hold has no values, as an unknown id has none.
        rows[slug] = {name: values_of(institution, name) if institution and name in NAMES else [] for name in asked}
    return {"meta": [meta(name, NAMES.get(name, name)) for name in asked], "rows": rows}


def meta(name, label):
    entry = {"id": name, "name": label}
    if name == "parent":
        entry["type"] = TYPE
    return entry


def values_of(institution, name):
    if name == "country":
        return [{"str": institution.country.code}] if institution.country else []
    if name == "parent":
        return [{"id": institution.parent.slug, "name": institution.parent.name}] if institution.parent else []
    if name == "agreement_count":
        return [{"int": institution.agreement_count}]
    value = getattr(institution, name)
    return [{"str": value}] if value else []


@require_http_methods(["GET"])
def suggest_entity(request):
    prefix = (request.GET.get("prefix") or "").strip()
    if not prefix or len(prefix) > 200:
        return answer(request, {"error": _("prefix: give the start of a name, up to 200 characters.")}, status=400)
    found = Institution.objects.best_matches(prefix)[:10]
    return answer(request, {"result": [
        {"id": i.slug, "name": i.name, "description": description(i)} for i in found
    ]})


@require_http_methods(["GET"])
def preview(request):
    institution = Institution.objects.filter(slug=request.GET.get("id") or "").select_related("parent").first()
    if institution is None:
        return answer(request, {"error": _("id: no institution has that slug.")}, status=404)
    response = HttpResponse(render_to_string("institutions/reconcile_preview.html", {"institution": institution}))
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_http_methods(["GET"])
def properties(request):
    wanted = request.GET.get("type") or TYPE["id"]
    if wanted != TYPE["id"]:
        return answer(request, {"error": _("type: the service holds institutions only.")}, status=400)
    return answer(request, {"type": TYPE["id"], "properties": PROPERTIES})
