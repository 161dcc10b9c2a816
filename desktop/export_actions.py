"""File ▸ Export: the tracked-changes .docx, the bilingual report (.docx) and HTML, written by the engine's
``alignment.export`` in the one-thread export pool. While the engine's export is missing, the entries say
"not available yet" instead of failing."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from alignment.document import Language
from desktop.workers import EXPORT


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str
    suffix: str
    filter: str


TRACKED = ExportKind("tracked", "&Tracked Changes (.docx)…", ".docx", "Word documents (*.docx)")
BILINGUAL = ExportKind("bilingual", "&Bilingual Report (.docx)…", ".docx", "Word documents (*.docx)")
HTML = ExportKind("html", "Bilingual Report as &HTML…", ".html", "HTML files (*.html)")
KINDS = (TRACKED, BILINGUAL, HTML)


MODULES = {"tracked": "alignment.export.tracked", "bilingual": "alignment.export.bilingual",
           "html": "alignment.export.html"}


def export_function(kind: ExportKind) -> Callable | None:
    """The engine function that writes ``kind`` (``export_tracked``, ``export_bilingual``, ``export_html``),
    or None while that export is not part of this build."""
    try:
        module = importlib.import_module(MODULES[kind.key])
    except ImportError:
        return None
    return getattr(module, f"export_{kind.key}", None)


def run_export(kind: ExportKind, comparison, choice, out: Path, findings, progress, should_cancel) -> Path:
    """Call the engine (in a worker): the tracked-changes file for the compared revision step (the open
    findings on the newer draft as Word comments), the bilingual report for the compared draft."""
    fn = export_function(kind)
    if fn is None:
        from alignment.errors import ExportError

        raise ExportError("this export is not available yet in this build", out)
    if kind is TRACKED:
        language = choice.language if choice is not None and choice.language is not None else Language.EN
        step = choice.revision if choice is not None and choice.language is not None else 1
        fn(comparison, language, step, out, comments=bool(findings), findings=list(findings),
           progress=progress, should_cancel=should_cancel)
    else:
        revision = choice.revision if choice is not None and choice.bilingual else 0
        fn(comparison, out, revision, findings=list(findings), progress=progress, should_cancel=should_cancel)
    return out


class ExportActions:
    def __init__(self, window) -> None:
        self.window = window
        self.menu = QMenu("&Export")
        self.actions: dict[str, QAction] = {}
        for kind in KINDS:
            a = QAction(kind.label, window)
            a.triggered.connect(lambda _c=False, k=kind: self.export(k))
            self.menu.addAction(a)
            self.actions[kind.key] = a
        # tests and scripts answer the file dialog through this
        self.ask_path: Callable[[ExportKind], str | None] = self._ask_path

    def update(self, window) -> None:
        analysis = window.analysis
        choice = window.choice
        for kind in KINDS:
            a = self.actions[kind.key]
            available = export_function(kind) is not None
            has_steps = analysis is not None and any(
                analysis.comparison.revision_steps(lang) for lang in Language)
            ok = available and analysis is not None and (kind is not TRACKED or has_steps)
            a.setEnabled(ok)
            if not available:
                a.setText(kind.label.replace("…", "") + " — not available yet")
            elif kind is TRACKED and choice is not None and choice.language is not None:
                a.setText(f"&Tracked Changes: {choice.label} (.docx)…")
            else:
                a.setText(kind.label)

    def _ask_path(self, kind: ExportKind) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Export", str(Path.home() / f"parity-{kind.key}{kind.suffix}"),
                                              kind.filter)
        return path or None

    def export(self, kind: ExportKind) -> None:
        w = self.window
        if w.analysis is None:
            return
        target = self.ask_path(kind)
        if not target:
            return
        out = Path(target)
        if out.suffix.lower() != kind.suffix:
            out = out.with_suffix(kind.suffix)
        comparison, choice = w.analysis.comparison, w.choice
        decisions = w.project.decisions() if w.project else {}
        findings = [f for f in w.all_findings()
                    if f.id not in decisions or decisions[f.id].status.value != "dismissed"]
        w.runner.submit(
            f"export-{kind.key}",
            lambda progress, cancel: run_export(kind, comparison, choice, out, findings, progress, cancel),
            lambda path: w.statusBar().showMessage(f"Exported {path}", 8000),
            w._job_failed, pool=EXPORT, title=f"Exporting {out.name}",
        )
