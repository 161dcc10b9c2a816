"""Findings: the places where the English and Russian texts (or two drafts) do not say the same thing.

Every check, deterministic or translation-based, reports through this one type, so the CLI, the JSON, the
GUI's findings panel and Word comments treat them alike. Review decisions are stored elsewhere (the project
file) against ``Finding.id``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from alignment.document import Span


class Severity(StrEnum):
    CRITICAL = "critical"  # changes what the text obliges or decides (verb family, number, date, symbol)
    WARNING = "warning"  # likely a divergence a translator must look at (hedge, omission, term)
    INFO = "info"  # worth a glance (also/further variants, length outside the band)

    @property
    def rank(self) -> int:
        return {"critical": 0, "warning": 1, "info": 2}[self.value]


class FindingKind(StrEnum):
    VERB_STRENGTH = "verb_strength"
    NUMBER = "number"
    DATE = "date"
    SYMBOL = "symbol"
    HEDGE = "hedge"
    OMISSION = "omission"  # a glossary term or phrase present on one side only
    TERMINOLOGY = "terminology"  # a term rendered with a non-standard equivalent
    BRACKETS = "brackets"
    FOOTNOTE = "footnote"
    STRUCTURE = "structure"  # unmatched paragraph, numbering or letter mismatch
    LENGTH = "length"
    UNPROPAGATED_AMENDMENT = "unpropagated_amendment"
    TRANSLATION = "translation"  # found by the translation model


@dataclass(frozen=True)
class Finding:
    """One divergence between two aligned paragraphs, explained in one line.

    ``en_id``/``ru_id`` are qualified paragraph ids (``"en1:OP8"``); spans are character offsets into those
    paragraphs' text. ``pair`` names the draft ("original", "rev1", ...).
    """

    id: str
    kind: FindingKind
    severity: Severity
    check: str
    pair: str
    en_id: str | None
    ru_id: str | None
    en_span: Span | None
    ru_span: Span | None
    message: str


def finding_id(check: str, kind: str, en_text: str | None, ru_text: str | None, detail: str) -> str:
    """A stable id: the same finding on the same two paragraph texts gets the same id in every run and in
    the next revision, so review decisions carry forward while neither paragraph changes."""
    h = hashlib.sha1()
    for part in (check, kind, en_text or "", ru_text or "", detail):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]
