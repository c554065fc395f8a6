"""The framework's ceiling: bare Django views returning the benchmarked rows by raw SQL.

No filterset, serializer or ORM: what remains is Django's request handling, the middleware
and the database. Served only by `make bench` (bench/settings.py), never by the product.
"""
from django.db import connection
from django.http import Http404, JsonResponse

from bench.queries import for_django, page_sql
from common.text import fold_for_search


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(for_django(sql), params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def page(name, params):
    return JsonResponse({"results": rows(page_sql(name, connection.vendor), params)})


def agreements_by_country(request):
    return page("agreements_by_country", {"country": request.GET.get("country", "").upper()})


def agreements_by_area(request):
    return page("agreements_by_area", {"area": request.GET.get("area", "")})


def agreements_matching(request):
    return page("agreements_matching", {"q": fold_for_search(request.GET.get("q", ""))})


def agreement_detail(request, slug):
    found = rows(
        "SELECT a.id, a.slug, a.title, a.kind, a.signed_on, a.signed_on_precision, a.place, a.summary"
        " FROM partnerships_agreement a WHERE a.slug = :slug",
        {"slug": slug},
    )
    if not found:
        raise Http404
    agreement = found[0]
    agreement["parties"] = rows(
        "SELECT i.slug, i.name, i.short_name, i.country, p.role FROM partnerships_agreementparty p"
        " JOIN institutions_institution i ON i.id = p.institution_id WHERE p.agreement_id = :id ORDER BY p.id",
        {"id": agreement["id"]},
    )
    agreement["areas"] = rows(
        "SELECT ar.slug, ar.name FROM partnerships_agreementarea aa JOIN partnerships_area ar ON ar.id = aa.area_id"
        " WHERE aa.agreement_id = :id ORDER BY aa.id",
        {"id": agreement["id"]},
    )
    return JsonResponse(agreement)
