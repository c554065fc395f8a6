"""How surely an article reports a signed agreement: a score from 0 to 1, in every language the assistant reads.

The words are the assistant's own (curation/drafting/documents.py), so the queue and the drafts
agree on what a signing is. The score orders the queue; nothing is dropped for a low score.
"""
from curation.drafting.documents import SIGN, document_kind, is_planned, is_signing
from curation.drafting.text import split_sentences

# What each sign adds; a headline "X and Y sign MoU" with a sentence telling it is 0.9.
HEADLINE_NAMES_DOCUMENT = 0.25
HEADLINE_TELLS_SIGNING = 0.15
A_SENTENCE_TELLS_SIGNING = 0.4
ONLY_PLANNED = 0.15
NAMES_INSTITUTIONS = {1: 0.05, 2: 0.1}
# Past this many sentences a long page's furniture would only add noise.
SENTENCES_READ = 60


def relevance(*, title, text, language, institutions_named=0):
    """Return the score of an article: its headline, its sentences, and how many known institutions it names."""
    score = 0.0
    if document_kind(title or "", language):
        score += HEADLINE_NAMES_DOCUMENT
        if SIGN.search(title):
            score += HEADLINE_TELLS_SIGNING
    sentences = [sentence.text for sentence in split_sentences(text or "")[:SENTENCES_READ]]
    if any(is_signing(sentence, language) for sentence in sentences):
        score += A_SENTENCE_TELLS_SIGNING
    elif any(is_planned(sentence) and document_kind(sentence, language) for sentence in sentences):
        score += ONLY_PLANNED
    score += NAMES_INSTITUTIONS.get(min(institutions_named, 2), 0)
    return round(min(score, 1.0), 2)
