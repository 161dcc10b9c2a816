"""What every fuzz target shares: the rule that an input either reads or raises the ParityError family, and
the invariants a successful reading must hold (offsets inside the text, normalised text, unique ids)."""

from __future__ import annotations

import sys
import unicodedata

import atheris


def run(test_one_input) -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


def check_raw(raw) -> None:
    from alignment.textnorm import normalize_text

    for block in raw.blocks:
        # a combining mark split from its letter by markup stays decomposed (pieces are composed one by one)
        assert unicodedata.normalize("NFC", block.text) == normalize_text(block.text), repr(block.text[:80])
        for span in block.emphasis:
            assert 0 <= span.start < span.end <= len(block.text), (span, len(block.text))
        for ref in block.footnote_refs:
            assert 0 <= ref.offset <= len(block.text), (ref, len(block.text))
    for note in raw.footnotes:
        for span in note.emphasis:
            assert 0 <= span.start < span.end <= len(note.text), (span, len(note.text))


def check_document(doc) -> None:
    ids = [p.id for p in doc.paragraphs]
    assert len(ids) == len(set(ids)), ids
    for p in doc.paragraphs:
        for span in p.emphasis:
            assert 0 <= span.start < span.end <= len(p.text), (p.id, span, len(p.text))
