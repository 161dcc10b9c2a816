"""The findings panel: every finding with its severity, kind, place and explanation; filters by kind, severity
and review status; confirm / dismiss / reopen / note; next and previous (F8 / Shift+F8 in the window).

It shows findings and the user's decisions; the decisions are stored by the window in the project file.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignment.findings import Finding, FindingKind, Severity
from alignment.project import Decision, ReviewStatus
from desktop import colors

COLUMNS = ("Severity", "Kind", "Where", "Explanation", "Status")
STATUS_WORD = {ReviewStatus.OPEN: "open", ReviewStatus.CONFIRMED: "✔ confirmed", ReviewStatus.DISMISSED: "✖ dismissed"}


def where(f: Finding) -> str:
    ids = " ↔ ".join(q for q in (f.en_id, f.ru_id) if q)
    return f"{f.pair}: {ids}"


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.all: list[Finding] = []
        self.decisions: dict[str, Decision] = {}
        self.visible: list[Finding] = []
        self.kind: str | None = None
        self.severity: Severity | None = None
        self.status: ReviewStatus | None = None

    def status_of(self, f: Finding) -> ReviewStatus:
        d = self.decisions.get(f.id)
        return d.status if d else ReviewStatus.OPEN

    def set_findings(self, findings: Sequence[Finding], decisions: dict[str, Decision]) -> None:
        self.beginResetModel()
        self.all = list(findings)
        self.decisions = dict(decisions)
        self._filter()
        self.endResetModel()

    def set_decisions(self, decisions: dict[str, Decision]) -> None:
        self.beginResetModel()
        self.decisions = dict(decisions)
        self._filter()
        self.endResetModel()

    def set_filter(self, kind: str | None, severity: Severity | None, status: ReviewStatus | None) -> None:
        self.beginResetModel()
        # combo boxes hand StrEnum data back as plain strings
        self.kind = kind or None
        self.severity = Severity(severity) if severity else None
        self.status = ReviewStatus(status) if status else None
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self.visible = [
            f for f in self.all
            if (self.kind is None or f.kind.value == self.kind)
            and (self.severity is None or f.severity is self.severity)
            and (self.status is None or self.status_of(f) is self.status)
        ]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.visible[index.row()]
        col = index.column()
        status = self.status_of(f)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{colors.SEVERITY_SHAPE[f.severity]} {f.severity.value}"
            if col == 1:
                return f.kind.value.replace("_", " ")
            if col == 2:
                return where(f)
            if col == 3:
                return f.message
            note = self.decisions[f.id].note if f.id in self.decisions else ""
            return STATUS_WORD[status] + (f" — {note}" if note else "")
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 0:
                return colors.severity_color(f.severity)
            if col == 1:
                return colors.kind_color(f.kind.value)
            if status is ReviewStatus.DISMISSED:
                return colors.QColor(colors.GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.message}\n{where(f)} · check {f.check} · id {f.id}"
        if role == Qt.ItemDataRole.FontRole and status is ReviewStatus.DISMISSED and col == 3:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def row_of(self, finding_id: str) -> int | None:
        return next((i for i, f in enumerate(self.visible) if f.id == finding_id), None)


class FindingsPanel(QWidget):
    findingActivated = Signal(object)  # Finding
    decisionRequested = Signal(object, object, object)  # Finding, ReviewStatus, note (str or None)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", None)
        for k in FindingKind:
            self.kind_filter.addItem(k.value.replace("_", " "), k.value)
        self.severity_filter = QComboBox()
        self.severity_filter.addItem("All severities", None)
        for s in Severity:
            self.severity_filter.addItem(f"{colors.SEVERITY_SHAPE[s]} {s.value}", s)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Any status", None)
        for st in ReviewStatus:
            self.status_filter.addItem(st.value, st)
        for combo, tip in ((self.kind_filter, "Show one kind of finding"),
                           (self.severity_filter, "Show one severity"),
                           (self.status_filter, "Show open, confirmed or dismissed findings")):
            combo.setToolTip(tip)
            combo.currentIndexChanged.connect(self._filter_changed)
        filters = QHBoxLayout()
        flabel = QLabel("F&ilter:")
        flabel.setBuddy(self.kind_filter)
        filters.addWidget(flabel)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.severity_filter)
        filters.addWidget(self.status_filter)
        filters.addStretch(1)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        h = self.table.horizontalHeader()
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents)):
            h.setSectionResizeMode(col, mode)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda idx: self._emit_current())

        self.confirm_button = QPushButton("&Confirm")
        self.confirm_button.setToolTip("A real divergence (Ctrl+Shift+C)")
        self.dismiss_button = QPushButton("&Dismiss")
        self.dismiss_button.setToolTip("Not a problem (Ctrl+Shift+D)")
        self.reopen_button = QPushButton("Reo&pen")
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("Note on this finding (Enter saves)")
        self.note_edit.setClearButtonEnabled(True)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note_edit)
        self.confirm_button.clicked.connect(lambda: self.decide_current(ReviewStatus.CONFIRMED))
        self.dismiss_button.clicked.connect(lambda: self.decide_current(ReviewStatus.DISMISSED))
        self.reopen_button.clicked.connect(lambda: self.decide_current(ReviewStatus.OPEN))
        self.note_edit.returnPressed.connect(self.save_note)
        actions = QHBoxLayout()
        actions.addWidget(self.confirm_button)
        actions.addWidget(self.dismiss_button)
        actions.addWidget(self.reopen_button)
        actions.addWidget(note_label)
        actions.addWidget(self.note_edit, 1)
        self.placeholder = QLabel()
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(f"color: {colors.GREY};")
        self.placeholder.setVisible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(filters)
        lay.addWidget(self.placeholder)
        lay.addWidget(self.table, 1)
        lay.addLayout(actions)
        self._update_buttons()

    # ----- content -------------------------------------------------------------------------------------------------
    def set_findings(self, findings: Sequence[Finding], decisions: dict[str, Decision]) -> None:
        keep = self.current_finding()
        self.model.set_findings(findings, decisions)
        self._after_reset(keep)

    def set_decisions(self, decisions: dict[str, Decision]) -> None:
        keep = self.current_finding()
        self.model.set_decisions(decisions)
        self._after_reset(keep)

    def show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.placeholder.setVisible(bool(text))

    def _after_reset(self, keep: Finding | None) -> None:
        if keep is not None:
            r = self.model.row_of(keep.id)
            if r is not None:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(r)
                self.table.setCurrentIndex(self.model.index(r, 0))
                self.table.selectionModel().blockSignals(False)
        self.count_label.setText(f"{len(self.model.visible)} of {len(self.model.all)} shown")
        self._update_buttons()

    def _filter_changed(self) -> None:
        keep = self.current_finding()
        self.model.set_filter(self.kind_filter.currentData(), self.severity_filter.currentData(),
                              self.status_filter.currentData())
        self._after_reset(keep)

    # ----- current finding -----------------------------------------------------------------------------------------
    def current_finding(self) -> Finding | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or idx.row() >= len(self.model.visible):
            return None
        return self.model.visible[idx.row()]

    def select(self, finding_id: str) -> bool:
        r = self.model.row_of(finding_id)
        if r is None:
            return False
        self.table.selectRow(r)
        self.table.setCurrentIndex(self.model.index(r, 0))
        return True

    def step(self, delta: int) -> Finding | None:
        """Move to the next (+1) or previous (-1) shown finding, wrapping around; returns it."""
        n = len(self.model.visible)
        if not n:
            return None
        idx = self.table.currentIndex()
        r = (idx.row() + delta) % n if idx.isValid() else (0 if delta > 0 else n - 1)
        self.table.selectRow(r)
        self.table.setCurrentIndex(self.model.index(r, 0))
        self.table.scrollTo(self.model.index(r, 0))
        return self.model.visible[r]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        f = self.current_finding()
        d = self.model.decisions.get(f.id) if f else None
        self.note_edit.setText(d.note if d else "")
        self._emit_current()

    def _emit_current(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.findingActivated.emit(f)

    def _update_buttons(self) -> None:
        f = self.current_finding()
        status = self.model.status_of(f) if f else None
        self.confirm_button.setEnabled(f is not None and status is not ReviewStatus.CONFIRMED)
        self.dismiss_button.setEnabled(f is not None and status is not ReviewStatus.DISMISSED)
        self.reopen_button.setEnabled(f is not None and status is not ReviewStatus.OPEN)
        self.note_edit.setEnabled(f is not None)

    # ----- decisions -----------------------------------------------------------------------------------------------
    def decide_current(self, status: ReviewStatus) -> None:
        f = self.current_finding()
        if f is not None:
            self.decisionRequested.emit(f, status, None)

    def save_note(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.decisionRequested.emit(f, self.model.status_of(f), self.note_edit.text())
