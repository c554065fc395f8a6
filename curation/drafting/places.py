"""Where an agreement was signed, when the text says so after the signing verb."""
import re

from curation.drafting.gazetteer import TITLE_WORDS

PLACE = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?(?P<place>[A-Z][\w’'.-]*(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z0-9][\w’'.-]*)*"
    r"(?:,\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)?)"
)


def place_of(agreement, article):
    """Return (place, quote): the place named after a signing verb, a known institution by its name and city."""
    for sentence in agreement.signing + agreement.sentences:
        text = sentence.text
        sign = re.search(r"\b(?:sign(?:ed|ing)|unterzeichne\w*)\b", text)
        if not sign:
            continue
        for match in PLACE.finditer(text, sign.end()):
            place = match.group("place").rstrip(".,")
            if re.search(rf"\b(?:{TITLE_WORDS})\b(?:\s+\S+){{0,4}}\s*$", text[max(0, match.start() - 50):match.start()]):
                # "Chief Medical Officer at Charité": where a person works, not where the signing was.
                continue
            if re.match(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", place):
                continue
            if re.search(r"(?:located|based|headquartered)\s+$", text[max(0, match.start() - 15):match.start()]):
                continue
            for party in agreement.parties:
                names = [party.name] + [other["name"] for other in party.other_names]
                if party.record and party.record.short_name:
                    names.append(party.record.short_name)
                if place in names:
                    city = party.record.city if party.record else ""
                    return (f"{party.name}, {city}" if city else party.name), text
            return place, text
    return "", None
