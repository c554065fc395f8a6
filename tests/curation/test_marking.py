"""The article as the review page shows it: each sentence a span to cite, each quote marked."""
from curation.marking import marked_article, sentence_spans

TEXT = "Dr. Han Ji-won signed it on 12 May. The MoU runs five years!\nSeoul, Korea\n\n병원은 협약을 맺었다。다음 문장。"


def sentences(text):
    return [text[start:end] for start, end in sentence_spans(text)]


def test_sentences_end_at_stops_and_line_ends_not_after_titles():
    assert sentences(TEXT) == [
        "Dr. Han Ji-won signed it on 12 May.", "The MoU runs five years!", "Seoul, Korea", "병원은 협약을 맺었다。", "다음 문장。",
    ]


def test_each_sentence_is_a_span_and_a_quote_across_two_is_marked_in_both():
    html, anchors, missing = marked_article(TEXT, ["12 May. The MoU", "not in the text"])

    assert str(html).startswith(
        '<span class="sentence">Dr. Han Ji-won signed it on <span id="quote-1" class="quote-anchor"></span><mark>12 May.</mark>'
        '</span><mark> </mark><span class="sentence"><mark>The MoU</mark> runs five years!</span>'
    )
    assert html.count('<span class="sentence">') == 5
    assert (anchors, missing) == ({"12 May. The MoU": "quote-1"}, ["not in the text"])


def test_the_article_text_is_escaped():
    html, _anchors, _missing = marked_article("<b>Hi</b> there.", [])
    assert str(html) == '<span class="sentence">&lt;b&gt;Hi&lt;/b&gt; there.</span>'
