"""Press releases of the world in nine languages, what a careful curator takes from each, and their score.

The articles (tests/curation/articles/world/) were written after the engine, in the styles of
hospitals', ministries' and news agencies' releases of each region, and scored once before any
change made for them (docs/curation.md, "Articles of the world: first run"). Batch "dev" is for
tuning the rules; batch "heldout" is not read while tuning, so that its score stays a measure of
articles never seen.

Parties are named by the directory's slug when the directory has them, else by the full name the
article first writes, in its script; people by their names without titles, as written. Countries
are ISO 3166 alpha-2 codes, as a reader can tell them from the text (demonyms, dateline, cities).
"""
from pathlib import Path

from curation.drafting import draft_from_article
from institutions.models import Institution
from tests.curation.drafting_expectations import agreement, is_slug, paired, party_id, party_key, score

WORLD_ARTICLES = Path(__file__).parent / "articles" / "world"
LANGUAGES = ("ko", "ar", "zh", "ja", "es", "fr", "pt", "en", "de")
BATCHES = ("dev", "heldout")

WORLD = {
    # "지난 12일" under a publication line of the 14th; a unit (국제사업본부) and a 2023 MoU in passing.
    "ko_snuh_vinmec.txt": {
        "batch": "dev", "language": "ko", "published_on": "2025-03-14",
        "agreements": [agreement(
            "mou", ["seoul-national-university-hospital", "빈멕 국제병원"], "2025-03-12", "day",
            signed=["김영태", "레 반 투언"],
        )],
        "countries": {"seoul-national-university-hospital": "KR", "빈멕 국제병원": "VN"},
    },
    # "지난달 13일" a month before the date line; a vice-minister who attended.
    "ko_severance_mongolia.txt": {
        "batch": "dev", "language": "ko", "published_on": "2025-04-03",
        "agreements": [agreement(
            "mou", ["세브란스병원", "몽골국립암센터"], "2025-03-13", "day",
            signed=["이강영", "치메드 오치르바트"], attended=["엥흐바야르 바트자르갈"],
        )],
        "countries": {"세브란스병원": "KR", "몽골국립암센터": "MN"},
    },
    # Two agreements the same day ("같은 날"), an ambassador at both; 서울아산병원 is in the directory.
    "ko_amc_uzbekistan_two.txt": {
        "batch": "dev", "language": "ko", "published_on": "2025-06-11",
        "agreements": [
            agreement("mou", ["asan-medical-center", "우즈베키스탄 보건부"], "2025-06-09", "day",
                      signed=["박승일", "아살리 쿠드라토프"], attended=["문승현"]),
            agreement("framework", ["asan-medical-center", "타슈켄트 의과대학"], "2025-06-09", "day",
                      signed=["박승일", "가이라트 샤디마노프"], attended=["문승현"]),
        ],
        "countries": {"asan-medical-center": "KR", "우즈베키스탄 보건부": "UZ", "타슈켄트 의과대학": "UZ"},
    },
    # Levantine month without a year in the dateline (the footer has it); "أمس الثلاثاء"; a princess
    # who sponsored the signing is an attendee; the University of Texas is the parent, not a party.
    "ar_khcc_mdanderson.txt": {
        "batch": "dev", "language": "ar", "published_on": "2025-05-14",
        "agreements": [agreement(
            "mou", ["مركز الحسين للسرطان", "مركز إم دي أندرسون للسرطان"], "2025-05-13", "day",
            signed=["عاصم منصور", "أوليفر بوغلر"], attended=["غيداء طلال"],
        )],
        "countries": {"مركز الحسين للسرطان": "JO", "مركز إم دي أندرسون للسرطان": "US"},
    },
    # Hijri date beside the Gregorian one, "اليوم", a witnessing minister, a 2022 MoU in passing.
    "ar_kfshrc_hijri.txt": {
        "batch": "dev", "language": "ar", "published_on": "2025-02-14",
        "agreements": [agreement(
            "agreement", ["مستشفى الملك فيصل التخصصي ومركز الأبحاث", "مايو كلينك"], "2025-02-14", "day",
            signed=["ماجد الفياض", "جيانريكو فاروجيا"], attended=["فهد بن عبدالرحمن الجلاجل"],
        )],
        "countries": {"مستشفى الملك فيصل التخصصي ومركز الأبحاث": "SA", "مايو كلينك": "US"},
    },
    # Two memoranda at one event; both directory institutions written in Arabic only.
    "ar_ehs_two_arab_health.txt": {
        "batch": "dev", "language": "ar", "published_on": "2025-01-28",
        "agreements": [
            agreement("mou", ["emirates-health-services", "samsung-medical-center"], "2025-01-28", "day",
                      signed=["يوسف محمد السركال", "بارك سونغ وو"], attended=["عبدالرحمن بن محمد العويس"]),
            agreement("mou", ["emirates-health-services", "جامعة الخليج الطبية"], "2025-01-28", "day",
                      signed=["يوسف محمد السركال", "حسام حمدي"], attended=["عبدالرحمن بن محمد العويس"]),
        ],
        "countries": {"emirates-health-services": "AE", "samsung-medical-center": "KR", "جامعة الخليج الطبية": "AE"},
    },
    # "17日" with the year and month only in the publication line; departments as units.
    "zh_zhongshan_sgh.txt": {
        "batch": "dev", "language": "zh", "published_on": "2025-04-18",
        "agreements": [agreement(
            "mou", ["复旦大学附属中山医院", "新加坡中央医院"], "2025-04-17", "day",
            signed=["樊嘉", "黄俊杰"], attended=["赵丹丹"],
        )],
        "countries": {"复旦大学附属中山医院": "CN", "新加坡中央医院": "SG"},
    },
    # Charité in Chinese; "11月6日" with the year in the publication line; a planned agreement
    # still awaiting approval is not drafted.
    "zh_huashan_charite.txt": {
        "batch": "dev", "language": "zh", "published_on": "2024-11-08",
        "agreements": [agreement(
            "framework", ["复旦大学附属华山医院", "charite"], "2024-11-06", "day",
            signed=["毛颖", "海约·克罗默"],
        )],
        "countries": {"复旦大学附属华山医院": "CN", "charite": "DE"},
    },
    # Two agreements at one forum; the dean of a faculty signs for his university; a subsidiary
    # of the insurer is no party.
    "zh_tsinghua_two_event.txt": {
        "batch": "dev", "language": "zh", "published_on": "2025-06-20",
        "agreements": [
            agreement("framework", ["tsinghua-university", "香港中文大学"], "2025-06-19", "day",
                      signed=["王宏伟", "陈家亮"], attended=["曹雪涛"]),
            agreement("mou", ["北京协和医院", "taikang-insurance-group"], "2025-06-19", "day",
                      signed=["张抒扬", "陈东升"], attended=["曹雪涛"]),
        ],
        "countries": {"tsinghua-university": "CN", "香港中文大学": "HK", "北京协和医院": "CN",
                      "taikang-insurance-group": "CN"},
    },
    # "4月8日" with the year in the header; an ambassador who witnessed (立ち会い); a hospital of
    # the partner university taking part is a unit.
    "ja_utokyo_mahidol.txt": {
        "batch": "dev", "language": "ja", "published_on": "2025-04-10",
        "agreements": [agreement(
            "mou", ["東京大学医学部附属病院", "マヒドン大学"], "2025-04-08", "day",
            signed=["田中栄", "ピヤモン・ソンポン"], attended=["大鷹正人"],
        )],
        "countries": {"東京大学医学部附属病院": "JP", "マヒドン大学": "TH"},
    },
    # "本日" under the header date; a comprehensive agreement (包括連携協定); a planned research site.
    "ja_kyoto_shimadzu.txt": {
        "batch": "dev", "language": "ja", "published_on": "2025-05-20",
        "agreements": [agreement(
            "framework", ["京都大学医学部附属病院", "株式会社島津製作所"], "2025-05-20", "day",
            signed=["髙折晃史", "山本靖則"],
        )],
        "countries": {"京都大学医学部附属病院": "JP", "株式会社島津製作所": "JP"},
    },
    # A memorandum that ended (期間満了により終了) is that memorandum, dated when it was signed,
    # not a renewal; the new agreement awaits approval and is not drafted. Reiwa-era header date.
    "ja_ncgm_choray_ended.txt": {
        "batch": "dev", "language": "ja", "published_on": "2025-03-05",
        "agreements": [agreement(
            "mou", ["国立研究開発法人国立国際医療研究センター", "チョーライ病院"], "2015-10-21", "day",
            signed=["國土典宏", "グエン・チー・トゥック"],
        )],
        "countries": {"国立研究開発法人国立国際医療研究センター": "JP", "チョーライ病院": "VN"},
    },
    # A day-first numeric dateline (11/12/15 under Lima) and "hoy"; a witnessing minister.
    "es_lima_essalud.txt": {
        "batch": "dev", "language": "es", "published_on": "2015-12-11",
        "agreements": [agreement(
            "agreement", ["Seguro Social de Salud", "Hospital Italiano de Buenos Aires"], "2015-12-11", "day",
            signed=["Virginia Baffigo Torré", "Marcelo Marchetti"], attended=["Aníbal Velásquez Valdivia"],
        )],
        "countries": {"Seguro Social de Salud": "PE", "Hospital Italiano de Buenos Aires": "AR"},
    },
    # "firmado el 28 de abril de 2025 … fue suscrito por A y por B" under a dateline of the 30th;
    # the hospital's two sites are units; a governor who only welcomed it is no attendee.
    "es_guadalajara_cedars.txt": {
        "batch": "dev", "language": "es", "published_on": "2025-04-30",
        "agreements": [agreement(
            "agreement", ["Hospital Civil de Guadalajara", "cedars-sinai"], "2025-04-28", "day",
            signed=["Jaime Federico Andrade Villanueva", "Jeffrey A. Smith"],
        )],
        "countries": {"Hospital Civil de Guadalajara": "MX", "cedars-sinai": "US"},
    },
    # Two agreements at one event, "este jueves" from a Friday dateline, a regional minister who
    # presided, a department as a unit, a 2021 agreement in passing.
    "es_madrid_doce_octubre.txt": {
        "batch": "dev", "language": "es", "published_on": "2025-03-07",
        "agreements": [
            agreement("framework", ["Hospital Universitario 12 de Octubre", "Instituto Nacional de Cancerología de Colombia"],
                      "2025-03-06", "day", signed=["Carmen Martínez de Pancorbo", "Carolina Wiesner Ceballos"],
                      attended=["Fátima Matute"]),
            agreement("mou", ["Hospital Universitario 12 de Octubre", "Hospital Universitario Fundación Santa Fe de Bogotá"],
                      "2025-03-06", "day", signed=["Carmen Martínez de Pancorbo", "Henry Gallardo"],
                      attended=["Fátima Matute"]),
        ],
        "countries": {"Hospital Universitario 12 de Octubre": "ES", "Instituto Nacional de Cancerología de Colombia": "CO",
                      "Hospital Universitario Fundación Santa Fe de Bogotá": "CO"},
    },
    # "signée le 12 mars 2025 à Casablanca par A et B, en présence du ministre"; hospitals of the
    # AP-HP named as where trainees go are its units.
    "fr_aphp_ibn_rochd.txt": {
        "batch": "dev", "language": "fr", "published_on": "2025-03-14",
        "agreements": [agreement(
            "agreement", ["Assistance Publique – Hôpitaux de Paris", "Centre hospitalier universitaire Ibn Rochd de Casablanca"],
            "2025-03-12", "day", signed=["Nicolas Revel", "Hicham Afif"], attended=["Amine Tahraoui"],
        )],
        "countries": {"Assistance Publique – Hôpitaux de Paris": "FR",
                      "Centre hospitalier universitaire Ibn Rochd de Casablanca": "MA"},
    },
    # "vendredi dernier" from a Wednesday dateline; the AP-HP is Necker's parent, a research centre
    # and an institute are units, a consul general without a name.
    "fr_sainte_justine_necker.txt": {
        "batch": "dev", "language": "fr", "published_on": "2025-01-22",
        "agreements": [agreement(
            "mou", ["CHU Sainte-Justine", "hôpital Necker-Enfants malades"], "2025-01-17", "day",
            signed=["Caroline Barbir", "Jean-Marc Moulinié"],
        )],
        "countries": {"CHU Sainte-Justine": "CA", "hôpital Necker-Enfants malades": "FR"},
    },
    # A day-first numeric date line and "nesta quarta-feira (9)"; a faculty of the hospital as a unit.
    "pt_einstein_sao_joao.txt": {
        "batch": "dev", "language": "pt", "published_on": "2025-04-10",
        "agreements": [agreement(
            "mou", ["Hospital Israelita Albert Einstein", "Unidade Local de Saúde de São João"], "2025-04-09", "day",
            signed=["Sidney Klajner", "Maria João Baptista"],
        )],
        "countries": {"Hospital Israelita Albert Einstein": "BR", "Unidade Local de Saúde de São João": "PT"},
    },
    # "ontem"; a minister and an ambassador present; a 2019 memorandum that ended unrenewed is
    # background, so the new agreement is no renewal.
    "pt_champalimaud_sirio.txt": {
        "batch": "dev", "language": "pt", "published_on": "2025-05-20",
        "agreements": [agreement(
            "framework", ["Fundação Champalimaud", "Hospital Sírio-Libanês"], "2025-05-19", "day",
            signed=["Leonor Beleza", "Paulo Chapchap"], attended=["Ana Paula Martins", "Raimundo Carreiro"],
        )],
        "countries": {"Fundação Champalimaud": "PT", "Hospital Sírio-Libanês": "BR"},
    },
    # "signed on 12 May 2025 … was executed by A and B", a briefing "on Thursday" that is no signing;
    # a supervising ministry and a college are no parties.
    "en_luth_kings.txt": {
        "batch": "dev", "language": "en", "published_on": "2025-05-16",
        "agreements": [agreement(
            "mou", ["Lagos University Teaching Hospital", "King's College Hospital NHS Foundation Trust"],
            "2025-05-12", "day", signed=["Wasiu Adeyemo", "Clive Kay"],
        )],
        "countries": {"Lagos University Teaching Hospital": "NG", "King's College Hospital NHS Foundation Trust": "GB"},
    },
    # Possessives ("Mayapada Healthcare's"), "on Thursday" from a Friday dateline, an ambassador who
    # witnessed, an owner group, a 2023 letter of intent in passing.
    "en_mayapada_snuh.txt": {
        "batch": "dev", "language": "en", "published_on": "2025-02-21",
        "agreements": [agreement(
            "mou", ["Mayapada Healthcare", "seoul-national-university-hospital"], "2025-02-20", "day",
            signed=["Grace Tahir", "Kim Young-tae"], attended=["Cecep Herawan"],
        )],
        "countries": {"Mayapada Healthcare": "ID", "seoul-national-university-hospital": "KR"},
    },
    # A numeric date line (14.03.2025) and "am Mittwoch"; "im Beisein von" a minister; institutes
    # and a faculty as units; a 2022 letter of intent in passing.
    "de_charite_aga_khan.txt": {
        "batch": "dev", "language": "de", "published_on": "2025-03-14",
        "agreements": [agreement(
            "agreement", ["charite", "Aga Khan University"], "2025-03-12", "day",
            signed=["Heyo K. Kroemer", "Sulaiman Shahabuddin"], attended=["Karl Lauterbach"],
        )],
        "countries": {"charite": "DE", "Aga Khan University": "KE"},
    },
}


def world_draft(name):
    """Return the draft of a world article, from its text alone, as a curator pasting it would get."""
    return draft_from_article(text=(WORLD_ARTICLES / name).read_text(encoding="utf-8"))


def world_score(expected, draft):
    """Return (expected facts, found, wrong) of a draft, counting each party's country and reuse too.

    On top of score(): per expected party its country (a party matched to a directory record
    has the record's country; a country the draft leaves empty is missed, another one is wrong),
    and per party the directory holds, that the draft reuses its record rather than proposing a
    new institution.
    """
    total, found, wrong = score(expected, draft)
    countries = {party_key(name): country for name, country in expected["countries"].items()}
    pairs, _ = paired(expected["agreements"], draft["agreements"])
    for want, best in pairs:
        wanted = {party_key(name) for name in want["parties"]}
        slugs = {name for name in want["parties"] if is_slug(name)}
        total += len(wanted) + len(slugs)
        if best is None:
            continue
        for party in best["parties"]:
            key = party_id(party)
            if key not in wanted:
                continue  # an extra party is already counted wrong by score()
            country = party_country(party)
            found += country == countries[key]
            wrong += country is not None and country != countries[key]
        reused = {party["institution"] for party in best["parties"]}
        found += len(slugs & reused)
    return total, found, wrong


def party_country(party):
    """Return a drafted party's country: its directory record's when it has one, else the draft's."""
    if party["institution"]:
        return Institution.objects.get(slug=party["institution"]).country.code
    return party["country"]
