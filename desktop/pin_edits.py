"""Alignment corrections from the side-by-side view — link, unlink, mark as having no counterpart — as undoable
commands. Each command replaces the whole list of pins (``alignment.pins.Pin``); the engine re-aligns around
them. Deciding which pins a gesture means is done here; aligning is the engine's job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from alignment.comparison import Comparison
from alignment.errors import ParityError
from alignment.pins import Pin, make_pin, paragraph_hash
from desktop.rows import Row


def _pin(comparison: Comparison, left: Sequence[str], right: Sequence[str], scope: tuple | None) -> Pin:
    """A pin with content hashes; ``scope`` (the compared view's) decides between the cross-language alignment
    and the revision matcher for a one-sided "no counterpart" pin, which names one document only."""
    if scope is None or (left and right):
        pin = make_pin(comparison.document, list(left), list(right))  # checks the ids, names the scope
        return replace(pin, scope=tuple(scope)) if scope is not None else pin
    try:
        hashes = [paragraph_hash(comparison.paragraph(q)) for q in (*left, *right)]
    except (KeyError, IndexError, ValueError):
        raise ParityError(f"there is no paragraph {'+'.join((*left, *right))} in the loaded documents") from None
    return Pin(tuple(scope), tuple(left), tuple(right), tuple(hashes[:len(left)]), tuple(hashes[len(left):]))


def _without(pins: Sequence[Pin], ids: set[str]) -> list[Pin]:
    """Pins that name none of ``ids`` (a new pin on a paragraph replaces the old one)."""
    return [p for p in pins if not (set(p.left) | set(p.right)) & ids]


def link_pins(comparison: Comparison, pins: Sequence[Pin], left: Sequence[str], right: Sequence[str],
              scope: tuple | None = None) -> list[Pin]:
    """Pins after "these paragraphs on the left belong with those on the right"."""
    if not left or not right:
        raise ParityError("select the paragraphs to link on both sides (Ctrl+click a cell in each column)")
    new = _pin(comparison, left, right, scope)
    return [*_without(pins, set(left) | set(right)), new]


def unmatched_pins(comparison: Comparison, pins: Sequence[Pin], left: Sequence[str], right: Sequence[str],
                   scope: tuple | None = None) -> list[Pin]:
    """Pins after "these paragraphs have no counterpart"."""
    if not left and not right:
        raise ParityError("select the paragraph that has no counterpart")
    out = _without(pins, set(left) | set(right))
    out += [_pin(comparison, [q], [], scope) for q in left]
    out += [_pin(comparison, [], [q], scope) for q in right]
    return out


def unlink_pins(comparison: Comparison, pins: Sequence[Pin], rows: Sequence[Row],
                scope: tuple | None = None) -> list[Pin]:
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
            out += [_pin(comparison, left, [], scope), _pin(comparison, [], right, scope)]
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
