"""The SQL that answers each benchmarked question, shared by the raw-SQL ceiling and Datasette.

Parameters are written :name, as Datasette's canned queries take them.
"""
import re

COLUMNS = "a.id, a.slug, a.title, a.kind, a.signed_on, a.signed_on_precision, a.place"
# Newest first, undated last: SQLite sorts NULLs last in a descending order by itself, and
# spelling NULLS LAST out there would keep it from using the index.
NEWEST_FIRST = {
    "sqlite": "a.signed_on DESC, a.title, a.id",
    "postgresql": "a.signed_on DESC NULLS LAST, a.title, a.id",
}

WITH_PARTY_IN_COUNTRY = """EXISTS (
    SELECT 1 FROM partnerships_agreementparty p JOIN institutions_institution i ON i.id = p.institution_id
    WHERE p.agreement_id = a.id AND i.country = :country)"""

IN_AREA = """EXISTS (
    SELECT 1 FROM partnerships_agreementarea aa JOIN partnerships_area ar ON ar.id = aa.area_id
    LEFT JOIN partnerships_area broader ON broader.id = ar.parent_id
    WHERE aa.agreement_id = a.id AND (ar.slug = :area OR broader.slug = :area))"""

# :q is folded by institutions.text.fold_for_search, as the search columns are.
MATCHING = """(a.search_text LIKE '%' || :q || '%'
    OR EXISTS (SELECT 1 FROM partnerships_agreementparty p JOIN institutions_institution i ON i.id = p.institution_id
               WHERE p.agreement_id = a.id AND i.search_names LIKE '%' || :q || '%')
    OR EXISTS (SELECT 1 FROM partnerships_participation pp JOIN partnerships_person pe ON pe.id = pp.person_id
               WHERE pp.agreement_id = a.id AND pe.search_names LIKE '%' || :q || '%'))"""

PAGES = {
    "agreements_by_country": WITH_PARTY_IN_COUNTRY,
    "agreements_by_area": IN_AREA,
    "agreements_matching": MATCHING,
}


def page_sql(name, vendor):
    """Return the SQL of the first page of 50 agreements for the named question."""
    return f"SELECT {COLUMNS} FROM partnerships_agreement a WHERE {PAGES[name]} ORDER BY {NEWEST_FIRST[vendor]} LIMIT 50"


def for_django(sql):
    """Return the SQL with :name parameters written %(name)s, as Django's cursors take them."""
    return re.sub(r":(\w+)", r"%(\1)s", sql.replace("%", "%%"))
