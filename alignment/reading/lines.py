"""Reader for line-per-paragraph text (e.g. a corpus file): every non-empty line is one paragraph."""

from __future__ import annotations

from alignment.reading.raw import RawBlock, RawDocument
from alignment.textnorm import normalize_text


def read_lines(text: str, path: str, sha256: str) -> RawDocument:
    blocks = tuple(RawBlock(text=t) for line in text.splitlines() if (t := normalize_text(line)))
    return RawDocument(path, sha256, "lines", blocks)
