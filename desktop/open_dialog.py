"""Choosing what to compare: slots for the English and Russian originals, a list of revisions per language,
drag and drop, and a warning on any file whose language does not match its slot (detected by the engine's
reader). Recent projects are one click away."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alignment.document import Language
from alignment.errors import ParityError
from desktop import colors
from desktop.analysis import input_keys

FILE_FILTER = "Drafts (*.docx *.pdf *.md *.txt);;All files (*)"
NAMES = {Language.EN: "English", Language.RU: "Russian"}


def detect_file_language(path: Path) -> tuple[Language | None, str]:
    """(language, problem): the engine reads the file and says which language it is in."""
    from alignment.reading import read_document

    try:
        return read_document(path).language, ""
    except ParityError as exc:
        return None, exc.problem
    except OSError as exc:
        return None, str(exc)


_REV = re.compile(r"rev(?:ision)?[.\s_-]*(\d+)", re.IGNORECASE)


def revision_hint(path: Path) -> int:
    """Which revision a file is, from the document symbol the reader found ("…/L.6/Rev.1") or else the file
    name ("draft-rev2.docx"); 0 for an original."""
    from alignment.reading import read_document

    try:
        values = [f.value for f in read_document(path).header]
    except (ParityError, OSError):
        values = []
    for text in (*values, path.stem):
        m = _REV.search(text)
        if m:
            return int(m.group(1))
    return 0


def slot_warning(path: Path, expected: Language) -> str:
    """A warning for a file in the wrong slot (or unreadable), or ""."""
    lang, problem = detect_file_language(path)
    if problem:
        return f"⚠ {path.name}: {problem}"
    if lang is not None and lang is not expected:
        return f"⚠ {path.name} is in {NAMES[lang]}, not {NAMES[expected]}: it is in the wrong slot"
    return ""


class FileSlot(QWidget):
    """One original: a path field, Browse…, and a warning line."""

    changed = Signal()

    def __init__(self, language: Language, parent=None) -> None:
        super().__init__(parent)
        self.language = language
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(f"{NAMES[language]} original (.docx, .pdf, .md, .txt)")
        self.browse = QPushButton("Browse…")
        self.browse.clicked.connect(self._browse)
        self.warning = QLabel()
        self.warning.setStyleSheet(f"color: {colors.ORANGE};")
        self.warning.setWordWrap(True)
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 0, 0)
        lay.addWidget(self.browse, 0, 1)
        lay.addWidget(self.warning, 1, 0, 1, 2)
        self.edit.editingFinished.connect(self._check)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"{NAMES[self.language]} original", "", FILE_FILTER)
        if path:
            self.set_path(Path(path))

    def set_path(self, path: Path | None) -> None:
        self.edit.setText(str(path) if path else "")
        self._check()

    def path(self) -> Path | None:
        t = self.edit.text().strip()
        return Path(t) if t else None

    def _check(self) -> None:
        p = self.path()
        self.warning.setText(slot_warning(p, self.language) if p else "")
        self.changed.emit()


class RevisionList(QWidget):
    """Revisions of one language, in order (Rev.1, Rev.2 ...), with a warning per misplaced file."""

    changed = Signal()

    def __init__(self, language: Language, parent=None) -> None:
        super().__init__(parent)
        self.language = language
        self.list = QListWidget()
        self.list.setToolTip(f"{NAMES[language]} revisions in order: the first is Rev.1")
        self.add = QPushButton("Add…")
        self.remove = QPushButton("Remove")
        self.up = QPushButton("Up")
        self.down = QPushButton("Down")
        self.warning = QLabel()
        self.warning.setStyleSheet(f"color: {colors.ORANGE};")
        self.warning.setWordWrap(True)
        self.add.clicked.connect(self._browse)
        self.remove.clicked.connect(lambda: (self.list.takeItem(self.list.currentRow()), self._check()))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(+1))
        buttons = QVBoxLayout()
        for b in (self.add, self.remove, self.up, self.down):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.warning)
        self.list.setMaximumHeight(90)

    def _browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, f"{NAMES[self.language]} revisions", "", FILE_FILTER)
        self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: Sequence[Path]) -> None:
        for p in paths:
            self.list.addItem(str(p))
        self._check()

    def _move(self, delta: int) -> None:
        r = self.list.currentRow()
        if r < 0 or not 0 <= r + delta < self.list.count():
            return
        item = self.list.takeItem(r)
        self.list.insertItem(r + delta, item)
        self.list.setCurrentRow(r + delta)
        self._check()

    def paths(self) -> list[Path]:
        return [Path(self.list.item(i).text()) for i in range(self.list.count())]

    def _check(self) -> None:
        warnings = [w for p in self.paths() if (w := slot_warning(p, self.language))]
        self.warning.setText("\n".join(warnings))
        self.changed.emit()


class OpenDialog(QDialog):
    """Returns ``files()``: document key (en, ru, en1 ...) -> path, or opens a recent project."""

    def __init__(self, parent=None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Drafts")
        self.setAcceptDrops(True)
        self.settings = settings
        self.slots = {lang: FileSlot(lang) for lang in Language}
        self.revisions = {lang: RevisionList(lang) for lang in Language}
        grid = QGridLayout()
        for col, lang in enumerate(Language):
            box = QGroupBox(f"{NAMES[lang]}")
            v = QVBoxLayout(box)
            label = QLabel("&Original:")
            label.setBuddy(self.slots[lang].edit)
            v.addWidget(label)
            v.addWidget(self.slots[lang])
            v.addWidget(QLabel("Revisions (Rev.1, Rev.2 …):"))
            v.addWidget(self.revisions[lang])
            grid.addWidget(box, 0, col)
            self.slots[lang].changed.connect(self._update_ok)
            self.revisions[lang].changed.connect(self._update_ok)
        hint = QLabel("Drop files here: each goes to the slot of its language, originals first, then revisions "
                      "in order (by the Rev. number in the symbol or the file name).")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {colors.GREY};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(hint)
        lay.addLayout(grid)
        self.recent = QListWidget()
        self.recent.setMaximumHeight(100)
        self.recent.itemActivated.connect(self._open_recent)
        recent = self._recent_projects()
        if recent:
            lay.addWidget(QLabel("Recent projects (double-click to open):"))
            for p in recent:
                self.recent.addItem(p)
            lay.addWidget(self.recent)
        lay.addWidget(self.buttons)
        self.chosen_project: str | None = None
        self._update_ok()
        self.resize(760, 420)

    def _recent_projects(self) -> list[str]:
        if self.settings is None:
            return []
        value = self.settings.value("recent_projects", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _open_recent(self, item) -> None:
        self.chosen_project = item.text()
        parent = self.parent()
        self.reject()
        if parent is not None and hasattr(parent, "open_project"):
            parent.open_project(self.chosen_project)

    def add_files(self, paths: Sequence[Path]) -> None:
        """Place dropped files by their detected language and revision ("Rev.1" in the symbol or the name)."""
        for p in sorted(paths, key=lambda x: (revision_hint(x), x.name)):
            lang, _problem = detect_file_language(p)
            lang = lang or Language.EN
            if self.slots[lang].path() is None:
                self.slots[lang].set_path(p)
            else:
                self.revisions[lang].add_paths([p])

    def files(self) -> dict[str, Path]:
        return input_keys(self.slots[Language.EN].path(), self.slots[Language.RU].path(),
                          self.revisions[Language.EN].paths(), self.revisions[Language.RU].paths())

    def warnings(self) -> list[str]:
        out = [s.warning.text() for s in self.slots.values() if s.warning.text()]
        out += [r.warning.text() for r in self.revisions.values() if r.warning.text()]
        return out

    def _update_ok(self) -> None:
        has_any = any(s.path() for s in self.slots.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(has_any and not self.warnings())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
