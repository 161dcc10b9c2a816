"""Bilingual report as a Word document: a two-column table, English | Russian, one row per aligned pair, the
findings' spans marked in the text and the findings listed under their row.

Marks are readable in black and white too: critical = bold, double underline, grey shading; warning = single
underline, light shading; info = dotted underline; each listed finding names its severity in words.
The rows themselves (:func:`bilingual_rows`) are shared with the HTML report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_UNDERLINE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Cm, Pt

from alignment.comparison import Comparison, doc_key, pair_name
from alignment.document import Language, Paragraph, Span
from alignment.errors import ExportError
from alignment.findings import Finding, Severity
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from alignment.safety import atomic_save, refuse_inputs

SHADE = {Severity.CRITICAL: "BFBFBF", Severity.WARNING: "E7E6E6", Severity.INFO: None}
UNDERLINE = {Severity.CRITICAL: WD_UNDERLINE.DOUBLE, Severity.WARNING: WD_UNDERLINE.SINGLE,
             Severity.INFO: WD_UNDERLINE.DOTTED}


@dataclass(frozen=True)
class Piece:
    """A piece of a paragraph's displayed text: italic or not, and the most severe finding over it."""

    text: str
    italic: bool = False
    severity: Severity | None = None


@dataclass(frozen=True)
class Cell:
    ids: tuple[str, ...]  # qualified paragraph ids
    paragraphs: tuple[tuple[Piece, ...], ...]  # one tuple of pieces per paragraph


@dataclass(frozen=True)
class Row:
    en: Cell
    ru: Cell
    confidence: float
    findings: tuple[Finding, ...]


def _pieces(p: Paragraph, marks: Sequence[tuple[Span, Severity]]) -> tuple[Piece, ...]:
    """Cut the paragraph (label, a space, text) at emphasis and finding boundaries."""
    shift = len(p.label) + 1 if p.label else 0
    display = f"{p.label} {p.text}" if p.label else p.text
    cuts = {0, len(display)}
    for s in p.emphasis:
        cuts |= {s.start + shift, s.end + shift}
    for s, _ in marks:
        cuts |= {min(s.start + shift, len(display)), min(s.end + shift, len(display))}
    points = sorted(c for c in cuts if 0 <= c <= len(display))
    out = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        italic = any(s.start + shift <= a and b <= s.end + shift for s in p.emphasis)
        sev = [sv for s, sv in marks if s.start + shift <= a and b <= s.end + shift]
        out.append(Piece(display[a:b], italic, min(sev, key=lambda v: v.rank) if sev else None))
    return tuple(out)


def _findings(comparison: Comparison, revision: int, findings: Sequence[Finding] | None) -> list[Finding]:
    if findings is not None:
        return list(findings)
    return list(comparison.findings(revision))


def bilingual_rows(comparison: Comparison, revision: int = 0, findings: Sequence[Finding] | None = None,
                   should_cancel: ShouldCancel | None = None) -> list[Row]:
    """One row per alignment link of draft ``revision``; each finding goes under the row of its paragraphs."""
    if revision not in comparison.bilingual_revisions:
        raise ExportError(f"no draft {revision} in both languages: revisions 0..{len(comparison.bilingual_revisions) - 1}")
    pair = pair_name(revision)
    found = [f for f in _findings(comparison, revision, findings) if f.pair == pair]
    marks: dict[str, list[tuple[Span, Severity]]] = {}
    for f in found:
        for qid, span in ((f.en_id, f.en_span), (f.ru_id, f.ru_span)):
            if qid and span is not None:
                marks.setdefault(qid, []).append((span, f.severity))
    rows = []
    for k, link in enumerate(comparison.alignment(revision).links):
        if k % 64 == 0:
            check_cancel(should_cancel)

        def cell(ids: tuple[str, ...]) -> Cell:
            return Cell(ids, tuple(_pieces(comparison.paragraph(q), marks.get(q, [])) for q in ids))

        ids = set(link.left) | set(link.right)
        mine = tuple(sorted((f for f in found if f.en_id in ids or f.ru_id in ids), key=lambda f: f.severity.rank))
        rows.append(Row(cell(link.left), cell(link.right), link.confidence, mine))
    return rows


def report_title(comparison: Comparison, revision: int) -> str:
    en = comparison.en[revision]
    title = en.title.text if en.title else Path(en.path).name
    return f"{title} — {'original draft' if revision == 0 else f'Rev.{revision}'}"


def finding_line(f: Finding) -> str:
    return f"{f.severity.value.upper()} · {f.kind.value.replace('_', ' ')}: {f.message}"


# ----- Word --------------------------------------------------------------------------------------------------
def _shade(run, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    run._r.get_or_add_rPr().append(shd)


def _fill_cell(cell, content: Cell, lang: str) -> None:
    cell.paragraphs[0].text = ""
    for k, pieces in enumerate(content.paragraphs):
        par = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        for piece in pieces:
            run = par.add_run(piece.text)
            run.italic = piece.italic or None
            if piece.severity is not None:
                run.underline = UNDERLINE[piece.severity]
                if piece.severity is Severity.CRITICAL:
                    run.bold = True
                if SHADE[piece.severity]:
                    _shade(run, SHADE[piece.severity])
            lang_el = OxmlElement("w:lang")
            lang_el.set(qn("w:val"), lang)
            run._r.get_or_add_rPr().append(lang_el)
    if not content.paragraphs:
        cell.paragraphs[0].add_run("(no counterpart)").italic = True


def build_bilingual_docx(comparison: Comparison, revision: int = 0, findings: Sequence[Finding] | None = None,
                         should_cancel: ShouldCancel | None = None):
    rows = bilingual_rows(comparison, revision, findings, should_cancel)
    d = docx.Document()
    for rid, rel in list(d.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            d.part.drop_rel(rid)
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10)
    d.add_heading(report_title(comparison, revision), level=1)
    n_findings = sum(len(r.findings) for r in rows)
    d.add_paragraph(f"{len(rows)} aligned rows, {n_findings} finding(s). Marks: critical = bold, double underline, "
                    "dark shading; warning = underline, light shading; info = dotted underline.")
    table = d.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0]
    head.cells[0].text, head.cells[1].text = f"English ({doc_key(Language.EN, revision)})", \
        f"Русский ({doc_key(Language.RU, revision)})"
    for c in head.cells:
        c.paragraphs[0].runs[0].bold = True
    trpr = head._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    for row in rows:
        cells = table.add_row().cells
        _fill_cell(cells[0], row.en, "en-GB")
        _fill_cell(cells[1], row.ru, "ru-RU")
        if row.findings:
            note = table.add_row().cells
            merged = note[0].merge(note[1])
            merged.paragraphs[0].text = ""
            for k, f in enumerate(row.findings):
                par = merged.paragraphs[0] if k == 0 else merged.add_paragraph()
                par.paragraph_format.space_after = Pt(0)
                lead = par.add_run("▲ " if f.severity is Severity.CRITICAL else "△ " if f.severity is Severity.WARNING else "○ ")
                lead.bold = True
                text = par.add_run(finding_line(f))
                text.font.size = Pt(9)
                text.bold = f.severity is Severity.CRITICAL or None
    return d


def export_bilingual(comparison: Comparison, out_path: str | Path, revision: int = 0,
                     findings: Sequence[Finding] | None = None, protect: Iterable[Path] | None = None,
                     progress: Progress = no_progress, should_cancel: ShouldCancel | None = None) -> Path:
    """Write the bilingual report of draft ``revision`` as .docx, atomically, never over an input."""
    out = Path(out_path)
    protect = list(protect) if protect is not None else [Path(comparison.document(k).path) for k in comparison.document_keys()]
    refuse_inputs(out, protect)
    progress(0, "Building the bilingual report")
    d = build_bilingual_docx(comparison, revision, findings, should_cancel)
    atomic_save(lambda tmp: d.save(str(tmp)), out, protect)
    progress(100, f"Wrote {out.name}")
    return out
