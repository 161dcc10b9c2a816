"""Shared by the checks tests: pairs from raw texts, and the sample's alignment and revision maps as
truth.json gives them (so the checks are measured independently of the aligner too)."""

from __future__ import annotations

from alignment.checks.base import AlignedPair
from alignment.document import Paragraph, ParagraphKind
from alignment.links import Alignment, Change, ChangeType, Link, RevisionMap
from alignment.textnorm import normalize_text
from tests.conftest import UNPC


def text_pair(i: int, en: str, ru: str, name: str = "unpc") -> AlignedPair:
    return AlignedPair(name, (f"en:X{i}",), (f"ru:X{i}",), Paragraph(f"X{i}", ParagraphKind.OTHER, en),
                       Paragraph(f"X{i}", ParagraphKind.OTHER, ru))


def unpc_pairs() -> list[tuple[str, str]]:
    en = (UNPC / "dev.en").read_text(encoding="utf-8").splitlines()
    ru = (UNPC / "dev.ru").read_text(encoding="utf-8").splitlines()
    assert len(en) == len(ru)
    return [(normalize_text(e), normalize_text(r)) for e, r in zip(en, ru, strict=True)]


def truth_alignment(truth: dict, pair: str) -> Alignment:
    links = tuple(Link((en,), (ru,), 1.0) for en, ru in truth["alignment"][pair])
    left, right = links[0].left[0].split(":")[0], links[0].right[0].split(":")[0]
    return Alignment(left, right, links)


def truth_revision_map(truth: dict, language: str) -> RevisionMap:
    changes = tuple(Change(c["from"], c["to"], tuple(ChangeType(t) for t in c["change"]))
                    for c in truth["revisions"][language])
    return RevisionMap(language, f"{language}1", changes)
