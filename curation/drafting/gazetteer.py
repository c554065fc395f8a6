"""Word lists the engine reads text with: countries and their people, cities, kinds of institution, titles."""
import functools
import re
from collections.abc import Mapping

from curation.drafting.world_places import city_index, country_index, folded_name, places_in

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


class FoldedNames(Mapping):
    """A read-only {name: country code} looked up as search folds names ("Zürich", "zurich", "ZURICH")."""

    def __init__(self, index, keep=lambda value: True, value=lambda value: value):
        self.index, self.keep, self.value = index, keep, value

    def __getitem__(self, name):
        found = self.index().get(folded_name(str(name)))
        if found is None or not self.keep(found):
            raise KeyError(name)
        return self.value(found)

    def __iter__(self):
        return (name for name, found in self.index().items() if self.keep(found))

    def __len__(self):
        return sum(1 for _name in self)


# Cities a release names as the place of an institution or a signing, by any of their names.
# Only the large ones: a smaller city's name is as often a word or a family name.
MAJOR_CITY_POPULATION = 100_000
CITIES = FoldedNames(city_index, keep=lambda city: city.population >= MAJOR_CITY_POPULATION, value=lambda city: city.country)


# The first part of a German compound: a capitalised word the kind word ends.
GERMAN_COMPOUND = r"(?<![\w])[A-ZÄÖÜ][a-zäöüß]{2,}"
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
     r"مستشفى|مستشفيات|مدينة طبية|مدينة .{1,40} الطبية|عيادة|عيادات|"
     # German joins its kind word to the words before it: Universitätsspital, Kinderklinik, Herzzentrum.
     rf"{GERMAN_COMPOUND}spital\w?(?![\w])|{GERMAN_COMPOUND}klinik\w{{0,3}}(?![\w])|{GERMAN_COMPOUND}krankenhaus\w{{0,2}}(?![\w])",
     "hospital"),
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
     r"センター|財団|協会|学会|研究所|機構|معهد|مركز|جمعية|صندوق|منظمة|اتحاد|"
     rf"{GERMAN_COMPOUND}zentrum\w?(?![\w])|{GERMAN_COMPOUND}institut\w{{0,2}}(?![\w])", "other"),
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
    # German joins a title to its field: Gesundheitssenatorin, Wissenschaftsminister, Pflegedirektorin.
    r"[A-ZÄÖÜ][a-zäöüß]{2,}(?:senatorin|senator|ministerin|minister|direktorin|direktor|präsidentin|präsident)|"
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
    r"Associate Professor|Assistant Professor|Dra\.|Dra|Sr\.|Sra\.|Dña\.|Mme|Pr\.|Pr|Pre|Dott\.|Dott\.ssa|Eng\.|Ing\.|Lic\.|Excmo\.|Excma\."
)
# Titles written before a name as if they were honorifics: "Vice Minister of Health Tran Van Thuan" aside,
# "Minister Park", "CEO Heyo Kroemer".
TITLE_HONORIFICS = (
    r"Vice Minister|Deputy Minister|Minister|Ambassador|High Commissioner|Commissioner|Consul[- ]General|Consul|"
    r"Senator|Mayor|Governor|President|Chairman|Director|CEO|"
    r"Rektor|Rektorin|Präsident|Präsidentin|Dekan|Dekanin|Senatorin|Ministerin|Botschafter|Botschafterin"
)


def country_names():
    """Return {a country's name, in any language read: its alpha-2 code}, looked up folded."""
    return COUNTRY_NAMES


COUNTRY_NAMES = FoldedNames(country_index)


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


def country_in(text, *, dateline=False):
    """Return the country a phrase names by country, city or people ("Seoul", "India's", "몽골", "الأمريكية"), or None.

    A country's name wins over a city's; a dateline (`dateline=True`) names a city first.
    """
    places = places_in(text, prefer_city=dateline)
    for place in places:
        if not place.is_city:
            return place.country
    if places:
        return places[0].country
    match = demonym_pattern().search(text)
    if match:
        return DEMONYMS[match.group(0)]
    return arabic_demonym(text)


def arabic_demonym(text):
    """Return the country of an Arabic adjective of origin, الأمريكية or الأردني, from the country's name."""
    for word in re.findall(r"(?<![\w])ال[\u0621-\u064a]{3,}(?:ية|ي|يه)(?![\w])", folded_name(text)):
        stem = re.sub(r"(?:ية|ي|يه)$", "", word[2:])
        for name in (stem, "ال" + stem, stem + "ا", "ال" + stem + "ية", stem + "يا"):
            code = country_index().get(name)
            if code:
                return code
    return None
