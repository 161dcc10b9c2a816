"""WordprocessingML revision markup that python-docx lacks: ``w:ins``, ``w:del``, ``w:delText``, ``w:moveFrom``,
``w:moveTo``, the move range markers, and paragraph-mark revisions (``w:pPr/w:rPr/w:ins`` ...).

Modelled on python-docx's ``CT_Comment``: one thin element class per tag, registered with the parser
(``register_element_cls`` is not public API, hence python-docx is pinned in pyproject.toml), plus small helper
functions that build the elements. Every revision carries ``w:id``, ``w:author`` and ``w:date``; ids come from one
:class:`RevisionIds` per document so they are unique, and each move's range start/end share an id and a
``w:name`` that pairs the source with its destination.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement, register_element_cls
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class CT_RevisionBase(BaseOxmlElement):  # noqa: N801 - named after the schema type, as python-docx does
    """Attributes shared by every revision element (``CT_TrackChange`` in the schema)."""

    id: int = RequiredAttribute("w:id", ST_DecimalNumber)  # pyright: ignore[reportAssignmentType]
    author: str = RequiredAttribute("w:author", ST_String)  # pyright: ignore[reportAssignmentType]
    date: str | None = OptionalAttribute("w:date", ST_String)  # pyright: ignore[reportAssignmentType]


class CT_RunTrackChange(CT_RevisionBase):  # noqa: N801
    """``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo`` around runs, or (empty) inside a paragraph mark's rPr."""


class CT_DelText(BaseOxmlElement):  # noqa: N801
    """``w:delText``: the text of a deleted run (a deleted run holding ``w:t`` is invalid for Word)."""


class CT_MoveBookmark(CT_RevisionBase):  # noqa: N801
    """``w:moveFromRangeStart``/``w:moveToRangeStart``: opens a named move range."""

    name: str = RequiredAttribute("w:name", ST_String)  # pyright: ignore[reportAssignmentType]


class CT_MarkupRange(BaseOxmlElement):  # noqa: N801
    """``w:moveFromRangeEnd``/``w:moveToRangeEnd``: closes the range with the same ``w:id``."""

    id: int = RequiredAttribute("w:id", ST_DecimalNumber)  # pyright: ignore[reportAssignmentType]


for _tag in ("w:ins", "w:del", "w:moveFrom", "w:moveTo"):
    register_element_cls(_tag, CT_RunTrackChange)
register_element_cls("w:delText", CT_DelText)
register_element_cls("w:moveFromRangeStart", CT_MoveBookmark)
register_element_cls("w:moveToRangeStart", CT_MoveBookmark)
register_element_cls("w:moveFromRangeEnd", CT_MarkupRange)
register_element_cls("w:moveToRangeEnd", CT_MarkupRange)


class Revision(StrEnum):
    """Kinds of run-level revision, named by their element."""

    INS = "ins"
    DEL = "del"
    MOVE_FROM = "moveFrom"
    MOVE_TO = "moveTo"

    @property
    def removes_text(self) -> bool:
        """Text inside is gone once the revision is accepted (and needs ``w:delText``)."""
        return self in (Revision.DEL, Revision.MOVE_FROM)


@dataclass(frozen=True)
class Stamp:
    """Who made the revisions and when (``w:date`` is ISO 8601, e.g. ``2011-04-13T09:00:00Z``)."""

    author: str
    date: str


class RevisionIds:
    """Unique ``w:id`` values for one document's revisions and move ranges; move names ``move1``, ``move2`` ..."""

    def __init__(self, start: int = 1) -> None:
        self._ids = itertools.count(start)
        self._moves = itertools.count(1)

    def next(self) -> int:
        return next(self._ids)

    def move_name(self) -> str:
        return f"move{next(self._moves)}"


def _stamp(el: CT_RevisionBase, ids: RevisionIds, stamp: Stamp) -> CT_RevisionBase:
    el.id = ids.next()
    el.author = stamp.author
    el.date = stamp.date
    return el


def _add_text(r: CT_R, tag: str, text: str) -> None:
    """Append ``w:t``/``w:delText`` pieces and ``w:tab``/``w:br`` for tabs and line breaks, keeping spaces."""
    for k, piece in enumerate(text.split("\n")):
        if k:
            r.append(OxmlElement("w:br"))
        for j, chunk in enumerate(piece.split("\t")):
            if j:
                r.append(OxmlElement("w:tab"))
            if chunk:
                t = OxmlElement(tag)
                t.text = chunk
                if len(chunk.strip()) < len(chunk):  # as CT_R.add_t: Word drops unpreserved edge spaces
                    t.set(qn("xml:space"), "preserve")
                r.append(t)


def make_run(text: str, rpr: BaseOxmlElement | None = None, deleted: bool = False) -> CT_R:
    """A ``w:r`` with a copy of ``rpr``; deleted runs hold ``w:delText`` instead of ``w:t``."""
    r: CT_R = OxmlElement("w:r")  # pyright: ignore[reportAssignmentType]
    if rpr is not None and len(rpr):
        r.append(copy.deepcopy(rpr))
    _add_text(r, "w:delText" if deleted else "w:t", text)
    return r


def wrap_runs(kind: Revision, runs: Iterable[BaseOxmlElement], ids: RevisionIds, stamp: Stamp) -> CT_RunTrackChange:
    """Put runs inside one revision container; runs of ``w:del``/``w:moveFrom`` must already use delText."""
    el: CT_RunTrackChange = OxmlElement(f"w:{kind.value}")  # pyright: ignore[reportAssignmentType]
    _stamp(el, ids, stamp)
    for r in runs:
        el.append(r)
    return el


def revised_run(kind: Revision | None, text: str, rpr: BaseOxmlElement | None, ids: RevisionIds,
                stamp: Stamp) -> BaseOxmlElement:
    """A run of ``text``, inside a revision container of ``kind`` (or bare when ``kind`` is None)."""
    if kind is None:
        return make_run(text, rpr)
    return wrap_runs(kind, [make_run(text, rpr, deleted=kind.removes_text)], ids, stamp)


def move_range_start(kind: Revision, range_id: int, name: str, stamp: Stamp) -> CT_MoveBookmark:
    tag = {Revision.MOVE_FROM: "w:moveFromRangeStart", Revision.MOVE_TO: "w:moveToRangeStart"}[kind]
    el: CT_MoveBookmark = OxmlElement(tag)  # pyright: ignore[reportAssignmentType]
    el.id = range_id
    el.author = stamp.author
    el.date = stamp.date
    el.name = name
    return el


def move_range_end(kind: Revision, range_id: int) -> CT_MarkupRange:
    tag = {Revision.MOVE_FROM: "w:moveFromRangeEnd", Revision.MOVE_TO: "w:moveToRangeEnd"}[kind]
    el: CT_MarkupRange = OxmlElement(tag)  # pyright: ignore[reportAssignmentType]
    el.id = range_id
    return el


# children of w:pPr that follow w:rPr in the schema's sequence
_AFTER_PPR_RPR = ("w:sectPr", "w:pPrChange")


def mark_paragraph(p: BaseOxmlElement, kind: Revision, ids: RevisionIds, stamp: Stamp) -> CT_RunTrackChange:
    """Record a revision on the paragraph *mark* (``w:pPr/w:rPr/w:ins`` ...), so that accepting or rejecting
    also removes or restores the paragraph break itself, not only its text."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        after = next((c for c in ppr if c.tag in {qn(t) for t in _AFTER_PPR_RPR}), None)
        if after is not None:
            after.addprevious(rpr)
        else:
            ppr.append(rpr)
    mark: CT_RunTrackChange = OxmlElement(f"w:{kind.value}")  # pyright: ignore[reportAssignmentType]
    _stamp(mark, ids, stamp)
    rpr.insert(0, mark)  # the revision marks come first in CT_ParaRPr
    return mark
