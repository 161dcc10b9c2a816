"""Turn a run of text with inline markers into normalised text plus emphasis spans and footnote markers.

Shared by the readers that see markup (Markdown's ``*``/``<sup>``) or runs (docx, PDF characters): each gives a
list of ``Piece``s and gets back offsets into the normalised text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from alignment import limits
from alignment.document import FootnoteRef, Span
from alignment.errors import InputError
from alignment.textnorm import normalize_mapped


@dataclass(frozen=True)
class Piece:
    text: str
    italic: bool = False
    bold: bool = False
    footnote: str | None = None  # a footnote marker standing here; ``text`` is ignored then


@dataclass(frozen=True)
class InlineText:
    text: str
    emphasis: tuple[Span, ...]
    bold_spans: tuple[Span, ...]
    footnote_refs: tuple[FootnoteRef, ...]


def _merge(spans: list[tuple[int, int]]) -> tuple[Span, ...]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple(Span(s, e) for s, e in out)


def assemble(pieces: list[Piece]) -> InlineText:
    """Concatenate pieces, normalise once, and map italic/bold runs and markers into the result.

    Every reader passes each paragraph through here, so the paragraph length limit is checked here, before the
    (per-character) normalisation would spend seconds on a hostile 10 MB paragraph. The error has no path:
    ``read_raw`` adds it."""
    length = sum(len(p.text) for p in pieces)
    if length > limits.MAX_PARAGRAPH_CHARS:
        start = " ".join("".join(p.text for p in pieces[:50])[:60].split())
        raise InputError(
            f"a paragraph is too long ({limits.describe_size(length)}, starting {start!r}; the limit is "
            f"{limits.describe_size(limits.MAX_PARAGRAPH_CHARS)}): this does not look like a resolution"
        )
    raw: list[str] = []
    italic: list[tuple[int, int]] = []
    bold: list[tuple[int, int]] = []
    markers: list[tuple[str, int]] = []
    pos = 0
    for piece in pieces:
        if piece.footnote is not None:
            markers.append((piece.footnote, pos))
            continue
        t = unicodedata.normalize("NFC", piece.text)
        raw.append(t)
        # adjacent pieces of one style form one span (before normalisation trims spaces at span edges)
        for flag, spans in ((piece.italic, italic), (piece.bold, bold)):
            if flag and spans and spans[-1][1] == pos:
                spans[-1] = (spans[-1][0], pos + len(t))
            elif flag:
                spans.append((pos, pos + len(t)))
        pos += len(t)
    joined = "".join(raw)
    # Leading spaces are stripped by normalisation: compute the map over the joined string.
    text, mapping = normalize_mapped(joined)

    def conv(spans: list[tuple[int, int]]) -> tuple[Span, ...]:
        mapped = []
        for s, e in spans:
            ms, me = mapping[s], mapping[e]
            # trim spaces that normalisation left inside the span's edges
            while ms < me and text[ms] == " ":
                ms += 1
            while me > ms and text[me - 1] == " ":
                me -= 1
            mapped.append((ms, me))
        return _merge(mapped)

    refs = tuple(FootnoteRef(m, mapping[o]) for m, o in markers)
    return InlineText(text, conv(italic), conv(bold), refs)
