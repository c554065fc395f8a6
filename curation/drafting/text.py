"""The article's text cut into sentences that keep their place, so every quote is verbatim."""
import re
from dataclasses import dataclass

# Words that end in a full stop without ending a sentence: titles before a name, months,
# company forms. "H.E. Dr. Yousif" and "Sept. 21" stay in one sentence.
ABBREVIATIONS = {
    "dr", "prof", "mr", "mrs", "ms", "h.e", "h.h", "st", "no", "nos", "inc", "co", "ltd", "corp", "jr", "sr",
    "vs", "e.g", "i.e", "u.s", "u.k", "u.a.e", "dept", "univ", "gen", "sen", "rep", "gov", "hon", "assoc",
    "asst", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
    "mt", "ft", "fig", "vol", "p", "pp", "z.b", "bzw", "ca", "nr", "dipl", "med", "ing", "rer", "nat",
}
# A full stop, question or exclamation mark, with any closing quote or bracket after it; Chinese
# and Japanese put no space after theirs.
# A Chinese or Japanese semicolon ends a clause that reads as a sentence of its own: "A与B签署…；C与D签署…".
SENTENCE_END = re.compile(r"[.!?؟]+[\"”’')\]]*(?=\s)|[。！？；]+[\"”’')\]」』）]*")
MONTH_NEXT = re.compile(
    r"\s*(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"January|February|March|May|June|July|October|December)\b"
)
TERMINAL = tuple(".!?:;\"”’。！？؟」")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its text exactly as written and where it stands."""

    text: str
    start: int
    index: int
    paragraph: int


# No sentence of an article is longer: a longer run (a list, a table, hostile input) is cut,
# which bounds the time every pattern takes on one sentence.
MAX_SENTENCE = 1500


def split_sentences(text):
    """Return the sentences of the text, each a verbatim slice of it."""
    sentences = []
    for paragraph, (start, end) in enumerate(paragraph_spans(text)):
        for piece_start, piece_end in bounded(text, sentence_spans(text, start, end)):
            piece = text[piece_start:piece_end]
            stripped = piece.strip()
            if stripped:
                offset = piece_start + piece.index(stripped)
                sentences.append(Sentence(stripped, offset, len(sentences), paragraph))
    return sentences


def bounded(text, spans):
    """Yield the spans, each longer than MAX_SENTENCE cut at a space before the limit."""
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            yield start, cut
            start = cut
        yield start, end


def paragraph_spans(text):
    """Return (start, end) of each paragraph: a line, unless it runs on into the next one.

    Saved pages put a paragraph on each line; text wrapped by hand breaks a sentence across
    lines, which shows as a line without a closing mark followed by one in lower case.
    """
    spans, start, position = [], 0, 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        end = position + len(line)
        following = lines[number + 1].lstrip() if number + 1 < len(lines) else ""
        runs_on = line.strip() and not line.rstrip().endswith(TERMINAL) and following[:1].islower()
        if not runs_on:
            spans.append((start, end))
            start = end + 1
        position = end + 1
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentence_spans(text, start, end):
    spans, begin = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        if is_sentence_end(text, match.start(), stop, end):
            spans.append((begin, stop))
            begin = stop
    spans.append((begin, end))
    return spans


def is_sentence_end(text, mark, stop, end):
    if text[mark] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[max(0, mark - 20):mark])
    word = word.group(1).lower() if word else ""
    if word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
        # An initial (Martin E. Kreis) or an abbreviation: the sentence goes on.
        return False
    if re.fullmatch(r"\d{1,2}", word) and MONTH_NEXT.match(text, stop):
        # "13. März 2025": a German date, not the end of a sentence.
        return False
    following = text[stop:end].lstrip()[:1]
    # A new sentence starts with a capital, a digit, a quote or another script.
    return bool(following) and not following.islower()


def leftmost_longest(spans):
    """Return the spans (with .start and .end) in order, the longest where two start together, none overlapping."""
    ordered = sorted(spans, key=lambda span: (span.start, -(span.end - span.start)))
    kept = []
    for span in ordered:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
