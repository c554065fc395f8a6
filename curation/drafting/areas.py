"""Focus areas: the taxonomy's areas an agreement covers, each with the sentence that names it."""
import re

from partnerships.models import Area

# The words that name each area of the taxonomy (fixtures/areas.yaml), in English and German.
# An area whose slug is not in the database is never proposed.
AREA_WORDS = {
    "gastrointestinal-cancer": r"gastrointestinal cancers?|gastric cancers?|stomach cancers?|colorectal cancers?|"
                               r"liver cancers?|gastric pathologies|Magenkrebs|Darmkrebs",
    "cancer-care-and-research": r"cancer care|cancer medicine|cancer research|cancer treatment|oncolog\w*|"
                                r"tumou?r\w*|Krebs\w*|Onkologie|cancer therapies",
    "academic-exchange": r"educational exchange|academic exchange|exchange programs?|exchange programmes?|"
                         r"exchange of (?:doctors|physicians|students|faculty|researchers|staff|experts)|"
                         r"physician exchange|visiting scholars?|Austausch\w*",
    "residency-and-fellowship-training": r"residency|residencies|fellowships?|Facharztausbildung",
    "clinical-staff-training": r"(?:training (?:of|for)|train\w*) (?:\w+ ){0,2}(?:doctors|nurses|physicians|surgeons|"
                               r"radiographers|technicians|technologists|pharmacists|midwives|oncologists|"
                               r"epidemiologists|specialists|healthcare staff|medical staff|health workers|"
                               r"medical personnel|healthcare professionals|healthcare support staff|hospital managers)|"
                               r"clinical training|professional development|capacity building|nurse training|"
                               r"medical personnel for the purposes of training|Weiterbildung|Fortbildung|Ausbildung",
    "leadership-development": r"leadership programs?|leadership programmes?|healthcare leaders|leadership development|"
                              r"next generation of (?:healthcare )?leaders|Führungskräfte",
    "medical-big-data-and-ai": r"big data|artificial intelligence|\bAI\b|machine learning|medical data|"
                               r"künstliche[rn]? Intelligenz|\bKI\b|Gesundheitsdaten",
    "clinical-decision-support": r"clinical decision support|decision support",
    "surgical-imaging": r"augmented[- ]reality|surgical imaging|imaging systems?|robotic surgery|image-guided",
    "smart-hospital-technology": r"smart technolog\w*|smart hospitals?|digital hospitals?|hospital information systems?",
    "medical-technology": r"medical technolog\w*|medical devices?|medtech|Medizintechnik",
    "health-data-protection": r"personal information|data protection|privacy|Datenschutz",
    "digital-health": r"digital transformation|digital health|telemedicine|telehealth|digitali[sz]\w*|Digitalisierung|"
                      r"Telemedizin",
    "joint-research": r"joint research|research collaboration|collaborative research|research cooperation|"
                      r"sharing academic research|clinical trials?|research projects?|research initiatives|"
                      r"gemeinsame Forschung\w*|Forschungs\w*",
    "visiting-consultants": r"visiting consultants?|visiting (?:doctors|physicians|specialists|professors)",
    "clinical-cooperation": r"clinical services|clinical cooperation|patient care|patient referrals?|second opinions?|"
                            r"healthcare programs|clinical fields|Patientenversorgung|Krankenversorgung",
    "hospital-development": r"(?:develop|build|building|construct|commission)\w* (?:a |the |new )?[\w,-]*\s?(?:bed )?hospitals?|"
                            r"\d[\d,]*-bed hospital|commissioning",
    "management-consulting": r"management tasks|hospital management|management consulting|consult\w* (?:with each other )?on management",
    "education": r"medical education|education",
    "research": r"research",
}
AREA_PATTERNS = {slug: re.compile(pattern, re.I) for slug, pattern in AREA_WORDS.items()}
# A broader area is proposed only when none of its narrower areas is.
BROADER = {"education", "research", "digital-health"}


def find_areas(sentences):
    """Return [{area, evidence}] for the areas the sentences name, each with the first sentence naming it."""
    known = {slug: parent for slug, parent in Area.objects.values_list("slug", "parent__slug")}
    found = {}
    for sentence in sentences:
        for slug, pattern in AREA_PATTERNS.items():
            if slug in known and slug not in found and pattern.search(sentence.text):
                found[slug] = sentence.text
    for slug in list(found):
        if slug in BROADER and any(known.get(other) == slug for other in found if other != slug):
            del found[slug]
    return [{"area": slug, "evidence": evidence} for slug, evidence in found.items()]
