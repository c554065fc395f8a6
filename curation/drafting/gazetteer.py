"""Word lists the engine reads text with: countries and their people, cities, kinds of institution, titles."""
import functools
import re

from django_countries import countries

# Names the press uses that are not the ISO names django-countries gives.
COUNTRY_ALIASES = {
    "South Korea": "KR", "Korea": "KR", "Republic of Korea": "KR", "the Republic of Korea": "KR", "ROK": "KR",
    "North Korea": "KP", "UAE": "AE", "U.A.E.": "AE", "the UAE": "AE", "Emirates": "AE", "US": "US", "U.S.": "US",
    "USA": "US", "United States": "US", "America": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "England": "GB", "Vietnam": "VN", "Viet Nam": "VN", "Russia": "RU", "Iran": "IR",
    "Taiwan": "TW", "Deutschland": "DE", "China": "CN", "PRC": "CN", "Laos": "LA", "Syria": "SY",
    "Turkey": "TR", "Türkiye": "TR", "Czech Republic": "CZ", "Holland": "NL", "Saudi": "SA", "KSA": "SA",
    "Kingdom of Saudi Arabia": "SA", "Schweiz": "CH", "Österreich": "AT", "Japan": "JP", "India": "IN",
    "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Brunei": "BN",
    "Korea, Republic of": "KR", "대한민국": "KR", "한국": "KR", "日本": "JP", "中国": "CN", "Việt Nam": "VN",
}
DEMONYMS = {
    "Korean": "KR", "South Korean": "KR", "Emirati": "AE", "German": "DE", "Indian": "IN", "Vietnamese": "VN",
    "Japanese": "JP", "Chinese": "CN", "American": "US", "Saudi": "SA", "Qatari": "QA", "Kuwaiti": "KW",
    "Omani": "OM", "Bahraini": "BH", "Egyptian": "EG", "Jordanian": "JO", "British": "GB", "French": "FR",
    "Italian": "IT", "Spanish": "ES", "Swiss": "CH", "Austrian": "AT", "Dutch": "NL", "Thai": "TH",
    "Singaporean": "SG", "Malaysian": "MY", "Indonesian": "ID", "Filipino": "PH", "Philippine": "PH",
    "Australian": "AU", "Canadian": "CA", "Mexican": "MX", "Brazilian": "BR", "Turkish": "TR", "Israeli": "IL",
    "Pakistani": "PK", "Bangladeshi": "BD", "Kazakh": "KZ", "Uzbek": "UZ", "Mongolian": "MN", "Taiwanese": "TW",
    "Russian": "RU", "Polish": "PL", "Swedish": "SE", "Danish": "DK", "Norwegian": "NO", "Finnish": "FI",
    "Irish": "IE", "Belgian": "BE", "Nigerian": "NG", "Kenyan": "KE", "South African": "ZA", "Iraqi": "IQ",
    "Lebanese": "LB", "Moroccan": "MA", "Nepalese": "NP", "Sri Lankan": "LK", "Cambodian": "KH",
    "Deutsche": "DE", "deutsche": "DE", "koreanische": "KR", "japanische": "JP",
}
# Cities a release names as the place of an institution; a name holding one gives its country.
CITIES = {
    "Seoul": "KR", "Busan": "KR", "Incheon": "KR", "Daegu": "KR", "Seongnam": "KR", "Bundang": "KR",
    "Gwangju": "KR", "Daejeon": "KR", "Ulsan": "KR", "Suwon": "KR",
    "Tokyo": "JP", "Osaka": "JP", "Kyoto": "JP", "Nagoya": "JP", "Yokohama": "JP", "Sapporo": "JP",
    "Fukuoka": "JP", "Kobe": "JP", "Beijing": "CN", "Shanghai": "CN", "Shenzhen": "CN", "Guangzhou": "CN",
    "Wuhan": "CN", "Peking": "CN", "Nanjing": "CN", "Hangzhou": "CN", "Tianjin": "CN", "Chengdu": "CN", "Hong Kong": "HK", "Hanoi": "VN", "Ho Chi Minh City": "VN", "Da Nang": "VN",
    "Hue": "VN", "Dubai": "AE", "Abu Dhabi": "AE", "Sharjah": "AE", "Ajman": "AE", "Riyadh": "SA", "Jeddah": "SA",
    "Dammam": "SA", "Doha": "QA", "Muscat": "OM", "Manama": "BH", "Kuwait City": "KW", "Cairo": "EG",
    "Amman": "JO", "Mumbai": "IN", "New Delhi": "IN", "Delhi": "IN", "Bengaluru": "IN", "Bangalore": "IN",
    "Chennai": "IN", "Hyderabad": "IN", "Kolkata": "IN", "Pune": "IN", "Ahmedabad": "IN", "Kochi": "IN",
    "Berlin": "DE", "Munich": "DE", "München": "DE", "Hamburg": "DE", "Heidelberg": "DE", "Frankfurt": "DE",
    "Cologne": "DE", "Köln": "DE", "Dresden": "DE", "Leipzig": "DE", "Freiburg": "DE", "Tübingen": "DE",
    "Düsseldorf": "DE", "Hannover": "DE", "Essen": "DE", "Bonn": "DE", "Mainz": "DE",
    "Los Angeles": "US", "New York": "US", "Boston": "US", "Houston": "US", "Baltimore": "US", "Chicago": "US",
    "Rochester": "US", "Cleveland": "US", "San Francisco": "US", "Philadelphia": "US", "Washington": "US",
    "London": "GB", "Paris": "FR", "Vienna": "AT", "Wien": "AT", "Zurich": "CH", "Zürich": "CH", "Geneva": "CH",
    "Bangkok": "TH", "Singapore": "SG", "Kuala Lumpur": "MY", "Jakarta": "ID", "Manila": "PH",
    "Ulaanbaatar": "MN", "Tashkent": "UZ", "Almaty": "KZ", "Astana": "KZ", "Moscow": "RU", "Istanbul": "TR",
    "Toronto": "CA", "Sydney": "AU", "Melbourne": "AU", "Taipei": "TW", "Stockholm": "SE", "Oslo": "NO",
    "Copenhagen": "DK", "Helsinki": "FI", "Amsterdam": "NL", "Rotterdam": "NL", "Brussels": "BE", "Madrid": "ES",
    "Barcelona": "ES", "Rome": "IT", "Milan": "IT", "Lisbon": "PT", "Warsaw": "PL", "Prague": "CZ",
    "Budapest": "HU", "Athens": "GR", "Dublin": "IE", "Edinburgh": "GB", "Manchester": "GB", "Karachi": "PK",
    "Lahore": "PK", "Islamabad": "PK", "Dhaka": "BD", "Colombo": "LK", "Kathmandu": "NP", "Yangon": "MM",
    "Phnom Penh": "KH", "Vientiane": "LA", "Nairobi": "KE", "Lagos": "NG", "Johannesburg": "ZA",
    "Cape Town": "ZA", "São Paulo": "BR", "Mexico City": "MX", "Beirut": "LB", "Baghdad": "IQ", "Tehran": "IR",
}

# Words that make a capitalised phrase the name of an institution, with the kind they suggest.
# Checked in order: the first that a name contains gives its kind.
KIND_WORDS = [
    (r"Cancer Cent[er][re]|Oncology Cent[er][re]|Cancer Institute|Cancer Hospital|Krebszentrum|Tumorzentrum|"
     r"Instituto Nacional de Enfermedades Neoplásicas|Instituto (?:Nacional )?de Cancerolog[ií]a|Instituto do C[âa]ncer|"
     r"Institut (?:du|de) Cancer|Centro Oncol[óo]gico|Centre de lutte contre le cancer|"
     r"암센터|암병원|がんセンター|がん研究センター|肿瘤医院|腫瘤醫院|癌症中心|肿瘤中心|للسرطان|لعلاج الأورام", "cancer_center"),
    (r"Universitätsmedizin|Universitätsklinikum|University Hospital|University Health System|University Medical Cent[er][re]|"
     r"Academic Medical Cent[er][re]|Institute of Medical Sciences|School of Medicine|Medical School|College of Medicine|"
     r"Faculty of Medicine|Hospital Universitario|Hospital Clínico Universitario|Hospital Universitário|Hospital das Clínicas|"
     r"Centre Hospitalier Universitaire|Centre hospitalier universitaire|CHU|Hôpital universitaire|Hôpitaux universitaires|"
     r"Clínica Universidad|Facultad de Medicina|Faculté de médecine|Faculdade de Medicina|"
     r"대학교병원|대학병원|大学病院|大学附属医院|大學附設醫院|附属医院|附屬醫院|المستشفى الجامعي|مستشفى جامعي", "academic_medical_center"),
    (r"Ministry|Ministerium|Bundesministerium|Embassy|Botschaft|Consulate|Government|Department of Health|"
     r"Municipality|Council|Senate|Bộ|Ministerio|Ministère|Ministério|Secretaría de Salud|Secretaria de Saúde|"
     r"Secretaria Municipal|Consejería|Gobierno|Governo|Gouvernement|Ambassade|Embajada|Embaixada|Prefeitura|Ayuntamiento|"
     r"보건복지부|복지부|보건부|외교부|부처|卫生部|卫健委|卫生健康委员会|衛生福利部|外交部|卫生厅|省|庁|وزارة|سفارة|دائرة|مجلس", "government_body"),
    (r"Health Services|Health Authority|Health Service|Healthcare Corporation|Health Agency|Agency|Authority|"
     r"Institute of Health|Public Health|Health Industry Development Institute|Behörde|"
     r"Gesundheitsamt|Sở Y tế|Agencia|Agence|Agência|Servicio de Salud|Servicio Andaluz de Salud|Seguro Social|"
     r"Instituto Nacional de Salud|Assistance Publique|Unidade Local de Saúde|Centro de Saúde|Administração Regional de Saúde|질병관리청|진흥원|공단|疾控中心|疾病预防控制中心|卫生局|衛生局|卫生署|衛生署|"
     r"医管局|醫管局|機構|هيئة|مؤسسة", "health_agency"),
    (r"Hospital|Hospitals|Medical Cent[er][re]|Medical City|Medical Corporation|Health System|Healthcare System|Health Network|Clinic|Klinik|Klinikum|Krankenhaus|Spital|"
     r"Infirmary|Bệnh viện|Hospices|Hospice|Hôpital|Hôpitaux|Clínica|Clinique|Centre Hospitalier|Centre hospitalier|Centro Hospitalar|Hospitais|"
     r"Sanatorio|Policlínico|Policlinico|Ospedale|Centro Médico|"
     r"병원|의료원|클리닉|메디컬센터|의료센터|病院|医院|醫院|診所|诊所|医疗中心|醫療中心|医学中心|醫學中心|医療センター|クリニック|"
     r"مستشفى|مستشفيات|مدينة طبية|مدينة .{1,40} الطبية|عيادة|عيادات", "hospital"),
    (r"University|Universität|Universitet|Universiteit|Université|Universidad|Università|Universidade|Institutet|Hochschule|"
     r"College|Polytechnic|Institute of Technology|Đại học|Trường|Facultad|Faculté|Faculdade|École|Escuela|"
     r"대학교|대학|의대|의과대학|大学|大學|学院|學院|医科大学|جامعة|كلية|أكاديمية", "university"),
    (r"Inc|Inc\.|Ltd|Ltd\.|Limited|Private Limited|Pvt|Pte|Bhd|LLC|GmbH|K\.K\.|S\.A\.|AG|SE|Co\.|Corporation|Corp|Company|Group|Holdings|"
     r"Pharma|Pharmaceuticals?|Therapeutics|Biotech|Technologies|Technology|Solutions|Systems|Healthcare|"
     r"Labs|Laboratories|Diagnostics|Medical Devices|S\.L\.|Ltda|SAS|S\.A\.S\.|SpA|Laboratorios|Laboratoires|"
     r"주식회사|제약|바이오|헬스케어|의료기기|有限公司|公司|集团|集團|株式会社|製薬|製作所|ホールディングス|شركة|مجموعة|مختبرات", "company"),
    (r"Institute|Institut|Foundation|Stiftung|Association|Society|Centre|Center|Zentrum|Academy|Akademie|"
     r"Organization|Organisation|Network|Alliance|Consortium|Federation|Board|Commission|Instituto|Istituto|Fundación|"
     r"Fundação|Fondation|Fondazione|Asociación|Associação|Sociedad|Sociedade|Société|Centro|Réseau|"
     r"재단|연구원|연구소|센터|협회|학회|위원회|研究院|研究所|研究中心|中心|基金会|基金會|协会|協會|学会|學會|委员会|委員會|"
     r"センター|財団|協会|学会|研究所|機構|معهد|مركز|جمعية|صندوق|منظمة|اتحاد", "other"),
]


def word_pattern(alternatives):
    """Compile alternatives so a Latin word matches whole (Clinic, not Clinicians); other scripts inside words."""
    parts = []
    for alternative in alternatives.split("|"):
        latin = bool(re.match(r"[A-Za-zÀ-ɏḀ-ỿ]", alternative))
        # German genitives and English plurals: "des Universitätsklinikums", "Hospitals".
        parts.append(rf"(?<![\w]){alternative}s?(?![\w])" if latin else alternative)
    return re.compile("|".join(parts))


KIND_PATTERNS = [(word_pattern(pattern), kind) for pattern, kind in KIND_WORDS]

# Words that begin or make up a person's title.
TITLE_WORDS = (
    r"CEO|COO|CFO|CMO|CTO|Chief|President|Vice[- ]President|Director|Director-General|Deputy|Chair|Chairman|"
    r"Chairwoman|Chairperson|Dean|Provost|Rector|Chancellor|Vice[- ]Chancellor|Minister|Ambassador|Consul|"
    r"Consul-General|Secretary|Under-?Secretary|Undersecretary|Governor|Mayor|Head|Professor|Manager|"
    r"Executive|Acting|Senior|Managing|General|Founder|Co-founder|Superintendent|Commissioner|Officer|"
    r"Vorstandsvorsitzender|Vorstandsvorsitzende|Vorsitzender|Vorsitzende|Direktor|Direktorin|Präsident|"
    r"Präsidentin|Dekan|Dekanin|Ärztlicher|Ärztliche|Geschäftsführer|Geschäftsführerin|Leiter|Leiterin|"
    r"Leitender|Leitende|Stellvertretender|Stellvertretende|Kaufmännischer|Kaufmännische|rector|Staatssekretär|Bundesminister|Ministerin|Botschafter|Botschafterin|Vorstand|Generaldirektor|"
    r"medical director|vice president|president|director|chief|head|dean|professor|minister|ambassador|"
    r"chairman|chair|secretary|governor|mayor|founder|executive|"
    # Spanish, French, Portuguese, Italian, written in lower case before or after the name.
    r"director|directora|rector|rectora|presidente|presidenta|ministro|ministra|gerente|decano|decana|secretario|secretaria|"
    r"embajador|embajadora|consejero|consejera|alcalde|alcaldesa|gobernador|gobernadora|fundador|fundadora|jefe|jefa|"
    r"superintendente|coordinador|coordinadora|directeur|directrice|président|présidente|ministre|doyen|doyenne|recteur|"
    r"rectrice|ambassadeur|ambassadrice|maire|fondateur|fondatrice|délégué|déléguée|diretor|diretora|reitor|reitora|"
    r"secretário|secretária|embaixador|embaixadora|prefeito|prefeita|governador|governadora|superintendente|direttore|"
    r"direttrice|rettore|presidente|ministro|Director|Directora|Rector|Rectora|Presidente|Presidenta|Ministro|Ministra|"
    r"Directeur|Directrice|Président|Présidente|Ministre|Diretor|Diretora|Reitor|Reitora|Embajador|Ambassadeur|Embaixador"
)
HONORIFICS = (
    r"H\.E\.|H\.H\.|HE|Dr\.|Dr|Prof\.|Prof|Professor|Mr\.|Mr|Ms\.|Ms|Mrs\.|Mrs|Sheikh|Sheikha|Sir|Dame|"
    r"Dato'?|Datuk|Tan Sri|Shri|Smt\.|Herr|Frau|Assoc\.|Asst\.|PD|Univ\.-Prof\.|Priv\.-Doz\.|"
    r"Associate Professor|Assistant Professor|Dra\.|Dra|Sr\.|Sra\.|Dña\.|Mme|Pr\.|Dott\.|Dott\.ssa|Eng\.|Ing\.|Lic\.|Excmo\.|Excma\."
)
# Titles written before a name as if they were honorifics: "Vice Minister of Health Tran Van Thuan" aside,
# "Minister Park", "CEO Heyo Kroemer".
TITLE_HONORIFICS = (
    r"Vice Minister|Deputy Minister|Minister|Ambassador|High Commissioner|Commissioner|Consul[- ]General|Consul|"
    r"Senator|Mayor|Governor|President|Chairman|Director|CEO"
)


@functools.lru_cache(maxsize=1)
def country_names():
    """Return {a country's name as written: its alpha-2 code}, longest names first."""
    names = {str(name): code for code, name in countries}
    names.update(COUNTRY_ALIASES)
    return dict(sorted(names.items(), key=lambda item: -len(item[0])))


@functools.lru_cache(maxsize=1)
def country_pattern():
    alternatives = "|".join(re.escape(name) for name in country_names())
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@functools.lru_cache(maxsize=1)
def demonym_pattern():
    alternatives = "|".join(re.escape(name) for name in sorted(DEMONYMS, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def kind_of_name(name):
    """Return the institution kind a name suggests, or None when nothing in it names one."""
    for pattern, kind in KIND_PATTERNS:
        if pattern.search(name):
            return kind
    return None


def country_in(text):
    """Return the country a phrase names by country, city or people ("Seoul", "India's"), or None."""
    match = country_pattern().search(text)
    if match:
        return country_names()[match.group(0)]
    for city, code in CITIES.items():
        if re.search(rf"(?<!\w){re.escape(city)}(?!\w)", text):
            return code
    match = demonym_pattern().search(text)
    if match:
        return DEMONYMS[match.group(0)]
    return None
