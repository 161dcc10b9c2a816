"""What a format reader hands to the structure parser: blocks of normalised text with their emphasis.

Readers remove page furniture (running headers/footers, page numbers, repeated symbols) and resolve what the
format encodes (list numbering, footnote references, tracked changes); they do not decide what a block *is*
in a resolution — that is ``alignment.structure``'s job, shared by every format.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from alignment.document import FootnoteRef, Span


@dataclass(frozen=True)
class RawBlock:
    text: str  # normalised, no markup
    emphasis: tuple[Span, ...] = ()  # italic runs
    bold: bool = False  # the whole block is bold (headings in many layouts)
    heading_level: int = 0  # 0 = body text; 1.. = heading level where the format says so
    list_label: str | None = None  # visible label produced by automatic numbering ("5.", "(a)"), not in text
    footnote_refs: tuple[FootnoteRef, ...] = ()
    after_page_break: bool = False  # first block of a new page: may continue the previous paragraph
    page: int = 1
    lines: tuple[str, ...] = ()  # the block's hard-broken lines when the format keeps them (header blocks)


@dataclass(frozen=True)
class RawFootnote:
    marker: str
    text: str
    emphasis: tuple[Span, ...] = ()


@dataclass(frozen=True)
class RawDocument:
    path: str
    sha256: str
    format: str
    blocks: tuple[RawBlock, ...]
    footnotes: tuple[RawFootnote, ...] = ()
    notes: tuple[str, ...] = ()


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def display_path(path: str | Path) -> str:
    return str(Path(path))
