"""Synthetic directories for load tests: realistic rows, reproducible by seed, written in bulk.

Rows go straight to the tables (COPY on PostgreSQL, executemany on SQLite), bypassing save()
and its signals, so the folded search columns are filled here with fold_for_search, the same
way the models' pre_save handlers fill them.
"""
import bisect
import itertools
import random
import re
import unicodedata
from datetime import date

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.fields import NOT_PROVIDED
from django_countries import countries

from institutions.models import Institution, InstitutionName
from common.models import DataVersion
from common.text import fold_for_search
from partnerships import synthetic_names as words
from partnerships.counts import rebuild as rebuild_counts
from partnerships.life import end_of_period
from partnerships.models import (
    Agreement, AgreementArea, AgreementParty, Area, Evidence, Participation, Person, Source,
)

AGREEMENTS_PER_TRANSACTION = 20_000

INSTITUTION_KINDS = [
    ("hospital", 40), ("academic_medical_center", 15), ("cancer_center", 6), ("university", 18),
    ("company", 12), ("health_agency", 4), ("government_body", 2), ("other", 3),
]
PARTY_COUNTS = [(2, 65), (3, 25), (4, 10)]
AREA_COUNTS = [(1, 30), (2, 30), (3, 20), (4, 12), (5, 8)]
AGREEMENT_KINDS = [("mou", 55), ("agreement", 30), ("collaboration", 15)]
PRECISIONS = [("day", 55), ("month", 20), ("year", 15), ("unknown", 10)]
PERSON_ROLES = [("signed", 50), ("attended", 25), ("spoke", 15), ("led", 10)]
TITLE_OPENINGS = {
    "mou": "Memorandum of understanding between",
    "agreement": "Cooperation agreement between",
    "collaboration": "Collaboration between",
}
# Scripts other than Latin: the name is in English and the own-script name is another name.
NON_LATIN = {"ko", "zh", "ja", "ar"}
SMALL_WORDS = {"of", "in", "for", "the", "and", "de", "du", "di", "la", "le", "des", "der", "w", "ve"}


class WeightedChoice:
    """Pick from (value, weight) pairs with one call to random()."""

    def __init__(self, pairs):
        pairs = list(pairs)
        self.values = [value for value, _weight in pairs]
        self.cumulative = list(itertools.accumulate(weight for _value, weight in pairs))
        self.total = self.cumulative[-1]

    def __call__(self, rng):
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


# Latin letters that Unicode does not decompose into a base letter and a mark.
TRANSLITERATION = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i"})


def slug_base(text):
    """Return an ASCII slug of the text: accents dropped, other scripts left out."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATION))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].rstrip("-") or "x"


class Slugs:
    """Unique slugs: a base that is taken gets -2, -3 and so on."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next_suffix = {}

    def __call__(self, base):
        slug = base
        while slug in self.taken:
            suffix = self.next_suffix.get(base, 2)
            self.next_suffix[base] = suffix + 1
            slug = f"{base}-{suffix}"
        self.taken.add(slug)
        return slug


def acronym(name):
    letters = "".join(word[0] for word in re.split(r"[\s\-]+", name) if word and word.lower() not in SMALL_WORDS)
    letters = re.sub(r"[^A-Za-z]", "", unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode())
    return letters.upper() if 2 <= len(letters) <= 8 else ""


class Table:
    """A table written in bulk: the columns given, then every other column at its default."""

    def __init__(self, model, attnames):
        fields = {field.attname: field for field in model._meta.concrete_fields}
        self.name = model._meta.db_table
        self.model = model
        others = [
            field for field in model._meta.concrete_fields
            if field.attname not in attnames and not field.generated and field.db_default is NOT_PROVIDED
        ]
        self.columns = [fields[name].column for name in attnames] + [field.column for field in others]
        self.defaults = tuple(field.get_db_prep_save(field.get_default(), connection) for field in others)

    def complete(self, rows):
        return [row + self.defaults for row in rows] if self.defaults else rows


def tables():
    sources_link = Agreement.sources.through
    return {
        "institution": Table(Institution, [
            "id", "name", "slug", "short_name", "kind", "country", "city", "parent_id", "website", "ror_id",
            "description", "search_names",
        ]),
        "institution_name": Table(InstitutionName, ["id", "institution_id", "name", "kind", "language"]),
        "person": Table(Person, ["id", "name", "slug", "native_name", "search_names"]),
        "source": Table(Source, [
            "id", "slug", "kind", "headline", "publisher", "url", "published_on", "language",
        ]),
        "agreement": Table(Agreement, [
            "id", "title", "slug", "kind", "signed_on", "signed_on_precision", "place", "summary",
            "search_text", "in_force_from",
        ]),
        "party": Table(AgreementParty, ["id", "agreement_id", "institution_id", "role"]),
        "area": Table(AgreementArea, ["id", "agreement_id", "area_id"]),
        "participation": Table(Participation, ["id", "agreement_id", "person_id", "institution_id", "title", "role"]),
        "agreement_source": Table(sources_link, ["id", "agreement_id", "source_id"]),
        "evidence": Table(Evidence, ["id", "agreement_id", "source_id", "fact", "party_id", "area_id", "note"]),
    }


class Writer:
    """Bulk inserts for the current database, with its indexes and foreign keys set aside meanwhile."""

    def __init__(self, all_tables):
        self.tables = all_tables
        self.vendor = connection.vendor
        self.names = sorted({table.name for table in all_tables.values()})
        self.set_aside = []

    def write(self, table, rows):
        if not rows:
            return
        rows = table.complete(rows)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in table.columns)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(table.columns))
                cursor.cursor.executemany(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})", rows)

    def set_aside_indexes(self):
        """Drop the plain indexes and foreign keys of the tables written; restore() puts them back.

        Building an index once over all rows is many times faster than updating it row by
        row, above all the GIN indexes of search; a foreign key re-added is checked in one pass.
        """
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    """
                    SELECT 'ALTER TABLE ' || quote_ident(t.relname) || ' DROP CONSTRAINT ' || quote_ident(c.conname),
                           'ALTER TABLE ' || quote_ident(t.relname) || ' ADD CONSTRAINT ' || quote_ident(c.conname)
                           || ' ' || pg_get_constraintdef(c.oid)
                    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                    WHERE c.contype = 'f' AND t.relname = ANY(%s) AND pg_table_is_visible(t.oid)
                    ORDER BY t.relname, c.conname
                    """,
                    [self.names],
                )
                constraints = cursor.fetchall()
                cursor.execute(
                    """
                    SELECT 'DROP INDEX ' || quote_ident(i.relname), pg_get_indexdef(i.oid)
                    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                    WHERE t.relname = ANY(%s) AND pg_table_is_visible(t.oid)
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                    ORDER BY t.relname, i.relname
                    """,
                    [self.names],
                )
                self.set_aside = constraints + cursor.fetchall()
            else:
                marks = ", ".join("%s" for _name in self.names)
                cursor.execute(
                    "SELECT 'DROP INDEX \"' || name || '\"', sql FROM sqlite_master"
                    f" WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY name",
                    self.names,
                )
                self.set_aside = cursor.fetchall()
            self.check_pending_constraints(cursor)
            for drop, _create in self.set_aside:
                cursor.execute(drop)

    def check_pending_constraints(self, cursor):
        # PostgreSQL refuses to alter a table with foreign-key checks still deferred in the
        # transaction (rows deleted before, as tests do): run those checks now.
        if self.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def restore(self):
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # GIN indexes build several times faster with room to sort in memory.
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            self.check_pending_constraints(cursor)
            # Indexes first, so the foreign keys are checked with them.
            for _drop, create in sorted(self.set_aside, key=lambda pair: pair[1].startswith("ALTER")):
                cursor.execute(create)
        self.set_aside = []

    def finish(self):
        """Move the id sequences past the new rows and refresh the planner's statistics."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Only ever forward: a sequence is not rolled back with a transaction, and set
                # back to a lower maximum it would hand out ids that rows written later reuse.
                for table in self.tables.values():
                    name = table.model._meta.db_table
                    sequence = f"pg_get_serial_sequence('\"{name}\"', 'id')"
                    cursor.execute(
                        f"SELECT setval({sequence}, GREATEST((SELECT COALESCE(MAX(id), 1) FROM \"{name}\"), "
                        f"pg_sequence_last_value({sequence}::regclass)))"
                    )
            cursor.execute("ANALYZE")


class Generator:
    """Rows of a synthetic directory, drawn from one random stream so a seed gives the same rows."""

    def __init__(self, *, agreements, institutions, seed, people=None, sources=None):
        self.agreement_count = agreements
        self.institution_count = institutions
        self.person_count = people if people is not None else max(10, agreements // 4)
        self.source_count = sources if sources is not None else max(10, agreements // 200)
        self.rng = random.Random(seed)
        self.country = WeightedChoice(
            # Zipf-like: the country ranked r gets a share proportional to 1 / r^1.1.
            (index, 1 / (rank ** 1.1)) for rank, index in enumerate(range(len(words.COUNTRIES)), start=1)
        )
        self.country_names = {code: countries.name(code) for code, _language, _cities in words.COUNTRIES}
        self.institution_kind = WeightedChoice(INSTITUTION_KINDS)
        self.party_count = WeightedChoice(PARTY_COUNTS)
        self.area_count = WeightedChoice(AREA_COUNTS)
        self.agreement_kind = WeightedChoice(AGREEMENT_KINDS)
        self.precision = WeightedChoice(PRECISIONS)
        self.person_role = WeightedChoice(PERSON_ROLES)

    def brand(self):
        rng = self.rng
        return (rng.choice(words.BRAND_SYLLABLES) + rng.choice(words.BRAND_SYLLABLES).lower()).title()

    def institution_rows(self, first_id, slugs, first_name_id):
        """Return institution rows, other-name rows, and per institution
        (id, country language, display name, city, country, full name)."""
        rng = self.rng
        rows, name_rows, info = [], [], []
        universities = {}
        name_id = first_name_id
        for offset in range(self.institution_count):
            pk = first_id + offset
            code, language, cities = words.COUNTRIES[self.country(rng)]
            city, own_city = rng.choice(cities)
            kind = self.institution_kind(rng)
            family = rng.choice(words.PERSON_NAMES[language][1])[0]
            fill = {"city": city, "saint": rng.choice(words.SAINTS), "family": family, "brand": self.brand()}
            english = rng.choice(words.ENGLISH_PATTERNS[kind]).format(**fill)
            own_patterns = words.NATIVE_PATTERNS[language].get(kind)
            own = rng.choice(own_patterns).format(**{**fill, "city": own_city}) if own_patterns else ""
            others = []
            if language in NON_LATIN:
                name = english
                others.append((own, "native", language))
            elif own and rng.random() < 0.6:
                name = own
                others.append((english, "alternative", "en"))
            else:
                name = english
                if own:
                    others.append((own, "alternative", language))
            letters = acronym(english)
            short_name = ""
            if letters and rng.random() < 0.5:
                short_name = letters
            elif letters and rng.random() < 0.3:
                others.append((letters, "acronym", ""))
            if rng.random() < 0.05:
                others.append((f"{city} Hospital No. {rng.randint(1, 12)}", "former", ""))
            parent_id = None
            if kind == "university":
                universities.setdefault(code, []).append(pk)
            elif kind in {"hospital", "academic_medical_center", "cancer_center"} and rng.random() < 0.15:
                candidates = universities.get(code)
                if candidates:
                    parent_id = rng.choice(candidates)
            slug = slugs(slug_base(english))
            seen = {name}
            other_names = []
            # In the order save() folds them: InstitutionName sorts by kind, then name.
            for other, other_kind, other_language in sorted(others, key=lambda other: (other[1], other[0])):
                if other and other not in seen:
                    seen.add(other)
                    other_names.append(other)
                    name_rows.append((name_id, pk, other, other_kind, other_language))
                    name_id += 1
            website = f"https://{slug}.example.org/" if rng.random() < 0.7 else ""
            ror_id = f"https://ror.org/0{rng.getrandbits(40):010x}"[:25] if rng.random() < 0.3 else ""
            rows.append((
                pk, name, slug, short_name, kind, code, city, parent_id, website, ror_id, "",
                fold_for_search(name, short_name, *other_names),
            ))
            info.append((pk, language, short_name or name, city, code, name))
        return rows, name_rows, info

    def person_rows(self, first_id, slugs, institution_info):
        """Return person rows and {institution id: [person ids]}."""
        rng = self.rng
        rows, people_of = [], {}
        for offset in range(self.person_count):
            pk = first_id + offset
            institution_id, language = rng.choice(institution_info)[:2]
            order, families, givens = words.PERSON_NAMES[language]
            family, own_family = rng.choice(families)
            given, own_given = rng.choice(givens)
            if order == "family first":
                name = f"{family} {given}"
            else:
                name = f"{given} {family}"
            if language == "ar":
                native = f"{own_given} {own_family}"
            elif language in NON_LATIN:
                native = own_family + own_given
            else:
                native = ""
            slug = slugs(slug_base(name))
            rows.append((pk, name, slug, native, fold_for_search(name, native)))
            people_of.setdefault(institution_id, []).append(pk)
        return rows, people_of

    def source_rows(self, first_id, slugs):
        rng = self.rng
        rows = []
        for offset in range(self.source_count):
            publisher, language = rng.choice(words.PUBLISHERS)
            published = date(2000 + rng.randrange(26), rng.randint(1, 12), rng.randint(1, 28))
            headline = f"Hospitals agree on {rng.choice(words.AREA_PHRASES)} ({published.year})"
            slug = slugs(f"synthetic-{slug_base(publisher)}-{offset + 1}")
            kind = "registry" if publisher.startswith("Registry") else "report"
            rows.append((
                first_id + offset, slug, kind, headline, publisher, f"https://news.example.org/{slug}",
                published.isoformat(), language,
            ))
        return rows

    def signing_date(self):
        rng = self.rng
        precision = self.precision(rng)
        if precision == "unknown":
            return None, precision
        # Skewed to recent years, as reports of partnerships are.
        year = 2025 - int(30 * rng.random() ** 1.5)
        if precision == "year":
            return date(year, 1, 1).isoformat(), precision
        month = rng.randint(1, 12)
        day = rng.randint(1, 28) if precision == "day" else 1
        return date(year, month, day).isoformat(), precision

    def agreement_chunks(self, *, first_ids, slugs, institution_info, people_of, areas, source_info):
        """Yield (agreement count, {table key: rows}) in chunks of AGREEMENTS_PER_TRANSACTION."""
        rng = self.rng
        random_ = rng.random
        ids = dict(first_ids)
        institution_count = len(institution_info)
        area_ids = [area.pk for area in areas]
        area_names = {area.pk: area.name for area in areas}
        titles = words.PERSON_TITLES
        phrases = words.AREA_PHRASES
        done = 0
        while done < self.agreement_count:
            size = min(AGREEMENTS_PER_TRANSACTION, self.agreement_count - done)
            chunk = {key: [] for key in ["agreement", "party", "area", "participation", "agreement_source", "evidence"]}
            for _ in range(size):
                agreement_id = ids["agreement"]
                ids["agreement"] += 1
                # A few institutions take part in many agreements, most in a few.
                chosen = []
                wanted = self.party_count(rng)
                while len(chosen) < wanted:
                    index = int(institution_count * random_() ** 1.6)
                    if index not in chosen:
                        chosen.append(index)
                parties = [institution_info[index] for index in chosen]
                kind = self.agreement_kind(rng)
                signed_on, precision = self.signing_date()
                linked_areas = rng.sample(area_ids, self.area_count(rng))
                names = [party[2] for party in parties]
                title = f"{TITLE_OPENINGS[kind]} {', '.join(names[:-1])} and {names[-1]} on {area_names[linked_areas[0]].lower()}"[:300]
                first, second = parties[0], parties[1]
                summary = (
                    f"{first[5]} ({self.country_names[first[4]]}) and {second[5]} ({self.country_names[second[4]]}) "
                    f"will work together on {rng.choice(phrases)} and {rng.choice(phrases)}."
                )
                place = first[3] if random_() < 0.5 else ""
                year = signed_on[:4] if signed_on else "undated"
                slug = slugs(f"{slug_base(names[0])[:30]}-{slug_base(names[1])[:30]}-{kind}-{year}")
                chunk["agreement"].append((
                    agreement_id, title, slug, kind, signed_on, precision, place, summary,
                    fold_for_search(title, summary), in_force_from(signed_on, precision),
                ))
                party_ids = []
                for party in parties:
                    role = "technology_partner" if random_() < 0.05 else "party"
                    chunk["party"].append((ids["party"], agreement_id, party[0], role))
                    party_ids.append(ids["party"])
                    ids["party"] += 1
                area_link_ids = []
                for area_id in linked_areas:
                    chunk["area"].append((ids["area"], agreement_id, area_id))
                    area_link_ids.append(ids["area"])
                    ids["area"] += 1
                seen_people = []
                for party in parties:
                    staff = people_of.get(party[0])
                    if staff and random_() < 0.5:
                        person_id = rng.choice(staff)
                        if person_id not in seen_people:
                            seen_people.append(person_id)
                            chunk["participation"].append((
                                ids["participation"], agreement_id, person_id, party[0], rng.choice(titles),
                                self.person_role(rng),
                            ))
                            ids["participation"] += 1
                sources = rng.sample(source_info, 2 if random_() < 0.3 else 1)
                for source_id, _publisher in sources:
                    chunk["agreement_source"].append((ids["agreement_source"], agreement_id, source_id))
                    ids["agreement_source"] += 1
                if random_() < 0.1:
                    source_id, publisher = sources[0]
                    facts = [("party", party_ids[0], None, f"{publisher} names {names[0]} as a party.")]
                    facts.append(("area", None, area_link_ids[0], f"{publisher} reports work on this area."))
                    if signed_on:
                        facts.append(("date", None, None, f"{publisher} reports the signing ({precision} known)."))
                    for fact, party_id, area_link_id, note in facts[: rng.randint(1, len(facts))]:
                        chunk["evidence"].append(
                            (ids["evidence"], agreement_id, source_id, fact, party_id, area_link_id, note)
                        )
                        ids["evidence"] += 1
            done += size
            yield size, chunk


def curated_data_present():
    """Say whether the database holds the curated directory: its sources include archived articles."""
    return Source.objects.filter(kind=Source.Kind.ARTICLE).exists()


def next_id(model):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def generate(*, agreements, institutions, seed, progress=None):
    """Write a synthetic directory into the default database; return the number of rows per table.

    `progress` is called with the number of agreements written after each transaction.
    The same seed gives the same rows in an empty database.
    """
    if not Area.objects.exists():
        call_command("loaddata", "areas.yaml", verbosity=0)
    areas = list(Area.objects.order_by("slug"))
    all_tables = tables()
    writer = Writer(all_tables)
    generator = Generator(agreements=agreements, institutions=max(institutions, 4), seed=seed)
    counts = dict.fromkeys(all_tables, 0)
    first_ids = {key: next_id(table.model) for key, table in all_tables.items()}
    speed_up = SQLiteBulkPragmas() if connection.vendor == "sqlite" else None
    if speed_up:
        speed_up.__enter__()
    try:
        with transaction.atomic():
            writer.set_aside_indexes()
        try:
            with transaction.atomic():
                institution_rows, name_rows, institution_info = generator.institution_rows(
                    first_ids["institution"], Slugs(Institution.objects.values_list("slug", flat=True)),
                    first_ids["institution_name"],
                )
                person_rows, people_of = generator.person_rows(
                    first_ids["person"], Slugs(Person.objects.values_list("slug", flat=True)), institution_info
                )
                source_rows = generator.source_rows(
                    first_ids["source"], Slugs(Source.objects.values_list("slug", flat=True))
                )
                for key, rows in [
                    ("institution", institution_rows), ("institution_name", name_rows), ("person", person_rows),
                    ("source", source_rows),
                ]:
                    writer.write(all_tables[key], rows)
                    counts[key] += len(rows)
            source_info = [(row[0], row[4]) for row in source_rows]
            chunks = generator.agreement_chunks(
                first_ids=first_ids, slugs=Slugs(Agreement.objects.values_list("slug", flat=True)),
                institution_info=institution_info, people_of=people_of, areas=areas, source_info=source_info,
            )
            for size, chunk in chunks:
                with transaction.atomic():
                    for key, rows in chunk.items():
                        writer.write(all_tables[key], rows)
                        counts[key] += len(rows)
                if progress:
                    progress(size)
        finally:
            with transaction.atomic():
                writer.restore()
        writer.finish()
        # Bulk rows raise no post_save: count them, and tell cached answers that the data changed.
        rebuild_counts()
        DataVersion.bump()
    finally:
        if speed_up:
            speed_up.__exit__(None, None, None)
    return counts


class SQLiteBulkPragmas:
    """Trade durability for speed while loading a throwaway SQLite file, then restore the settings.

    Outside a transaction only: SQLite ignores or refuses these pragmas inside one (as in tests).
    """

    def __enter__(self):
        self.saved = None
        if connection.in_atomic_block:
            return self
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            self.saved = (journal_mode, cursor.fetchone()[0])
            for pragma in ["journal_mode = OFF", "synchronous = OFF", "cache_size = -262144", "temp_store = MEMORY"]:
                cursor.execute(f"PRAGMA {pragma}")
        return self

    def __exit__(self, *exc_info):
        if self.saved:
            journal_mode, synchronous = self.saved
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
                cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")


def in_force_from(signed_on, precision):
    """Return the in-force date a signing alone gives (partnerships/life.py), as the bulk insert writes it."""
    if signed_on is None:
        return None
    return end_of_period(date.fromisoformat(signed_on), precision).isoformat()
