"""Dates as each press writes them: the publication line or dateline, and the signing counted from it.

Korean relative days (지난 12일, 지난달 13일), Levantine and Hijri months, Chinese and Japanese
dates with the year only in the header (or an era's), a wire's own dateline (…4月18日电), day-first
numeric dates unless the dateline is in a country that writes the month first, Romance weekdays
("vendredi dernier", "nesta quarta-feira (9)"), a month inside a hospital's name, and a dateline
without a year: none in an article that names none, else the latest named or the one its weekday
("أمس الثلاثاء") fits.
"""
import pytest

from curation.drafting import draft_from_article

CASES = [
 ("[서울=메디컬투데이] 입력 2025.03.14 09:32\n\n서울대병원은 지난 12일 본원에서 삼성서울병원과 업무협약을 체결했다고 밝혔다.", "2025-03-14", "2025-03-12"),
 ("2025년 4월 3일 | 홍보팀\n\n서울대병원이 지난달 13일 몽골국립암센터와 양해각서를 맺었다.", "2025-04-03", "2025-03-13"),
 ("عمّان 14 أيار 2025 (بترا) – وقّع مركز الحسين للسرطان ومستشفى الجامعة الأردنية، أمس الثلاثاء، مذكرة تفاهم لتطوير برامج التدريب.", "2025-05-14", "2025-05-13"),
 ("الرياض 15 شعبان 1446 هـ (واس) – وقّع مستشفى الملك فيصل التخصصي اليوم مذكرة تفاهم مع مايو كلينك الأمريكية.", "2025-02-14", "2025-02-14"),
 ("2025年6月20日　健康报\n\n6月19日，北京协和医院与复旦大学附属华山医院在北京签署合作备忘录。", "2025-06-20", "2025-06-19"),
 ("2025-04-18 15:20:11　来源：新华网\n\n新华社上海4月18日电 复旦大学附属中山医院与新加坡中央医院17日在上海签署合作备忘录。", "2025-04-18", "2025-04-17"),
 ("令和7年3月5日\n東京大学医学部附属病院\n\n東京大学医学部附属病院は、タイのマヒドン大学と医療人材の育成に関する覚書を4日に締結しました。", "2025-03-05", "2025-03-04"),
 ("Lima, 11/12/15 (Andina). El Seguro Social de Salud (EsSalud) y el Hospital Italiano de Buenos Aires firmaron hoy un convenio de cooperación.", "2015-12-11", "2015-12-11"),
 ("NEW YORK, 5/12/2025 – Mount Sinai Hospital and Asan Medical Center signed a memorandum of understanding on Friday.", "2025-05-12", "2025-05-09"),
 ("Communiqué de presse – Paris, le 14 mars 2025\n\nL'Assistance Publique-Hôpitaux de Paris et le CHU Ibn Rochd ont signé mercredi une convention de partenariat.", "2025-03-14", "2025-03-12"),
 ("São Paulo, 10/04/2025\n\nO Hospital Israelita Albert Einstein e o Hospital Sírio-Libanês assinaram nesta quarta-feira (9) um memorando de entendimento.", "2025-04-10", "2025-04-09"),
 ("Madrid, 7 de marzo de 2025\n\nEl Hospital Universitario 12 de Octubre y la Fundación Santa Fe de Bogotá han firmado este jueves un acuerdo de colaboración.", "2025-03-07", "2025-03-06"),
 ("MONTRÉAL, le 22 janv. 2025 /CNW/ - Le CHU Sainte-Justine et l'Hôpital Necker-Enfants malades ont signé vendredi dernier un protocole d'entente.", "2025-01-22", "2025-01-17"),
 ("Maputo, 12 Set (AIM) – O Ministério da Saúde e o Hospital de Clínicas de Porto Alegre assinaram hoje um memorando de entendimento.", None, None),
 # A dateline without a year: the agency after a comma, the year from the full date below it.
 ("Nairobi, Oct. 3, KNA – Kenyatta National Hospital and Aga Khan University signed a memorandum of understanding on Wednesday, October 1, 2025.", "2025-10-03", "2025-10-01"),
 # A year named in passing is not the dateline's: "أمس الثلاثاء" makes the 14th a Wednesday (2025).
 ("مسقط في 14 مايو /العمانية/ وقعت وزارة الصحة أمس الثلاثاء مذكرة تفاهم مع مستشفى أبولو، امتداداً لبرنامج تعاون بدأ عام 2019.", "2025-05-14", "2025-05-13"),
 ("دبي في 28 يناير 2025 / وام / وقّعت مؤسسة الإمارات للخدمات الصحية اليوم مذكرة تفاهم مع مركز سامسونج الطبي.", "2025-01-28", "2025-01-28"),
 ("中央社記者陳婉婷台北2025年5月31日電\n\n國立臺灣大學醫學院附設醫院與慶應義塾大學醫院30日在台北簽署合作備忘錄。", "2025-05-31", "2025-05-30"),
 ("2025年7月14日\n聖路加国際病院\n\n聖路加国際病院は、ソウル峨山病院と覚書を11日（金）に締結しました。", "2025-07-14", "2025-07-11"),
 # The publication on a line of its own under the text, as some sites write it.
 ("부산대병원은 지난 9일 베트남 호찌민시 제2인민병원과 의료진 연수에 관한 업무협약을 체결했다고 11일 밝혔다.\n\n2025.06.11", "2025-06-11", "2025-06-09"),
 ("Aga Khan University Hospital and Mount Sinai Hospital signed a memorandum of understanding on 30 January.\n\nPublished: 3 February 2025", "2025-02-03", "2025-01-30"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "published_on", "signed_on"), CASES, ids=[text[:24] for text, *_ in CASES])
def test_drafting_reads_the_publication_and_signing_dates_as_the_press_writes_them(text, published_on, signed_on):
    draft = draft_from_article(text=text)

    [agreement] = draft["agreements"]
    assert (draft["source"]["published_on"], agreement["signed_on"]) == (published_on, signed_on)
    assert agreement["signed_on_precision"] == ("day" if signed_on else "unknown")


@pytest.mark.django_db
def test_drafting_dates_an_agreement_signed_the_same_day_as_the_one_before():
    text = (
        "기사입력 2025-06-11 14:05 | 헬스코리아뉴스\n\n"
        "서울아산병원은 지난 9일 우즈베키스탄 보건부와 업무협약(MOU)을 체결했다.\n\n"
        "같은 날 서울아산병원은 타슈켄트 의과대학과도 교육 협력 협약을 맺었다."
    )

    draft = draft_from_article(text=text)

    assert [agreement["signed_on"] for agreement in draft["agreements"]] == ["2025-06-09", "2025-06-09"]


@pytest.mark.django_db
def test_drafting_takes_the_day_an_era_date_ends_an_agreement_not_for_its_signing():
    text = (
        "令和7年3月5日\n国立研究開発法人 国立国際医療研究センター\n\n"
        "国立国際医療研究センターは、チョーライ病院と2015年10月に締結した覚書が、"
        "令和7年（2025年）2月28日をもって期間満了により終了したことをお知らせします。\n\n"
        "同覚書は、2015年10月21日にホーチミン市で署名したものです。"
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert (agreement["signed_on"], agreement["signed_on_precision"]) == ("2015-10-21", "day")
    assert [(event["kind"], event["dated_on"]) for event in agreement["events"]] == [("ended", "2025-02-28")]


@pytest.mark.django_db
def test_drafting_keeps_an_ordinal_inside_a_korean_name():
    text = "서울아산병원은 지난 24일 몽골 울란바토르 국립제2중앙병원과 업무협약을 맺었다고 27일 밝혔다.\n\n2025.04.27"
    [agreement] = draft_from_article(text=text)["agreements"]

    assert "국립제2중앙병원" in [party["name"] for party in agreement["parties"]]
