"""A party written by its sound in Arabic, Chinese or Korean is the directory's record held under a Latin name only."""
import datetime

import pytest

from curation.drafting import draft_from_article

pytestmark = pytest.mark.django_db

ARABIC = """مركز سامسونج الطبي يوقع مذكرة تفاهم مع مستشفى الزهراء في دبي

دبي في 14 مارس / وام / وقّع مركز سامسونج الطبي ومستشفى الزهراء الخاص مذكرة تفاهم للتعاون في علاج أمراض القلب وتدريب الأطباء.
ووقع المذكرة الدكتور كيم جون هو عن مركز سامسونج الطبي والدكتورة منى الحمادي عن مستشفى الزهراء.
"""

CHINESE = """西达赛奈医疗中心与武汉协和医院签署合作备忘录

2025年4月9日，西达赛奈医疗中心与武汉协和医院在武汉签署合作备忘录，双方将在心血管疾病和医学教育方面开展合作。
"""

KOREAN = """세다스시나이 메디컬센터, 부산대병원과 업무협약 체결

부산대병원은 지난 3일 미국 세다스시나이 메디컬센터와 디지털 헬스 분야 협력을 위한 업무협약을 체결했다고 5일 밝혔다.
"""

# Charité: its accent kept, its "ch" heard as sh, and "university" written as an adjective (الجامعي).
ARABIC_ACCENTED = """جامعة الملك سعود توقع مذكرة تفاهم مع مستشفى شاريتيه الجامعي

الرياض في 3 مايو / واس / وقعت جامعة الملك سعود ومستشفى شاريتيه الجامعي مذكرة تفاهم للتعاون في أبحاث السكري.
"""

KOREAN_ACCENTED = """경북대병원, 독일 샤리테 병원과 업무협약 체결

경북대병원은 지난 7일 독일 샤리테 병원과 의료진 교육 협력을 위한 업무협약을 체결했다고 9일 밝혔다.
"""

# Names that sound like no record, or like one but with other common words: new institutions.
NOT_ANY = """جامعة الخليج الطبية توقع مذكرة تفاهم مع مركز سامي الطبي

عجمان في 2 فبراير / وام / وقعت جامعة الخليج الطبية ومركز سامي الطبي مذكرة تفاهم لتدريب طلبة الطب.
"""


def parties(text, published_on):
    proposal = draft_from_article(text=text, published_on=published_on)
    assert proposal["agreements"], proposal["warnings"]
    return {(party["institution"] or party["name"]) for agreement in proposal["agreements"] for party in agreement["parties"]}


@pytest.mark.parametrize(("text", "published_on", "record"), [
    (ARABIC, "2025-03-14", "samsung-medical-center"),
    (CHINESE, "2025-04-10", "cedars-sinai"),
    (KOREAN, "2025-06-05", "cedars-sinai"),
    (ARABIC_ACCENTED, "2025-05-04", "charite"),
    (KOREAN_ACCENTED, "2025-05-09", "charite"),
])
def test_a_record_held_under_its_latin_name_is_reused_when_the_press_writes_its_sound(text, published_on, record):
    found = parties(text, published_on)
    assert record in found
    # The party the directory holds is not proposed again as a new institution in its script.
    assert not any(name != record and any(sound in name for sound in ("سامسونج", "西达赛奈", "세다스시나이", "شاريتيه", "샤리테")) for name in found)


def test_a_name_that_only_shares_common_words_or_part_of_a_sound_is_not_taken_for_a_record():
    found = parties(NOT_ANY, "2025-02-02")
    assert not found & {"samsung-medical-center", "emirates-health-services", "cedars-sinai"}
    assert "مركز سامي الطبي" in found


def test_the_publication_date_may_be_given_as_its_iso_text_and_a_wrong_one_is_a_clear_error():
    assert parties(ARABIC, "2025-03-14") == parties(ARABIC, datetime.date(2025, 3, 14))
    with pytest.raises(ValueError, match="published_on must be a date written YYYY-MM-DD"):
        draft_from_article(text=ARABIC, published_on="14/03/2025")
    with pytest.raises(TypeError, match="published_on must be a date"):
        draft_from_article(text=ARABIC, published_on=20250314)
