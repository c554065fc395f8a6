"""The words that name a signed document and its signing, in each language the engine reads, and the kind of agreement they make."""
import re

# Arabic letters, for boundaries: an Arabic word may carry the prefixes و (and), ب, ل and ال.
AR = "\u0621-\u064a"
AR_START = rf"(?<![{AR}])(?:[وف]?[بل]?(?:ال)?)"
AR_END = rf"(?:ها|هما|ه)?(?![{AR}])"

# Checked in order: "letter of intent" before "agreement", a framework agreement before any agreement.
# Words in scripts without spaces (Han, Kana, Hangul) match inside a run: 업무협약을, 签署合作协议.
DOCUMENTS = {
    "letter_of_intent": [
        r"\bletters? of intent\b|\bLoIs?\b|\bLOIs?\b|Absichtserklärung\w*|\bDeclaration of Intent\b",
        r"의향서|意向书|意向協議|意向書|基本合意書",
        rf"{AR_START}(?:خطاب|رسالة|إعلان|خطابات) (?:ال)?نوايا",
    ],
    "framework": [
        r"\bframework (?:cooperation |collaboration |partnership )?agreements?\b|"
        r"\b(?:academic|scientific|strategic|comprehensive|educational) (?:cooperation|collaboration|exchange|partnership) agreements?\b|"
        r"Rahmen(?:vertrag|verträge|vereinbarung\w*)|Kooperationsrahmen\w*",
        r"框架(?:合作)?协议|框架協議|包括(?:的)?連携協定|包括協定|基本協定|포괄적? ?(?:업무)?협약|기본협약|기본 협약|"
        r"(?:학술|교육|전략적|포괄적) ?(?:교류 ?)?(?:협력 ?)?협약|(?:战略|全面|学术|學術|戰略)(?:合作)?(?:框架)?协议|(?:戰略|全面)(?:合作)?協議|"
        r"学術交流協定|大学間協定|部局間協定|(?:医学)?教育合作协议|教育合作協議|学术交流协议|學術交流協議",
        rf"{AR_START}(?:اتفاقية|اتفاقيات|اتفاق) (?:ال)?إطار(?:ية)?{AR_END}",
    ],
    # A memorandum of cooperation (Japan's MoC) is a memorandum of understanding by another name;
    # so is the Korean 업무협약, which the press writes "업무협약(MOU)".
    "mou": [
        r"memorand(?:um|a) of (?:understanding|cooperation)|\bMoUs?\b|\bMOUs?\b|\bMoCs?\b|\bMemorand(?:um|a)\b",
        r"양해각서|업무협약|업무 협약|협력각서|备忘录|備忘錄|覚書|了解覚書",
        rf"{AR_START}(?:مذكرة|مذكرتي|مذكرتا|مذكرات) (?:ال)?تفاهم|{AR_START}(?:مذكرة|مذكرتي|مذكرتا|مذكرات){AR_END}",
    ],
    "agreement": [
        r"\bagreements?\b|\bcontracts?\b|\bMoAs?\b|\bpacts?\b|\b(?:cooperation|collaboration) protocols?\b|"
        r"\bprotocols? (?:of|on) (?:cooperation|collaboration)\b|Vereinbarung\w*|Vertrag\b|Verträge|Kooperationsvertrag",
        r"협약|협정|계약|协议|協議|协定|合同|签约|簽約|協定|契約|合意書|提携",
        # Egypt's and the Levant's "بروتوكول تعاون", a cooperation protocol.
        rf"{AR_START}(?:اتفاقية|اتفاقيات|اتفاق|اتفاقيتي|اتفاقيتا|عقد|عقود){AR_END}|{AR_START}(?:بروتوكول|بروتوكولات|بروتوكولي){AR_END}",
    ],
}
# The words of the Romance languages, read only in texts of those languages: "convention" and
# "accord" are other things in English.
ROMANCE_DOCUMENTS = {
    "letter_of_intent": [
        r"\bcartas? de intenci[oó]n(?:es)?\b|\bprotocolos? de intenci(?:ones|ón)\b|\bdeclaraci[oó]n de intenci(?:ones|ón)\b|"
        r"\blettres? d['’]intention\b|\bdéclaration d['’]intention\b|\bcartas? de intenç(?:ão|ões)\b|\bprotocolos? de intenç(?:ões|ão)\b|"
        r"\blettera d['’]intenti\b",
    ],
    "framework": [
        r"\b(?:convenio|convenios|acuerdo|acuerdos|acordo|acordos|convênio|accord|convention|accordo)[- ](?:marco|cadre|quadro)\b|"
        r"\b(?:acuerdo|convenio|acordo|convênio|accord|convention)s? de (?:cooperación|colaboración|cooperação|colaboração|coopération) "
        r"(?:científica|académica|educativa|científica|acadêmica|académica|educacional|scientifique|académique|universitaire)\b",
    ],
    "mou": [
        r"\bmemor[aá]nd(?:um|o)s? de entendimi?ento\b|\bmemorandos? de entendimento\b|\bprotocoles? d['’](?:accord|entente)\b|"
        r"\bmémorandums? d['’](?:entente|accord)\b|\bprotocolo de entendimiento\b|\bmemorandum d['’]intesa\b|\bprotocollo d['’]intesa\b",
    ],
    "agreement": [
        r"\bconvenios?\b|\bconvênios?\b|\bacuerdos?\b|\bacordos?\b|\bconventions?\b|\baccords?\b|\bcontrat(?:o|os|s)?\b|"
        r"\btermos? de cooperação\b|\baccordi?o?\b|\bprotocol(?:o|os|e|es) de (?:cooperación|colaboración|cooperação|colaboração|coopération|collaboration)\b",
    ],
}
ROMANCE = {"es", "fr", "pt", "it"}
KINDS = ["letter_of_intent", "framework", "mou", "agreement"]


def compiled(words):
    return [(re.compile("|".join(words[kind]), re.I), kind) for kind in KINDS]


DOCUMENT_PATTERNS = compiled(DOCUMENTS)
WITH_ROMANCE_PATTERNS = compiled({kind: DOCUMENTS[kind] + ROMANCE_DOCUMENTS[kind] for kind in KINDS})

SIGN = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|inked|inks|sealed|formali[sz]ed|concluded|entered into|put (?:their|his|her) signatures?|"
    r"renew(?:ed|s)?|exchanged|unterzeichne\w*|unterschrieben|geschlossen|schlossen)\b|"
    # Spanish, French, Portuguese, Italian.
    r"\b(?:firm(?:a|an|ó|aron|ado|ada|ados|adas|ar|aram|ou|arono|ato)|suscrib(?:e|en|ió|ieron|ir)|suscrit[oa]s?|"
    r"rubric(?:a|an|ó|aron|ado)|celebr(?:ó|aron|ou|aram)|renov(?:ó|aron|ou|aram|ado|ada)|"
    r"sign(?:é|ée|és|ées|ent|er|ature|ataires)|a signé|ont signé|paraph(?:é|ée|ent)|conclu(?:t|ent|e|es)?|renouvel\w+|"
    r"assin(?:a|am|ou|aram|ado|ada|ados|atura|aturas)|sottoscritt[oa]|sottoscri(?:ve|vono))\b|"
    # Korean, Chinese, Japanese: the verb inside its run of characters.
    r"체결|서명|맺었|맺고|맺은|맺어|조인|협약식|서명식|签署|签订|签约|簽署|簽訂|簽約|(?<!根据)(?<!按照)(?<!依据)(?:续签|續簽)(?!的)|签字|簽字|订立|訂立|缔结|締結|調印|署名|結んだ|結びました|交わした|"
    rf"{AR_START}(?:وق[ّ]?ع(?:ت|ا|وا|تا)?|يوق[ّ]?ع(?:ان)?|توق[ّ]?يع|أبرم(?:ت|ا)?|إبرام|جدد(?:ت|ا)?|تجديد){AR_END}",
    re.I,
)


# ", which signed a letter of intent last year,": what the parties did before, not the news.
ASIDE = re.compile(r",\s+(?:which|who|that)\s+[^,]{0,120},|\([^()]*\)")


def document_kind(text, language="en"):
    """Return the Agreement kind the document a text names makes, or None when it names none."""
    return kind_named(ASIDE.sub(" ", text), language) or kind_named(text, language)


def kind_named(text, language="en"):
    patterns = WITH_ROMANCE_PATTERNS if language in ROMANCE else DOCUMENT_PATTERNS
    for pattern, kind in patterns:
        if pattern.search(text):
            return kind
    return None


# "have not signed any formal agreement", "did not sign", "without signing", "no ... agreement was signed".
NOT_SIGNED = re.compile(
    r"\b(?:(?:have|has|had|did|do|does|was|were)\s+not|haven't|hasn't|didn't|never|without|yet to)\s+"
    r"(?:(?:yet|been|formally|any)\s+)*(?:sign|signed|signing|inked|concluded)\b|"
    r"\bno\s+(?:formal\s+|written\s+|signed\s+)?(?:agreement|MoU|memorandum|contract)\b|"
    r"\b(?:no|nunca|jamais|ni)\s+(?:han|ha|ont|a|foi|foram)?\s*(?:firmado|signé|assinado)\b|"
    r"\bsin firmar\b|\bsans signer\b|\bsem assinar\b|"
    r"체결하지 않|서명하지 않|未签署|尚未签署|没有签署|締結していない|締結しておらず|"
    rf"{AR_START}لم (?:يتم|يوقع|توقع|يجر)",
    re.I,
)
# A signing only planned, expected or awaiting approval: the words with the verb they put in the
# future, so "signed an MoU and plan to sign a contract" still reports a signing.
PLANNED = re.compile(
    r"\b(?:will|would|shall|are to|is to|are set to|is set to|are due to|is due to|plans? to|planning to|"
    r"are expected to|is expected to|expects? to|intends? to|intending to|aims? to|hopes? to|are going to|is going to|"
    r"agreed to|decided to|are scheduled to|is scheduled to|are preparing to|prepare to)\s+(?:be\s+|formally\s+|also\s+)*"
    r"(?:sign(?:ed)?|ink(?:ed)?|conclude[d]?|renew(?:ed)?|finali[sz]ed?|formali[sz]ed?)\b|"
    r"\bto be signed\b|\bupcoming signing\b|\b(?:awaiting|pending|subject to|requires?|needs?) (?:the\s+)?(?:\w+\s+)?"
    r"(?:approval|ratification|endorsement)\b|\byet to be (?:approved|ratified|signed)\b|"
    r"\b(?:wird|werden|soll|sollen)\b[^.]{0,60}\bunterzeichne[nt]\b|\b(?:firmarán|firmará|firmaría|firmarían|se firmará|"
    r"(?:prevé|prevén|previsto|planea|planean|pretende|pretenden|espera|esperan|van a|va a) firmar|signeront|signera|sera signée?|"
    r"(?:prévoit|prévoient|devrait|devraient|doit|doivent|vont|va) (?:être )?sign(?:er|ée?)|assinarão|assinará|será assinad[oa]|"
    r"(?:vai|vão|prevê|preveem|deverá|deverão|pretende|pretendem) (?:ser )?assina(?:r|do|da)|pendiente de (?:aprobación|firma)|"
    r"en attente d['’]approbation|aguarda(?:ndo)? aprovação)\b|"
    r"체결할 (?:예정|계획)|체결 예정|체결키로|체결하기로|서명할 예정|서명 예정|맺을 예정|맺기로|체결을 추진|추진할 계획|"
    r"将签署|将于[^，。]{0,20}签署|拟签署|拟于|计划签署|有望签署|即将签署|将签订|拟签订|待[^，。]{0,10}批准|"
    r"締結する予定|締結予定|締結を予定|締結へ|締結する方針|調印する予定|調印予定|締結を目指|"
    # "تعتزم كذلك توقيع", "ومن المقرر توقيعها": the signing's noun goes with the word that plans it.
    rf"{AR_START}(?:سيتم|من المقرر|من المتوقع|تعتزم|يعتزم|تعتزمان|يعتزمان|تسعى|يسعى)(?:\s+(?:كذلك|أيضا|أيضاً|أن|إلى|الى))*"
    rf"\s+(?:توقيع|إبرام|تجديد)(?:ها|هما|ه)?(?![{AR}])|"
    rf"{AR_START}(?:ستوقع|سيوقع|ستوقعان|سيوقعان|من المقرر|من المتوقع|تعتزم|يعتزم|تعتزمان|بانتظار|قيد الدراسة|سيجري)",
    re.I,
)


def is_planned(text):
    """Say whether a sentence tells of a signing only planned, expected or awaiting approval, and of no signing done."""
    if not PLANNED.search(text):
        return False
    return not (SIGN.search(PLANNED.sub(" ", text)) and document_kind(PLANNED.sub(" ", text)))


def is_signing(text, language="en"):
    """Say whether a sentence reports a document being signed (not one never signed, nor one only planned)."""
    return bool(document_kind(text, language) and SIGN.search(text)) and not NOT_SIGNED.search(text) \
        and not is_planned(text)
