"""Tools ▸ Translation Models: the installed models, which one is in use, importing one from a file or folder
with the same code as ``parity models import`` (in a worker), and removing one. Without a model it says
plainly that the translation-based checks are off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from alignment.errors import ModelError
from desktop import colors
from desktop.job_status import JobStatus
from desktop.workers import GENERAL, JobFailure, JobRunner


def models_in_use(store) -> tuple[str | None, str]:
    """(ru->en model id in use or None, explanation) — the same choice ``--model auto`` makes."""
    from models.analysis import select_models

    try:
        ru_en, en_ru = select_models("auto", store)
    except ModelError as exc:
        return None, str(exc)
    return ru_en.id, f"In use: {ru_en.id}" + (f" and {en_ru.id}" if en_ru is not None else "")


class ModelsDialog(QDialog):
    modelsChanged = Signal()

    def __init__(self, runner: JobRunner, parent=None, store=None) -> None:
        super().__init__(parent)
        from models.store import ModelStore

        self.setWindowTitle("Translation Models")
        self.runner = runner
        self.store = store or ModelStore.default()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Model", "Direction", "Origin", "Size", "Installed", "Status"])
        self.tree.setRootIsDecorated(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.import_file = QPushButton("Import &File…")
        self.import_file.setToolTip("An OPUS-MT release .zip or an Argos .argosmodel")
        self.import_folder = QPushButton("Import F&older…")
        self.import_folder.setToolTip("An unpacked OPUS-MT or CTranslate2 model folder")
        self.remove = QPushButton("&Remove")
        self.import_file.clicked.connect(self._import_file)
        self.import_folder.clicked.connect(self._import_folder)
        self.remove.clicked.connect(self._remove)
        self.job = JobStatus(runner)
        buttons = QHBoxLayout()
        for b in (self.import_file, self.import_folder, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.job)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"Models folder: {self.store.root}"))
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        lay.addWidget(close)
        self.resize(720, 360)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        for m in self.store.models():
            man = m.manifest
            item = QTreeWidgetItem([
                m.id,
                f"{man.source_language} → {man.target_language}" if man else "?",
                man.origin if man else "",
                man.size_bytes_text if man else "",
                (man.created[:10] if man else "") + (" (bundled)" if m.bundled else ""),
                "ok" if m.usable else f"damaged: {m.problem}",
            ])
            self.tree.addTopLevelItem(item)
        for col in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(col)
        in_use, text = models_in_use(self.store)
        if in_use is None:
            self.status.setText(f"⚠ Translation-based checks are off: {text}")
            self.status.setStyleSheet(f"color: {colors.ORANGE};")
        else:
            self.status.setText(text)
            self.status.setStyleSheet("")

    def _import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a model", "",
                                              "Model packages (*.zip *.argosmodel);;All files (*)")
        if path:
            self.import_path(Path(path))

    def _import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a model folder")
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        from models.importer import import_model

        store = self.store
        self.runner.submit("model-import", lambda progress, cancel: import_model(
            path, store, progress=progress, should_cancel=cancel), self._imported, self._failed,
            pool=GENERAL, title=f"Importing {path.name}")

    def _imported(self, manifest) -> None:
        self.refresh()
        self.status.setText(f"Installed {manifest.id} ({manifest.source_language} → {manifest.target_language}). "
                            + self.status.text())
        self.modelsChanged.emit()

    def _failed(self, failure: JobFailure) -> None:
        self.status.setText(f"⚠ {failure.message}")
        self.status.setStyleSheet(f"color: {colors.ORANGE};")

    def _remove(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        try:
            self.store.remove(item.text(0))
        except ModelError as exc:
            self._failed(JobFailure(str(exc), True))
            return
        self.refresh()
        self.modelsChanged.emit()
