"""The draft assistant: from a news article or press release to a proposed record, with nothing saved.

    draft_from_article(text=... or html=..., url=..., published_on=...) -> dict

The dict is the documented contract (docs/curation.md). The engine is rule-based, one module
per concern: source (main text, headline, publisher, date, language), text (sentences kept
verbatim), dates, directory (matching names to institutions), institutions (the names an
article uses), people, areas, agreements (how many, which kind, which parties).
"""
import datetime

from curation.drafting.agreements import find_agreements
from curation.drafting.areas import find_areas
from curation.drafting.dates import signing_date
from curation.drafting.directory import Directory
from curation.drafting.institutions import Entities
from curation.drafting.people import find_people
from curation.drafting.places import place_of
from curation.drafting.source import read_article
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
    """The draft as the documented JSON contract (issue 11 item 1), with nothing written to the database."""
    article = read_article(text=text, html=html, url=url, published_on=published_on)
    warnings = list(article.warnings)
    entities = Entities(article, Directory(vocabulary=article.text))
    people = find_people(article, entities)
    agreements = []
    for agreement in find_agreements(article, entities, warnings):
        add_signers_institutions(agreement, people, entities)
        agreements.append(agreement_contract(agreement, article, people, warnings))
    if not agreements:
        warnings.append("No agreement or collaboration was found in the text.")
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
            agreement.signing + [s for s in agreement.sentences if s not in agreement.signing and "sign" in s.text.lower()],
            article.published_on, article.language, dateline_end=article.dateline_end,
        )
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
    return {
        "title": f"{' – '.join(names) or 'Unnamed parties'} {KIND_IN_TITLE[agreement.kind]}",
        "kind": agreement.kind,
        "status": status_of(agreement.kind),
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
        "evidence": evidence,
    }


def status_of(kind):
    """Return the status the directory gives such an agreement before any dated event: signed, or reported."""
    # The model's own rule (partnerships/life.py), so a published draft shows what the draft said.
    return status_on(Life(in_force_from=None, expires_on=None, ended_on=None), kind=kind, day=datetime.date.today())


def party_warnings(agreement):
    """Return what a curator should check about the parties: new institutions, near matches."""
    found = []
    for party in agreement.parties:
        if party.record is None:
            where = f" in {party.country}." if party.country else " (country not found in the text)."
            found.append(f"{party.name} is not in the directory: proposed as a new {party.kind or 'institution'}{where}")
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
