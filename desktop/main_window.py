"""The main window: wires the side-by-side view, the findings panel, the project file and the workers together.

It holds the current state (project, analysis, translation results, what is compared) and reacts to the
user; the engine does the work (in workers) and the views draw it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from alignment.errors import ParityError
from alignment.findings import Finding
from alignment.project import SUFFIX, InputState, Project, ReviewStatus
from desktop import colors
from desktop.analysis import (
    Analysis,
    TranslationResult,
    TranslatorProvider,
    installed_translators,
    load_and_analyse,
)
from desktop.analysis import realign as realign_job
from desktop.analysis import run_checks as run_checks_job
from desktop.analysis import translate as translate_job
from desktop.compare_view import CompareView
from desktop.findings_panel import FindingsPanel
from desktop.job_status import JobStatus
from desktop.rows import Choice, choice_for, choices, rows_for
from desktop.workers import GENERAL, TRANSLATION, JobFailure, JobRunner

log = logging.getLogger(__name__)

APP_NAME = "Parity"
MAX_RECENT = 8


def default_settings() -> QSettings:
    return QSettings("Parity", "Parity")


class MainWindow(QMainWindow):
    def __init__(self, runner: JobRunner | None = None, translator_provider: TranslatorProvider | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        from desktop.preload import preload_engine

        preload_engine()
        self.runner = runner or JobRunner(self)
        self.translator_provider = translator_provider or installed_translators
        self.settings = settings or default_settings()
        self.project: Project | None = None
        self.analysis: Analysis | None = None
        self.translation: TranslationResult | None = None
        self.choice: Choice | None = None
        self.changed_inputs: list = []
        self._pending_finding: str | None = None
        self.last_error: str | None = None
        self.undo_stack = QUndoStack(self)
        # dialogs are attributes so tests (and scripts) can answer them
        self.ask_save_path: Callable[[], str | None] = self._ask_save_path
        self.ask_open_project: Callable[[], str | None] = self._ask_open_project
        self.confirm_close: Callable[[], str] = self._confirm_close  # "save" | "discard" | "cancel"

        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.compare = CompareView()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"background: {colors.FINDING_BG}; padding: 4px; border-radius: 3px;")
        self.banner.setVisible(False)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 0)
        lay.addWidget(self.banner)
        lay.addWidget(self.compare, 1)
        self.setCentralWidget(central)
        self.empty_hint = QLabel("Open an English and a Russian draft (Ctrl+O), a project (Ctrl+Shift+O), "
                                 "or drop files here.")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.findings = FindingsPanel()
        self.findings_dock = QDockWidget("Findings", self)
        self.findings_dock.setObjectName("findings")
        self.findings_dock.setWidget(self.findings)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)

        self.counts_label = QLabel()
        self.translation_label = QLabel()
        self.job_status = JobStatus(self.runner)
        sb = self.statusBar()
        sb.addWidget(self.counts_label)
        sb.addWidget(self.translation_label, 1)
        sb.addPermanentWidget(self.job_status)

        self._build_actions()
        self.compare.choiceChanged.connect(self.show_choice)
        self.compare.backTranslationToggled.connect(self._back_translation_toggled)
        self.compare.changedOnlyToggled.connect(lambda _on: self._refresh_rows())
        self.findings.findingActivated.connect(self.jump_to)
        self.findings.decisionRequested.connect(self.decide)
        self._restore_window_state()
        self._update_title()
        self._update_actions()

    # ----- actions and menus -----------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)  # shortcuts work even with the menu bar hidden
        return a

    def _build_actions(self) -> None:
        from desktop.export_actions import ExportActions

        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        self.open_action = self._action("&Open Drafts…", self.open_files_dialog, QKeySequence.StandardKey.Open,
                                        "Choose the English and Russian drafts and their revisions")
        self.open_project_action = self._action("Open &Project…", self.open_project_dialog, "Ctrl+Shift+O")
        self.sample_action = self._action("Open the &Sample", self.open_sample, None,
                                          "The CCPCJ 2011 draft on trafficking in persons, EN and RU, with Rev.1")
        self.save_action = self._action("&Save Project", self.save_project, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action("Save Project &As…", self.save_project_as, "Ctrl+Shift+S")
        self.recent_menu = file_menu.addMenu("&Recent Projects")
        for a in (self.open_action, self.open_project_action, self.sample_action):
            file_menu.addAction(a)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        self.exports = ExportActions(self)
        file_menu.addMenu(self.exports.menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        self._fill_recent()

        edit_menu = mb.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.cancel_action = self._action("&Cancel Running Work", lambda: self.runner.cancel(), "Esc")
        edit_menu.addAction(self.cancel_action)

        view_menu = mb.addMenu("&View")
        self.choice_menu = view_menu.addMenu("&Compare")
        self.back_translation_action = self._action("Show &Back-translation", self.compare.back_translation.toggle,
                                                    "Ctrl+B")
        view_menu.addAction(self.back_translation_action)
        view_menu.addAction(self.findings_dock.toggleViewAction())
        self.focus_text_action = self._action("Focus the &Text", lambda: self.compare.table.setFocus(), "F6")
        self.focus_findings_action = self._action("Focus the &Findings", lambda: self.findings.table.setFocus(),
                                                  "Shift+F6")
        view_menu.addAction(self.focus_text_action)
        view_menu.addAction(self.focus_findings_action)

        review = mb.addMenu("&Review")
        self.next_action = self._action("&Next Finding", self.next_finding, "F8")
        self.prev_action = self._action("&Previous Finding", self.previous_finding, "Shift+F8")
        self.confirm_action = self._action("&Confirm Finding", lambda: self.findings.decide_current(
            ReviewStatus.CONFIRMED), "Ctrl+Shift+C")
        self.dismiss_action = self._action("&Dismiss Finding", lambda: self.findings.decide_current(
            ReviewStatus.DISMISSED), "Ctrl+Shift+D")
        self.reopen_action = self._action("&Reopen Finding", lambda: self.findings.decide_current(
            ReviewStatus.OPEN), "Ctrl+Shift+R")
        self.note_action = self._action("Add a &Note…", self._focus_note, "Ctrl+Shift+N")
        for a in (self.next_action, self.prev_action, self.confirm_action, self.dismiss_action,
                  self.reopen_action, self.note_action):
            review.addAction(a)

        align = mb.addMenu("&Alignment")
        self.link_action = self._action("&Link Selected Paragraphs", self.link_selected, "Ctrl+L",
                                        "Pin the selected left and right paragraphs together and re-align the rest")
        self.unlink_action = self._action("&Unlink Pair", self.unlink_selected, "Ctrl+Shift+L",
                                          "These paragraphs do not belong together")
        self.unmatched_action = self._action("Mark as &No Counterpart", self.mark_unmatched_selected, "Ctrl+K",
                                             "The selected paragraph has no counterpart on the other side")
        self.clear_pins_action = self._action("&Remove All Corrections", self.clear_pins)
        for a in (self.link_action, self.unlink_action, self.unmatched_action, self.clear_pins_action):
            align.addAction(a)

        tools = mb.addMenu("&Tools")
        self.models_action = self._action("Translation &Models…", self.open_models_dialog, "Ctrl+M")
        tools.addAction(self.models_action)

    def _update_actions(self) -> None:
        loaded = self.analysis is not None
        for a in (self.save_action, self.save_as_action, self.next_action, self.prev_action, self.link_action,
                  self.unlink_action, self.unmatched_action, self.clear_pins_action):
            a.setEnabled(loaded)
        self.exports.update(self)

    def _update_title(self) -> None:
        name = self.project.path.name if self.project and self.project.path else (
            "unsaved project" if self.project else "")
        self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    # ----- opening -------------------------------------------------------------------------------------------------
    def open_sample(self) -> None:
        from alignment.sample import sample_paths

        self.open_files(dict(sample_paths()))

    def open_files_dialog(self) -> None:
        from desktop.open_dialog import OpenDialog

        dlg = OpenDialog(self, self.settings)
        if dlg.exec() and dlg.files():
            self.open_files(dlg.files())

    def open_files(self, files: Mapping[str, str | Path]) -> None:
        """Start a new (unsaved) project on these files: document key -> path."""
        try:
            project = Project.new()
            project.set_inputs([(k, Path(v)) for k, v in files.items()])
        except OSError as exc:
            self.show_error(f"Cannot read the files: {exc}")
            return
        self._set_project(project)
        self._analyse(dict(files), [], changed=[])

    def open_project_dialog(self) -> None:
        path = self.ask_open_project()
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path) -> None:
        try:
            project = Project.open(path)
        except ParityError as exc:
            self.show_error(str(exc))
            return
        checks = project.check_inputs()
        missing = [c for c in checks if c.state is InputState.MISSING]
        if missing:
            self.show_error("The project cannot be opened because input files are missing:\n"
                            + "\n".join(c.describe() for c in missing))
            project.close()
            return
        changed = [c for c in checks if c.state is InputState.CHANGED]
        self._set_project(project)
        self._add_recent(Path(path))
        self._analyse(project.input_paths(), project.pins(), changed=changed)

    def _set_project(self, project: Project) -> None:
        if self.project is not None:
            self.project.close()
        self.runner.cancel()
        self.project = project
        self.analysis = None
        self.translation = None
        self.undo_stack.clear()
        self.banner.setVisible(False)
        self._update_title()

    def _analyse(self, files: Mapping[str, Path], pins: list, changed: list) -> None:
        self.changed_inputs = changed
        self.runner.submit(
            "analysis",
            lambda progress, cancel: load_and_analyse(files, pins, progress, cancel, checks=False),
            self._aligned, self._job_failed, lambda: self.statusBar().showMessage("Canceled", 5000),
            pool=GENERAL, title="Reading and aligning",
        )

    def _aligned(self, analysis: Analysis) -> None:
        """First stage done: draw the aligned paragraphs at once, then run the checks and the translation."""
        first = self.analysis is None
        self.analysis = analysis
        assert self.project is not None
        state = self.project.view_state() if first else {}
        self._pending_finding = state.get("finding") if first else None
        available = choices(analysis.comparison)
        current = self.choice if not first else None
        if "comparison" in state:
            try:
                current = Choice.from_json(state["comparison"])
            except (ValueError, TypeError, IndexError):
                current = None
        if current not in available:
            current = available[0] if available else None
        self.compare.set_choices(available, current)
        self._fill_choice_menu(available)
        self.choice = current
        if first and "back_translation" in state:
            self.compare.back_translation.blockSignals(True)
            self.compare.back_translation.setChecked(bool(state["back_translation"]))
            self.compare.back_translation.blockSignals(False)
        self._refresh_findings()
        self._refresh_rows()
        self._update_actions()
        self.runner.submit("checks", lambda progress, cancel: run_checks_job(analysis, progress, cancel),
                           self._checked, self._job_failed, pool=GENERAL, title="Checking")
        if first or self.translation is None:
            self._start_translation()
        if first and self.project.path is None:
            self._update_title()

    def _checked(self, analysis: Analysis) -> None:
        """Second stage done: the findings; decisions of changed inputs are re-matched here."""
        if self.analysis is None or analysis.comparison is not self.analysis.comparison or self.project is None:
            return  # a result for files no longer shown
        self.analysis = analysis
        notices = []
        if self.changed_inputs:
            dropped = self.project.prune_decisions(analysis.findings, analysis.checks_run)
            self.project.update_hashes([c.input for c in self.changed_inputs])
            notices.append("Changed on disk since the project was saved, so everything was analysed again: "
                           + "; ".join(f"{c.input.key} ({c.input.path.name})" for c in self.changed_inputs)
                           + f". {len(dropped)} review decision(s) no longer apply and were removed; the others "
                           "were kept.")
            self.changed_inputs = []
        if analysis.pin_problems:
            notices.append("Alignment corrections that no longer apply: "
                           + "; ".join(p.message for p in analysis.pin_problems))
        if not analysis.checks_available:
            notices.append("The divergence checks are not available yet in this build; alignment and revision "
                           "differences are shown.")
        self.show_notice("\n".join(notices))
        self._refresh_findings()
        self._refresh_rows()
        if self._pending_finding:
            self.findings.select(self._pending_finding)
            self._pending_finding = None
        self._update_actions()
        self.statusBar().showMessage(f"Analysed in {analysis.seconds:.2f} s", 5000)

    def _job_failed(self, failure: JobFailure) -> None:
        self.show_error(failure.message if failure.user_error else
                        f"Something went wrong (this is a bug; details are in the log):\n{failure.message}")

    # ----- translation -------------------------------------------------------------------------------------------
    def _start_translation(self) -> None:
        if self.analysis is None:
            return
        comparison = self.analysis.comparison
        provider = self.translator_provider
        self.translation_label.setText("Translation-based checks: running…")
        self.runner.submit(
            "translation",
            lambda progress, cancel: translate_job(comparison, provider, progress, cancel),
            self._translation_done, self._translation_failed, self._translation_canceled,
            pool=TRANSLATION, title="Translating",
        )

    def _translation_done(self, result: TranslationResult) -> None:
        self.translation = result
        if result.status == "done":
            self.translation_label.setText(f"Translation model in use: {', '.join(result.models)}")
            self.translation_label.setStyleSheet("")
        else:
            self.translation_label.setText(f"⚠ Translation-based checks are off: {result.reason}")
            self.translation_label.setStyleSheet(f"color: {colors.ORANGE};")
        self.translation_label.setToolTip(result.reason)
        self.compare.back_translation.setEnabled(result.status == "done")
        self._refresh_findings()
        self._refresh_rows()

    def _translation_failed(self, failure: JobFailure) -> None:
        self.translation_label.setText(f"⚠ Translation-based checks failed: {failure.message}")
        self.translation_label.setStyleSheet(f"color: {colors.ORANGE};")

    def _translation_canceled(self) -> None:
        self.translation_label.setText("⚠ Translation-based checks were canceled (Tools ▸ Translation Models… "
                                       "to run them again)")
        self.translation_label.setStyleSheet(f"color: {colors.ORANGE};")

    def rerun_translation(self) -> None:
        self.translation = None
        self._start_translation()

    # ----- what is shown -----------------------------------------------------------------------------------------
    def all_findings(self) -> list[Finding]:
        out = list(self.analysis.findings) if self.analysis else []
        if self.translation is not None:
            out += self.translation.findings
        return out

    def _fill_choice_menu(self, available: list[Choice]) -> None:
        self.choice_menu.clear()
        for i, c in enumerate(available):
            a = self.choice_menu.addAction(c.label)
            if i < 9:
                a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _c=False, c=c: self.compare.select_choice(c))

    def show_choice(self, choice: Choice) -> None:
        self.choice = choice
        if self.project is not None:
            self.project.set_view_state(comparison=choice.to_json())
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        if self.analysis is None or self.choice is None:
            return
        back = None
        if self.compare.back_translation.isChecked() and self.translation and self.translation.status == "done":
            back = dict(self.translation.back_translations)
        rows = rows_for(self.analysis.comparison, self.choice, self.all_findings(), back,
                        self.compare.changed_only.isChecked())
        self.compare.show_rows(self.choice, rows)
        current = self.findings.current_finding()
        if current is not None:
            self.compare.set_current_finding(current)

    def _refresh_findings(self) -> None:
        decisions = self.project.decisions() if self.project else {}
        self.findings.set_findings(self.all_findings(), decisions)
        if self.analysis is not None and not self.analysis.checks_available and not self.all_findings():
            self.findings.show_placeholder("Findings are not available yet: the divergence checks are not part "
                                           "of this build.")
        else:
            self.findings.show_placeholder("")
        self._update_counts()

    def _update_counts(self) -> None:
        fs = self.all_findings()
        decisions = self.project.decisions() if self.project else {}
        by = {s: 0 for s in ReviewStatus}
        for f in fs:
            by[decisions[f.id].status if f.id in decisions else ReviewStatus.OPEN] += 1
        crit = sum(1 for f in fs if f.severity.value == "critical")
        self.counts_label.setText(f"{len(fs)} findings ({crit} critical): {by[ReviewStatus.OPEN]} open, "
                                  f"{by[ReviewStatus.CONFIRMED]} confirmed, {by[ReviewStatus.DISMISSED]} dismissed")

    def _back_translation_toggled(self, on: bool) -> None:
        if self.project is not None:
            self.project.set_view_state(back_translation=on)
        if on and (self.translation is None or self.translation.status != "done"):
            self.statusBar().showMessage("No back-translation: translation-based checks are off", 5000)
        self._refresh_rows()

    # ----- findings ------------------------------------------------------------------------------------------------
    def next_finding(self) -> Finding | None:
        return self.findings.step(+1)

    def previous_finding(self) -> Finding | None:
        return self.findings.step(-1)

    def jump_to(self, finding: Finding) -> None:
        if self.analysis is None:
            return
        target = choice_for(finding, self.choice, self.compare.choices)
        if target is not None and target != self.choice:
            self.compare.select_choice(target)  # emits choiceChanged -> show_choice
        self.compare.set_current_finding(finding)
        if self.project is not None:
            self.project.set_view_state(finding=finding.id)

    def decide(self, finding: Finding, status: ReviewStatus, note: str | None) -> None:
        if self.project is None:
            return
        self.project.decide(finding, status, note)
        self.findings.set_decisions(self.project.decisions())
        self._update_counts()
        verb = {ReviewStatus.CONFIRMED: "Confirmed", ReviewStatus.DISMISSED: "Dismissed",
                ReviewStatus.OPEN: "Reopened"}[status]
        saved = "saved" if self.project.saved else "not saved yet (Ctrl+S)"
        self.statusBar().showMessage(f"{verb}: {finding.message} — {saved}", 5000)

    def _focus_note(self) -> None:
        self.findings_dock.show()
        self.findings.note_edit.setFocus()

    # ----- saving --------------------------------------------------------------------------------------------------
    def save_project(self) -> bool:
        if self.project is None:
            return False
        if self.project.saved:
            self.statusBar().showMessage(f"All changes are saved in {self.project.path}", 5000)
            return True
        return self.save_project_as()

    def save_project_as(self, path: str | Path | None = None) -> bool:
        if self.project is None:
            return False
        target = path or self.ask_save_path()
        if not target:
            return False
        target = Path(target)
        if target.suffix != SUFFIX:
            target = target.with_suffix(SUFFIX)
        try:
            self.project.save_as(target)
        except (ParityError, OSError) as exc:
            self.show_error(str(exc))
            return False
        self._add_recent(target)
        self._update_title()
        self.statusBar().showMessage(f"Saved {target}; changes are saved as you work", 5000)
        return True

    def _ask_save_path(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save Project", str(Path.home() / f"review{SUFFIX}"),
                                              f"Parity projects (*{SUFFIX})")
        return path or None

    def _ask_open_project(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Project", str(Path.home()), f"Parity projects (*{SUFFIX})")
        return path or None

    # ----- recent projects -----------------------------------------------------------------------------------------
    def recent_projects(self) -> list[str]:
        value = self.settings.value("recent_projects", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if v]

    def _add_recent(self, path: Path) -> None:
        items = [str(path.resolve())] + [p for p in self.recent_projects() if p != str(path.resolve())]
        self.settings.setValue("recent_projects", items[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_projects()
        for p in recent:
            a = self.recent_menu.addAction(Path(p).name)
            a.setToolTip(p)
            a.triggered.connect(lambda _c=False, p=p: self.open_project(p))
        self.recent_menu.setEnabled(bool(recent))

    # ----- alignment corrections (pins) ------------------------------------------------------------------------------
    def _edit_pins(self, text: str, make: Callable[[list], list]) -> None:
        from desktop.pin_edits import SetPins

        if self.analysis is None:
            return
        before = list(self.analysis.comparison.pins)
        try:
            after = make(before)
        except ParityError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.undo_stack.push(SetPins(text, before, after, self.apply_pins))

    def apply_pins(self, pins: list) -> None:
        """Store the pins and re-align everything around them in a worker."""
        if self.analysis is None or self.project is None:
            return
        self.project.set_pins(pins)
        comparison = self.analysis.comparison
        self.runner.cancel("translation")
        self.translation = None  # its pairs were those of the old alignment: translate again (cache hits)
        self.runner.submit("analysis",
                           lambda progress, cancel: realign_job(comparison, pins, progress, cancel, checks=False),
                           self._aligned, self._job_failed, pool=GENERAL, title="Re-aligning")

    def _scope(self) -> tuple | None:
        """The pin scope of what is compared, as the Comparison keys its caches."""
        c = self.choice
        if c is None:
            return None
        return ("alignment", c.revision) if c.bilingual else ("revisions", c.language.value, c.revision)

    def link_selected(self) -> None:
        from desktop.pin_edits import link_pins

        left, right = self.compare.selected_parts()
        self._edit_pins("Link paragraphs",
                        lambda pins: link_pins(self.analysis.comparison, pins, left, right, self._scope()))

    def unlink_selected(self) -> None:
        from desktop.pin_edits import unlink_pins

        rows = self.compare.selected_rows()
        self._edit_pins("Unlink pair", lambda pins: unlink_pins(self.analysis.comparison, pins, rows, self._scope()))

    def mark_unmatched_selected(self) -> None:
        from desktop.pin_edits import unmatched_pins

        left, right = self.compare.selected_parts()
        self._edit_pins("Mark as no counterpart",
                        lambda pins: unmatched_pins(self.analysis.comparison, pins, left, right, self._scope()))

    def clear_pins(self) -> None:
        self._edit_pins("Remove all corrections", lambda pins: [])

    # ----- models ----------------------------------------------------------------------------------------------
    def open_models_dialog(self) -> None:
        from desktop.models_dialog import ModelsDialog

        dlg = ModelsDialog(self.runner, self)
        dlg.modelsChanged.connect(self.rerun_translation)
        dlg.exec()

    # ----- messages ------------------------------------------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def show_error(self, message: str) -> None:
        self.last_error = message
        log.warning("%s", message)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, does not block the event loop

    # ----- drag and drop -------------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        projects = [p for p in paths if p.suffix == SUFFIX]
        if projects:
            self.open_project(projects[0])
            return
        from desktop.open_dialog import OpenDialog

        dlg = OpenDialog(self, self.settings)
        dlg.add_files(paths)
        QTimer.singleShot(0, lambda: dlg.exec() and dlg.files() and self.open_files(dlg.files()))

    # ----- window state --------------------------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 860)
            self.resizeDocks([self.findings_dock], [220], Qt.Orientation.Vertical)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def _unsaved_work(self) -> bool:
        return self.project is not None and not self.project.saved and bool(
            self.project.decisions() or self.project.pins())

    def _confirm_close(self) -> str:
        answer = QMessageBox.question(
            self, APP_NAME, "The review decisions of this project are not saved. Save them before closing?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
            answer, "cancel")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._unsaved_work():
            answer = self.confirm_close()
            if answer == "cancel" or (answer == "save" and not self.save_project_as()):
                event.ignore()
                return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.runner.cancel()
        self.runner.wait(5000)
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
