"""Fuzz target: the structure parser on raw blocks with arbitrary text and attributes.

Each input line is one block; prefixes set its attributes as a reader would: ``#`` x n a heading level, ``!``
bold, ``~`` after a page break, ``[label]`` an automatic list label, ``^n`` a footnote marker at the end.
"""

from __future__ import annotations

import contextlib
import re

import atheris

with atheris.instrument_imports(include=["alignment"]):
    from alignment.document import FootnoteRef
    from alignment.errors import ParityError
    from alignment.reading.raw import RawBlock, RawDocument, RawFootnote
    from alignment.structure import build_document
    from alignment.textnorm import normalize_text

from _target import check_document, run

_PREFIX = re.compile(r"^(#{0,6})(!?)(~?)(?:\[([^\]]{0,8})\])?")
_NOTE = re.compile(r"\^(\w{1,3})$")


def _block(line: str, page: int) -> RawBlock | None:
    m = _PREFIX.match(line)
    rest = line[m.end():]
    note = _NOTE.search(rest)
    if note:
        rest = rest[: note.start()]
    text = normalize_text(rest)
    if not text:
        return None
    refs = (FootnoteRef(note.group(1), len(text)),) if note else ()
    return RawBlock(text=text, bold=bool(m.group(2)), heading_level=len(m.group(1)), list_label=m.group(4),
                    footnote_refs=refs, after_page_break=bool(m.group(3)), page=page)


def test_one_input(data: bytes) -> None:
    lines = data.decode("utf-8", "replace").splitlines()
    blocks, notes, page = [], [], 1
    for line in lines[:2000]:
        if line.startswith("~"):
            page += 1
        if line.startswith("^ ") and len(line) > 3:
            notes.append(RawFootnote(str(len(notes) + 1), normalize_text(line[2:])))
            continue
        if (block := _block(line, page)) is not None:
            blocks.append(block)
    raw = RawDocument("fuzz.txt", "0" * 64, "markdown", tuple(blocks), tuple(notes))
    with contextlib.suppress(ParityError):
        check_document(build_document(raw))


if __name__ == "__main__":
    run(test_one_input)
