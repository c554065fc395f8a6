"""The people an article names, with the title they held and what they did: signed, attended, spoke, led."""
import re
from dataclasses import dataclass, field

from curation.drafting.gazetteer import (
    CITIES, DEMONYMS, HONORIFICS, TITLE_HONORIFICS, TITLE_WORDS, country_names, kind_of_name,
)
from curation.drafting.native_people import BOTH_HEADS, SIGN_ROLE, SPEAK_ROLE, native_people_in, native_roles
from curation.drafting.text import Sentence

# A word of a name: "Sang-doh", "AlSerkal", "E." or "M" as an initial, "CHA" written in capitals.
# Never a word of a name: a title ("Ambassador") or a people ("Korean") standing before it.
NOT_A_NAME_WORD = (
    rf"(?!(?:{TITLE_HONORIFICS}|High|Senior|Acting|Deputy|Vice|Services|Sector|Department|Office|Affairs|"
    rf"Program|Programme|Division|Unit|Clinical|International|Health|Medical|National|Research)\b)"
)
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ", "a-zß-öø-ÿā-ž’'"
NAME_WORD = NOT_A_NAME_WORD + (
    rf"(?:[{UPPER}][{LOWER}]+(?:-[A-Za-z][{LOWER}]+)*|[{UPPER}][{LOWER}]*[{UPPER}][{LOWER}]+|[{UPPER}]\.|"
    rf"[{UPPER}](?=\s[{UPPER}][{LOWER}])|[{UPPER}]{{2,}}(?=,?\s[{UPPER}]))"
)
PARTICLE = r"(?:al|Al|el|El|bin|bint|ibn|von|van|de|der|da|dos|di|du|le|La|Le|Al-|al-)"
GLUED_NATIVE = r"(?:[가-힣]{2,4}|[一-鿿぀-ヿ]{2,6})?"
NAME = rf"(?:[A-Z]{{2,}},\s)?{NAME_WORD}(?:[^\S\n](?:{PARTICLE}[^\S\n-]?)?{NAME_WORD}){{1,3}}"
HONORIFIC = rf"(?:(?:{HONORIFICS})\s+)"
ANY_HONORIFIC = rf"(?:(?:{HONORIFICS}|{TITLE_HONORIFICS})\s+)"
DEGREES = r"(?:,\s*(?:MD|M\.D\.|PhD|Ph\.D\.|MBA|MPH|DrPH|FRCS|FACS|FRCP|RN|DDS|MSc|MS|DO|FACC|JD))*"
# "Vice Minister of Health Tran Van Thuan": a whole title before the name.
TITLE_IN_FRONT = rf"(?:{TITLE_HONORIFICS})\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*?\s+{HONORIFIC}*"
PERSON = re.compile(
    # Atomic: a run of honorifics is never given back word by word ("Dr. Dr. Dr. ..." in hostile text).
    rf"(?P<honorific>(?>{TITLE_IN_FRONT}|{ANY_HONORIFIC}++))?(?P<name>{NAME}){GLUED_NATIVE}(?P<aside>\s*\([^()]{{1,30}}\))?{DEGREES}"
)
TITLE_AFTER = re.compile(rf"^\s*,\s*(?:the\s+)?(?P<title>(?:(?:{TITLE_WORDS})\b|[Vv]ice\b|[Hh]ead\b)[^,;:\"“”()]*)", re.I)
TITLE_BEFORE = re.compile(rf"(?P<title>\b(?:{TITLE_WORDS})(?:\s+(?:of|for|at)\s+[\w\s’'-]+?)?)\s+$")

SIGNING = re.compile(
    r"\bsigned by\b|\bsigned\b[^;]{0,90}?\bby\b|\b(?:signée?s?|firmad[oa]s?|suscrit[oa]s?|assinad[oa]s?|rubricad[oa]s?)\b[^;]{0,90}?\b(?:par|por|pel[oa])\b|\bexchanged (?:between|by)\b|\bsigned between\b|\bsignatories\b|\bsignatures?\b|\bsigned on behalf\b|\bsigned for\b|\bafter signing\b|\bunterzeichnet von\b|"
    r"\bunterschrieben von\b|\binked by\b|\bsigned the\b|\bsigned an?\b|\bsign(?:ed)? (?:the|an?) (?:MoU|memorandum|agreement|letter)|"
    r"\bunterzeichneten\b|\bunterzeichnete\b|\bunterzeichnet\b|\bsigned it\b|"
    # Spanish, French, Portuguese, Italian.
    r"\b(?:suscrit[oa]s?|firmad[oa]s?|rubricad[oa]s?|signée?s?|assinad[oa]s?|sottoscritt[oa]) (?:por|par|pelo|pela|por parte de|da|dal|dalla)\b|"
    r"\b(?:firmaron|firmó|suscribieron|suscribió|rubricaron|signèrent|ont signé|a signé|assinaram|assinou|firmano|hanno firmato)\b",
    re.I,
)
GERMAN_ATTENDED = r"\bnahm(?:en)? an der (?:Unterzeichnung|Zeremonie|Feierstunde) teil\b|\bwaren? bei der Unterzeichnung (?:anwesend|zugegen|dabei)\b"
ATTENDANCE = re.compile(
    r"\bin the presence of\b|\battended by\b|\bwith the attendance of\b|\bwitnessed by\b|\bin attendance\b|"
    r"\battended the\b|\bwere present\b|\bwas present\b|\bim Beisein (?:von|des|der)\b|\bin Anwesenheit (?:von|des|der)\b|"
    r"\bgraced by\b|\bpresided over by\b|\bwitnessed the\b|\battendance of\b|"
    r"\ben presencia (?:de|del)\b|\bcon la presencia (?:de|del)\b|\bante la presencia\b|\ben présence (?:de|du|des)\b|"
    r"\bna presença (?:de|do|da)\b|\bcom a presença (?:de|do|da)\b|\basistieron\b|\bestuvieron presentes\b|\bont assisté\b|"
    r"\bassistiram\b|\bestiveram presentes\b|\bin presenza (?:di|del)\b|"
    # German puts the verb after the name: "Senatorin X nahm an der Unterzeichnung teil".
    rf"{GERMAN_ATTENDED}",
    re.I,
)
SPEECH = re.compile(
    r"\b(?:said|says|explained|emphasi[sz]ed|highlighted|noted|stated|added|commented|expressed|stressed|"
    r"remarked|underlined|underscored|affirmed|according to|told|sagte|erklärte|betonte|so|según|selon|segundo|dijo|afirmó|señaló|destacó|declaró|explicó|aseguró|indicó|subrayó|agregó|añadió|manifestó|a déclaré|a souligné|a expliqué|a indiqué|a affirmé|a ajouté|déclare|souligne|disse|afirmou|destacou|declarou|explicou|ressaltou|acrescentou|ha detto|ha dichiarato)\b",
    re.I,
)
LED = re.compile(r"\b(?:identified the opportunity|led by|spearheaded|initiated|coordinated by|leads the)\b", re.I)
BIOGRAPHY = re.compile(r"\b(?:previously|formerly|former|was an? |graduated|earlier in (?:his|her) career|prior to)\b", re.I)
NOT_NAMES = {
    "The", "This", "That", "Both", "Under", "According", "Upon", "In", "On", "At", "As", "Prof", "Dr", "Mr",
}
WEEKDAYS_AND_MONTHS = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b"
)


@dataclass
class Person:
    """A person the article names, with every part they had and the sentence that says so."""

    name: str
    title: str = ""
    institution: str = ""
    # {role: evidence}, in the order the roles were found.
    roles: dict = field(default_factory=dict)
    sentences: set = field(default_factory=set)


def find_people(article, entities):
    """Return the people of the article, each with the roles the text gives them."""
    people = {}
    for sentence in article.sentences:
        for match in person_matches(sentence.text):
            name = clean_name(match.group("name"))
            if not is_person_name(name, match.group("honorific"), sentence.text, match.end(), entities, sentence):
                continue
            person = people.setdefault(key_of(name, people), Person(name=name))
            person.sentences.add(sentence.index)
            if not person.title:
                person.title = title_of(sentence.text, match)
                person.institution = institution_in(person.title, sentence, entities, article)
            behalf = ON_BEHALF_OF.match(sentence.text, match.end() + len(title_of(sentence.text, match)) + 2)
            if behalf:
                # "Ambassador of India to the UAE, ... on behalf of the Ministry of Health": the ministry's signer.
                named = entity_at(sentence, sentence.start + behalf.end(), entities)
                if named:
                    person.institution = named.slug or named.name
            for role, evidence in roles_of(sentence, match):
                person.roles.setdefault(role, evidence)
        add_native_people(sentence, article, entities, people)
        add_surname_mentions(sentence, people)
        if signer_line(sentence) and sentence.index > 0 and re.search(r"[\"”]", article.sentences[sentence.index - 1].text):
            # A name and title alone under a quotation: the one quoted.
            for person in people.values():
                if person.name in sentence.text:
                    person.roles.setdefault("spoke", sentence.text)
    for person in people.values():
        if "signed" in person.roles and "attended" in person.roles:
            # A signer is at the ceremony: those who only attended are the others.
            del person.roles["attended"]
    return [person for person in people.values() if person.roles]


def add_native_people(sentence, article, entities, people):
    """Add the people the sentence names in Hangul, Han or Arabic, with their titles and roles."""
    text = sentence.text
    for mention in native_people_in(text, article.language):
        if any(entity.name == mention.name or mention.name in entity.name for entity in entities):
            continue
        person = people.setdefault(key_of(mention.name, people), Person(name=mention.name))
        person.sentences.add(sentence.index)
        if not person.title:
            person.title = mention.title
            person.institution = native_institution(sentence, mention, entities)
        for role in native_roles(text, mention, article.language):
            person.roles.setdefault(role, text)
    if re.search(r"[가-힣一-鿿\u0621-\u064a]", text):
        for person in people.values():
            # Named again without the title: "宁光表示", "وقال الهاشمي".
            if not person.name.isascii() and person.name in text and sentence.index not in person.sentences \
                    and SPEAK_ROLE.search(text):
                person.roles.setdefault("spoke", text)
                person.sentences.add(sentence.index)
        if BOTH_HEADS.search(text) and SIGN_ROLE.search(text):
            # "두 기관장은 협약서에 서명했다": the heads named just before signed.
            for person in people.values():
                near = person.sentences & {sentence.index, sentence.index - 1}
                if near and person.institution and not re.search(HEADS_WHO_WATCH, person.title):
                    person.roles.setdefault("signed", text)
                    person.sentences.add(sentence.index)


# Titles of those who witness a signing for a government, never sign for a party.
HEADS_WHO_WATCH = r"대사|장관|차관|총영사|大使|部长|部長|大臣|وزير|سفير"


def native_institution(sentence, mention, entities):
    """Return the slug or name of the institution written beside a native-script name and its title."""
    title_at = sentence.text.find(mention.title, max(0, mention.start - len(mention.title) - 2)) if mention.title else -1
    nearest = None
    for start, end, entity in entities.mentions_in(sentence):
        start, end = start - sentence.start, end - sentence.start
        if title_at >= 0 and title_at <= start and end <= title_at + len(mention.title):
            return entity.slug or entity.name
        if 0 <= mention.start - end <= 16 + len(mention.title):
            nearest = entity
    return (nearest.slug or nearest.name) if nearest else ""


def person_matches(text):
    """Yield the PERSON matches of the text, a people word in front ("Korean Ambassador ...") skipped."""
    position = 0
    while match := PERSON.search(text, position):
        first = match.group("name").split()[0]
        if not match.group("honorific") and first in DEMONYMS:
            # Match again from the next word, where a title may stand.
            position = match.start("name") + len(first)
            continue
        title = list(re.finditer(rf"\b(?:{TITLE_WORDS})\b", match.group("name")))
        if title and not match.group("honorific"):
            # "Chief Executive Officer Rashid Khalani", "Dean Marschall Runge": the title, then the name.
            position = match.start("name") + title[-1].end()
            continue
        yield match
        position = match.end()


def clean_name(name):
    # "CHA, Soon Do" is written surname first in capitals: kept as the article writes it.
    return name.strip().rstrip(",")


def key_of(name, people):
    """Return the key of the person this name is: the same name, or a full name it is the surname of."""
    folded = name.lower()
    for key, person in people.items():
        if key == folded or person.name.lower().endswith(" " + folded):
            return key
        if not folded.isascii() and len(folded) >= 2 and " " not in folded and (key.startswith(folded) or key.endswith(" " + folded)):
            # "田中病院長", "宁光", "الهاشمي": the family name of someone named in full before.
            return key
    return folded


def is_person_name(name, honorific, text, end, entities, sentence):
    words = name.replace(",", "").split()
    if words[0] in NOT_NAMES or WEEKDAYS_AND_MONTHS.match(name) or kind_of_name(name):
        return False
    if name in country_names() or name in CITIES or any(word in DEMONYMS for word in words[:1]):
        return False
    # A city's name is also a family name (Matsumoto, Pereira, Minato): only a country's tells a company.
    if any(word in country_names() for word in words):
        # "Siemens Healthineers India": a company's name, not a person's.
        return False
    if any(entity.name == name or name in entity.name for entity in entities):
        return False
    if re.search(rf"\b(?:{TITLE_WORDS})\b", name):
        return False
    if honorific:
        return True
    # Without a Dr. or an H.E., a name is a person's when a title or a verb of speech follows or precedes it.
    after = text[end:end + 40]
    before = text[max(0, text.find(name) - 25):text.find(name)]
    return bool(
        TITLE_AFTER.match(text[end:]) or re.match(rf"\s*,?\s*(?:said|says|added|explained|noted|{ROMANCE_SPEECH})\b", after)
        or re.search(rf"(?:said|says|by|{ROMANCE_SPEECH}|por|par|pelo|pela)\s+$", before)
        # "Principal Secretary Mary Muthoni", "state health minister Damodar Raja Narasimha",
        # "Union Health Minister, Jagat Prakash Nadda": a title right before the name.
        or TITLE_RIGHT_BEFORE.search(before)
        # "el director general de la Clínica Universidad de Navarra, José Andrés Gómez": the title, a comma, the name.
        or TITLE_PHRASE_BEFORE.search(text[max(0, end - len(name) - 100):end - len(name)])
    )


TITLE_PHRASE_BEFORE = re.compile(rf"\b(?P<title>(?:{TITLE_WORDS})\b[^,;.()]{{0,80}}),\s*$")
ROMANCE_SPEECH = "dijo|afirmó|señaló|destacó|declaró|explicó|aseguró|indicó|subrayó|agregó|añadió|manifestó|a déclaré|a souligné|a expliqué|a indiqué|a affirmé|a ajouté|déclare|souligne|disse|afirmou|destacou|declarou|explicou|ressaltou|acrescentou|ha detto|ha dichiarato"
TITLE_RIGHT_BEFORE = re.compile(rf"\b(?:{TITLE_WORDS}|Dean|Secretary|minister|director|dean|secretary),?\s+$")


def title_of(text, match):
    """Return the title written after the name ("CEO of Asan Medical Center"), or before it."""
    after = TITLE_AFTER.match(text[match.end():])
    if after:
        title = after.group("title")
        # Up to where the next person's name or the rest of the sentence begins.
        title = re.split(
            rf"\s+and\s+(?={HONORIFIC}|{NAME},)|\s+(?:said|says|pose[sd]?|signed|with the|explained|emphasi[sz]ed|"
            rf"highlighted|noted|stated|added|commented|expressed|stressed|remarked|who|which)\b",
            title,
        )[0]
        return title.strip(" ,.")
    if match.group("honorific") and re.match(TITLE_HONORIFICS, match.group("honorific").strip()):
        # "Korean Ambassador Choi Young-sam", "Karnataka Health Minister Dinesh Gundu Rao": the
        # capitalised words in front belong to the title.
        before = re.search(r"(?:(?<=[a-z,] )|^)((?:[A-Z][\w&-]+ ){1,5})$", text[:match.start()])
        prefix = before.group(1) if before and not re.search(HONORIFICS, before.group(1)) else ""
        # "Chairman Dr.": the title without the doctor.
        title = re.sub(rf"(?:\s+(?:{HONORIFICS}))+$", "", match.group("honorific").strip())
        return prefix + title
    before = TITLE_BEFORE.search(text[:match.start()]) or TITLE_BEFORE.search(text[:match.start()].rstrip(", ") + " ")
    if not before:
        phrase = TITLE_PHRASE_BEFORE.search(text[max(0, match.start() - 100):match.start()])
        return phrase.group("title").strip() if phrase else ""
    # "India's Union Health Minister, ...", "state health minister ...", "NIMS director ...": the
    # words of the title that stand before its title word, back to a possessive or a lower-case word.
    words = []
    for word in reversed(text[:before.start()].split(" ")[-4:-1] if text[:before.start()].endswith(" ") else []):
        if not re.fullmatch(r"[A-Za-z][\w&-]*", word) or word.lower() in TITLE_STOPS:
            break
        words.insert(0, word)
    title = " ".join(words + [before.group("title").strip()])
    return title[0].upper() + title[1:] if title else ""


# Words that end the run of words before a title: "in the presence of India's Union Health Minister".
TITLE_STOPS = {"the", "of", "in", "by", "and", "with", "presence", "while", "signed", "for", "a", "an", "to", "at"}
ON_BEHALF_OF = re.compile(r"[^.;]{0,60}?\bon behalf of\s+(?:the\s+)?")


def entity_at(sentence, position, entities):
    """Return the institution whose mention starts at the position, or None."""
    for start, _end, entity in entities.mentions_in(sentence):
        if abs(start - position) <= 1:
            return entity
    return None


def institution_in(title, sentence, entities, article):
    """Return the slug (or, for a new one, the name) of the institution a title names."""
    if not title:
        return ""
    position = article.text.find(title, sentence.start)
    for start, end, entity in entities.mentions_in(sentence):
        if position >= 0 and position <= start and end <= position + len(title):
            return entity.slug or entity.name
    return ""


def roles_of(sentence, match):
    """Return (role, evidence) pairs for the person at `match` in the sentence."""
    text = sentence.text
    roles = []
    before = text[:match.start()]
    after = text[match.end():]
    attendance = list(ATTENDANCE.finditer(text))
    signing = list(SIGNING.finditer(text))
    last_attendance = max((m.end() for m in attendance if m.end() <= match.start()), default=-1)
    last_signing = max((m.end() for m in signing if m.end() <= match.start()), default=-1)
    if BIOGRAPHY.search(text) and not signing:
        return roles
    if attendance and last_attendance > last_signing:
        roles.append(("attended", text))
    elif signing and (last_signing > last_attendance or signs_as_subject(after)):
        roles.append(("signed", text))
    elif attendance and re.match(rf".{{0,200}}?(?:\battended\b|{GERMAN_ATTENDED})", after):
        roles.append(("attended", text))
    if LED.search(text) and (re.match(r"[^.]{0,120}\bidentified\b", after) or re.search(r"(?:led|coordinated) by\s+$", before[-60:] + " ")):
        roles.append(("led", text))
    if speaks(text, match, before, after):
        roles.append(("spoke", text))
    return roles


def signs_as_subject(after):
    """Say whether the person is among those who sign: "A and B signed the MoU", "pose ... after signing"."""
    # One sentence: its full stops are those of "Dr." and "Prof.", so only the length is bounded.
    return bool(re.match(r"[^;]{0,200}?\b(?:signed|put their signatures|sign(?:ing)? the|unterzeichne\w*|after signing)\b", after))


def speaks(text, match, before, after):
    if re.match(r"[^\"“”]{0,120}?\b(?:said|says|explained|emphasi[sz]ed|highlighted|noted|stated|added|commented|expressed|stressed|remarked|underlined|underscored|affirmed|sagte|erklärte|betonte|dijo|afirmó|señaló|destacó|declaró|explicó|aseguró|indicó|subrayó|agregó|añadió|manifestó|a déclaré|a souligné|a expliqué|a indiqué|a affirmé|a ajouté|déclare|souligne|disse|afirmou|destacou|declarou|explicou|ressaltou|acrescentou|ha detto|ha dichiarato)\b", after) \
            :
        return True
    if re.search(r"(?:said|says|according to|sagte|erklärte|betonte|so|según|selon|segundo|dijo|afirmó|señaló|destacó|declaró|explicó|aseguró|indicó|subrayó|agregó|añadió|manifestó|a déclaré|a souligné|a expliqué|a indiqué|a affirmé|a ajouté|déclare|souligne|disse|afirmou|destacou|declarou|explicou|ressaltou|acrescentou|ha detto|ha dichiarato)\s+(?:{h})?$".format(h=HONORIFIC + "*"), before):
        return True
    # "said Apollo Hospitals Chairman Dr. Prathap C. Reddy": a title between the verb and the name.
    if re.search(r"\b(?:said|says|sagte|erklärte|betonte|dijo|afirmó|señaló|destacó|declaró|explicó|aseguró|indicó|subrayó|agregó|añadió|manifestó|a déclaré|a souligné|a expliqué|a indiqué|a affirmé|a ajouté|déclare|souligne|disse|afirmou|destacou|declarou|explicou|ressaltou|acrescentou|ha detto|ha dichiarato)\s+(?:el |la |le |o |a )?(?:[A-Z][\w&.-]*\s+){1,6}$", before):
        return True
    if re.search(r"[\"“”«»]", text) and re.search(r"\b(?:said|says|explained|sagte|dijo|afirmó|señaló|destacó|declaró|explicó|aseguró|indicó|subrayó|agregó|añadió|manifestó|a déclaré|a souligné|a expliqué|a indiqué|a affirmé|a ajouté|déclare|souligne|disse|afirmou|destacou|declarou|explicou|ressaltou|acrescentou|ha detto|ha dichiarato)\b", text):
        quote_ends = [m.end() for m in re.finditer(r"[\"”]", before)]
        return bool(quote_ends) and len(before) - quote_ends[-1] < 15
    return False


def add_surname_mentions(sentence, people):
    """Count "Burch said" as the speech of Miguel Burch, named in full before."""
    for person in list(people.values()):
        words = person.name.replace(",", "").split()
        # "Han Seung-beom" and "CHA, Soon Do" write the family name first.
        surname = words[0] if "-" in words[-1] or words[0].isupper() else words[-1]
        if len(surname) < 3:
            continue
        if re.search(rf"\b{re.escape(surname)}\s+(?:said|says|added|explained|noted|emphasi[sz]ed|{ROMANCE_SPEECH})\b|"
                     rf"\b(?:said|{ROMANCE_SPEECH})\s+(?:el |la |le |o |a )?{HONORIFIC}*{re.escape(surname)}\b", sentence.text):
            person.roles.setdefault("spoke", sentence.text)
            person.sentences.add(sentence.index)
        # "was signed by President Reyes and …": the title and family name of a signer named in full before.
        titled = re.search(rf"\b(?:{TITLE_WORDS}|{HONORIFICS})\.?\s+{re.escape(surname)}\b(?![^\S\n]+[A-Z]|-)", sentence.text)
        if titled and sentence.index not in person.sentences and SIGNING.search(sentence.text[:titled.start()]):
            person.sentences.add(sentence.index)


def signer_line(sentence: Sentence):
    """Say whether a sentence is only a name and title under a quotation ("Prof. Ulrich Keilholz, Director of the CCCC")."""
    return len(sentence.text) < 120 and not re.search(r"[.!?]$", sentence.text) and "," in sentence.text
