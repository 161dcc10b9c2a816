"""The order of paragraphs in a tracked-changes document: one sequence that reads as draft N+1 when every
revision is accepted and as draft N when every revision is rejected.

A paragraph kept in place is an *anchor*; the anchors are one longest run of matched pairs increasing in both
drafts (recomputed here, so any RevisionMap — computed, pinned or hand-made — gives a consistent document). Between
two anchors come the old-only paragraphs (deleted, moved away) in old order, then the new-only ones (inserted,
moved here) in new order. A matched pair outside the anchors is a move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from alignment.document import Paragraph, Span
from alignment.revisions import longest_increasing_positions


@dataclass(frozen=True)
class Block:
    """One paragraph as laid out in an export: a header line or a body paragraph.

    ``label`` is the visible number written as text ("5." plus a tab), empty when there is none or when the
    numbering is automatic (a .docx list).
    """

    key: str  # qualified paragraph id ("en1:OP5") or a header line ("en1:H:date")
    kind: str  # a ParagraphKind value, or "header"/"header-bold"
    label: str
    text: str
    emphasis: tuple[Span, ...] = ()
    paragraph: Paragraph | None = None

    @property
    def display(self) -> str:
        return self.label + self.text


class Step(StrEnum):
    SAME = "same"  # in both drafts at this place (text may be modified word by word)
    INSERT = "insert"
    DELETE = "delete"
    MOVE_FROM = "move_from"
    MOVE_TO = "move_to"


@dataclass(frozen=True)
class PlanItem:
    step: Step
    old: Block | None
    new: Block | None
    move: str | None = None  # pairs a MOVE_FROM with its MOVE_TO


def build_plan(old: Sequence[Block], new: Sequence[Block], pairs: Sequence[tuple[int, int]],
               native_moves: bool = True) -> list[PlanItem]:
    """Order ``old`` and ``new`` blocks into one tracked sequence; ``pairs`` are (old index, new index) matches.

    A moved pair whose text changed is written as a deletion plus an insertion: a move carries its text
    unchanged (Word's model); so is every move when ``native_moves`` is False.
    """
    pairs = sorted(set(pairs), key=lambda p: p[1])
    keep = longest_increasing_positions([o for o, _ in pairs])
    anchors = [p for k, p in enumerate(pairs) if k in keep]
    old_only: dict[int, PlanItem] = {}
    new_only: dict[int, PlanItem] = {}
    matched_old = {o for o, _ in pairs}
    matched_new = {n for _, n in pairs}
    moves = 0
    for k, (o, n) in enumerate(pairs):
        if k in keep:
            continue
        if native_moves and old[o].text == new[n].text:
            moves += 1
            name = f"move{moves}"
            old_only[o] = PlanItem(Step.MOVE_FROM, old[o], None, name)
            new_only[n] = PlanItem(Step.MOVE_TO, None, new[n], name)
        else:
            old_only[o] = PlanItem(Step.DELETE, old[o], None)
            new_only[n] = PlanItem(Step.INSERT, None, new[n])
    for o in range(len(old)):
        if o not in matched_old:
            old_only[o] = PlanItem(Step.DELETE, old[o], None)
    for n in range(len(new)):
        if n not in matched_new:
            new_only[n] = PlanItem(Step.INSERT, None, new[n])
    plan: list[PlanItem] = []
    po = pn = -1
    for o, n in [*anchors, (len(old), len(new))]:
        plan += [old_only[i] for i in range(po + 1, o) if i in old_only]
        plan += [new_only[i] for i in range(pn + 1, n) if i in new_only]
        if o < len(old):
            plan.append(PlanItem(Step.SAME, old[o], new[n]))
        po, pn = o, n
    return plan
