"""The draft assistant: from a news article or press release to a proposed record, with nothing saved.

    draft_from_article(text=... or html=..., url=..., published_on=...) -> dict

The dict is the documented contract (docs/curation.md). The engine is rule-based, one module
per concern: source (main text, headline, publisher, date, language), text (sentences kept
verbatim), dates, directory (matching names to institutions), institutions (the names an
article uses), people, areas, agreements (how many, which kind, which parties); whether the
directory holds an agreement already is curation/known_agreements.py.
"""
import dataclasses
import datetime
import re

from django.utils import translation
from django_countries import countries

from curation.drafting.agreements import drop_units, ending_in, find_agreements
from curation.drafting.areas import find_areas
from curation.drafting.documents import SIGN
from curation.drafting.dates import explicit_date, signing_date
from curation.drafting.directory import Directory
from curation.drafting.gazetteer import country_in
from curation.drafting.institutions import Entities
from curation.drafting.people import find_people
from curation.drafting.places import place_of
from curation.drafting.source import read_article
from curation.known_agreements import add_existing_agreements
from institutions.models import Institution
from partnerships.life import Life, status_on

KIND_IN_TITLE = {
    "mou": "memorandum of understanding",
    "agreement": "agreement",
    "framework": "framework agreement",
    "letter_of_intent": "letter of intent",
    "renewal": "renewed agreement",
    "collaboration": "collaboration",
}


def draft_from_article(*, text: str | None = None, html: str | None = None, url: str | None = None,
                       published_on: datetime.date | None = None) -> dict:
    """The draft as the documented JSON contract (issue 11 item 1), with nothing written to the database.

    `published_on` is a date, or the text of one written YYYY-MM-DD (ValueError otherwise).
    """
    if isinstance(published_on, str):
        try:
            published_on = datetime.date.fromisoformat(published_on)
        except ValueError:
            raise ValueError(f"published_on must be a date written YYYY-MM-DD, not {published_on!r}") from None
    elif published_on is not None and not isinstance(published_on, datetime.date):
        raise TypeError(f"published_on must be a date, not {type(published_on).__name__}")
    article = read_article(text=text, html=html, url=url, published_on=published_on)
    warnings = list(article.warnings)
    entities = Entities(article, Directory(vocabulary=article.text))
    people = find_people(article, entities)
    agreements = []
    home_country = dateline_country(article)
    for agreement in find_agreements(article, entities, warnings):
        add_signers_institutions(agreement, people, entities)
        # A signer's title may name a unit of a party ("Vorsitzende der Spitaldirektion des …").
        drop_units(agreement, warnings)
        add_dateline_country(agreement, home_country, warnings)
        add_script_country(agreement, article.language, warnings)
        contract = agreement_contract(agreement, article, people, warnings)
        same_day_as_before(agreement, contract, agreements)
        agreements.append(contract)
    if not agreements:
        warnings.append("No agreement or collaboration was found in the text.")
    add_existing_agreements(agreements, published_on=article.published_on)
    return {
        "source": {
            "title": article.title,
            "publisher": article.publisher,
            "url": article.url,
            "published_on": article.published_on.isoformat() if article.published_on else None,
            "language": article.language,
        },
        "agreements": agreements,
        "warnings": list(dict.fromkeys(warnings)),
    }


def agreement_contract(agreement, article, people, warnings):
    """Return one agreement of the contract: its kind, date, place, parties, people, areas and evidence."""
    day, precision, date_quote, date_warnings = (None, "unknown", None, [])
    if agreement.kind != "collaboration":
        day, precision, date_quote, date_warnings = signing_date(
            [before_ending(s) for s in agreement.signing]
            + [before_ending(s) for s in agreement.sentences if s not in agreement.signing and SIGN.search(s.text)]
            + lead_of_paragraph(agreement, article),
            article.published_on, article.language, dateline_end=article.dateline_end,
            month_first=article.month_first,
        )
        if date_quote:
            # The quote is the sentence as written, its end included.
            date_quote = next((s.text for s in agreement.sentences if s.text.startswith(date_quote)), date_quote)
        warnings.extend(date_warnings)
        if day is None and not date_warnings:
            warnings.append("The text gives no signing date: the publication date is not used for it.")
    place, place_quote = place_of(agreement, article)
    warnings.extend(party_warnings(agreement))
    names = [party.name for party in agreement.parties]
    evidence = [{"fact": "kind", "quote": agreement.signing[0].text}]
    if date_quote and day:
        evidence.append({"fact": "date", "quote": date_quote})
    if place_quote:
        evidence.append({"fact": "place", "quote": place_quote})
    indexes = {sentence.index for sentence in agreement.sentences}
    events = events_of(agreement, article, warnings)
    return {
        "title": f"{' – '.join(names) or 'Unnamed parties'} {KIND_IN_TITLE[agreement.kind]}",
        "kind": agreement.kind,
        "status": status_of(agreement.kind, events, article.published_on),
        "signed_on": day.isoformat() if day else None,
        "signed_on_precision": precision if day else "unknown",
        "place": place,
        "parties": [party_contract(party, agreement) for party in agreement.parties],
        "people": [
            {"name": person.name, "title": person.title, "institution": person.institution, "role": role,
             "evidence": quote}
            for person in people if person.sentences & indexes
            for role, quote in person.roles.items()
        ],
        "areas": find_areas(agreement.sentences),
        "events": events,
        "evidence": evidence,
    }


MONTH_ALONE = re.compile(
    r"\b(?:in|since|on|from|at the end of|end of)\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b(?!\s+\d)"
)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def month_before(text, published_on):
    """Return (first of the month, "month") for "lapsed in January": the last such month up to publication."""
    match = MONTH_ALONE.search(text)
    if not match or published_on is None:
        return None
    month = MONTHS.index(match.group(1)) + 1
    year = published_on.year if month <= published_on.month else published_on.year - 1
    return datetime.date(year, month, 1), "month"


# How near before the publication a date in the paragraph's lead must be to date its signing.
LEAD_DAYS = 62
# "같은 날 … 협약을 맺었다": the second agreement of one event, on the first one's day.
SAME_DAY = re.compile(
    r"\b(?:the same day|on the same occasion|am selben Tag|el mismo día|ese mismo día|le même jour|no mesmo dia)\b|"
    r"같은 날|이날|同日|同一天|当天|當天|当日|同じ日|في اليوم نفسه|في نفس اليوم|في ذات اليوم",
    re.I,
)


def lead_of_paragraph(agreement, article):
    """Return the sentences before the signing in its paragraph that date an event of the last weeks.

    "6月19日，论坛在北京举行。论坛期间，A与B签署……": the forum's day, told first, is the signing's.
    A date long before publication there is background, never the signing's.
    """
    first = agreement.signing[0]
    lead = [s for s in article.sentences if s.paragraph == first.paragraph and s.index < first.index]
    if not article.published_on:
        return []
    dated = []
    for sentence in lead:
        found = explicit_date(sentence.text[max(0, article.dateline_end - sentence.start):], article.published_on)
        if found and found[1] == "day" and 0 <= (article.published_on - found[0]).days <= LEAD_DAYS:
            dated.append(sentence)
    return dated


def same_day_as_before(agreement, contract, drafted):
    """Give an undated agreement 'signed the same day' the date of the agreement drafted before it."""
    if contract["signed_on"] or not drafted or not drafted[-1]["signed_on"]:
        return
    quote = next((s.text for s in agreement.signing if SAME_DAY.search(s.text)), None)
    if quote:
        contract["signed_on"], contract["signed_on_precision"] = drafted[-1]["signed_on"], drafted[-1]["signed_on_precision"]
        contract["evidence"].append({"fact": "date", "quote": quote})


def before_ending(sentence):
    """Return the sentence up to the words that tell its agreement's end: the date after them is the end's."""
    ending = ending_in(sentence.text)
    if not ending:
        return sentence
    return dataclasses.replace(sentence, text=sentence.text[:ending[2]])


def events_of(agreement, article, warnings):
    """Return the end or expiry the article reports of the agreement, with its date where the text gives one."""
    events = []
    for sentence in agreement.sentences:
        ending = ending_in(sentence.text)
        if not ending or any(event["kind"] == ending[0] for event in events):
            continue
        kind, after, _cut = ending
        found = explicit_date(after, article.published_on, article.language) or month_before(after, article.published_on)
        day, precision = found if found else (None, "unknown")
        if day is None:
            warnings.append(f"The agreement {'ended' if kind == 'ended' else 'expires'}, but the text gives no date for it.")
        events.append({
            "kind": kind, "dated_on": day.isoformat() if day else None,
            "dated_on_precision": precision if day else "unknown", "evidence": sentence.text,
        })
    return events


def status_of(kind, events=(), published_on=None):
    """Return the status the directory gives such an agreement: signed or reported, or ended when the text says so."""
    ended = next((event for event in events if event["kind"] == "ended"), None)
    # An end the text reports without its date is past by the day it was published.
    ended_on = (datetime.date.fromisoformat(ended["dated_on"]) if ended and ended["dated_on"]
                else (published_on or datetime.date.today()) if ended else None)
    # The model's own rule (partnerships/life.py), so a published draft shows what the draft said.
    return status_on(Life(in_force_from=None, expires_on=None, ended_on=ended_on), kind=kind, day=datetime.date.today())


def dateline_country(article):
    """Return the country the dateline names ("CHENNAI, India, March 12, 2025 —", "SINGAPORE —"), or None."""
    if not article.dateline_end:
        return None
    line = article.text[:article.dateline_end].rstrip().split("\n")[-1]
    return country_in(line.title(), dateline=True) or country_in(line, dateline=True)


# Katakana words that end Japanese names of any country: what comes before them tells.
JA_KATAKANA_SUFFIXES = re.compile(r"(?:センター|クリニック|ホールディングス|グループ|ホスピタル)$")
# Characters only traditional or only simplified Chinese writes: Taiwan's names, or the mainland's.
TRADITIONAL_ONLY = set("醫學國臺灣華協會屬診療總聯區縣門島")
SIMPLIFIED_ONLY = set("医学国台湾华协会属诊疗总联区县门岛")


def script_country(name, language):
    """Return the country a name's own script points to in an article of that language, or None.

    Japanese with kanji or kana before its kind word (島津製作所, 国立国際医療研究センター) is
    Japanese; a katakana name (チョーライ病院) is a foreign one written out. Hangul is Korean; Han
    in simplified characters is the mainland's, in traditional ones Taiwan's.
    """
    if language == "ja" and re.search(r"[\u3040-\u30ff\u3400-\u9fff]", name):
        stem = JA_KATAKANA_SUFFIXES.sub("", re.sub(r"(?:病院|大学|医院|研究所|製作所|製薬)$", "", name))
        return None if re.search(r"[\u30a0-\u30ff]{2,}", stem) else "JP"
    if language == "ko" and re.fullmatch(r"[가-힣\s]+", name):
        return "KR"
    if language == "zh" and re.fullmatch(r"[\u3400-\u9fff]+", name):
        characters = set(name)
        if characters & SIMPLIFIED_ONLY and not characters & TRADITIONAL_ONLY:
            return "CN"
        if characters & TRADITIONAL_ONLY and not characters & SIMPLIFIED_ONLY:
            return "TW"
    return None


def add_script_country(agreement, language, warnings):
    """Give a party named in the article's own script the script's country, when the text names none.

    Japanese kanji names are Japanese wherever they stand; a Korean or Chinese name only when it
    is the one party left without a country (a foreign partner is often written out in Hangul
    or Han too), and a warning asks the curator to check it.
    """
    unknown = [party for party in agreement.parties if party.country is None and party.record is None]
    for party in unknown:
        country = script_country(party.name, language)
        if country and (language == "ja" or len(unknown) == 1):
            party.country = country
            warnings.append(f"{party.name}: the country {country} is read from the script of its name; check it.")


def add_dateline_country(agreement, country, warnings):
    """Give the dateline's country to the one new party whose country the text does not say.

    A release datelined "SINGAPORE —" is issued where one of its parties is; it is taken to be
    the party without a country, unless another party is already of that country (a ministry
    of that country aside), and a warning asks the curator to check it.
    """
    if not country:
        return
    unknown = [party for party in agreement.parties if party.country is None and party.record is None]
    if len(unknown) != 1:
        return
    [party] = unknown
    others = {other.country for other in agreement.parties if other is not party}
    if country in others and party.kind != "government_body":
        return
    party.country = country
    warnings.append(f"{party.name}: the country {country} is read from the dateline; check it.")


def party_warnings(agreement):
    """Return what a curator should check about the parties: new institutions, near matches."""
    found = []
    for party in agreement.parties:
        if party.record is None:
            # Named as a reader names them (an academic medical center in Finland), not by their codes;
            # in English, as every warning of the assistant is.
            with translation.override("en"):
                kind = str(Institution.Kind(party.kind).label).lower() if party.kind in Institution.Kind.values else "institution"
                where = f" in {countries.name(party.country) or party.country}." if party.country else " (country not found in the text)."
            found.append(f"{party.name} is not in the directory: proposed as a new {kind}{where}")
        elif party.how != "exact":
            found.append(f"{party.name} was matched to {party.slug} {party.how}: check it.")
    return found


def add_signers_institutions(agreement, people, entities):
    """Make the institution a signer signed for a party ("signed by A, Director of X"), venues aside."""
    signing = {sentence.index: sentence for sentence in agreement.signing}
    by_name = {entity.slug or entity.name: entity for entity in entities}
    for person in people:
        quote = person.roles.get("signed")
        entity = by_name.get(person.institution)
        if not quote or entity is None or entity in agreement.parties or entity.owner_keys & {p.key for p in agreement.parties}:
            continue
        if not entity.name.isascii() and any(entity.name.startswith(party.name) for party in agreement.parties):
            # "香港中文大学医学院院长": the dean of a party's faculty signs for the party.
            continue
        if any(entity.key in party.owner_keys for party in agreement.parties):
            # The Dean of a party's faculty signs for the party, not for a party of its own.
            continue
        sentence = next((s for s in signing.values() if s.text == quote), None)
        if sentence is not None:
            agreement.add_party(entity, sentence)


def party_contract(entity, agreement):
    return {
        "name": entity.name,
        "institution": entity.slug,
        "country": entity.country,
        "kind": entity.kind,
        "parent": entity.parent,
        "other_names": entity.other_names,
        "evidence": agreement.party_evidence[entity.key],
    }
