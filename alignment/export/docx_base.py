"""Tracked changes written into the newer draft's own Word file, so its styles, numbering, page layout, header
lines and run formatting stay as the delegation made them.

Each paragraph of draft N+1 is found again among the file's body paragraphs (by its text, in order; a paragraph
split over two ``w:p`` by a page break takes both) and its runs are rewritten with the revisions; paragraphs of
draft N that are gone (deleted, moved away) get a copy of the paragraph properties of a paragraph of the same
kind. Footnote references are put back at their offsets. Lines before the title (the header block) are kept as
they are. When the file cannot be matched paragraph by paragraph, the caller falls back to the clean layout.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn

from alignment.document import Document
from alignment.export.plan import Block, PlanItem, Step
from alignment.export.revision_xml import Revision
from alignment.textnorm import normalize_text

log = logging.getLogger(__name__)

_SKIP = {qn("w:del"), qn("w:moveFrom")}
_REVISION_MARKS = {qn(f"w:{k.value}") for k in Revision}


def _visible_text(p) -> str:
    out = []
    for el in p.iter(qn("w:t"), qn("w:tab")):
        if any(a.tag in _SKIP for a in el.iterancestors()):
            continue
        out.append(" " if el.tag == qn("w:tab") else (el.text or ""))
    return "".join(out)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize_text(text))


@dataclass
class DocxBase:
    """The newer draft's python-docx Document and where each of its paragraphs lives."""

    document: docx.document.Document
    mapped: dict[str, list] = field(default_factory=dict)  # paragraph id -> its w:p elements
    labels_as_text: bool = False
    kind_template: dict[str, object] = field(default_factory=dict)  # paragraph kind -> a w:pPr to copy
    _last: object | None = None
    _refs: dict[str, list] = field(default_factory=dict)

    def paragraph_for(self, item: PlanItem):
        """The ``w:p`` to fill for ``item`` (emptied), and its ``rpr_for(italic)``."""
        from alignment.export.tracked import styled_rpr

        block = item.new or item.old
        assert block is not None
        if item.step in (Step.SAME, Step.INSERT, Step.MOVE_TO):
            assert item.new is not None and item.new.paragraph is not None
            ps = self.mapped[item.new.paragraph.id]
            p = ps[0]
            base_rpr = _first_rpr(ps)
            self._refs[block.key] = [r for q in ps for r in q.iter(qn("w:r")) if r.find(qn("w:footnoteReference")) is not None]
            for extra in ps[1:]:
                extra.getparent().remove(extra)
            _empty(p)
        else:
            p = self.document.element.body.makeelement(qn("w:p"), {})
            template = self.kind_template.get(block.kind)
            if template is not None:
                p.append(copy.deepcopy(template))
            base_rpr = None
            anchor = self._last
            if anchor is None:
                first = next(iter(self.mapped.values()))[0]
                first.addprevious(p)
            else:
                anchor.addnext(p)
        self._last = p

        def rpr_for(italic: bool):
            return styled_rpr(base_rpr, italic)

        return p, rpr_for

    def cuts_for(self, block: Block | None) -> set[int]:
        """Offsets where footnote references must sit between runs."""
        if block is None or block.paragraph is None:
            return set()
        return {r.offset for r in block.paragraph.footnote_refs}

    def after_fill(self, p, item: PlanItem, written) -> None:
        """Put the footnote references of draft N+1's paragraph back at their offsets."""
        if item.new is None or item.new.paragraph is None:
            return
        refs = list(self._refs.get(item.new.key, ()))
        for ref, note in zip(refs, item.new.paragraph.footnote_refs, strict=False):
            after = None
            for wr in written:
                if wr.new_start is not None and wr.new_start + wr.length <= note.offset:
                    after = wr.run
            if after is not None:
                after.addnext(ref)
            else:
                first_run = next((c for c in p if c.tag != qn("w:pPr")), None)
                if first_run is not None:
                    first_run.addprevious(ref)
                else:
                    p.append(ref)


def _first_rpr(ps):
    for p in ps:
        for r in p.iter(qn("w:r")):
            if r.find(qn("w:t")) is not None and r.find(qn("w:rPr")) is not None:
                rpr = copy.deepcopy(r.find(qn("w:rPr")))
                for tag in ("w:i", "w:iCs", "w:rPrChange", "w:vertAlign", "w:rStyle"):
                    for el in rpr.findall(qn(tag)):
                        rpr.remove(el)
                return rpr
    return None


def _clean_ppr(ppr):
    ppr = copy.deepcopy(ppr)
    for tag in ("w:sectPr", "w:pPrChange"):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is not None:
        for el in list(rpr):
            if el.tag in _REVISION_MARKS:
                rpr.remove(el)
    return ppr


def _empty(p) -> None:
    """Remove the paragraph's content (runs, revisions, bookmarks) and old revision marks on its mark."""
    for child in list(p):
        if child.tag == qn("w:pPr"):
            cleaned = _clean_ppr(child)
            sect = child.find(qn("w:sectPr"))
            if sect is not None:
                cleaned.append(sect)
            p.replace(child, cleaned)
        else:
            p.remove(child)


def open_base(doc: Document) -> DocxBase | None:
    """Open the .docx of ``doc`` and find each of its paragraphs; None when they cannot all be found."""
    try:
        document = docx.Document(doc.path)
    except Exception as exc:  # noqa: BLE001 - any failure here means: use the clean layout
        log.info("%s: cannot reopen as a base for the export (%s); using the clean layout", doc.path, exc)
        return None
    body_ps = [el for el in document.element.body if el.tag == qn("w:p")]
    texts = [_squash(_visible_text(p)) for p in body_ps]
    base = DocxBase(document)
    cursor = 0
    typed_labels = 0
    for para in doc.paragraphs:
        want = _squash(para.text)
        with_label = _squash(para.label) + want
        found = None
        for k in range(cursor, len(body_ps)):
            t = texts[k]
            if t and (want.startswith(t) or with_label.startswith(t) or t.startswith(with_label[:40])):
                found = k
                break
        if found is None:
            log.info("%s: paragraph %s not found in the file; using the clean layout", doc.path, para.id)
            return None
        if para.label and texts[found].startswith(_squash(para.label)) and not want.startswith(_squash(para.label)):
            typed_labels += 1
        group, total, k = [body_ps[found]], len(texts[found]), found + 1
        while total < len(with_label) - 1 and k < len(body_ps) and texts[k] and (with_label[total:].startswith(texts[k])):
            group.append(body_ps[k])
            total += len(texts[k])
            k += 1
        base.mapped[para.id] = group
        cursor = k
        ppr = body_ps[found].find(qn("w:pPr"))
        if para.kind.value not in base.kind_template and ppr is not None:
            base.kind_template[para.kind.value] = _clean_ppr(ppr)
    base.labels_as_text = typed_labels > 0
    return base


def header_blocks(base: DocxBase, doc: Document, key: str) -> list[Block]:
    """The header block stays as the file has it (untracked): no header lines are generated."""
    return []
