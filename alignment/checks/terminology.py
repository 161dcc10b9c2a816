"""Terminology: a glossary term in the English paragraph whose Russian equivalent (in any inflected form) is
absent from the aligned Russian paragraph is an omission — how "especially women and children" missing in
Russian is caught without a translation model."""

from __future__ import annotations

from alignment.checks.base import AlignedPair, CheckContext, make_finding
from alignment.checks.glossary import Glossary
from alignment.checks.words import tokens
from alignment.document import Span
from alignment.findings import Finding, FindingKind, Severity

NAME = "terminology"


def _contains(lemmas: list[str], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(lemmas[i] == seq[0] and tuple(lemmas[i : i + n]) == seq for i in range(len(lemmas) - n + 1))


def check(pair: AlignedPair, context: CheckContext) -> list[Finding]:
    if pair.en is None or pair.ru is None:
        return []
    glossary: Glossary = context.glossary
    en_toks = tokens(pair.en.text, russian=False)
    stems = [t.lemma for t in en_toks]
    ru_lemmas: list[str] | None = None
    out: list[Finding] = []
    reported: set[str] = set()
    for i, stem in enumerate(stems):
        for term in glossary.by_first.get(stem, ()):
            n = len(term.en_seq)
            if term.english in reported or tuple(stems[i : i + n]) != term.en_seq:
                continue
            if ru_lemmas is None:
                ru_lemmas = [t.lemma for t in tokens(pair.ru.text, russian=True)]
            if any(_contains(ru_lemmas, seq) for seq in term.ru_seqs):
                continue
            if term.english.lower() in pair.ru.text.lower():  # a name left in English ("Human Rights Watch")
                continue
            reported.add(term.english)
            span = Span(en_toks[i].start, en_toks[i + n - 1].end)
            out.append(make_finding(
                NAME, FindingKind.OMISSION, Severity.WARNING, pair,
                f"English *{pair.en.text[span.start:span.end]}* has no Russian equivalent in the paragraph "
                f"(expected {' / '.join(term.russian[:2])})", span, None, detail=term.english))
    return out


def term_spans(text: str, russian: bool, glossary: Glossary) -> list[Span]:
    """Where glossary terms (English) or their renderings (Russian) stand in ``text``: set phrases whose words
    ("especially" in "especially women and children") are not hedges of their own."""
    toks = tokens(text, russian)
    lemmas = [t.lemma for t in toks]
    out = []
    if russian:
        seqs = {seq for term in glossary.terms for seq in term.ru_seqs if len(seq) > 1}
    else:
        seqs = {term.en_seq for term in glossary.terms if len(term.en_seq) > 1}
    firsts = {s[0] for s in seqs}
    for i, lemma in enumerate(lemmas):
        if lemma not in firsts:
            continue
        for seq in seqs:
            n = len(seq)
            if seq[0] == lemma and tuple(lemmas[i : i + n]) == seq:
                out.append(Span(toks[i].start, toks[i + n - 1].end))
    return out
