"""Tracked-changes Word document for one language and one revision step (draft N -> draft N+1).

Accepting every revision gives draft N+1, rejecting every revision gives draft N: modified paragraphs carry
word-level ``w:ins``/``w:del`` (from :func:`alignment.worddiff.word_diff`), inserted and deleted paragraphs carry
their paragraph marks too, moved paragraphs are ``w:moveFrom``/``w:moveTo`` with named range markers (or a
deletion plus an insertion with ``moves="delete-insert"``). Renumbering shows as a revision of the number.
Findings can be attached as Word comments anchored on their spans.

When draft N+1 is a .docx its paragraphs keep their styles, numbering and run formatting
(:mod:`alignment.export.docx_base`); otherwise the page is laid out cleanly (:mod:`alignment.export.layout`).
"""

from __future__ import annotations

import copy
import getpass
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.text.run import Run

from alignment.comparison import Comparison, doc_key, pair_name
from alignment.document import Language, Span
from alignment.errors import ExportError
from alignment.export import layout
from alignment.export.plan import Block, PlanItem, Step, build_plan
from alignment.export.revision_xml import (
    Revision,
    RevisionIds,
    Stamp,
    make_run,
    mark_paragraph,
    move_range_end,
    move_range_start,
    wrap_runs,
)
from alignment.findings import Finding
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from alignment.links import split_qualified
from alignment.safety import atomic_save
from alignment.worddiff import DiffOp, word_diff

log = logging.getLogger(__name__)

MOVES = ("native", "delete-insert")


def default_author() -> str:
    """The OS user name, as Word uses the user's name; "Parity" when there is none."""
    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database entry (containers) is not an error
        name = ""
    return name or "Parity"


def format_date(date: datetime | str | None) -> str:
    """ISO 8601 in UTC without microseconds, as Word writes ``w:date``."""
    if isinstance(date, str):
        return date
    date = date or datetime.now(UTC)
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return date.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


# ----- segments: what one paragraph's runs say -----------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph's text with its revision; ``new_start`` is its offset in draft N+1's paragraph
    text (None for deleted text and labels), used to anchor comments."""

    kind: Revision | None
    text: str
    italic: bool
    new_start: int | None = None


def _italic_cuts(emphasis: Sequence[Span], start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split [start, end) at emphasis boundaries: (start, end, italic) pieces."""
    cuts = {start, end}
    for s in emphasis:
        cuts |= {c for c in (s.start, s.end) if start < c < end}
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        italic = any(s.start <= a and b <= s.end for s in emphasis)
        out.append((a, b, italic))
    return out


def _pieces(kind: Revision | None, text: str, emphasis: Sequence[Span], start: int, end: int,
            new_offsets: bool) -> list[Segment]:
    return [Segment(kind, text[a:b], it, a if new_offsets else None) for a, b, it in _italic_cuts(emphasis, start, end)]


def _whole(kind: Revision | None, block: Block, new_offsets: bool) -> list[Segment]:
    out = [Segment(kind, block.label, False)] if block.label else []
    return out + _pieces(kind, block.text, block.emphasis, 0, len(block.text), new_offsets)


def _diff_segments(old: str, new: str, old_emph: Sequence[Span], new_emph: Sequence[Span],
                   new_offsets: bool) -> list[Segment]:
    out: list[Segment] = []
    for s in word_diff(old, new).spans:
        if s.op is DiffOp.EQUAL:
            out += _pieces(None, new, new_emph, s.b_start, s.b_end, new_offsets)
        elif s.op is DiffOp.DELETE:
            out += _pieces(Revision.DEL, old, old_emph, s.a_start, s.a_end, False)
        else:
            out += _pieces(Revision.INS, new, new_emph, s.b_start, s.b_end, new_offsets)
    return out


def item_segments(item: PlanItem) -> tuple[list[Segment], list[Segment]]:
    """(label segments, body segments) of one planned paragraph."""
    if item.step is Step.SAME:
        assert item.old is not None and item.new is not None
        label = _diff_segments(item.old.label, item.new.label, (), (), False)
        body = _diff_segments(item.old.text, item.new.text, item.old.emphasis, item.new.emphasis, True)
        return label, body
    if item.step in (Step.INSERT, Step.MOVE_TO):
        assert item.new is not None
        kind = Revision.INS if item.step is Step.INSERT else Revision.MOVE_TO
        label = [Segment(Revision.INS, item.new.label, False)] if item.new.label else []
        return label, _pieces(kind, item.new.text, item.new.emphasis, 0, len(item.new.text), True)
    assert item.old is not None
    kind = Revision.DEL if item.step is Step.DELETE else Revision.MOVE_FROM
    label = [Segment(Revision.DEL, item.old.label, False)] if item.old.label else []
    return label, _pieces(kind, item.old.text, item.old.emphasis, 0, len(item.old.text), False)


def _split_at(segments: Iterable[Segment], cuts: set[int]) -> list[Segment]:
    """Split segments carrying new offsets at ``cuts`` (comment span boundaries), so spans fall on runs."""
    out = []
    for seg in segments:
        if seg.new_start is None:
            out.append(seg)
            continue
        a, end = seg.new_start, seg.new_start + len(seg.text)
        inner = sorted(c for c in cuts if a < c < end)
        for b in [*inner, end]:
            out.append(Segment(seg.kind, seg.text[a - seg.new_start : b - seg.new_start], seg.italic, a))
            a = b
    return out


# ----- run properties --------------------------------------------------------------------------------------
def _toggle(rpr, tag: str, on: bool) -> None:
    for el in rpr.findall(qn(tag)):
        rpr.remove(el)
    if on:
        rpr.append(OxmlElement(tag))


_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_RANK = {qn(t): k for k, t in enumerate(_RPR_ORDER)}


def styled_rpr(base, italic: bool, bold: bool | None = None, size_pt: int | None = None):
    """A ``w:rPr`` from ``base`` (copied, may be None) with italics set as the text's emphasis says, in
    schema order."""
    rpr = copy.deepcopy(base) if base is not None else OxmlElement("w:rPr")
    for el in rpr.findall(qn("w:rPrChange")):
        rpr.remove(el)
    _toggle(rpr, "w:i", italic)
    _toggle(rpr, "w:iCs", False)
    if bold is not None:
        _toggle(rpr, "w:b", bold)
    if size_pt is not None:
        for t in ("w:sz", "w:szCs"):
            _toggle(rpr, t, True)
            rpr.find(qn(t)).set(qn("w:val"), str(size_pt * 2))
    rpr[:] = sorted(rpr, key=lambda el: _RANK.get(el.tag, len(_RANK)))
    return rpr


# ----- writing one paragraph ---------------------------------------------------------------------------------
@dataclass
class WrittenRun:
    run: object  # the w:r element
    new_start: int | None
    length: int


class ParagraphWriter:
    """Fills one ``w:p`` with the runs of a planned paragraph and records where the text of draft N+1 went."""

    def __init__(self, ids: RevisionIds, stamp: Stamp) -> None:
        self.ids = ids
        self.stamp = stamp

    def fill(self, p, item: PlanItem, rpr_for, cuts: set[int] = frozenset(),
             move_names: dict[str, str] | None = None) -> list[WrittenRun]:
        """Append the runs of ``item`` to ``p``; ``rpr_for(italic)`` gives each run's properties."""
        label, body = item_segments(item)
        written: list[WrittenRun] = []
        range_kind = {Step.MOVE_FROM: Revision.MOVE_FROM, Step.MOVE_TO: Revision.MOVE_TO}.get(item.step)
        mark = {Step.INSERT: Revision.INS, Step.DELETE: Revision.DEL}.get(item.step, range_kind)
        if mark is not None:
            mark_paragraph(p, mark, self.ids, self.stamp)
        for seg in label:
            if seg.text:
                p.append(self._run(seg, rpr_for(False), written))
        range_id = None
        if range_kind is not None:
            range_id = self.ids.next()
            name = (move_names or {}).get(item.move or "", item.move or "move")
            p.append(move_range_start(range_kind, range_id, name, self.stamp))
        for seg in _split_at(body, set(cuts)):
            if seg.text:
                p.append(self._run(seg, rpr_for(seg.italic), written))
        if range_kind is not None and range_id is not None:
            p.append(move_range_end(range_kind, range_id))
        return written

    def _run(self, seg: Segment, rpr, written: list[WrittenRun]):
        r = make_run(seg.text, rpr, deleted=bool(seg.kind and seg.kind.removes_text))
        written.append(WrittenRun(r, seg.new_start, len(seg.text)))
        if seg.kind is None:
            return r
        return wrap_runs(seg.kind, [r], self.ids, self.stamp)


# ----- comments ----------------------------------------------------------------------------------------------
def _finding_side(f: Finding, language: Language) -> tuple[str | None, Span | None]:
    return (f.en_id, f.en_span) if language is Language.EN else (f.ru_id, f.ru_span)


def comment_text(f: Finding) -> str:
    return f"[{f.severity.value}] {f.kind.value.replace('_', ' ')}: {f.message}"


def _hoist(el) -> None:
    """Move a comment marker out of a revision container to the paragraph level (``w:ins`` holds runs only)."""
    parent = el.getparent()
    while parent is not None and parent.tag in {qn(f"w:{k.value}") for k in Revision}:
        if parent.index(el) == 0:
            parent.addprevious(el)
        else:
            parent.addnext(el)
        parent = el.getparent()


def ensure_comment_styles(document) -> None:
    """python-docx's comments refer to the ``CommentReference``/``CommentText`` styles, which its default
    template lacks (Word then reports an undefined style): add them as Word defines them."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    ids = {s.style_id for s in document.styles}
    for style_id, name, kind in (("CommentReference", "annotation reference", WD_STYLE_TYPE.CHARACTER),
                                 ("CommentText", "annotation text", WD_STYLE_TYPE.PARAGRAPH)):
        if style_id not in ids:
            style = document.styles.add_style(name, kind)
            style.style_id = style_id
            style.font.size = Pt(8 if kind is WD_STYLE_TYPE.CHARACTER else 10)


def anchor_comment(document, written: Sequence[WrittenRun], span: Span | None, text: str, author: str) -> bool:
    """Attach a Word comment to the runs covering ``span`` (the whole paragraph when None); False when no
    visible run covers it."""
    runs = [w.run for w in written if w.new_start is not None and w.length and (
        span is None or (w.new_start < span.end and span.start < w.new_start + w.length))]
    if not runs:
        return False
    initials = "".join(part[0] for part in author.split() if part)[:3].upper() or "P"
    first, last = Run(runs[0], None), Run(runs[-1], None)  # pyright: ignore[reportArgumentType]
    comment = document.add_comment([first, last], text=text, author=author, initials=initials)
    cid = str(comment.comment_id)
    body = document.element.body
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for el in body.iter(qn(tag)):
            if el.get(qn("w:id")) == cid:
                _hoist(el)
    for ref in body.iter(qn("w:commentReference")):
        if ref.get(qn("w:id")) == cid:
            _hoist(ref.getparent())
    return True


# ----- the export ----------------------------------------------------------------------------------------------
def _pairs(comparison: Comparison, language: Language, step: int, old: list[Block], new: list[Block]):
    where_old = {b.key: k for k, b in enumerate(old)}
    where_new = {b.key: k for k, b in enumerate(new)}
    pairs = []
    for change in comparison.revision_map(language, step).changes:
        if change.old in where_old and change.new in where_new:
            pairs.append((where_old[change.old], where_new[change.new]))
    old_key, new_key = doc_key(language, step - 1), doc_key(language, step)
    for b in old:  # header lines pair by field name
        _, pid = split_qualified(b.key)
        if pid.startswith("H:") and f"{new_key}:{pid}" in where_new:
            pairs.append((where_old[b.key], where_new[f"{new_key}:{pid}"]))
    del old_key
    return pairs


def _open_findings(comparison: Comparison, language: Language, step: int,
                   findings: Sequence[Finding] | None) -> list[Finding]:
    if findings is None:  # the deterministic checks' findings on draft N+1 (needs both languages of it)
        findings = comparison.findings(step) if step in comparison.bilingual_revisions else []
    new_key = doc_key(language, step)
    return [f for f in findings if (_finding_side(f, language)[0] or "").startswith(f"{new_key}:")]


def export_tracked(
    comparison: Comparison,
    language: Language | str,
    step: int,
    out_path: str | Path,
    author: str | None = None,
    date: datetime | str | None = None,
    moves: str = "native",
    comments: bool = False,
    findings: Sequence[Finding] | None = None,
    protect: Iterable[Path] | None = None,
    progress: Progress = no_progress,
    should_cancel: ShouldCancel | None = None,
) -> Path:
    """Write draft ``step-1`` -> draft ``step`` of ``language`` as a tracked-changes .docx at ``out_path``.

    ``protect`` lists files never to overwrite (default: every input of ``comparison``); the file is
    replaced atomically. With ``comments``, each finding on draft ``step`` (``findings``, or
    ``comparison.findings(step)``) becomes a comment on its span in this language's text.
    """
    language = Language(language)
    if moves not in MOVES:
        raise ExportError(f"unknown moves option {moves!r}; use one of {', '.join(MOVES)}")
    docs = comparison.documents(language)
    if not 1 <= step < len(docs):
        raise ExportError(f"no revision step {step} in {language.value}: "
                          f"{len(docs)} draft(s) loaded, steps 1..{len(docs) - 1}")
    out = Path(out_path)
    if protect is None:
        protect = [Path(comparison.document(k).path) for k in comparison.document_keys()]
    protect = list(protect)
    from alignment.safety import refuse_inputs

    refuse_inputs(out, protect)
    progress(0, f"Exporting tracked changes {doc_key(language, step - 1)} -> {doc_key(language, step)}")
    document = build_tracked(comparison, language, step, author, date, moves, comments, findings, should_cancel)
    progress(90, f"Writing {out.name}")
    atomic_save(lambda tmp: document.save(str(tmp)), out, protect)
    progress(100, f"Wrote {out.name}")
    return out


def build_tracked(comparison: Comparison, language: Language, step: int, author: str | None = None,
                  date: datetime | str | None = None, moves: str = "native", comments: bool = False,
                  findings: Sequence[Finding] | None = None, should_cancel: ShouldCancel | None = None):
    """The tracked-changes python-docx Document (not saved)."""
    from alignment.export import docx_base

    docs = comparison.documents(language)
    old_doc, new_doc = docs[step - 1], docs[step]
    old_key, new_key = doc_key(language, step - 1), doc_key(language, step)
    stamp = Stamp(author or default_author(), format_date(date))
    ids = RevisionIds()
    writer = ParagraphWriter(ids, stamp)
    to_comment = _open_findings(comparison, language, step, findings) if comments else []
    by_paragraph: dict[str, list[Finding]] = {}
    for f in to_comment:
        by_paragraph.setdefault(_finding_side(f, language)[0] or "", []).append(f)

    base = docx_base.open_base(new_doc) if new_doc.format == "docx" else None
    if base is not None:
        old = docx_base.header_blocks(base, old_doc, old_key) + layout.body_blocks(old_doc, old_key, base.labels_as_text)
        new = docx_base.header_blocks(base, new_doc, new_key) + layout.body_blocks(new_doc, new_key, base.labels_as_text)
        document = base.document
    else:
        old = layout.header_blocks(old_doc, old_key) + layout.body_blocks(old_doc, old_key)
        new = layout.header_blocks(new_doc, new_key) + layout.body_blocks(new_doc, new_key)
        document = layout.new_document(language)
        document.core_properties.title = (new_doc.title.text if new_doc.title else "")[:250]
        document.core_properties.author = stamp.author
    plan = build_plan(old, new, _pairs(comparison, language, step, old, new), native_moves=moves == "native")
    move_names = {item.move: ids.move_name() for item in plan if item.step is Step.MOVE_TO and item.move}
    unanchored = 0
    for k, item in enumerate(plan):
        if k % 32 == 0:
            check_cancel(should_cancel)
        block = item.new or item.old
        assert block is not None
        notes = by_paragraph.get(item.new.key, []) if item.new is not None else []
        cuts = {c for f in notes if (s := _finding_side(f, language)[1]) for c in (s.start, s.end)}
        if base is not None:
            cuts |= base.cuts_for(item.new)
            p, rpr_for = base.paragraph_for(item)
        else:
            p = document.add_paragraph()
            layout.format_paragraph(p, block.kind)

            def rpr_for(italic: bool, _kind: str = block.kind) -> object:
                pr = layout.run_properties(_kind, italic)
                return styled_rpr(None, bool(pr.get("italic")), pr.get("bold") or None, pr.get("size"))  # type: ignore[arg-type]

            p = p._p
        written = writer.fill(p, item, rpr_for, cuts, move_names)
        if base is not None:
            base.after_fill(p, item, written)
        for f in notes:
            if not anchor_comment(document, written, _finding_side(f, language)[1], comment_text(f), stamp.author):
                unanchored += 1
    if to_comment:
        ensure_comment_styles(document)
    if unanchored:
        log.info("%d finding(s) had no visible text to anchor a comment on", unanchored)
    return document


def default_out_name(language: Language, step: int) -> str:
    return f"{doc_key(language, step - 1)}-to-{doc_key(language, step)}-tracked.docx"


__all__ = ["export_tracked", "build_tracked", "default_author", "format_date", "pair_name", "MOVES"]
