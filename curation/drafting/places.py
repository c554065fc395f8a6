"""Where an agreement was signed: a venue named with 'at', or a city right after the signing."""
import re

from curation.drafting.gazetteer import CITIES, DEMONYMS, TITLE_WORDS, country_names

NAME = r"[A-Z][\w’'.-]*(?:\s+(?:of\s+|the\s+|de\s+|for\s+)?[A-Z0-9][\w’'.-]*)*"
# "at the Abu Dhabi National Exhibition Centre", "at the EHS headquarters in Dubai", "at SNUH".
VENUE = re.compile(
    rf"(?-i:\bat\s+(?:the\s+)?(?P<venue>{NAME}(?:\s+(?:headquarters|campus|offices?|building|hall|hotel))?"
    rf"(?:\s+in\s+{NAME})?))"
)
# "at a ceremony in Tokyo", "at the hospital in Seoul", "signed in Dubai", "in Heidelberg ... unterzeichnet".
CITY = re.compile(rf"\b(?:in|im)\s+(?P<city>{NAME})")
SIGNED = re.compile(r"\b(?:sign(?:ed|ing)|signatures|unterzeichne\w*|ceremony|took place|held)\b", re.I)


def place_of(agreement, article):
    """Return (place, quote): the venue of the signing, a party by its name and city, or a city; else ''."""
    if agreement.kind == "collaboration":
        return "", None
    for sentence in agreement.signing + agreement.sentences:
        text = sentence.text
        if not SIGNED.search(text):
            continue
        for match in VENUE.finditer(text):
            if works_at(text, match.start()) or match.group("venue").split()[0] in DEMONYMS:
                # "at the Mongolian hospital in Ulaanbaatar": the city says more.
                continue
            return named_place(match.group("venue").rstrip(".,"), agreement), text
    for sentence in agreement.signing:
        signed = SIGNED.search(sentence.text)
        # Only after the verb: "the Samsung Comprehensive Cancer Center in Seoul have signed" names its city.
        verb_last = signed and not re.search(r"\w", sentence.text[signed.end():])
        # ... unless the verb closes the sentence, as in German ("in Heidelberg ... unterzeichnet").
        for match in CITY.finditer(sentence.text, 0 if verb_last else signed.start() if signed else len(sentence.text)):
            city = match.group("city").rstrip(".,")
            if city in CITIES:
                return city, sentence.text
    return "", None


def works_at(text, position):
    """Say whether 'at X' says where a person works ("Chief Medical Officer at Charité"), not where they signed."""
    return bool(re.search(rf"\b(?:{TITLE_WORDS})\b(?:\s+\S+){{0,5}}\s*$", text[max(0, position - 60):position]))


def named_place(place, agreement):
    """Return a venue that is a party's name or acronym as that party's name and city."""
    if place in country_names():
        return place
    for party in agreement.parties:
        names = [party.name] + [other["name"] for other in party.other_names]
        if party.record and party.record.short_name:
            names.append(party.record.short_name)
        if place in names:
            city = party.record.city if party.record else ""
            return f"{party.name}, {city}" if city else party.name
    return place
