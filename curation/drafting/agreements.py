"""How many agreements an article reports, of which kind, and which institutions are their parties."""
import re
from dataclasses import dataclass, field

from curation.drafting.directory import canonical
from curation.drafting.documents import document_kind, is_signing
from curation.drafting.people import ATTENDANCE, BIOGRAPHY

RENEWAL = re.compile(
    r"\b(?:renew\w*|extend(?:ed|s)? (?:the|their|its) (?:MoU|memorandum|agreement|partnership|collaboration)|"
    r"verlänger\w*|erneuer\w*)\b",
    re.I,
)
# An agreement told as the background of the news: signed before, not now.
BACKGROUND = re.compile(
    r"\b(?:had signed|had been signed|had inked|previously signed|first signed|originally signed|signed earlier|"
    r"earlier signed|already signed|previously concluded|"
    r"back in|existing (?:MoU|agreement|memorandum)|earlier (?:MoU|agreement|memorandum)|builds? on|building on)\b",
    re.I,
)
COLLABORATION = re.compile(
    r"\b(?:partner(?:s|ed|ing)? with|working with|work with|works with|collaborat\w* with|helping to develop with|"
    r"develop\w* with|teamed up with|joined forces with|cooperat\w* with|in partnership with|partner to|"
    r"helping \w+ develop|working together with|arbeite\w* mit|kooperier\w* mit)\b",
    re.I,
)
PARTNERSHIP_BETWEEN = re.compile(r"\b(?:partnership|agreement|collaboration|cooperation|MoU) (?:between|with)\b", re.I)
COUNT = re.compile(
    r"\b(two|three|four|five|2|3|4|5|zwei|drei)\s+(?:separate\s+|new\s+)?(?:memoranda|MoUs|MOUs|agreements|"
    r"letters of intent|Absichtserklärungen|Vereinbarungen|Verträge|contracts)\b",
    re.I,
)
PLURAL = re.compile(r"\bsigned (?:separate |new )?(?:memoranda|MoUs|MOUs|agreements|letters of intent)\b", re.I)
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "zwei": 2, "drei": 3}
ANOTHER = re.compile(
    r"\b(?:another|a second|a separate|separately|also signed|in a separate|a further|the second|"
    r"eine weitere|außerdem)\b",
    re.I,
)
# Where a bystander begins: those named after these words watched, hosted or own; they did not sign.
BYSTANDER = re.compile(
    ATTENDANCE.pattern + r"|\bon the sidelines of\b|\bduring\b|\bheld at\b|\bhosted by\b|\borgani[sz]ed by\b|"
    r"\bat the\b|\bowned by\b|\boperated by\b|\brun by\b|\bpart of\b|\bsubsidiary of\b|\bbelongs? to\b|"
    r"(?-i:(?<=\s)at (?=[A-Z]))|\bmember of\b|\bunder the (?:umbrella|auspices) of\b|\bsupported by\b|\bfunded by\b|\bwhich is\b|\bwhich belongs\b",
    re.I,
)
ON_BEHALF = re.compile(r"\bon behalf of\b|\bfor (?:the )?(?=[A-Z])|\bim Namen (?:des|der)\b|\bfür (?:das|die|den)\b")


@dataclass
class DraftAgreement:
    """An agreement being drafted: its kind, parties and the sentences that report it."""

    kind: str
    parties: list = field(default_factory=list)
    # The sentences that report the signing (or the collaboration) itself.
    signing: list = field(default_factory=list)
    # Every sentence read for its people and areas.
    sentences: list = field(default_factory=list)
    party_evidence: dict = field(default_factory=dict)

    def take_signing(self, sentence, kind, parties):
        """Add a further sentence reporting this signing: its parties, and a more precise kind."""
        if kind == "renewal":
            self.kind = "renewal"
        elif self.kind == "agreement" and kind in {"mou", "letter_of_intent", "framework"}:
            self.kind = kind
        for party in parties:
            self.add_party(party, sentence)
        self.signing.append(sentence)
        self.sentences.append(sentence)

    def add_party(self, entity, sentence):
        if entity not in self.parties:
            self.parties.append(entity)
            self.party_evidence[entity.key] = sentence.text


def parties_in(sentence, entities, article, excluded):
    """Return the entities the sentence names as doing something, not those watching, hosting or owning."""
    text = sentence.text
    cut = [m.start() for m in BYSTANDER.finditer(text)]
    found = []
    for start, _end, entity in entities.mentions_in(sentence):
        offset = start - sentence.start
        if entity.key in excluded or any(entity.key in other.owner_keys for _s, _e, other in entities.mentions_in(sentence)):
            continue
        bystander_from = max((c for c in cut if c < offset), default=None)
        if bystander_from is not None and not ON_BEHALF.search(text[bystander_from:offset]):
            # A party named again as the venue ("at SNUH") stays a party through its other mentions.
            continue
        if entity not in found:
            found.append(entity)
    return found


def find_agreements(article, entities, warnings):
    """Return the agreements the article reports: signed documents first, else collaborations."""
    excluded = excluded_entities(article, entities)
    prose = [s for s in article.sentences if reads_as_prose(s.text) and not is_headline(s, article)]
    # A headline says what the lead says in title case: it starts no agreement of its own.
    starters = [s for s in prose if is_signing(s.text)] or [s for s in article.sentences if is_signing(s.text)]
    agreements, group = [], []
    for sentence in article.sentences:
        text = sentence.text
        if BIOGRAPHY.search(text) and not is_signing(text):
            continue
        if sentence in starters or (agreements and is_signing(text)):
            if is_background(text):
                warnings.append(f"An earlier agreement is mentioned as background and is not drafted: \"{text}\"")
                continue
            parties = parties_in(sentence, entities, article, excluded)
            kind = "renewal" if RENEWAL.search(text) else document_kind(text)
            others = [p for p in parties if not any(p in a.parties for a in agreements)]
            if not agreements or (ANOTHER.search(text) and others) or COUNT.search(text) or (
                PLURAL.search(text) and len(parties) >= 3
            ):
                group = split_by_count(text, kind, parties, sentence)
                if COUNT.search(text) and agreements and not any(a.parties for a in agreements[-len(group):]):
                    agreements = agreements[:-len(group)]
                agreements.extend(group)
                continue
            for agreement in addressed(sentence, group, entities):
                agreement.take_signing(sentence, kind, parties)
        elif group:
            for agreement in addressed(sentence, group, entities):
                if PARTNERSHIP_BETWEEN.search(text) and not ANOTHER.search(text):
                    for party in parties_in(sentence, entities, article, excluded):
                        agreement.add_party(party, sentence)
                agreement.sentences.append(sentence)
    agreements = [a for a in agreements if a.signing]
    if agreements:
        # What comes before the first signing (a lead, a headline) belongs to the first agreements.
        first_index = min(a.signing[0].index for a in agreements)
        before = [s for s in article.sentences if s.index < first_index]
        for agreement in agreements:
            if agreement.signing[0].index == first_index:
                agreement.sentences = before + agreement.sentences
        return agreements
    return find_collaborations(article, entities, excluded)


def addressed(sentence, group, entities):
    """Return the agreements of the group a sentence is about: the one whose own partner it names, else all."""
    if len(group) < 2:
        return group
    named = set(entities.in_sentence(sentence))
    own = [a for a in group if named & (set(a.parties) - set.intersection(*(set(b.parties) for b in group)))]
    if own:
        return own
    ordinal = re.search(r"\b(first|second|third|fourth)\b", sentence.text, re.I)
    if ordinal and document_kind(sentence.text):
        index = ["first", "second", "third", "fourth"].index(ordinal.group(1).lower())
        if index < len(group):
            return [group[index]]
    return group


def is_background(text):
    """Say whether a signing is told as what happened before ("had signed in 2018"), not as the news."""
    match = BACKGROUND.search(text)
    if not match or RENEWAL.search(text):
        return False
    # "said on Wednesday that they had signed": reported speech, the news itself.
    reported = re.search(r"\b(?:said|says|announced|stated|confirmed)\b[^.]{0,60}\bthat\b", text[:match.start()])
    return not (reported and match.group(0).lower().startswith("had"))


def is_headline(sentence, article):
    """Say whether a sentence is the headline: the title, or a first line without a closing mark."""
    closed = re.search(r"[.!?][\"”“’)]?$", sentence.text.strip())
    # A text without a headline takes its first sentence as the title: that one is the news.
    return (sentence.text.strip() == article.title.strip() and not closed) or (
        sentence.index == 0 and not re.search(r"[.!?][\"”“’)]?$", sentence.text.strip())
    )


def reads_as_prose(text):
    words = re.findall(r"[A-Za-zÀ-ɏ][\w'-]*", text)
    if re.search(r"[.!?][\"”“’)]?$", text.strip()):
        return True
    return bool(words) and sum(word[0].isupper() for word in words) / len(words) < 0.6


def split_by_count(text, kind, parties, sentence):
    """Return one agreement, or one per partner when the sentence counts them ("signed two MoUs with A and B")."""
    count = COUNT.search(text)
    number = (NUMBERS.get(count.group(1).lower()) or int(count.group(1))) if count else 1
    if not count and PLURAL.search(text) and len(parties) >= 3:
        # "signed MoUs with A and B": one with each.
        number = len(parties) - 1
    if number > 1 and len(parties) == number + 1:
        subject, partners = parties[0], parties[1:]
        groups = [[subject, partner] for partner in partners]
    else:
        groups = [parties] * number
    made = []
    for group in groups:
        agreement = DraftAgreement(kind=kind or "agreement", signing=[sentence], sentences=[sentence])
        for party in group:
            agreement.add_party(party, sentence)
        made.append(agreement)
    return made


def find_collaborations(article, entities, excluded):
    """Return the collaborations a text describes without a signed document, one per partner."""
    home = home_entity(article, entities, excluded)
    found = {}
    for sentence in article.sentences:
        if not COLLABORATION.search(sentence.text) or BIOGRAPHY.search(sentence.text):
            continue
        parties = parties_in(sentence, entities, article, excluded)
        if home and home not in parties and re.search(r"\b(?:we|our|us)\b", sentence.text, re.I):
            parties = [home] + parties
        if len(parties) < 2:
            continue
        key = tuple(sorted(party.key for party in parties))
        if key not in found:
            agreement = DraftAgreement(kind="collaboration", signing=[sentence], sentences=[sentence])
            for party in parties:
                agreement.add_party(party, sentence)
            found[key] = agreement
    return list(found.values())


def home_entity(article, entities, excluded):
    """Return the institution the article speaks for ("we", "our"): the one it names most, outside biographies."""
    counts = {}
    for entity in entities:
        if entity.key in excluded:
            continue
        counts[entity] = sum(
            1 for index, _s, _e in entity.mentions if not BIOGRAPHY.search(article.sentences[index].text)
        )
    return max(counts, key=counts.get) if counts else None


def excluded_entities(article, entities):
    """Return the keys of institutions that are never parties: the publisher, and those only in biographies."""
    excluded = set()
    publisher = canonical(article.publisher or "")
    for entity in entities:
        if publisher and canonical(entity.name) == publisher:
            excluded.add(entity.key)
        if all(BIOGRAPHY.search(article.sentences[index].text) for index, _s, _e in entity.mentions):
            excluded.add(entity.key)
    return excluded
