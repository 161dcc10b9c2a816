"""Results of aligning paragraphs: EN<->RU links and draft N -> draft N+1 changes.

Ids in links are *qualified* paragraph ids, ``"<document key>:<paragraph id>"`` such as ``"en1:OP5"``: the
document key is the language plus the revision number (``en``, ``ru``, ``en1``, ``ru1``, ``en2`` ...), the same
scheme as the sample's ``truth.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


def qualify(doc_key: str, paragraph_id: str) -> str:
    return f"{doc_key}:{paragraph_id}"


def split_qualified(qid: str) -> tuple[str, str]:
    key, _, pid = qid.partition(":")
    return key, pid


@dataclass(frozen=True)
class Link:
    """One alignment bead: 1-1, 1-0, 0-1, 1-2 or 2-1 paragraphs (qualified ids, in document order)."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    confidence: float  # 0..1
    pinned: bool = False  # fixed by the user, not computed

    @property
    def shape(self) -> str:
        return f"{len(self.left)}-{len(self.right)}"


@dataclass(frozen=True)
class Alignment:
    """A monotonic cross-language alignment of two documents of the same draft."""

    left: str  # document key, e.g. "en1"
    right: str  # e.g. "ru1"
    links: tuple[Link, ...]

    def partner(self, qid: str) -> tuple[str, ...]:
        """The ids on the other side linked with ``qid`` (empty when it has no counterpart)."""
        for link in self.links:
            if qid in link.left:
                return link.right
            if qid in link.right:
                return link.left
        return ()


class ChangeType(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVED = "moved"
    RENUMBERED = "renumbered"


@dataclass(frozen=True)
class Change:
    """What happened to one paragraph between draft N (``old``) and draft N+1 (``new``)."""

    old: str | None  # qualified id in draft N; None when inserted
    new: str | None  # qualified id in draft N+1; None when deleted
    types: tuple[ChangeType, ...]  # e.g. (MOVED, RENUMBERED) or (RENUMBERED, MODIFIED)
    similarity: float = 1.0  # 0..1 textual similarity of old and new

    def has(self, kind: ChangeType) -> bool:
        return kind in self.types


@dataclass(frozen=True)
class RevisionMap:
    """Draft N -> draft N+1 of one language; changes listed in the order of the newer draft, deletions
    placed where the deleted paragraph stood."""

    old: str  # document key, e.g. "en"
    new: str  # e.g. "en1"
    changes: tuple[Change, ...]

    def change_for_new(self, qid: str) -> Change | None:
        return next((c for c in self.changes if c.new == qid), None)

    def change_for_old(self, qid: str) -> Change | None:
        return next((c for c in self.changes if c.old == qid), None)
