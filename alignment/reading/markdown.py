"""Reader for plain text / Markdown as extracted from PDFs (the layout of the bundled sample).

Recognises: ``#`` headings, ``**bold**`` and ``*italic*``, ``<sup>n</sup>`` footnote markers, ``---`` page
breaks followed by the page's footnote texts, hard line breaks (two trailing spaces), numbered and lettered
list items that follow each other without blank lines, and page numbers / running headers left by extraction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from alignment.reading.inline import Piece, assemble
from alignment.reading.raw import RawBlock, RawDocument, RawFootnote

_PAGE_BREAK = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|\f)\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_FOOTNOTE_START = re.compile(r"^\s*<sup>\s*([^<]{1,6}?)\s*</sup>\s*(.*)$")
_LIST_START = re.compile(r"^\s*(?:\d{1,3}\.|\(?[a-zA-Zа-яА-Я]{1,5}\))\s+\S")
_INLINE = re.compile(r"<sup>\s*([^<]{1,6}?)\s*</sup>|\\([*_\\])|(\*\*)|(\*)")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$")


def parse_inline(text: str) -> list[Piece]:
    """Split a Markdown line into pieces with italic/bold state and footnote markers."""
    pieces: list[Piece] = []
    italic = bold = False
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            pieces.append(Piece(text[pos : m.start()], italic, bold))
        if m.group(1) is not None:
            pieces.append(Piece("", footnote=m.group(1)))
        elif m.group(2) is not None:
            pieces.append(Piece(m.group(2), italic, bold))
        elif m.group(3):
            bold = not bold
        else:
            italic = not italic
        pos = m.end()
    if pos < len(text):
        pieces.append(Piece(text[pos:], italic, bold))
    return pieces


@dataclass
class _Pending:
    lines: list[str] = field(default_factory=list)
    heading: int = 0
    footnote: str | None = None
    after_break: bool = False
    page: int = 1


def _finish(p: _Pending, blocks: list[RawBlock], notes: list[RawFootnote]) -> None:
    if not p.lines:
        return
    pieces: list[Piece] = []
    for i, line in enumerate(p.lines):
        if i:
            pieces.append(Piece(" "))
        pieces.extend(parse_inline(line))
    inline = assemble(pieces)
    if not inline.text:
        return
    if p.footnote is not None:
        notes.append(RawFootnote(p.footnote, inline.text, inline.emphasis))
        return
    bold = bool(inline.bold_spans) and inline.bold_spans[0].start == 0 and inline.bold_spans[-1].end == len(inline.text)
    lines = tuple(assemble(parse_inline(line)).text for line in p.lines)
    blocks.append(
        RawBlock(
            text=inline.text,
            emphasis=inline.emphasis,
            bold=bold,
            heading_level=p.heading,
            footnote_refs=inline.footnote_refs,
            after_page_break=p.after_break,
            page=p.page,
            lines=tuple(x for x in lines if x),
        )
    )


def _drop_furniture(blocks: list[RawBlock]) -> tuple[list[RawBlock], int]:
    """Remove page numbers and running headers (the same short block right after several page breaks)."""
    firsts = Counter(b.text for b in blocks if b.after_page_break and len(b.text) < 80)
    running = {t for t, n in firsts.items() if n >= 2}
    kept: list[RawBlock] = []
    dropped = 0
    carry_break = False
    for b in blocks:
        if _PAGE_NUMBER.match(b.text) or (b.after_page_break and b.text in running):
            dropped += 1
            carry_break = carry_break or b.after_page_break
            continue
        if carry_break and not b.after_page_break:
            b = RawBlock(**{**b.__dict__, "after_page_break": True})
        carry_break = False
        kept.append(b)
    return kept, dropped


def read_markdown(text: str, path: str, sha256: str, fmt: str = "markdown") -> RawDocument:
    blocks: list[RawBlock] = []
    footnotes: list[RawFootnote] = []
    page = 1
    after_break = False
    in_footnotes = False
    cur = _Pending(page=page)
    hard_break_prev = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            _finish(cur, blocks, footnotes)
            cur = _Pending(page=page, after_break=after_break)
            hard_break_prev = False
            continue
        if _PAGE_BREAK.match(line):
            _finish(cur, blocks, footnotes)
            page += 1
            after_break = True
            in_footnotes = True
            cur = _Pending(page=page, after_break=True)
            continue
        fn = _FOOTNOTE_START.match(line) if in_footnotes else None
        if fn and not cur.lines:
            cur = _Pending(lines=[fn.group(2)], footnote=fn.group(1), page=page)
            continue
        if fn and cur.footnote is not None:
            _finish(cur, blocks, footnotes)
            cur = _Pending(lines=[fn.group(2)], footnote=fn.group(1), page=page)
            continue
        heading = _HEADING.match(stripped)
        if heading:
            _finish(cur, blocks, footnotes)
            cur = _Pending(lines=[heading.group(2)], heading=len(heading.group(1)), page=page, after_break=after_break)
            _finish(cur, blocks, footnotes)
            in_footnotes = after_break = False
            cur = _Pending(page=page)
            continue
        if cur.lines and cur.footnote is None and _LIST_START.match(line) and not hard_break_prev:
            _finish(cur, blocks, footnotes)
            cur = _Pending(page=page)
        if not cur.lines and cur.footnote is None:
            cur.after_break = after_break
            in_footnotes = after_break = False
        cur.lines.append(stripped)
        hard_break_prev = line.endswith("  ") or line.endswith("\\")
    _finish(cur, blocks, footnotes)
    kept, dropped = _drop_furniture(blocks)
    notes = (f"dropped {dropped} page-furniture line(s) (page numbers, running headers)",) if dropped else ()
    return RawDocument(path, sha256, fmt, tuple(kept), tuple(footnotes), notes)
