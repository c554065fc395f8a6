"""A hand-written article and the draft the assistant's contract would give for it, for the curation tests."""
import copy

ARTICLE = """HANOI, March 4, 2025 — Bach Mai Hospital of Vietnam (Bệnh viện Bạch Mai) and Asan Medical Center signed a memorandum of understanding on Tuesday to train doctors in organ transplantation.

The agreement was signed by Dao Xuan Co, Director of Bach Mai Hospital, and Park Seung-il, President of Asan Medical Center.

"This partnership will bring our transplant teams closer," said Park Seung-il.

The two hospitals will exchange physicians and run joint research on liver transplantation.
"""

DRAFT = {
    "source": {"title": "Bach Mai Hospital and Asan Medical Center sign transplant MoU", "publisher": "Hanoi Health News",
               "url": "https://news.example.org/2025/03/bach-mai-asan", "published_on": "2025-03-04", "language": "en"},
    "agreements": [{
        "title": "Bach Mai Hospital – Asan Medical Center memorandum of understanding on organ transplantation",
        "kind": "mou", "status": "signed", "signed_on": "2025-03-04", "signed_on_precision": "day", "place": "Hanoi",
        "parties": [
            {"name": "Bach Mai Hospital", "institution": None, "country": "VN", "kind": "hospital", "parent": None,
             "other_names": [{"name": "Bệnh viện Bạch Mai", "kind": "native", "language": "vi"}],
             "evidence": "Bach Mai Hospital of Vietnam (Bệnh viện Bạch Mai) and Asan Medical Center signed a memorandum of understanding on Tuesday"},
            {"name": "Asan Medical Center", "institution": "asan-medical-center", "country": "KR", "kind": "hospital",
             "parent": None, "other_names": [],
             "evidence": "Bach Mai Hospital of Vietnam (Bệnh viện Bạch Mai) and Asan Medical Center signed a memorandum of understanding on Tuesday"},
        ],
        "people": [
            {"name": "Dao Xuan Co", "title": "Director of Bach Mai Hospital", "institution": "Bach Mai Hospital",
             "role": "signed", "evidence": "The agreement was signed by Dao Xuan Co, Director of Bach Mai Hospital, and Park Seung-il, President of Asan Medical Center."},
            {"name": "Park Seung-il", "title": "President of Asan Medical Center", "institution": "Asan Medical Center",
             "role": "signed", "evidence": "The agreement was signed by Dao Xuan Co, Director of Bach Mai Hospital, and Park Seung-il, President of Asan Medical Center."},
            {"name": "Park Seung-il", "title": "President of Asan Medical Center", "institution": "Asan Medical Center",
             "role": "spoke", "evidence": "\"This partnership will bring our transplant teams closer,\" said Park Seung-il."},
        ],
        "areas": [
            {"area": "clinical-staff-training", "evidence": "to train doctors in organ transplantation"},
            {"area": "joint-research", "evidence": "run joint research on liver transplantation"},
        ],
        "evidence": [
            {"fact": "kind", "quote": "signed a memorandum of understanding on Tuesday"},
            {"fact": "date", "quote": "HANOI, March 4, 2025"},
        ],
    }],
    "warnings": [],
}


def draft(**changes):
    """A fresh copy of the draft, with changes to its first agreement."""
    proposal = copy.deepcopy(DRAFT)
    proposal["agreements"][0].update(changes)
    return proposal
