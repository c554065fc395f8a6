"""How many agreements an article reports, of which kind, and which institutions are their parties."""
import re
from dataclasses import dataclass, field

from curation.drafting.dates import mentions
from curation.drafting.directory import canonical
from curation.drafting.documents import document_kind, is_planned, is_signing
from curation.drafting.people import ATTENDANCE, BIOGRAPHY

RENEWAL = re.compile(
    r"\b(?:renew\w*|extend(?:ed|s)? (?:the|their|its) (?:MoU|memorandum|agreement|partnership|collaboration)|"
    r"verlänger\w*|erneuer\w*|renov(?:ó|aron|ou|aram|ado|ada|ación|ação)|renouvel\w*|prorrog\w*|prórroga)\b|"
    r"갱신|연장|재협약|재체결|续签|續簽|延长|延長|更新|تجديد|جدد|تمديد|مدد",
    re.I,
)
# The end of an agreement: it lapsed, was ended or will not be renewed; it is that agreement, never a renewal.
ENDED = re.compile(
    r"\b(?:lapsed|has expired|had expired|expired|terminated|was ended|were ended|has ended|ended|cancel(?:l)?ed|rescinded|revoked|"
    r"withdr(?:ew|awn) from|pulled out of|(?:will|would|is to) not be renewed|not be renewed|will not renew|did not renew|"
    r"was not renewed|let (?:the|its|their) \w+ lapse|ausgelaufen|gekündigt|beendet|vencid[oa]|expiró|caducó|rescindi\w+|"
    r"termin(?:ó|ou)|résili\w+|a expiré|a pris fin|encerrad[oa]|expirou)\b|"
    r"종료(?:됐|되었|했|하였|된)|해지|만료(?:됐|되었|된)|파기|终止|終止|已到期|失效|解除|期限切れ|終了した|انتهت|إنهاء|ألغت|ألغى|فسخ",
    re.I,
)
EXPIRES = re.compile(
    r"\b(?:expires|will expire|is due to expire|runs until|valid until|remains? in force until|vence (?:el|en)|expire le|expira em)\b|"
    r"만료될|만료 예정|有效期至|到期日为|有効期限は|تنتهي|ينتهي",
    re.I,
)
NOT_RENEWED = re.compile(r"\b(?:not (?:be )?renew\w*|no renewal|without renew\w*|won't be renewed|declined to renew)\b", re.I)


def ending_in(text):
    """Return ("ended" or "expires", the words that date it, where the signing's part ends) of a sentence, or None.

    English and the Romance languages date the end after its verb ("expired on 28 February");
    Japanese, Korean and Chinese before it (2月28日をもって終了した): then the nearest date
    before the verb is the end's, and the signing's part of the sentence stops before that date.
    """
    for kind, pattern in (("ended", ENDED), ("expires", EXPIRES)):
        match = pattern.search(text)
        if not match:
            continue
        after = text[match.end():]
        if not mentions(after):
            before = [mention for mention in mentions(text[:match.start()]) if match.start() - mention.end <= 30]
            if before:
                return kind, text[before[-1].start:match.start()], before[-1].start
        return kind, after, match.end()
    return None


# An agreement told as the background of the news: signed before, not now.
BACKGROUND = re.compile(
    r"\b(?:had signed|had been signed|had inked|previously signed|first signed|originally signed|signed earlier|"
    r"earlier signed|already signed|previously concluded|"
    r"back in|existing (?:MoU|agreement|memorandum)|earlier (?:MoU|agreement|memorandum)|builds? on|building on|"
    r"ya habían firmado|habían firmado|previamente firmad[oa]|firmad[oa] (?:en|el) (?:19|20)\d\d|"
    r"avaient signé|déjà signé|signée? en (?:19|20)\d\d|já (?:tinham|haviam) assinado|(?:tinham|haviam) assinado|"
    r"assinad[oa] em (?:19|20)\d\d|"
    # German tells what was signed before in the pluperfect: "hatten … eine Absichtserklärung unterzeichnet".
    r"hatten?\b[^.]{0,120}\b(?:unterzeichnet|unterschrieben|geschlossen|abgeschlossen))\b|"
    r"(?:지난|앞서|이미|기존|과거)\s?(?:(?:19|20)\d\d년[^.]{0,20})?(?:체결한|맺은|맺어|체결된)|(?:체결한|맺은|서명한) 바 있|"
    r"지난 (?:19|20)\d\d년[^.]{0,80}(?:체결|맺)|(?:19|20)\d\d년(?:에)? (?:이미 )?(?:체결한|맺은|체결된)|"
    r"此前(?:已)?签署|曾于|曾經|曾经|早在|先前签署|已于(?:19|20)\d\d年|(?:19|20)\d\d年(?:签署|签订)的|以前に締結|既に締結|"
    r"(?:19|20)\d\d年に締結した|سبق (?:أن|وأن)|كانت? قد (?:وقع|وقّع)|الموقعة (?:في|عام) (?:19|20)\d\d",
    re.I,
)
COLLABORATION = re.compile(
    r"\b(?:partner(?:s|ed|ing)? with|working with|work with|works with|worked with|collaborat\w* with|helping to develop with|"
    r"develop\w* with|teamed up with|joined forces with|cooperat\w* with|in partnership with|partner to|"
    r"helping \w+ develop|working together with|arbeite\w* mit|kooperier\w* mit)\b",
    re.I,
)
PARTNERSHIP_BETWEEN = re.compile(r"\b(?:partnership|agreement|collaboration|cooperation|MoU) (?:between|with)\b", re.I)
COUNT = re.compile(
    r"\b(two|three|four|five|2|3|4|5|zwei|drei)\s+(?:separate\s+|new\s+)?(?:memoranda|MoUs|MOUs|agreements|"
    r"letters of intent|Absichtserklärungen|Vereinbarungen|Verträge|contracts)\b|"
    r"\b(dos|tres|cuatro|deux|trois|quatre|dois|duas|três)\s+(?:nuevos\s+|nouveaux\s+|novos\s+)?(?:convenios|acuerdos|memorandos|"
    r"accords|conventions|protocoles|acordos|convênios|memorandos)\b|"
    r"(두|세|네|2|3|4)\s?건의|(两|兩|三|四|2|3|4)(?:份|项|項|个|個)[^，。]{0,8}(?:协议|協議|备忘录|備忘錄|合同)|"
    r"(?<![\u0621-\u064a])[وبل]?(اتفاقيتين|اتفاقيتي|مذكرتي|مذكرتا|اتفاقيتا)(?![\u0621-\u064a])|(?<![\u0621-\u064a])(ثلاث) (?:مذكرات|اتفاقيات)",
    re.I,
)
PLURAL = re.compile(r"\bsigned (?:separate |new )?(?:memoranda|MoUs|MOUs|agreements|letters of intent)\b", re.I)
NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "zwei": 2, "drei": 3, "dos": 2, "tres": 3, "cuatro": 4,
    "deux": 2, "trois": 3, "quatre": 4, "dois": 2, "duas": 2, "três": 3, "두": 2, "세": 3, "네": 4,
    "两": 2, "兩": 2, "三": 3, "四": 4, "اتفاقيتين": 2, "اتفاقيتي": 2, "مذكرتي": 2, "مذكرتا": 2, "اتفاقيتا": 2, "ثلاث": 3,
}
ANOTHER = re.compile(
    r"\b(?:another|a second|a separate|separately|also signed|in a separate|a further|the second|"
    r"eine weitere|außerdem|asimismo|por otra parte|otro convenio|otro acuerdo|également|par ailleurs|un autre accord|"
    r"além disso|outro acordo)\b|별도로|또 다른|이와 별도|같은 날|같은날|이어 열린|이어서|另外|此外|另一份|另签|同日|同天|随后|隨後|同じ日|同日には|وفي سياق (?:آخر|متصل)|كما وقع|كما وقّع|كما تم توقيع",
    re.I,
)
# Where a bystander begins: those named after these words watched, hosted or own; they did not sign.
BYSTANDER = re.compile(
    ATTENDANCE.pattern + r"|\bon the sidelines of\b|\bduring\b|\bheld at\b|\bhosted by\b|\borgani[sz]ed by\b|"
    r"\bat the\b|\bowned by\b|\boperated by\b|\brun by\b|\bpart of\b|\bsubsidiary of\b|\bbelongs? to\b|"
    r"(?-i:(?<=\s)at (?=[A-Z]))|\bmember of\b|\bunder the (?:umbrella|auspices) of\b|\bsupported by\b|\bfunded by\b|\bwhich is\b|\bwhich belongs\b|"
    r"\ben presencia de\b|\bcon la presencia de\b|\bante la presencia de\b|\ben présence de\b|\bna presença de\b|\bcom a presença de\b|"
    r"\ben la sede de\b|\bpresidid[oa] por\b|\bpresidée? par\b|\bpresidid[oa] pel[oa]\b|\bau siège de\b|\bna sede d[oa]\b|"
    r"(?-i:(?<=\s)(?:no|na|en el|en la|au|à la|à l['’]|dans les locaux d[eu]|nel|nella) (?=[A-ZÀ-Ý]))|"
    r"\bsponsored by\b|\bunder the (?:patronage|sponsorship) of\b|\bpatronage of\b|\bbajo los auspicios de\b|\bsous l['’]égide de\b|\bsous le patronage de\b|\bpatrocinad[oa] por\b|\borganizad[oa] por\b|"
    r"بحضور|وبحضور|برعاية|تحت رعاية|وتحت رعاية|بمشاركة|在[^，。]{0,30}见证下|見証|出席",
    re.I,
)
# In Korean and Japanese the watching comes after the names: "X 장관이 참석한 가운데", "X大臣の立ち会いのもと".
BYSTANDER_AFTER = re.compile(
    r"(?:이|가|께서|등이|등)?\s?(?:참석(?:한|하여|해|했|하였|한 가운데)|배석|입회|임석|지켜보는|참관|축사)|"
    r"(?:の)?(?:立ち会い|立会い|立会|臨席|出席|同席|来賓)|(?:等)?(?:出席|见证|見證|参加了?签约仪式|莅临|致辞)"
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
    watched = [m.start() for m in BYSTANDER_AFTER.finditer(text)]
    found = []
    mentions = entities.mentions_in(sentence)
    # A unit named with its parent ("the Faculty of Medicine of X") is part of the parent, the party.
    units = {other for _s, _e, other in mentions if other.owner_keys and other.record is None and UNIT_OF.match(other.name)}
    for number, (start, end, entity) in enumerate(mentions):
        offset = start - sentence.start
        if watched and watches(text, end - sentence.start, [m[0] - sentence.start for m in mentions[number + 1:]], watched):
            continue
        if entity in units:
            continue
        if re.match(r"에서|で(?:[^き]|$)", text[end - sentence.start:end - sentence.start + 2]) and \
                sum(1 for _s, _e, other in mentions if other is entity) == 1:
            # "울란바토르 국립암센터에서", "東京大学で": the venue of the signing.
            continue
        if entity.key in excluded or any(
            entity.key in other.owner_keys for _s, _e, other in mentions if other not in units
        ):
            continue
        bystander_from = max((c for c in cut if c < offset), default=None)
        if bystander_from is not None and not ON_BEHALF.search(text[bystander_from:offset]):
            # A party named again as the venue ("at SNUH") stays a party through its other mentions.
            continue
        if entity not in found:
            found.append(entity)
    return found


# A unit named with its parent: "the Faculty of Medicine of X", "the Southern Region of X".
UNIT_OF = re.compile(
    r"^(?:the\s+)?(?:(?:Northern|Southern|Eastern|Western|Central|North|South|East|West)\s+(?:Region|Division|Branch)|"
    r"Region|Faculty|School|Department|Division|Committee|Graduate School|Institute|Cent(?:er|re)|Unit|Office|"
    r"Laborator(?:y|ies)|Branch|Campus|Facultad|Faculté|Faculdade|Departamento|Département)\b.*?\b(?:of|de|da|do|du|des|del)\s+(?:the\s+|la\s+|l['’])?(?P<parent>.+)$"
)


# German names a unit's parent in the genitive: "Spitaldirektion des Universitätsspitals Zürich".
GERMAN_UNIT_OF = re.compile(r"^(?:[A-ZÄÖÜ][\w-]*\s+){0,2}?[A-ZÄÖÜ][\w-]*\s+(?:des|der)\s+(?P<parent>[A-ZÄÖÜ].+)$")


def drop_units(agreement, warnings):
    """Take out of the parties a unit named with a parent that is itself a party: it is part of that party."""
    for party in list(agreement.parties):
        match = UNIT_OF.match(party.name) or GERMAN_UNIT_OF.match(party.name)
        if not match or party.record is not None:
            continue
        parent = canonical(match.group("parent"))
        # "des Universitätsspitals Zürich" is the Universitätsspital Zürich: the genitive's s aside.
        genitive = " ".join(re.sub(r"e?s$", "", word) for word in parent.split())
        owner = next((other for other in agreement.parties if other is not party and (
            canonical(other.name) in {parent, genitive} or parent.startswith(canonical(other.name))
            or other.key in party.owner_keys)), None)
        if owner:
            agreement.parties.remove(party)
            warnings.append(f"{party.name} is a unit of {owner.name}: recorded as part of that party, not as a party of its own.")


def renews(text):
    """Say whether a sentence reports a renewal: not one refused, nor the end of the agreement."""
    return bool(RENEWAL.search(text)) and not NOT_RENEWED.search(text) and not ENDED.search(text)


def watches(text, end, later_mentions, watched):
    """Say whether a name ending at `end` is of those a Korean or Japanese clause says watched.

    The clause runs from the name to its attendance word, with no signing and no other party's
    name between, save those listed with it ("A 장관, B 대사 등이 참석한 가운데").
    """
    after = [position for position in watched if position >= end]
    if not after:
        return False
    between = text[end:after[0]]
    return len(between) <= 60 and not SIGN_WORD.search(between) and not re.search(r"[은는]\s|[.。]", between)


SIGN_WORD = re.compile(r"체결|서명|签署|签订|签约|締結|調印|署名")


def find_agreements(article, entities, warnings):
    """Return the agreements the article reports: signed documents first, else collaborations."""
    excluded = excluded_entities(article, entities)
    prose = [s for s in article.sentences if reads_as_prose(s.text) and not is_headline(s, article)]
    # A headline says what the lead says in title case: it starts no agreement of its own.
    language = article.language

    def signing(text):
        return is_signing(text, language)

    def reports(text):
        # A signing, or the end of an agreement ("its 2019 MoU with X lapsed in January").
        return signing(text) or bool(ENDED.search(text) and document_kind(text, language) and not is_planned(text))

    starters = [s for s in prose if reports(s.text)] or [s for s in article.sentences if reports(s.text)]
    for sentence in article.sentences:
        if is_planned(sentence.text) and document_kind(sentence.text, language):
            warnings.append(f"A signing only planned or awaiting approval is not drafted: \"{sentence.text}\"")
    # `counted`: the agreements a sentence counted ("signed two agreements"), in their order.
    agreements, group, counted = [], [], []
    for sentence in article.sentences:
        text = sentence.text
        if BIOGRAPHY.search(text) and not signing(text):
            continue
        if sentence in starters or (agreements and signing(text)):
            # An agreement that ended was signed years before: its signing is told in earlier years.
            told_before = agreements and not any(ending_in(s.text) for a in agreements for s in a.signing) \
                and only_earlier_years(text, article.published_on)
            if is_background(text) or told_before:
                warnings.append(f"An earlier agreement is mentioned as background and is not drafted: \"{text}\"")
                continue
            parties = parties_in(sentence, entities, article, excluded)
            kind = "renewal" if renews(text) else document_kind(text, language)
            others = [p for p in parties if not any(p in a.parties for a in agreements)]
            # Agreements still waiting for their partners: none named yet, or only the subject of
            # "X signed two agreements with Korean partners".
            unnamed = [a for a in agreements if not a.parties or (a in counted and len(a.parties) < 2)]
            if unnamed and others and not COUNT.search(text):
                # "Two memoranda were signed on Sunday. A signed an MoU with B. In a separate agreement, C ...",
                # "The first, an MoU with B, … The second, a letter of intent with C, …": each later
                # signing names the partner of one of the agreements counted.
                chosen = counted_by_ordinal(sentence, counted, unnamed) or unnamed[0]
                chosen.take_signing(sentence, kind, parties)
                group = counted if chosen in counted else [chosen]
                continue
            pair = None if COUNT.search(text) or renews(text) else document_pair(text)
            # "A与B签署…；C与D签署…": a signing between institutions no agreement has yet is another one.
            new_pair = len(parties) >= 2 and len(others) == len(parties)
            if not agreements or new_pair or (ANOTHER.search(text) and others) or COUNT.search(text) or (
                PLURAL.search(text) and len(parties) >= 3
            ) or (pair and others):
                if pair:
                    # "signed an MoU and a research agreement": two documents between the same parties.
                    group = [made for kind in pair for made in split_by_count(text, kind, parties, sentence)]
                else:
                    group = split_by_count(text, kind, parties, sentence)
                if COUNT.search(text) and agreements and not any(a.parties for a in agreements[-len(group):]):
                    agreements = agreements[:-len(group)]
                if COUNT.search(text):
                    counted = group
                agreements.extend(group)
                continue
            group = own_agreement(parties, agreements, group)
            for agreement in addressed(sentence, group, entities):
                agreement.take_signing(sentence, kind, parties)
        elif group:
            for agreement in addressed(sentence, group, entities):
                if PARTNERSHIP_BETWEEN.search(text) and not ANOTHER.search(text):
                    for party in parties_in(sentence, entities, article, excluded):
                        agreement.add_party(party, sentence)
                agreement.sentences.append(sentence)
    agreements = [a for a in agreements if a.signing]
    if len(agreements) == 1 and len(agreements[0].parties) < 2:
        add_lead_parties(agreements[0], article, entities, excluded)
    for agreement in agreements:
        drop_units(agreement, warnings)
    if agreements:
        # What comes before the first signing (a lead, a headline) belongs to the first agreements.
        first_index = min(a.signing[0].index for a in agreements)
        before = [s for s in article.sentences if s.index < first_index]
        for agreement in agreements:
            if agreement.signing[0].index == first_index:
                agreement.sentences = before + agreement.sentences
        return agreements
    return find_collaborations(article, entities, excluded)


def add_lead_parties(agreement, article, entities, excluded):
    """Give the one agreement whose signing names fewer than two parties those the text names before it.

    "Die Medizinische Universität Wien und das Universitätsspital Zürich wollen … zusammenarbeiten.
    Rektor Müller und Monika Jänicke … unterzeichneten": the signing names only people; "삼성서울병원,
    카타르 하마드 메디컬 코퍼레이션과 … MOU" above "… 본부에서 양해각서를 체결했다": only the venue.
    The lead's prose is read first, then a headline that names the document.
    """
    first_signing = agreement.signing[0].index
    before = article.sentences[:first_signing]
    prose = [s for s in before if reads_as_prose(s.text) and not is_headline(s, article)]
    headlines = [s for s in before if is_headline(s, article) and document_kind(s.text, article.language)]
    for sentence in prose + headlines:
        others = [party for party in parties_in(sentence, entities, article, excluded) if party not in agreement.parties]
        if not others or len(agreement.parties) + len(others) < 2:
            continue
        for party in others:
            agreement.add_party(party, sentence)
        agreement.sentences.insert(0, sentence)
        return


# "The first … the second …", "El primero … El segundo …", "第一份 … 第二份 …".
ORDINALS = [
    {"first", "primero", "primer", "primera", "premier", "première", "primeiro", "primeira", "primo", "첫", "첫째", "第一"},
    {"second", "segundo", "segunda", "second", "seconde", "deuxième", "secondo", "두번째", "둘째", "第二"},
    {"third", "tercero", "tercer", "tercera", "troisième", "terceiro", "terceira", "terzo", "세번째", "셋째", "第三"},
    {"fourth", "cuarto", "cuarta", "quatrième", "quarto", "quarta", "네번째", "第四"},
]
ORDINAL = re.compile(
    r"(?i)\b(" + "|".join(sorted((w for words in ORDINALS for w in words if not re.match("[가-힣一-鿿]", w)), key=len, reverse=True))
    + r")\b|(첫째|첫|두번째|둘째|세번째|셋째|네번째|第一|第二|第三|第四)"
)


def ordinal_in(text):
    """Return the place an ordinal of the text says ("the second" is 1), or None."""
    ordinal = ORDINAL.search(text)
    if not ordinal:
        return None
    return next(number for number, words in enumerate(ORDINALS) if (ordinal.group(1) or ordinal.group(2)).lower() in words)


def counted_by_ordinal(sentence, counted, unnamed):
    """The agreement counted before that a sentence calls "the first" or "the second", if it still waits for its partner."""
    index = ordinal_in(sentence.text)
    return counted[index] if index is not None and index < len(counted) and counted[index] in unnamed else None


def own_agreement(parties, agreements, group):
    """The group a further signing belongs to: the agreement of an earlier group sharing the most of its parties, if one does.

    "A与B签署…；C与D签署… A's president and B's dean signed…": the paragraph is about the first
    agreement, not the last one told.
    """
    shared = {id(a): len(set(parties) & set(a.parties)) for a in agreements}
    if not parties or any(shared[id(a)] for a in group):
        return group
    best = max(agreements, key=lambda a: shared[id(a)], default=None)
    return [best] if best is not None and shared[id(best)] else group


def addressed(sentence, group, entities):
    """Return the agreements of the group a sentence is about: the one whose own partner it names, else all."""
    if len(group) < 2:
        return group
    named = set(entities.in_sentence(sentence))
    own = [a for a in group if named & (set(a.parties) - set.intersection(*(set(b.parties) for b in group)))]
    if own:
        return own
    index = ordinal_in(sentence.text)
    if index is not None and index < len(group) and document_kind(sentence.text, entities.article.language):
        return [group[index]]
    return group


YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def only_earlier_years(text, published_on):
    """Say whether a further signing sentence dates itself two years or more before publication: told as background."""
    years = [int(year) for year in YEAR.findall(text)]
    return bool(published_on and years) and max(years) <= published_on.year - 2


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
    closed = re.search(r"[.!?。！？؟][\"”“’)」]?$", sentence.text.strip())
    # A text without a headline takes its first sentence as the title: that one is the news.
    return (sentence.text.strip() == article.title.strip() and not closed) or (
        sentence.index == 0 and not closed
    )


def reads_as_prose(text):
    words = re.findall(r"[A-Za-zÀ-ɏ][\w'-]*", text)
    # A clause that a semicolon ends ("A与B签署…；C与D签署…") is prose too: headlines have none.
    if re.search(r"[.!?。！？؟；][\"”“’)」]?$", text.strip()):
        return True
    if not words and re.search(r"[가-힣一-鿿\u0621-\u064a]", text):
        # Scripts without capitals: a line without its closing mark is a headline.
        return False
    return bool(words) and sum(word[0].isupper() for word in words) / len(words) < 0.6


# "an MoU and a research agreement", "a memorandum of understanding and a letter of intent": each
# document with its own article, joined by "and", right after a signing verb.
DOCUMENT_WORD = (
    r"(?:memorandum of (?:understanding|cooperation)|MoU|MOU|MoC|memorandum|letter of intent|LoI|LOI|"
    r"(?:[a-z]+\s+){0,3}agreement|contract)"
)
DOCUMENT_PAIR = re.compile(
    rf"\b(?:signed|signs|inked|concluded|exchanged)\s+(?:an?|the)\s+(?P<first>{DOCUMENT_WORD})\s+"
    rf"(?:and|as well as)\s+(?:an?|the)\s+(?P<second>{DOCUMENT_WORD})\b",
)


def document_pair(text):
    """Return the kinds of two documents one signing names ("an MoU and a research agreement"), or None."""
    match = DOCUMENT_PAIR.search(text)
    if not match:
        return None
    kinds = [document_kind(match.group(name)) for name in ("first", "second")]
    return kinds if all(kinds) else None


def split_by_count(text, kind, parties, sentence):
    """Return one agreement, or one per partner when the sentence counts them ("signed two MoUs with A and B")."""
    count = COUNT.search(text)
    written = next(group for group in count.groups() if group) if count else None
    number = (NUMBERS.get(written.lower()) or int(written)) if count else 1
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
    excluded = set(entities.describing_units)
    publisher = canonical(article.publisher or "")
    for entity in entities:
        if publisher and canonical(entity.name) == publisher:
            excluded.add(entity.key)
        if all(BIOGRAPHY.search(article.sentences[index].text) for index, _s, _e in entity.mentions):
            excluded.add(entity.key)
    return excluded
