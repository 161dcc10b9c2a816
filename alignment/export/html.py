"""Bilingual report as one self-contained HTML file: inline CSS, escaped text, ``lang`` attributes, no external
resources (opens offline, can be mailed). Same rows and marks as the Word report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from alignment.comparison import Comparison, doc_key
from alignment.document import Language
from alignment.errors import ExportError
from alignment.export.bilingual import Cell, Row, bilingual_rows, finding_line, report_title
from alignment.findings import Finding
from alignment.jobs import Progress, ShouldCancel, no_progress
from alignment.safety import atomic_write_text, refuse_inputs

CSS = """
body{font-family:"Times New Roman",Times,serif;margin:1.5em;color:#000;background:#fff}
h1{font-size:1.3em}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #888;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#eee}
td.findings{font-size:.9em;background:#fafafa}
td.findings ul{margin:.2em 0;padding-left:1.2em}
p{margin:0 0 .4em 0}
mark{color:inherit}
mark.critical{background:#bfbfbf;font-weight:bold;text-decoration:underline double}
mark.warning{background:#e7e6e6;text-decoration:underline solid}
mark.info{background:none;text-decoration:underline dotted}
li.critical{font-weight:bold}
.none{font-style:italic;color:#555}
@media print{th{background:none}}
""".strip()


def _cell(content: Cell, lang: str) -> str:
    if not content.paragraphs:
        return f'<td lang="{lang}"><span class="none">(no counterpart)</span></td>'
    paras = []
    for pieces in content.paragraphs:
        out = []
        for piece in pieces:
            t = escape(piece.text)
            if piece.italic:
                t = f"<i>{t}</i>"
            if piece.severity is not None:
                t = f'<mark class="{piece.severity.value}" title="{piece.severity.value}">{t}</mark>'
            out.append(t)
        paras.append(f"<p>{''.join(out)}</p>")
    ids = escape(" ".join(content.ids))
    return f'<td lang="{lang}" data-ids="{ids}">{"".join(paras)}</td>'


def _row(row: Row) -> str:
    html = f"<tr>{_cell(row.en, 'en')}{_cell(row.ru, 'ru')}</tr>\n"
    if row.findings:
        items = "".join(f'<li class="{f.severity.value}">{escape(finding_line(f))}</li>' for f in row.findings)
        html += f'<tr><td class="findings" colspan="2" lang="en"><ul>{items}</ul></td></tr>\n'
    return html


def render_html(comparison: Comparison, revision: int = 0, findings: Sequence[Finding] | None = None,
                should_cancel: ShouldCancel | None = None) -> str:
    rows = bilingual_rows(comparison, revision, findings, should_cancel)
    title = escape(report_title(comparison, revision))
    n = sum(len(r.findings) for r in rows)
    body = "".join(_row(r) for r in rows)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n<p>{len(rows)} aligned rows, {n} finding(s). Marks: critical = bold, double underline, "
        "dark background; warning = underline, light background; info = dotted underline.</p>\n"
        f'<table>\n<thead><tr><th lang="en">English ({doc_key(Language.EN, revision)})</th>'
        f'<th lang="ru">Русский ({doc_key(Language.RU, revision)})</th></tr></thead>\n<tbody>\n{body}</tbody>\n'
        "</table>\n</body>\n</html>\n"
    )


def export_html(comparison: Comparison, out_path: str | Path, revision: int = 0,
                findings: Sequence[Finding] | None = None, protect: Iterable[Path] | None = None,
                progress: Progress = no_progress, should_cancel: ShouldCancel | None = None) -> Path:
    """Write the bilingual report of draft ``revision`` as one HTML file, atomically, never over an input."""
    out = Path(out_path)
    protect = list(protect) if protect is not None else [Path(comparison.document(k).path) for k in comparison.document_keys()]
    refuse_inputs(out, protect)
    progress(0, "Building the HTML report")
    text = render_html(comparison, revision, findings, should_cancel)
    atomic_write_text(out, text, protect)
    progress(100, f"Wrote {out.name}")
    return out


__all__ = ["export_html", "render_html", "ExportError"]
