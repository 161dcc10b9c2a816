"""Splitting paragraphs for translation: sentence ends in English and Russian, abbreviations, length limits."""

from __future__ import annotations

from alignment.document import Span
from models.ct2_translator import pair_segments
from models.sentences import sentence_spans, split_for_model


def _sents(text: str) -> list[str]:
    return [s.slice(text) for s in sentence_spans(text)]


def test_english_sentences_and_abbreviations():
    text = ("Recalls resolution No. 64/178, vol. 2, para. 3. The Commission, e.g. the U.N. Office, decides "
            "to act (see art. 5). It requests Mr. Smith to report!")
    assert _sents(text) == [
        "Recalls resolution No. 64/178, vol. 2, para. 3.",
        "The Commission, e.g. the U.N. Office, decides to act (see art. 5).",
        "It requests Mr. Smith to report!",
    ]


def test_russian_sentences_and_abbreviations():
    text = ("Ссылаясь на т. 2, с. 15 и ст. 5, Комиссия постановляет. Совещание состоится в 2011 г. в Вене. "
            "«Да», — сказал он. Доклад см. в документе E/CN.15/2011/2.")
    assert _sents(text) == [
        "Ссылаясь на т. 2, с. 15 и ст. 5, Комиссия постановляет.",
        "Совещание состоится в 2011 г. в Вене.",
        "«Да», — сказал он.",
        "Доклад см. в документе E/CN.15/2011/2.",
    ]


def test_numbers_and_symbols_do_not_end_sentences():
    assert _sents("Growth was 1.5 per cent in E/CN.15/2011/L.3 and 2.0 in 2010.") == [
        "Growth was 1.5 per cent in E/CN.15/2011/L.3 and 2.0 in 2010."]


def test_long_sentences_are_cut_at_clauses_then_words():
    clause = "urges Member States to take measures against trafficking in persons"
    text = "; ".join([clause] * 6) + ", and " + " ".join(["word"] * 40) + "."
    spans = split_for_model(text, lambda s: len(s.split()), 15)
    assert all(len(s.slice(text).split()) <= 15 for s in spans)
    assert len(spans) >= 6
    # nothing lost, in order
    joined = " ".join(s.slice(text) for s in spans)
    assert joined.split() == text.split()
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_every_sample_paragraph_fits(sample_comparison):
    for doc in (sample_comparison.en[0], sample_comparison.ru[0]):
        for p in doc.paragraphs:
            spans = split_for_model(p.text, lambda s: len(s.split()), 20)
            assert all(len(s.slice(p.text).split()) <= 20 or " " not in s.slice(p.text) for s in spans)
            assert "".join(s.slice(p.text) for s in spans).replace(" ", "") == p.text.replace(" ", "")


def test_pair_segments_by_relative_position():
    s = [Span(0, 10), Span(11, 20), Span(21, 30)]
    t = [Span(0, 15), Span(16, 30)]
    pairs = pair_segments(s, 30, t, 30)
    assert [tt for _, tt in pairs] == t
    assert pairs[0][0].start == 0 and pairs[-1][0].end == 30
    same = pair_segments(s, 30, s, 30)
    assert same == list(zip(s, s, strict=True))
