"""The main list queries use indexes: EXPLAIN on PostgreSQL over enough generated rows that a
missing index would show as a sequential scan."""
import pytest
from django.db import connection
from django.http import QueryDict

from institutions.models import Institution
from partnerships.filtersets import AgreementFilterSet
from partnerships.models import Agreement, Person
from partnerships.synthetic import generate

pytestmark = pytest.mark.django_db


def plan_of(query):
    filterset = AgreementFilterSet(QueryDict(query), queryset=Agreement.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs[:50].explain()


def test_list_queries_use_indexes_on_postgresql(expected_database):
    if expected_database != "postgresql":
        pytest.skip("plans are checked on PostgreSQL, the production database")
    # One generation for every plan: 20,000 agreements take a few seconds to write.
    generate(agreements=20_000, institutions=5_000, seed=11)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rare = Institution.objects.filter(parties__isnull=False).order_by("pk").values_list("slug", flat=True)[100]
    acronym = Institution.objects.exclude(short_name="").order_by("pk")[500].short_name
    expected = {
        "": ["agreement_newest_idx"],
        "ordering=title": ["agreement_title_idx"],
        # A list of facet options: read newest first from its rarest option's agreements.
        "country=KR": ["facet_value_newest"],
        # Few agreements between two countries: found by their ids from the stored options.
        "between=KR,US": ["agreement_newest_idx|partnerships_agreement_pkey|facet_value_newest"],
        "area=oncology": ["facet_value_newest"],
        "kind=mou": ["facet_value_newest"],
        "signed_after=2020-01-01&signed_before=2020-12-31": ["agreement_newest_idx"],
        f"institution={rare}": ["party_once_per_agreement|partnerships_agreementparty_institution_id"],
    }
    problems = {}
    for query, indexes in expected.items():
        plan = plan_of(query)
        # "a|b": either index will do.
        missing = [index for index in indexes if not any(name in plan for name in index.split("|"))]
        if missing or "Seq Scan on partnerships_agreement " in plan:
            problems[query] = plan
    # A search reads the trigram indexes of text and names; how it then joins depends on how
    # many rows match, so only the index use is checked.
    # (A page of a search is found tier by tier from these indexes; the matching rows as one
    # query, as the facets and exports read them, show them all.)
    plan = Agreement.objects.search(acronym).order_by()[:50].explain()
    if "agreement_search_trgm_idx" not in plan or "institution_search_trgm_idx" not in plan:
        problems[f"q={acronym}"] = plan
    # The lists of institutions and people count the agreements of the page's rows only, each
    # through the index of its own parties or parts, never by reading every party.
    pages = {
        "institutions": Institution.objects.with_agreement_counts().order_by("name")[:50],
        "people": Person.objects.with_agreement_counts().order_by("name")[:50],
    }
    for name, page in pages.items():
        plan = page.explain()
        if "Seq Scan on partnerships_agreementparty" in plan or "Seq Scan on partnerships_participation" in plan:
            problems[name] = plan
    assert problems == {}, "\n\n".join(f"{query}:\n{plan}" for query, plan in problems.items())


def test_a_page_of_a_large_search_walks_the_newest_first_index_on_postgresql(expected_database):
    if expected_database != "postgresql":
        pytest.skip("plans are checked on PostgreSQL, the production database")
    from django.test.utils import CaptureQueriesContext

    from partnerships.models import SEARCH_IDS_AT_MOST

    generate(agreements=20_000, institutions=2_000, seed=12)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    term = "university"
    assert Agreement.objects.filter(search_text__contains=term).count() > SEARCH_IDS_AT_MOST
    filterset = AgreementFilterSet(QueryDict(f"q={term}"), queryset=Agreement.objects.all())
    assert filterset.is_valid(), filterset.errors
    with CaptureQueriesContext(connection) as queries:
        page = list(filterset.qs[50:100])
    assert len(page) == 50
    # Each tier's page: the agreements' ids in the list's order, at most as many as the page needs.
    tiers = [
        query["sql"] for query in queries.captured_queries
        if query["sql"].startswith('SELECT "partnerships_agreement"."id" AS "pk" FROM') and "ORDER BY" in query["sql"]
    ]
    assert tiers
    problems, plans = {}, []
    for sql in tiers:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        plans.append(plan)
        # Ranking every match would sort them all: a walk reads the index in order instead, and
        # only a tier's few ids (literal, at most SEARCH_IDS_AT_MOST) may be sorted.
        sorts_agreements = any("Sort Key:" in line and "signed_on" in line for line in plan.splitlines())
        if sorts_agreements and "id = ANY ('{" not in plan:
            problems[sql] = plan
    assert problems == {}, "\n\n".join(f"{sql}:\n{plan}" for sql, plan in problems.items())
    # The tier too large for its ids was walked, in order, through the newest-first index.
    assert any("agreement_newest_idx" in plan for plan in plans), "\n\n".join(plans)
