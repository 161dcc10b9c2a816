"""Property-based tests (hypothesis): the readers, the structure parser, normalisation and word_diff hold their
contracts on any input. A reader either returns or raises the ParityError family, never anything else."""

from __future__ import annotations

import contextlib
import io
import unicodedata
import zipfile
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.errors import ParityError
from alignment.reading.docx import read_docx
from alignment.reading.markdown import read_markdown
from alignment.reading.raw import RawDocument
from alignment.structure import build_document
from alignment.textnorm import fold, normalize_mapped, normalize_text
from alignment.worddiff import DiffOp, word_diff
from tests.hostile.make_corpus import INVISIBLE, SAMPLE, SPACES, docx_bytes, sample_paragraphs

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ----------------------------------------------------------------------------------------------- strategies

# characters that matter to the engine: markup, digits and slashes of symbols, both alphabets, spaces of every
# kind, invisible and combining characters, ё, quotes and dashes
_ODD = "*#<>/\\-–—«»“”‘’ \t\n" + INVISIBLE + SPACES + "\u0301\u0308ёЁеЕ" + "0123456789."
_alphabet = st.one_of(
    st.sampled_from(_ODD),
    st.characters(min_codepoint=0x41, max_codepoint=0x7A),
    st.characters(min_codepoint=0x410, max_codepoint=0x44F),
    st.characters(blacklist_categories=("Cs",)),
)
text = st.text(_alphabet, max_size=200)

_SAMPLE_LINES = [line for lang in ("en", "ru") for line in (SAMPLE / f"{lang}.md").read_text(encoding="utf-8").splitlines()]
_MD_FRAGMENTS = [
    "# ", "## ", "**", "*", "<sup>1</sup>", "<sup>", "</sup>", "---", "\n", "\n\n", "  \n", "1. ", "(a) ", "\\*",
    "*Recalling* ", "*Requests* the ", "OP", "PP", "The General Assembly,", "Генеральная Ассамблея,",
]
markdown = st.lists(
    st.one_of(st.sampled_from(_SAMPLE_LINES), st.sampled_from(_MD_FRAGMENTS), text), max_size=60
).map("".join)


def _check_raw(raw: RawDocument) -> None:
    for block in raw.blocks:
        # known gap: a combining mark split from its letter by markup ("A*\u0301") stays decomposed, since
        # readers compose each styled piece on its own; everything else of the normalisation must hold
        assert unicodedata.normalize("NFC", block.text) == normalize_text(block.text), block.text
        for span in block.emphasis:
            assert 0 <= span.start < span.end <= len(block.text)
        for ref in block.footnote_refs:
            assert 0 <= ref.offset <= len(block.text)
    for note in raw.footnotes:
        for span in note.emphasis:
            assert 0 <= span.start < span.end <= len(note.text)


# ------------------------------------------------------------------------------------ Markdown + structure


@FAST
@given(markdown)
def test_markdown_reader_and_structure_never_fail_unexpectedly(source):
    try:
        raw = read_markdown(source, "fuzz.md", "0" * 64)
        _check_raw(raw)
        doc = build_document(raw)
    except ParityError as exc:
        assert str(exc)
        return
    ids = [p.id for p in doc.paragraphs]
    assert len(ids) == len(set(ids)), ids  # paragraph ids are unique
    for p in doc.paragraphs:
        for span in p.emphasis:
            assert 0 <= span.start < span.end <= len(p.text)


@FAST
@given(st.lists(st.sampled_from(_SAMPLE_LINES), min_size=1, max_size=120))
def test_structure_of_shuffled_sample_lines(lines):
    """Real resolution lines in any order and number: a Document or a ParityError."""
    with contextlib.suppress(ParityError):
        build_document(read_markdown("\n".join(lines), "fuzz.md", "0" * 64))


# ---------------------------------------------------------------------------------------- normalisation


@FAST
@given(text)
def test_normalize_text_contract(s):
    out = normalize_text(s)
    assert normalize_text(out) == out  # idempotent
    assert not set(out) & set(INVISIBLE)
    assert not set(out) & set(SPACES + "\t\n\r")
    assert "  " not in out and out == out.strip()
    # NFC: composed where the input had no invisible character between a letter and its accent
    if not set(s) & set(INVISIBLE):
        assert out == unicodedata.normalize("NFC", out)


@FAST
@given(text)
def test_normalize_mapped_agrees_and_maps_monotonically(s):
    s = unicodedata.normalize("NFC", s)
    out, mapping = normalize_mapped(s)
    assert out == normalize_text(s) or set(s) & set(INVISIBLE)  # NFC may recompose across a removed character
    assert len(mapping) == len(s) + 1
    assert all(0 <= m <= len(out) for m in mapping)
    assert mapping == sorted(mapping) and mapping[-1] == len(out)
    for i, ch in enumerate(s):  # every kept character lands on itself
        if mapping[i] < len(out) and ch not in INVISIBLE and ch not in SPACES and not ch.isspace():
            assert out[mapping[i]] == ch


@FAST
@given(text)
def test_fold_is_length_preserving(s):
    folded = fold(s)
    assert len(folded) == len(s)
    assert "ё" not in folded and "Ё" not in folded
    assert fold("64/\u200b178".replace("\u200b", "")) == "64/178"


def test_zero_width_inside_a_symbol_still_matches():
    assert normalize_text("resolution 64/\u200b178\u00a0of 18\u202fDecember") == "resolution 64/178 of 18 December"
    assert normalize_text("imple\u00admentation \u200fCo\u0302te") == "implementation Côte"


# -------------------------------------------------------------------------------------------- word_diff

words = st.lists(
    st.one_of(st.sampled_from(["the", "Assembly", "64/178", "of", "Генеральная", "Ассамблея", ",", ".", " ", "  "]), text),
    max_size=30,
).map(" ".join)


def _check_cover(spans, old: str, new: str) -> None:
    a = b = 0
    for sp in spans:
        assert sp.a_start == a and sp.b_start == b, (sp, a, b)
        if sp.op is DiffOp.EQUAL:
            assert old[sp.a_start : sp.a_end] == new[sp.b_start : sp.b_end]
            assert sp.a_end > sp.a_start
        elif sp.op is DiffOp.INSERT:
            assert sp.a_end == sp.a_start and sp.b_end > sp.b_start
        else:
            assert sp.b_end == sp.b_start and sp.a_end > sp.a_start
        a, b = sp.a_end, sp.b_end
    assert (a, b) == (len(old), len(new))


@FAST
@given(words, words)
def test_word_diff_spans_cover_both_texts_exactly(old, new):
    diff = word_diff(old, new)
    _check_cover(diff.spans, old, new)
    assert (old == new) == (not diff.changed) or not old and not new
    assert 0.0 <= diff.similarity() <= 1.0


@FAST
@given(words, st.integers(0, 40), words)
def test_word_diff_of_an_edit_keeps_the_untouched_ends(old, cut, inserted):
    cut = min(cut, len(old))
    new = old[:cut] + inserted + old[cut:]
    diff = word_diff(old, new)
    _check_cover(diff.spans, old, new)
    if old == new:
        assert not diff.changed


# ------------------------------------------------------------------------------------------ docx reader


@lru_cache(maxsize=1)
def _seed_docx() -> bytes:
    return docx_bytes(sample_paragraphs("en"))


@lru_cache(maxsize=1)
def _seed_document_xml() -> bytes:
    return zipfile.ZipFile(io.BytesIO(_seed_docx())).read("word/document.xml")


def _rezip(document_xml: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_seed_docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, document_xml if info.filename == "word/document.xml" else src.read(info))
    return buf.getvalue()


def _read_docx_or_parity_error(data: bytes) -> None:
    try:
        raw = read_docx(data, "fuzz.docx", "0" * 64)
        _check_raw(raw)
        build_document(raw)
    except ParityError as exc:
        assert str(exc)


mutation = st.tuples(st.integers(min_value=0), st.integers(0, 64), st.binary(max_size=64))


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    buf = bytearray(data)
    for pos, cut, insert in edits:
        pos %= len(buf) + 1
        buf[pos : pos + cut] = insert
    return bytes(buf)


@SLOW
@given(st.lists(mutation, min_size=1, max_size=8))
def test_docx_reader_on_mutated_package_bytes(edits):
    _read_docx_or_parity_error(_mutate(_seed_docx(), edits))


@SLOW
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 64),
                          st.sampled_from([b"<", b">", b"</w:p>", b"<w:p>", b"<w:r>", b"&", b"&amp;", b'"', b"\x00",
                                           b"<!DOCTYPE x>", b"<w:ins>", b"<w:del>", b"<w:footnoteReference w:id='9'/>",
                                           b"<w:numPr><w:numId w:val='7'/></w:numPr>", b"\xff\xfe", "ё\u200b".encode()])),
                min_size=1, max_size=8))
def test_docx_reader_on_mutated_document_xml(edits):
    _read_docx_or_parity_error(_rezip(_mutate(_seed_document_xml(), edits)))


@pytest.mark.parametrize("cut", [0, 1, 30, 100, 500, 1000, 2000])
def test_docx_reader_on_truncated_packages(cut):
    data = _seed_docx()
    _read_docx_or_parity_error(data[: max(0, len(data) - cut)])


def test_found_by_fuzzing_zip_needing_an_unknown_version():
    """fuzz_docx found zipfile raising NotImplementedError("zip file version 12.5") from the constructor."""
    data = bytearray(_seed_docx())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 6 : cd + 8] = (125).to_bytes(2, "little")  # "version needed to extract" of the last entry
    with pytest.raises(ParityError, match="damaged or truncated"):
        read_docx(bytes(data), "fuzz.docx", "0" * 64)
