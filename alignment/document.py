"""The document model every reader produces and every later stage consumes.

Plain frozen dataclasses: they cross the engine/GUI border and go to JSON unchanged. Text is normalised
(``alignment.textnorm.normalize_text``) and free of markup; emphasis and footnote markers are kept as offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Language(StrEnum):
    EN = "en"
    RU = "ru"


class ParagraphKind(StrEnum):
    TITLE = "title"
    OPENING = "opening"  # "The Commission on Crime Prevention and Criminal Justice,"
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"  # (a), (b) under an operative paragraph; a), b) in Russian
    OTHER = "other"  # body text that fits none of the above (annex text, signatures, ...)


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in a paragraph's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker: its visible label and the offset in the paragraph text where it stood."""

    marker: str
    offset: int


@dataclass(frozen=True)
class Footnote:
    id: str  # "FN3"
    marker: str  # "3" (or "*", "a" ...)
    text: str
    emphasis: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph.

    ``id`` is local to the document and stable across runs: ``T`` (title), ``O`` (opening), ``PP3``
    (third preambular), ``OP5`` (operative 5), ``OP5.a`` (its subparagraph a), ``X2`` (other).
    ``number`` is the visible operative number (None when there is none, e.g. numbers removed), ``letter`` the
    subparagraph letter in Latin script. ``lead`` is the span of the opening phrase (usually italic) that
    carries the paragraph's force ("Requests", "ссылаясь"), when one was found.
    """

    id: str
    kind: ParagraphKind
    text: str
    number: int | None = None
    letter: str | None = None
    label: str = ""  # the visible label as printed: "5.", "(a)", "a)"
    emphasis: tuple[Span, ...] = ()
    footnote_refs: tuple[FootnoteRef, ...] = ()
    lead: Span | None = None
    index: int = 0  # position in Document.paragraphs


@dataclass(frozen=True)
class HeaderField:
    name: str  # "body", "distribution", "date", "language", "original", "committee", "session", ...
    value: str


@dataclass(frozen=True)
class Document:
    """A draft resolution as the engine understands it."""

    path: str
    sha256: str
    format: str  # "markdown", "docx", "pdf", "text", "lines"
    language: Language
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...] = ()
    header: tuple[HeaderField, ...] = ()
    notes: tuple[str, ...] = ()  # things the reader wants the user to know (tracked changes read, furniture dropped)
    warnings: tuple[str, ...] = ()  # suspicious structure (numbering gap, unmatched footnote marker, ...)
    _by_id: dict[str, Paragraph] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.paragraphs})

    def paragraph(self, pid: str) -> Paragraph:
        return self._by_id[pid]

    def header_value(self, name: str) -> str | None:
        return next((f.value for f in self.header if f.name == name), None)

    @property
    def title(self) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.kind is ParagraphKind.TITLE), None)
