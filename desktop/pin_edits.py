"""Alignment corrections from the side-by-side view — link, unlink, mark as having no counterpart — as undoable
commands. Each command replaces the whole list of pins (``alignment.pins.Pin``); the engine re-aligns around
them. Deciding which pins a gesture means is done here; aligning is the engine's job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from alignment.comparison import Comparison
from alignment.errors import ParityError
from alignment.pins import Pin, make_pin
from desktop.rows import Row


def _without(pins: Sequence[Pin], ids: set[str]) -> list[Pin]:
    """Pins that name none of ``ids`` (a new pin on a paragraph replaces the old one)."""
    return [p for p in pins if not (set(p.left) | set(p.right)) & ids]


def link_pins(comparison: Comparison, pins: Sequence[Pin], left: Sequence[str], right: Sequence[str]) -> list[Pin]:
    """Pins after "these paragraphs on the left belong with those on the right"."""
    if not left or not right:
        raise ParityError("select the paragraphs to link on both sides (Ctrl+click a cell in each column)")
    new = make_pin(comparison.document, list(left), list(right))
    return [*_without(pins, set(left) | set(right)), new]


def unmatched_pins(comparison: Comparison, pins: Sequence[Pin], left: Sequence[str], right: Sequence[str]) -> list[Pin]:
    """Pins after "these paragraphs have no counterpart"."""
    if not left and not right:
        raise ParityError("select the paragraph that has no counterpart")
    out = _without(pins, set(left) | set(right))
    out += [make_pin(comparison.document, [q], []) for q in left]
    out += [make_pin(comparison.document, [], [q]) for q in right]
    return out


def unlink_pins(comparison: Comparison, pins: Sequence[Pin], rows: Sequence[Row]) -> list[Pin]:
    """Pins after "these paired paragraphs do not belong together": a pinned pair loses its pin; a computed
    pair becomes two unmatched paragraphs."""
    if not rows:
        raise ParityError("select the pair to unlink")
    out = list(pins)
    for row in rows:
        left, right = [p.qid for p in row.left], [p.qid for p in row.right]
        if not left or not right:
            continue
        ids = set(left) | set(right)
        if row.pinned:
            out = _without(out, ids)
        else:
            out = _without(out, ids)
            out += [make_pin(comparison.document, left, []), make_pin(comparison.document, [], right)]
    return out


class SetPins(QUndoCommand):
    """Replace the pins; undo puts the previous list back. ``apply`` re-aligns and redraws."""

    def __init__(self, text: str, before: Sequence[Pin], after: Sequence[Pin],
                 apply: Callable[[list[Pin]], None]) -> None:
        super().__init__(text)
        self.before = list(before)
        self.after = list(after)
        self.apply = apply

    def redo(self) -> None:
        self.apply(self.after)

    def undo(self) -> None:
        self.apply(self.before)
