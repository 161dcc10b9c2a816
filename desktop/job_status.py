"""The status-bar corner that shows running jobs: what is being done, a progress bar and a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.workers import JobRunner


class JobStatus(QWidget):
    """Follows a :class:`JobRunner`: visible while any job runs; Cancel stops them all (Esc in the window)."""

    def __init__(self, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setMaximumWidth(180)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the running work (Esc)")
        self.cancel_button.clicked.connect(lambda: self.runner.cancel())
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        self._titles: dict[str, str] = {}
        self._last_message = ""
        runner.jobStarted.connect(self._started)
        runner.jobProgress.connect(self._progress)
        runner.jobEnded.connect(self._ended)
        self.setVisible(False)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def _started(self, name: str, title: str) -> None:
        self._titles[name] = title
        self.bar.setValue(0)
        self.label.setText(title)
        self.setVisible(True)

    def _progress(self, name: str, percent: int, message: str) -> None:
        self.bar.setValue(max(0, min(100, percent)))
        self.label.setText(message or self._titles.get(name, name))

    def _ended(self, name: str, how: str) -> None:
        self._titles.pop(name, None)
        self._last_message = f"{name}: {how}"
        running = self.runner.running()
        if not running:
            self.setVisible(False)
        else:
            self.label.setText(self._titles.get(running[-1], running[-1]))
