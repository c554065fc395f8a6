"""People named in Hangul, Chinese and Japanese characters or Arabic, found by the title beside the name.

Without capitals a name is told from other words by its title: after it in Korean and Japanese
("김영태 병원장", "藤井輝夫総長"), before it in Chinese ("院长宁光") and Arabic ("الدكتور أحمد الهاشمي").
What a person did is read from the nearest verb: Korean, Japanese and Chinese put it after the
name, Arabic and the Romance languages before it.
"""
import re
from dataclasses import dataclass

from curation.drafting.gazetteer import CITIES, country_names


def country_named(word):
    return country_names().get(word) or CITIES.get(word) or word in {"대한민국", "한국", "미국", "중국", "일본"}

KO_TITLES = (
    r"병원장|의료원장|원장|부총장|총장|이사장|대표이사|대표|장관|차관|부회장|회장|사장|교수|센터장|학장|부원장|단장|청장|"
    r"총영사|대사|최고경영자|최고운영책임자|본부장|실장|시장|도지사|위원장|처장|소장|국장|의장|이사|CEO|COO|대표원장"
)
# The institution a title may name before it: "하이오 크뢰머 샤리테 대학병원 최고경영자".
KO_ORGS = r"병원|클리닉|센터|대학교|대학|의료원|재단|대사관|연구원|연구소|그룹|협회|학회|공단|진흥원|보건부|복지부|부|청|처"
# "이준호 주카타르 대한민국 대사": 주 and the country a diplomat is posted to begin the title.
KO_POSTED = r"주[가-힣]{2,7} (?=[가-힣]* ?(?:대사|총영사|영사))"
KO_POSTED_NOT = rf"(?!{KO_POSTED})"
KO_PERSON = re.compile(
    rf"(?<![가-힣])(?P<name>[가-힣]{{1,3}} [가-힣] [가-힣]{{1,4}}|[가-힣] [가-힣]{{1,3}} [가-힣]{{1,4}}|[가-힣]{{2,4}}(?: {KO_POSTED_NOT}[가-힣]{{2,5}})?) "
    # "압둘라 알 안사리 HMC 최고경영자": the institution may be written by its Latin acronym.
    rf"(?P<title>(?:[A-Z][A-Za-z]{{1,7}} (?=[가-힣]))?(?:(?:[가-힣]+ )?[가-힣]*(?:{KO_ORGS}) (?=[가-힣]*(?:[가-힣]+ )?(?:{KO_TITLES})))?"
    rf"(?:{KO_POSTED})?(?:[가-힣]{{2,6}} (?=(?:{KO_TITLES})))?[가-힣]{{0,12}}?(?:{KO_TITLES}))(?:\s?\([A-Z]{{2,5}}\))?"
    r"(?=[은는이가과와의을를도,\s)]|께서|$)"
)
# "대사 문승현이", "차관 엥흐바야르 바트자르갈이": a title, then the name with its particle.
KO_TITLE_THEN_NAME = re.compile(
    r"(?<![가-힣])(?P<title>(?:[가-힣]+ ){0,3}?(?:대사|장관|차관|총영사|원장|총장|회장|이사장|센터장|병원장)) "
    r"(?P<name>[가-힣]{2,6}(?: [가-힣]{2,7})?)(?=[,\s.]|$)"
)
KO_NOT_NAME_WORDS = set("관계자 대표단 일행 등 의료총괄 총괄 일동 내외 부부 임직원 직무대행 당시 현 전 신임 초대 겸".split())
KO_PERSON_IN_BRACKETS = re.compile(rf"\((?P<title>{KO_TITLES}) (?P<name>[가-힣]{{2,4}})\)")
ZH_TITLES = (
    r"党委书记|书记|副院长|执行院长|院长|副校长|校长|主任|董事长|总裁|总经理|局长|部长|主席|教授|首席执行官|理事长|"
    r"大使|总领事|司长|处长|会长|秘书长|院長|校長|董事長|總裁|總經理|局長|部長|理事長|總領事|處長|會長|秘書長"
)
# Verbs that follow a title where a name would ("院长出席签约仪式"): never a name.
ZH_NOT_NAMES = "出席|签署|签约|签订|签字|簽署|簽約|簽訂|代表|致辞|致辭|表示|共同|分别|分別|一行|等人|见证|見證|参加|參加"
ZH_PERSON = re.compile(
    rf"(?P<title>{ZH_TITLES})(?!{ZH_NOT_NAMES})(?P<name>[一-鿿]{{1,6}}[·・][一-鿿·・]{{1,12}}?|[一-鿿]{{2,3}}?)"
    # What follows a name: a conjunction, a verb (代表, 出席, 表示, 签署…) or a mark.
    r"(?=[与與和、，,及等代在出表指说說分共一先签簽。；：\s（(]|$)"
)
# "瑞金医院宁光院长": the name first, after an institution or a mark, ending in no kind character.
ZH_PERSON_BEFORE = re.compile(
    rf"(?:(?<=[，、,：:\s与與和及])|(?<=[院学學司心部局团團]))(?![院学學司心部局团團])(?P<name>[一-鿿]{{1,6}}[·・][一-鿿·・]{{1,12}}?|[一-鿿]{{2,3}}?)(?<![院学學司心部局所会會团團])(?P<title>{ZH_TITLES})"
    # What follows a name: a conjunction, a verb (代表, 出席, 表示, 签署…) or a mark.
    r"(?=[与與和、，,及等代在出表指说說分共一先签簽。；：\s（(]|$)"
)
JA_TITLES = r"病院長|総長|学長|院長|理事長|社長|会長|所長|センター長|大臣|大使|公使|総領事|領事|参事官|部長|局長|教授|CEO|氏"
JA_PERSON_BEFORE = re.compile(rf"(?<![一-鿿々゠-ヿ])(?P<name>[一-鿿々]{{2,5}}?|[゠-ヿ]{{2,12}}・[゠-ヿ・]{{2,20}})(?P<title>{JA_TITLES})")
JA_PERSON_AFTER = re.compile(rf"(?P<title>{JA_TITLES})の(?P<name>[一-鿿々]{{2,5}}|[゠-ヿ]{{2,12}}・[゠-ヿ・]{{2,20}})(?:氏|さん)?")
AR_HONORIFIC = r"(?:(?:و|ب|ل)?(?:الدكتورة|الدكتور|د\.|معالي|سعادة|الشيخة|الشيخ|سمو|الأميرة|الأمير|البروفيسور|الأستاذة|الأستاذ|المهندسة|المهندس|السيدة|السيد)\s+)"
AR_TITLE_WORDS = r"(?:رئيس|رئيسة|مدير|مديرة|الرئيس|المدير|وزير|وزيرة|نائب|عضو|سفير|سفيرة|القنصل|عميد|عميدة|أمين|الأمين|مستشار)"
AR_PERSON = re.compile(
    rf"(?P<honorific>{AR_HONORIFIC}+)(?P<name>(?:(?!{AR_TITLE_WORDS}\b)[\u0621-\u064a]+\s?){{2,5}}?)"
    rf"(?=\s*(?:[،,.:\"«»()]|{AR_TITLE_WORDS}\b|$|و(?:قال|أكد|أوضح|أشار)|\bإن\b|\bأن\b))"
)
AR_TITLE = re.compile(rf"\s*،?\s*(?P<title>{AR_TITLE_WORDS}(?:\s+[\u0621-\u064a]+){{0,6}})")
# "سفير جمهورية كوريا لدى البلاد تشونغ بيونغ ها": an envoy named after the country they serve in, no honorific.
AR_ENVOY = re.compile(
    r"(?P<title>(?:سفير|سفيرة|القنصل العام|قنصل)(?:\s+[\u0621-\u064a]+){1,4}?\s+لدى\s+[\u0621-\u064a]+)\s+"
    r"(?P<name>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){1,3}?)(?=\s*(?:[،,.:()]|\s+و|$))"
)
AR_NOT_NAME = {"إن", "أن", "عن", "في", "من", "على", "مع", "الذي", "التي", "إلى", "الى"}

SIGN_ROLE = re.compile(
    r"서명|체결|조인|签署|签约|簽約|签字|簽字|簽署|签订|簽訂|署名|調印|締結|"
    r"(?<![\u0621-\u064a])(?:و|ف)?(?:وق[ّ]?ع(?:ت|ا|ها|هما)?|التوقيع|يوقع)(?![\u0621-\u064a])"
)
ATTEND_ROLE = re.compile(
    r"참석|배석|입회|임석|참관|자리를 함께|자리했|出席|见证|見證|見証|立ち会|立会|臨席|同席|莅临|"
    r"(?<![\u0621-\u064a])(?:و?بحضور|حضر(?:ه|ها|ت)?|و?برعاية|تحت رعاية|بمشاركة)(?![\u0621-\u064a])"
)
SPEAK_ROLE = re.compile(
    r"말했다|밝혔다|강조했다|전했다|설명했다|덧붙였다|소감|표했다|表示|说|說|指出|强调|強調|介绍|致辞|述べ|語った|話した|"
    r"と話す|コメント|(?<![\u0621-\u064a])(?:و)?(?:قال|أكد|أوضح|أشار|صرح|لفت|اعتبر|أضاف)(?:ت)?(?![\u0621-\u064a])"
)
# The heads of both parties, left unnamed in the signing sentence: "두 기관장은 협약서에 서명했다".
BOTH_HEADS = re.compile(r"(?:양|두) 기관장|양측 대표|양 기관 대표|双方负责人|双方代表|両者の代表|الطرفين|الجانبين")
POST_VERB = {"ko", "ja", "zh"}


@dataclass
class NativeMention:
    start: int
    end: int
    name: str
    title: str


def native_people_in(text, language):
    """Return the NativeMention of every titled person in a sentence written in Hangul, Han or Arabic."""
    found = []
    if re.search(r"[가-힣]", text):
        for match in korean_person_matches(text):
            found.append(NativeMention(match.start("name"), match.end("name"), match.group("name"), match.group("title")))
    if re.search(r"[가-힣]", text):
        for match in KO_TITLE_THEN_NAME.finditer(text):
            words = match.group("name").split()
            if len(words) == 2 and re.search(r"(?:이|가|은|는|과|와|의|께서|을|를|도)$", words[0]):
                # "문승현이 참석해": the particle ends the name.
                words = words[:1]
            last = re.sub(r"(?:이|가|은|는|과|와|의|께서|을|를|도)$", "", words[-1])
            if last == words[-1] and len(words) == 1 and not re.search(r"[,.]|$", text[match.end():match.end() + 1] or "."):
                continue
            words[-1] = last
            name = " ".join(words)
            if len(last) < 2 or any(word in KO_NOT_NAME_WORDS for word in words) or any(
                    m.start <= match.start("name") < m.end for m in found):
                continue
            # "협약식에는 주우즈베키스탄 대한민국 대사": the title starts after the word with a particle.
            title = re.split(r"\S+(?:에는|에서|은|는|을|를)\s", match.group("title"))[-1]
            found.append(NativeMention(match.start("name"), match.start("name") + len(name), name, title))
        # "서울성모병원(병원장 이화성)": the head named in brackets after the institution.
        for match in KO_PERSON_IN_BRACKETS.finditer(text):
            found.append(NativeMention(match.start("name"), match.end("name"), match.group("name"), match.group("title")))
    if re.search(r"[一-鿿]", text) and not re.search(r"[가-힣]", text):
        if language == "ja" or re.search(r"[぀-ゟ]", text):
            for pattern in (JA_PERSON_BEFORE, JA_PERSON_AFTER):
                for match in pattern.finditer(text):
                    if re.search(r"代表|取締|役$|担当|部長|次長|課長|常務|専務|執行", match.group("name")):
                        # "代表取締役社長": a title written before the title.
                        continue
                    found.append(NativeMention(match.start("name"), match.end("name"), match.group("name"), match.group("title")))
        else:
            for pattern in (ZH_PERSON, ZH_PERSON_BEFORE):
                for match in pattern.finditer(text):
                    if not any(m.start <= match.start("name") < m.end for m in found):
                        found.append(NativeMention(match.start("name"), match.end("name"), match.group("name"), match.group("title")))
    if re.search(r"[\u0621-\u064a]", text):
        for match in AR_PERSON.finditer(text):
            words = match.group("name").split()
            while words and words[-1] in AR_NOT_NAME:
                # "وأشار الدكتور السبكي إلى أن": the preposition ends the name.
                words.pop()
            name = " ".join(words)
            if len(name.split()) < 2 or name.split()[0] in AR_NOT_NAME:
                continue
            title = AR_TITLE.match(text, match.end("name"))
            found.append(NativeMention(match.start("name"), match.start("name") + len(name), name,
                                       title.group("title") if title else ""))
        for match in AR_ENVOY.finditer(text):
            if not any(m.start <= match.start("name") < m.end for m in found):
                found.append(NativeMention(match.start("name"), match.end("name"), match.group("name"), match.group("title")))
    return sorted(found, key=lambda mention: mention.start)


def korean_person_matches(text):
    """Yield KO_PERSON matches; a "name" ending in a particle is no name, and the search goes on from its next word."""
    position = 0
    while match := KO_PERSON.search(text, position):
        if is_korean_name(match.group("name")):
            yield match
            position = match.end()
        else:
            # "메이요클리닉 지안리코 파루지아 최고경영자": the name starts at a later word.
            position = text.find(" ", match.start()) + 1 or len(text)


def is_korean_name(name):
    """Say whether words before a title are a person's name: no particle, institution, country or common word in them."""
    words = name.split()
    return not (
        re.search(r"(?:에는|에서|께서는|은|는|을|를|에|이|가|의|과|와)$", words[0]) and len(words) > 1
        or re.search(r"(?:에는|에서|께서는|은|는|을|를|에)$", words[-1])
        or re.match(r"(?:이날|이번|양측|양|두|각|전|현|당시|신임|초대)$", words[0])
        or any(word in KO_NOT_NAME_WORDS or country_named(word)
               or re.search(rf"(?:{KO_ORGS}|기관|관계자|의료원|클리닉)$", word) for word in words)
    )


def native_roles(text, mention, language):
    """Return the roles ("signed", "attended", "spoke") the sentence gives the person at the mention."""
    roles = []
    cues = sorted(
        [(m.start(), "signed") for m in SIGN_ROLE.finditer(text)] + [(m.start(), "attended") for m in ATTEND_ROLE.finditer(text)]
    )
    after = [role for position, role in cues if position >= mention.end]
    before = [role for position, role in cues if position < mention.start]
    if language in POST_VERB or re.search(r"[가-힣぀-ヿ]", text) or (re.search(r"[一-鿿]", text) and not re.search(r"[\u0621-\u064a]", text)):
        role = after[0] if after else (before[-1] if before else None)
        attended_and = re.match(r"(?:참석|배석)(?:해|하여|하고|한 뒤|한 후)", text[next((p for p, r in cues if p >= mention.end), 0):])
        if role == "attended" and "signed" in after and attended_and:
            # "참석해 협약서에 서명했다": they attended and signed; "참석한 가운데" is watching.
            role = "signed"
    else:
        role = before[-1] if before else (after[0] if after else None)
        last_attend = max((p for p, r in cues if r == "attended" and p < mention.start), default=None)
        if role == "attended" and "signed" in before and re.search(r"[،,]\s*(?:كل[ٌّ]* من|و)", text[last_attend:mention.start]):
            # "ووقّع المذكرة، برعاية سمو الأميرة …، كلٌّ من …": the patron's clause ends at its comma.
            role = "signed"
    if role:
        roles.append(role)
    quoted = re.search(r"[\"“”「」‘’']", text)
    # Korean "…했다고 밝혔다" is the institution announcing; a person speaks in quotes.
    if SPEAK_ROLE.search(text) and (quoted or (speaks_near(text, mention) and not re.search(r"[가-힣]", text))):
        roles.append("spoke")
    return roles


def speaks_near(text, mention):
    return any(-40 <= m.start() - mention.end <= 80 or 0 <= mention.start - m.end() <= 12 for m in SPEAK_ROLE.finditer(text))
