"""The words that name a signed document and its signing, and the kind of agreement they make."""
import re

# Checked in order: "letter of intent" before "agreement", a framework agreement before any agreement.
DOCUMENTS = [
    (r"letters? of intent|\bLoIs?\b|\bLOIs?\b|Absichtserklärung\w*|Declaration of Intent", "letter_of_intent"),
    (r"framework (?:cooperation |collaboration |partnership )?agreements?|"
     r"(?:academic|scientific|strategic|comprehensive|educational) (?:cooperation|collaboration|exchange|partnership) agreements?|"
     r"Rahmen(?:vertrag|verträge|vereinbarung\w*)|Kooperationsrahmen\w*", "framework"),
    # A memorandum of cooperation (Japan's MoC) is a memorandum of understanding by another name.
    (r"memorand(?:um|a) of (?:understanding|cooperation)|\bMoUs?\b|\bMOUs?\b|\bMoCs?\b|\bMemorand(?:um|a)\b", "mou"),
    (r"\bagreements?\b|\bcontracts?\b|\bMoAs?\b|\bpacts?\b|Vereinbarung\w*|Vertrag\b|Verträge|Kooperationsvertrag",
     "agreement"),
]
DOCUMENT_PATTERNS = [(re.compile(pattern, re.I), kind) for pattern, kind in DOCUMENTS]
SIGN = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|inked|inks|sealed|formali[sz]ed|concluded|entered into|put (?:their|his|her) signatures?|"
    r"renew(?:ed|s)?|exchanged|unterzeichne\w*|unterschrieben|geschlossen|schlossen)\b",
    re.I,
)


# ", which signed a letter of intent last year,": what the parties did before, not the news.
ASIDE = re.compile(r",\s+(?:which|who|that)\s+[^,]{0,120},|\([^()]*\)")


def document_kind(text):
    """Return the Agreement kind the document a text names makes, or None when it names none."""
    return kind_named(ASIDE.sub(" ", text)) or kind_named(text)


def kind_named(text):
    for pattern, kind in DOCUMENT_PATTERNS:
        if pattern.search(text):
            return kind
    return None


def is_signing(text):
    """Say whether a sentence reports a document being signed."""
    return bool(document_kind(text) and SIGN.search(text))
