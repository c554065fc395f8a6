"""German releases: kind words joined to the words before them, names declined after an article,
units named with their parent in the genitive, and what was signed before told in the pluperfect.
"""
import pytest

from curation.drafting import draft_from_article

pytestmark = pytest.mark.django_db

CASES = [
    # The partner named in the lead, after "mit dem", as it stands alone; its country after "im";
    # a letter of intent signed the year before is background, not the kind of this agreement.
    ("Leipzig, 20.05.2025\n\n"
     "Das Herzzentrum Leipzig arbeitet künftig mit dem Nationalen Kinderkrankenhaus Ochmatdyt im ukrainischen "
     "Kiew zusammen. Prof. Dr. Anna Berger, Ärztliche Direktorin, und Dr. Iwan Kowalenko unterzeichneten "
     "am Montag in Leipzig eine Kooperationsvereinbarung.\n\n"
     "Bereits im März 2024 hatten beide Häuser eine Absichtserklärung unterzeichnet.",
     {"Herzzentrum Leipzig": "DE", "Nationales Kinderkrankenhaus Ochmatdyt": "UA"}, "agreement", "2025-05-19"),
    # The signing names only people; the unit in a signer's title is part of its hospital.
    ("Basel, 3. Juni 2025\n\n"
     "Die Medizinische Universität Graz und das Universitätsspital Basel wollen in der Onkologie enger "
     "zusammenarbeiten. Rektorin Andrea Kurz und Monika Weber, Vorsitzende der Spitaldirektion des "
     "Universitätsspitals Basel, unterzeichneten dazu am Montag eine Absichtserklärung.",
     {"Medizinische Universität Graz": "AT", "Universitätsspital Basel": "CH"}, "letter_of_intent", "2025-06-02"),
]


@pytest.mark.parametrize(("text", "parties", "kind", "signed_on"), CASES, ids=["lead", "unit"])
def test_drafting_a_german_release_takes_its_parties_as_they_stand_alone(text, parties, kind, signed_on):
    [agreement] = draft_from_article(text=text)["agreements"]

    assert {party["name"]: party["country"] for party in agreement["parties"]} == parties
    assert (agreement["kind"], agreement["signed_on"]) == (kind, signed_on)


def test_drafting_a_german_release_reads_a_title_before_the_name_and_an_attendee_after_it():
    text = (
        "Graz, 4. Juni 2025\n\n"
        "Rektorin Andrea Kurz und Dr. Peter Novak, Direktor der Universitätsklinik Ljubljana, unterzeichneten "
        "am Dienstag in Graz eine Kooperationsvereinbarung. Die steirische Wissenschaftsministerin Eva Maier "
        "nahm an der Unterzeichnung teil."
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert {(person["name"], person["role"]) for person in agreement["people"]} == {
        ("Andrea Kurz", "signed"), ("Peter Novak", "signed"), ("Eva Maier", "attended"),
    }
