"""Institutions named in scripts without capital letters: Hangul, Chinese and Japanese characters, Arabic.

A capitalised run finds a Latin name; these scripts have none, so a name is found by the kind
word it ends with (병원, 医院, 病院) or, in Arabic, begins with (مستشفى, جامعة), within the
bounds each script gives: a Korean word without its particle, a run of Han characters cut at
the characters that join or govern names, a Japanese run cut at hiragana, Arabic words up to a
preposition or a verb. Every name is returned as (start, end, name) offsets into the text.
"""
import re

from curation.drafting.gazetteer import arabic_demonym


def longest_first(words):
    return sorted(set(words.split()), key=len, reverse=True)


# --- Korean -----------------------------------------------------------------------------------
KO_SUFFIXES = longest_first(
    "대학교병원 대학병원 병원 의료원 대학교의료원 의료센터 메디컬센터 의료재단 의료법인 의료그룹 재단 암센터 센터 "
    "대학교 대학 의대 의과대학 의학전문대학원 대학원 연구원 연구소 진흥원 개발원 공단 공사 협회 학회 클리닉 보건소 "
    "보건복지부 복지부 보건부 보건성 외교부 질병관리청 식품의약품안전처 주식회사 제약 바이오 헬스케어 메디칼 "
    "그룹 의료기기 전자 위원회 기구 사무소 치과병원 코퍼레이션"
)
# A particle or a title glued after a name: "서울대병원은", "서울대병원장", "메이요클리닉과의".
KO_TAIL = re.compile(
    r"(?:장|총장|원장|이사장|측|연구팀|의료진|팀|본원|분원)?"
    r"(?:에서는|에서도|에서|에게|으로는|으로|로는|로|과의|와의|과는|와는|과도|와도|과|와|은|는|이|가|을|를|의|에는|에|도|만|"
    r"까지|부터|이며|이고|이다|하고|이라는|라는|등과|등)?$"
)
# Words that make a kind word generic ("양 병원", "협력병원", "대학병원"), never a name.
KO_GENERIC = set(
    "양 두 세 각 본 당 이 그 해당 같은 협력 지역 국내 해외 국립 공립 민간 대형 종합 상급종합 전문 주요 현지 여러 "
    "다른 우리 최고 세계 대학 의료 협약 양측 타 소속 산하 부속 부설 관련 공공 일반 거점 권역 지방 중앙 글로벌 국제 "
    "연구 교육 임상 첨단 신규 기존 파트너 한 양국 각국 미래 스마트 디지털 기관 본교 모교 바이오 제약".split()
)
# The kind words that a name writes as a word of its own: "존스홉킨스 병원", "하이델베르크 대학병원".
KO_SEPARATE = set("대학교병원 대학병원 병원 대학교 대학 의료원 클리닉 메디컬센터 암센터 의과대학 코퍼레이션".split())
# English words a foreign name keeps, written out in Hangul: the word before them is the name's too
# ("하마드 메디컬 코퍼레이션").
KO_LOANED_MODIFIERS = set("메디컬 헬스 내셔널 인터내셔널 유니버시티 칠드런스 제너럴 메모리얼".split())
# A ministry is named with its country: "우즈베키스탄 보건부", "베트남 보건부".
KO_MINISTRIES = set("보건부 보건복지부 외교부 보건성 보건청 보건사회부 복지부 보건의료부".split())
# "국립제1중앙병원": an ordinal's digit after 제 is part of the name, not the end of it.
HANGUL_RUN = re.compile(r"[가-힣]+(?:(?<=제)\d{1,2}[가-힣]+)*")


def korean_names(text, start, end, country_of_word):
    """Return (start, end, name, country) of each Korean name in text[start:end]."""
    found = []
    runs = list(HANGUL_RUN.finditer(text, start, end))
    for number, run in enumerate(runs):
        stem = korean_stem(run.group(0))
        if not stem:
            continue
        name_start, name_end, first_run = run.start(), run.start() + len(stem), number
        suffix = next(s for s in KO_SUFFIXES if stem.endswith(s))
        prefix = stem[:-len(suffix)]
        previous = runs[number - 1] if number else None
        joinable = previous is not None and re.fullmatch(r"[^\S\n]", text[previous.end():run.start()] or "x")
        # "이강영 병원장": a kind word with a title glued on follows a person's name, not a name's first word.
        titled = re.match(r"(?:장|총장|원장|이사장)", run.group(0)[len(stem):])
        if (not prefix or prefix in KO_GENERIC) and (suffix in KO_SEPARATE or stem in KO_MINISTRIES) and joinable and not titled:
            word = previous.group(0)
            ministry = stem in KO_MINISTRIES and country_of_word(word)
            # A city before a kind word is part of the name (타슈켄트 의과대학); a country is not.
            if ministry or korean_name_word(word, country_of_word):
                name_start, first_run = previous.start(), number - 1
                prefix = word
                earlier = runs[number - 2] if number >= 2 else None
                if word in KO_LOANED_MODIFIERS and earlier is not None \
                        and re.fullmatch(r"[^\S\n]", text[earlier.end():previous.start()] or "x") \
                        and korean_name_word(earlier.group(0), country_of_word):
                    name_start, first_run = earlier.start(), number - 2
        # The whole name's length: "샤리테 병원" is a name though its kind word alone is short.
        if not prefix or prefix in KO_GENERIC or name_end - name_start < 3:
            continue
        # "미국 메이요클리닉", "베트남 호치민시 쩌라이병원": a country or city in the words before.
        country, position = None, first_run - 1
        # Only places right before the name count: "몽골 울란바토르 국립암센터에서 이강영 세브란스병원장" is not Mongolian.
        while country is None and position >= 0 and position >= first_run - 2 \
                and re.fullmatch(r"[^\S\n]", text[runs[position].end():runs[position + 1].start()] or "x"):
            country = country_of_word(korean_stem_or_word(runs[position].group(0)))
            if country is None:
                break
            position -= 1
        found.append((name_start, name_end, text[name_start:name_end], country))
    return joined_with_university(text, found)


def korean_name_word(word, country_of_word):
    """Say whether a word before a kind word written apart is the name's own: no country, particle or verb."""
    return len(word) >= 2 and word not in KO_GENERIC and not country_of_word(word, cities=False) \
        and not korean_stem(word) and not korean_particle(word) and not re.search(r"[다요]$", word)


def joined_with_university(text, found):
    """Make one name of a university and its hospital written side by side: "고려대학교 안암병원", "가톨릭대 서울성모병원"."""
    joined = []
    for start, end, name, country in found:
        if joined:
            last_start, last_end, last_name, last_country = joined[-1]
            if re.search(r"(?:대학교|대학|대|의료원|학교법인|의료재단)$", last_name) and text[last_end:start] == " " \
                    and re.search(r"(?:병원|의료원|센터|클리닉)$", name):
                joined[-1] = (last_start, end, text[last_start:end], last_country or country)
                continue
        joined.append((start, end, name, country))
    return joined


# Particles written only after a syllable that ends in a consonant: after a vowel, 이 is part of the
# word ("세다스시나이", "하와이"), as the subject particle there is 가.
AFTER_A_CONSONANT = {"이", "은", "을", "과"}


def korean_particle(word):
    """The particle (or title) glued to the end of a word, or ""."""
    tail = KO_TAIL.search(word).group(0)
    if tail in AFTER_A_CONSONANT and len(word) > 1 and "가" <= word[-2] <= "힣" and (ord(word[-2]) - 0xAC00) % 28 == 0:
        return ""
    return tail


def korean_stem(word):
    """Return the word without its particle when what is left ends with a kind word, else ""."""
    for cut in range(len(word), 1, -1):
        stem, tail = word[:cut], word[cut:]
        if KO_TAIL.fullmatch(tail) and any(stem.endswith(suffix) for suffix in KO_SUFFIXES):
            return stem
    return ""


def korean_stem_or_word(word):
    # "미국의", "독일" : a country word with or without its particle.
    match = re.match(r"(.+?)(?:의|과|와|에서|에)?$", word)
    return match.group(1)


# --- Chinese ----------------------------------------------------------------------------------
ZH_SUFFIXES = longest_first(
    "医院 醫院 医学院 醫學院 医学中心 醫學中心 医疗中心 醫療中心 医疗集团 醫療集團 健康集团 大学 大學 学院 學院 研究院 研究所 "
    "研究中心 中心 卫生健康委员会 衛生福利部 卫生部 衛生署 卫生署 卫生局 衛生局 卫健委 卫生厅 卫生健康局 外交部 公司 有限公司 "
    "集团 集團 基金会 基金會 协会 協會 学会 學會 诊所 診所 医科大学 醫科大學 科学院 疾病预防控制中心 疾控中心 实验室 "
    "委员会 委員會 管理局 医管局 醫管局"
)
# Characters that join or govern names, never inside one: "A与B签署", "在上海", "由A主办".
ZH_HARD_CUTS = set("与與及在于於由将將向对對为為是并並的了以等就也已被把从從至今经經据據届屆")
# Characters that join names but are also written inside them (北京协和医院, 同济医院): a cut only
# where the text before them ends a name.
ZH_SOFT_CUTS = set("和同跟暨")
ZH_LEADING = re.compile(
    r"^(?:[年月日号號]|近日|日前|今天|昨天|今日|昨日|当天|當天|当日|上午|下午|晚上|中午|此前|此次|本次|目前|随后|隨後|近期|"
    r"据悉|據悉|据了解|双方|雙方|由|经|經|在|于|至|和|同)+"
)
ZH_GENERIC_STEMS = set(
    "该 該 本 我 贵 貴 两 兩 双方 雙方 各 此 这 這 其 多家 一家 所 附属 附屬 大学 大學 三甲 综合 綜合 专科 專科 合作 对方 對方 "
    "两家 兩家 国际 國際 医学 醫學 研究 临床 臨床 全国 全國 国家 國家 该院 我院 本院 省级 市级 区域 區域 重点 重點 各地 地方".split()
)
HAN_RUN = re.compile(r"[一-鿿·・]+")


def chinese_names(text, start, end, country_of_word):
    """Return (start, end, name, country) of each Chinese name in text[start:end]."""
    found = []
    for run in HAN_RUN.finditer(text, start, end):
        for piece_start, piece_end in han_pieces(run.group(0), ZH_SUFFIXES):
            found += han_name(text, run.start() + piece_start, run.start() + piece_end, ZH_SUFFIXES, ZH_GENERIC_STEMS,
                              country_of_word)
    return found


def han_pieces(run, suffixes):
    """Cut a run of Han characters at the characters that stand between names."""
    pieces, begin = [], 0
    for position, char in enumerate(run):
        soft = char in ZH_SOFT_CUTS and any(run[begin:position].endswith(s) for s in suffixes)
        if char in ZH_HARD_CUTS or soft:
            pieces.append((begin, position))
            begin = position + 1
    pieces.append((begin, len(run)))
    return [(s, e) for s, e in pieces if e - s >= 3]


def han_name(text, start, end, suffixes, generic, country_of_word):
    """Return the name a piece of Han text holds: from its start to its last kind word, country cut off."""
    piece = text[start:end]
    last = max(((piece.rfind(s) + len(s), s) for s in suffixes if s in piece), default=None)
    if last is None:
        return []
    name_end, suffix = last
    if text[start + name_end:start + name_end + 1] == "長":
        # "田中栄病院長": a person and their title, not a hospital.
        return []
    leading = ZH_LEADING.match(piece)
    name_start = leading.end() if leading else 0
    country = None
    # "德国海德堡大学医院": the country the name begins with is where it is; the name stays whole.
    for cut in range(min(4, name_end - name_start - len(suffix)), 0, -1):
        country = country_of_word(piece[name_start:name_start + cut], cities=False)
        if country:
            break
    name = piece[name_start:name_end]
    stem = name[:-len(suffix)]
    if len(stem) < 2 or stem in generic or any(stem.startswith(word) for word in ("该", "該", "我", "本", "贵", "貴", "其", "这", "這", "此")):
        return []
    return [(start + name_start, start + name_end, name, country)]


# --- Japanese ---------------------------------------------------------------------------------
JA_SUFFIXES = longest_first(
    "大学病院 病院 医療センター 研究センター センター 大学院 大学 研究所 機構 財団 協会 学会 クリニック 厚生労働省 省 医科大学 "
    "医学部 学園 ホールディングス 製薬 製作所 株式会社 グループ 医療法人 研究院 委員会 庁 医院"
)
JA_GENERIC_STEMS = set("同 当 本 両 各 同大学 附属 大学 国立 県立 市立 私立 総合 関連 提携 協力 地域 海外 国内 医療 研究".split())
# Kanji and katakana, "がん" of 国立がん研究センター inside, hiragana outside.
JA_RUN = re.compile(r"(?:[一-鿿゠-ヿ々〆ヵヶ]|がん)+")


def japanese_names(text, start, end, country_of_word):
    """Return (start, end, name, country) of each Japanese name in text[start:end]."""
    found = []
    for run in JA_RUN.finditer(text, start, end):
        if len(run.group(0)) >= 3:
            found += han_name(text, run.start(), run.end(), JA_SUFFIXES, JA_GENERIC_STEMS, country_of_word)
    return found


# --- Arabic -----------------------------------------------------------------------------------
AR_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0670-\u06d3\u064b-\u065f]+")
AR_KINDS = {
    "مستشفى": "hospital", "مستشفيات": "hospital", "مركز": "other", "مراكز": "other", "عيادة": "hospital", "عيادات": "hospital",
    "مدينة": "hospital", "جامعة": "university", "كلية": "university", "معهد": "other", "أكاديمية": "university",
    "وزارة": "government_body", "دائرة": "government_body", "سفارة": "government_body", "مجلس": "government_body",
    "هيئة": "health_agency", "مؤسسة": "health_agency", "شركة": "company", "مجموعة": "company", "صندوق": "other",
    "منظمة": "other", "جمعية": "other", "اتحاد": "other", "مجمع": "hospital", "مختبرات": "company", "مختبر": "company",
}
# Words a name never runs past: prepositions, the document, the signing, titles, time.
AR_STOPS = set(
    "مع في على من إلى الى عن بين بحضور خلال حيث التي الذي الذين بهدف وذلك ضمن أن ان قد كما لدى عبر حول منذ بعد قبل "
    "مذكرة مذكرتي مذكرتا مذكرات اتفاقية اتفاقيتين اتفاقيتا اتفاقيات اتفاق تفاهم توقيع وقع وقعت وقّعت يوقع توقع أبرمت اتفاقيتي اليوم أمس يوم الدكتور الدكتورة معالي سعادة "
    "رئيس مدير الرئيس المدير نائب وزير الوزير الشيخ سمو صاحب برعاية تحت لتعزيز لتطوير لدعم بشأن حضور وبحضور ممثلة ممثلا "
    "والتي والذي وهي وهو هو هي بينما كل كلا الطرفين الجانبين الجانب فيما عقب ومن وفي وعلى ويأتي ويهدف تهدف يهدف وتهدف "
    "التابع التابعة التابعين المتخصص الوحيد ومقره ومقرها وكيل وكيلة "
    "المدير العام التنفيذي بالإضافة إضافة الأربعاء الخميس الجمعة السبت الأحد الاثنين الإثنين الثلاثاء".split()
)
AR_RESEARCH = {"الأبحاث", "الابحاث", "البحوث", "للأبحاث", "للبحوث"}
# Words after a kind word that leave it a common noun: "المستشفى الجديد", "مدينة الرياض".
# Words after a kind word that make no name: "the new", "the same"; and the kind words that, with
# the article, point back to an institution named before ("مستشفيات المؤسسة", the Corporation's hospitals).
AR_GENERIC = set(
    "الجديد الجديدة الحالي الحالية نفسه نفسها المذكور المذكورة "
    "المؤسسة الجامعة المستشفى المركز الهيئة الوزارة الشركة المجموعة الكلية المعهد".split()
)
# The adjectives that make a name of "the authority", "the centre": "الهيئة العامة", "المركز الوطني".
AR_NAMING_ADJECTIVES = set(
    "العامة العام الوطنية الوطني الدولية الدولي العليا الاتحادية الاتحادي الملكية الملكي الأهلية الأهلي".split()
)
# A purpose after a name, in the verbal nouns of the second and fourth forms: "لتدريب", "لتطوير", "لإنشاء".
AR_PURPOSE = re.compile(r"^ل(?:ت[\u0621-\u064a]{2}ي[\u0621-\u064a]|إ[\u0621-\u064a]{2}ا[\u0621-\u064a]{1,2})$")
AR_PREFIXES = ["وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك", ""]


def arabic_names(text, start, end, country_of_word):
    """Return (start, end, name, country) of each Arabic name in text[start:end]."""
    words = list(AR_WORD.finditer(text, start, end))
    found, number = [], 0
    while number < len(words):
        first = words[number]
        head, offset = arabic_kind(first.group(0))
        if head is None:
            number += 1
            continue
        following_word = words[number + 1].group(0) if number + 1 < len(words) else ""
        if first.group(0) in AR_GENERIC and following_word not in AR_NAMING_ADJECTIVES \
                and not arabic_demonym(following_word):
            # "عن الوزارة": the ministry named before, not a name of its own; "الهيئة العامة
            # للرعاية الصحية", "الشركة السعودية …" are names.
            number += 1
            continue
        taken = [first]
        following = number + 1
        while following < len(words) and len(taken) < 8:
            word = words[following]
            between = text[taken[-1].end():word.start()]
            if not re.fullmatch(r"[^\S\n]+", between):
                break
            plain = word.group(0)
            if plain.startswith("و") and arabic_kind(plain[1:])[0] and following + 1 < len(words) \
                    and words[following + 1].group(0) in AR_RESEARCH and len(taken) >= 2:
                # "مستشفى الملك فيصل التخصصي ومركز الأبحاث": the hospital and its research centre, one name.
                taken += [word, words[following + 1]]
                following += 2
                break
            if plain in AR_STOPS or AR_PURPOSE.match(plain) or (plain.startswith("و") and (arabic_kind(plain[1:])[0] or plain[1:] in AR_STOPS)):
                break
            if len(taken) >= 2 and re.match(r"ال[\u0621-\u064a]+(?:ي|ية)$", taken[-1].group(0)) \
                    and not plain.startswith(("ال", "لل")):
                # "مركز أسان الطبي لبرامج الزمالة", "… الطبي أكبر مستشفى": after the adjective that ends a
                # name, "for …" is its purpose and an indefinite word what is said of it.
                break
            if len(taken) >= 2 and arabic_demonym(plain):
                # "مركز أسان الطبي الكوري لتدريب …": the adjective of origin ends the name.
                taken.append(word)
                following += 1
                break
            if plain.startswith("و") and len(taken) >= 2:
                # "وزارة الصحة ووقاية المجتمع": a name may join two words with و, but an article's
                # sentence goes on with و far more often.
                break
            taken.append(word)
            following += 1
        number = following
        if len(taken) < 2 or all(word.group(0) in AR_GENERIC for word in taken[1:]):
            continue
        name_start = first.start() + offset
        name = text[name_start:taken[-1].end()]
        if head == "مدينة" and not re.search(r"الطبية|طبية|الصحية", name):
            # "مدينة الرياض" is a city; "مدينة الملك عبدالعزيز الطبية" a hospital.
            continue
        country = arabic_demonym(taken[-1].group(0)) if len(taken) > 2 else None
        if country and head != "وزارة":
            # "مستشفى كليفلاند الأمريكي": the adjective says where the hospital is, not what it is
            # called; a ministry is named by its country ("وزارة الصحة الكويتية"), so keeps it.
            name = text[name_start:taken[-2].end()]
            taken.pop()
        found.append((name_start, taken[-1].end(), name, country))
    return found + transliterated_names(text, words) + signing_subjects(text, words, found, country_of_word)


# "وقعت سدرة للطب، عضو مؤسسة قطر، مذكرة تفاهم": the subject of the signing verb is a party even
# when its name holds no kind word; it runs to a comma or to the document.
AR_SIGNING_VERB = re.compile(r"^(?:و|ف)?(?:وق[ّ]?عت|أبرمت)$")


def signing_subjects(text, words, found, country_of_word):
    """Return (start, end, name, None) of a name without a kind word right after a feminine signing verb."""
    subjects = []
    for number, verb in enumerate(words[:-1]):
        if not AR_SIGNING_VERB.match(verb.group(0)):
            continue
        taken = []
        for word in words[number + 1:number + 4]:
            plain = word.group(0)
            between = text[(taken[-1] if taken else verb).end():word.start()]
            if not re.fullmatch(r"[^\S\n]+", between) or plain in AR_STOPS or arabic_kind(plain)[0] \
                    or (not taken and (plain.startswith(("ال", "و")) or country_of_word(plain))):
                break
            taken.append(word)
        after = text[taken[-1].end():taken[-1].end() + 2] if taken else ""
        if not taken or not re.match(r"\s*[،,]|\s+(?=\S)", after) or any(s < taken[-1].end() and taken[0].start() < e for s, e, *_ in found):
            continue
        if not re.match(r"\s*[،,]", after) and not any(
                text[taken[-1].end():].lstrip().startswith(stop) for stop in ("مذكرة", "اتفاقية", "اتفاق")):
            continue
        subjects.append((taken[0].start(), taken[-1].end(), text[taken[0].start():taken[-1].end()], None))
    return subjects


# English kind words written in Arabic letters after the name: "مايو كلينك", "كليفلاند كلينك".
AR_TRANSLITERATED_KINDS = {"كلينك": "hospital", "كلينيك": "hospital", "هيلثكير": "company", "هيلث": "company", "فارما": "company"}


def transliterated_names(text, words):
    """Return (start, end, name, None) of names that end in an English kind word written in Arabic letters."""
    found = []
    for number, word in enumerate(words):
        if word.group(0) not in AR_TRANSLITERATED_KINDS or number == 0:
            continue
        first = number
        while first > 0 and number - first < 2 and re.fullmatch(r"[^\S\n]+", text[words[first - 1].end():words[first].start()]):
            previous = words[first - 1].group(0)
            if previous in AR_STOPS or previous[:1] == "و" and previous[1:] in AR_STOPS or arabic_kind(previous)[0] \
                    or previous.startswith("ال") or len(previous) < 2:
                break
            first -= 1
        if first < number:
            start = words[first].start()
            found.append((start, word.end(), text[start:word.end()], None))
    return found


def arabic_kind(word):
    """Return (kind word, where the name starts in the word) when the word is a kind word with its prefixes.

    "ومستشفى" is و + مستشفى, "بالجامعة" ب + الجامعة, "للمستشفى" ل + المستشفى written without its alef.
    """
    for prefix in AR_PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        if rest in AR_KINDS:
            return rest, len(prefix)
        if rest.startswith("ال") and rest[2:] in AR_KINDS:
            return rest[2:], len(prefix)
        if prefix.endswith("ل") and rest.startswith("ل") and rest[1:] in AR_KINDS:
            return rest[1:], len(prefix) + 1
    return None, 0


def arabic_kind_of(name):
    head, _offset = arabic_kind(name.split()[0]) if name.split() else (None, 0)
    return AR_KINDS.get(head)


def native_names(text, start, end, language, country_of_word):
    """Return (start, end, name, country) of every name in text[start:end] written in a script without capitals."""
    found = korean_names(text, start, end, country_of_word) if re.search(r"[가-힣]", text[start:end]) else []
    if re.search(r"[一-鿿]", text[start:end]):
        if language == "ja" or re.search(r"[぀-ゟ]", text[start:end]):
            found += japanese_names(text, start, end, country_of_word)
        else:
            found += chinese_names(text, start, end, country_of_word)
    if re.search(r"[\u0621-\u064a]", text[start:end]):
        found += arabic_names(text, start, end, country_of_word)
    return sorted(found)
