"""The side-by-side view: aligned paragraphs in two columns (EN | RU, or draft N | draft N+1), rows kept level,
word differences and finding spans highlighted, the row's findings marked in a margin column.

A QTableView over a QAbstractTableModel of ``desktop.rows.Row``s: one row per alignment link, so the two sides
can never drift apart and scroll as one. A delegate lays each cell out as a QTextDocument (formats from
``desktop.colors``), caching the layouts per width, so only visible rows are laid out and painting is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignment.findings import Finding, Severity
from alignment.links import ChangeType
from desktop import colors
from desktop.rows import Choice, Part, Row, row_of

MARGIN, LEFT, RIGHT = 0, 1, 2
RowRole = Qt.ItemDataRole.UserRole + 1


def _marks(row: Row) -> str:
    """The margin text: severity shapes with counts, then what happened to the paragraph."""
    counts: dict[Severity, int] = {}
    for f in row.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    marks = " ".join(f"{colors.SEVERITY_SHAPE[s]}{n}" for s, n in sorted(counts.items(), key=lambda kv: kv[0].rank))
    words = [colors.CHANGE_WORD[t] for t in row.types if colors.CHANGE_WORD.get(t)]
    if row.pinned:
        words.append("pinned")
    if row.note:
        words.append("(no word diff)")
    return "\n".join(x for x in (marks, *words) if x)


class CompareModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.headers = ("", "", "")
        self.current_finding: Finding | None = None

    def set_rows(self, rows: Sequence[Row], headers: tuple[str, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.headers = ("", *headers)
        self.endResetModel()

    def set_current_finding(self, finding: Finding | None) -> None:
        old = row_of(self.rows, self.current_finding) if self.current_finding else None
        self.current_finding = finding
        new = row_of(self.rows, finding) if finding else None
        for r in {old, new} - {None}:
            self.dataChanged.emit(self.index(r, 0), self.index(r, 2))  # type: ignore[arg-type]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == RowRole:
            return row
        if col == MARGIN:
            if role == Qt.ItemDataRole.DisplayRole:
                return _marks(row)
            if role == Qt.ItemDataRole.ForegroundRole and row.findings:
                return colors.severity_color(min((f.severity for f in row.findings), key=lambda s: s.rank))
            if role == Qt.ItemDataRole.ToolTipRole:
                lines = [f"{colors.SEVERITY_SHAPE[f.severity]} {f.severity.value} · {f.kind.value}: {f.message}"
                         for f in row.findings]
                if row.confidence is not None and not row.types:
                    lines.append(f"alignment confidence {row.confidence:.2f}")
                if row.note:
                    lines.append(row.note)
                return "\n".join(lines) or None
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            return None
        parts = row.left if col == LEFT else row.right
        if role == Qt.ItemDataRole.DisplayRole:  # plain text: accessibility, copy, tests
            return "\n".join(f"{p.label} {p.text}" for p in parts)
        if role == Qt.ItemDataRole.BackgroundRole:
            bg = colors.row_background(row.types)
            if not parts and row.types:
                return QColor("#F2F2F2")
            return bg
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "\n".join(f"{p.label} {p.text}" for p in parts) or "no counterpart"
        return None


def build_cell_document(parts: Sequence[Part], current: Finding | None, font, width: int,
                        empty_text: str = "") -> QTextDocument:
    """Lay out one cell: per paragraph its id in grey bold, its text with highlights, and its note line."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(6)
    cursor = QTextCursor(doc)
    if not parts:
        cursor.insertText(empty_text, colors.note_format())
    for i, part in enumerate(parts):
        if i:
            cursor.insertBlock()
        cursor.insertText(f"{part.label}  ", colors.label_format())
        start = cursor.position()
        cursor.insertText(part.text, QTextCharFormat())
        for h in part.highlights:
            a, n = colors.qt_span(part.text, h.start, h.end)
            if n <= 0:
                continue
            fmt = colors.format_for(h.kind, h.finding.severity if h.finding else None,
                                    current is not None and h.finding == current)
            c = QTextCursor(doc)
            c.setPosition(start + a)
            c.setPosition(start + a + n, QTextCursor.MoveMode.KeepAnchor)
            c.mergeCharFormat(fmt)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if part.note:
            cursor.insertBlock()
            cursor.insertText(f"⇄ {part.note}", colors.note_format())
            cursor.setCharFormat(QTextCharFormat())
    doc.setTextWidth(max(width, 40))
    return doc


class RichCellDelegate(QStyledItemDelegate):
    """Paints a cell from its QTextDocument; layouts are cached per (row, column, width)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._cache: dict[tuple[int, int, int, int], QTextDocument] = {}

    def clear(self) -> None:
        self._cache.clear()

    def _doc(self, index: QModelIndex, width: int) -> QTextDocument:
        model = index.model()
        current = getattr(model, "current_finding", None)
        row: Row = index.data(RowRole)
        cur_id = id(current) if current is not None and current in row.findings else 0
        key = (index.row(), index.column(), width, cur_id)
        doc = self._cache.get(key)
        if doc is None:
            parts = row.left if index.column() == LEFT else row.right
            empty = ""
            if not parts:
                empty = "(deleted)" if ChangeType.DELETED in row.types else (
                    "(new paragraph)" if ChangeType.INSERTED in row.types else "(no counterpart)")
            doc = build_cell_document(parts, current if cur_id else None, self.view.font(), width, empty)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = doc
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._doc(index, option.rect.width())
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRect(0, 0, option.rect.width(), option.rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        width = self.view.columnWidth(index.column())
        doc = self._doc(index, width)
        return QSize(width, int(doc.size().height()) + 2)


class CompareTable(QTableView):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        self.setShowGrid(True)
        self.setGridStyle(Qt.PenStyle.SolidLine)
        self.setTabKeyNavigation(False)


class CompareView(QWidget):
    """The selector of what is compared, the back-translation switch, and the two synchronized panes."""

    choiceChanged = Signal(object)  # Choice
    backTranslationToggled = Signal(bool)
    changedOnlyToggled = Signal(bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.selector = QComboBox()
        self.selector.setToolTip("What is compared: the two languages of one draft, or one language across "
                                 "revisions (Ctrl+1, Ctrl+2 ...)")
        self.selector.setMinimumContentsLength(24)
        sel_label = QLabel("Co&mpare:")
        sel_label.setBuddy(self.selector)
        self.back_translation = QCheckBox("Show &back-translation")
        self.back_translation.setToolTip("A line under each Russian paragraph with its machine translation "
                                         "into English (needs a translation model)")
        self.changed_only = QCheckBox("Changes on&ly")
        self.changed_only.setToolTip("Hide paragraphs that are the same in both drafts and have no findings")
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLabel()
        self.note.setStyleSheet(f"color: {colors.GREY};")
        for label in (self.legend, self.note):  # may shrink away on a narrow window
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(sel_label)
        top.addWidget(self.selector)
        top.addWidget(self.back_translation)
        top.addWidget(self.changed_only)
        top.addWidget(self.note, 1)
        top.addWidget(self.legend, 2)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.model = CompareModel(self)
        self.table = CompareTable(self)
        self.table.setModel(self.model)
        self.delegate = RichCellDelegate(self.table)
        self.table.setItemDelegateForColumn(LEFT, self.delegate)
        self.table.setItemDelegateForColumn(RIGHT, self.delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MARGIN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(MARGIN, 92)
        header.sectionResized.connect(self._relayout)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.choices: list[Choice] = []
        self.selector.currentIndexChanged.connect(self._selected)
        self.back_translation.toggled.connect(self.backTranslationToggled)
        self.changed_only.toggled.connect(self.changedOnlyToggled)
        self._set_legend(True)

    # ----- choices -------------------------------------------------------------------------------------------------
    def set_choices(self, choices: Sequence[Choice], current: Choice | None) -> None:
        self.choices = list(choices)
        self.selector.blockSignals(True)
        self.selector.clear()
        for c in self.choices:
            self.selector.addItem(c.label)
        if current in self.choices:
            self.selector.setCurrentIndex(self.choices.index(current))
        self.selector.blockSignals(False)

    def current_choice(self) -> Choice | None:
        i = self.selector.currentIndex()
        return self.choices[i] if 0 <= i < len(self.choices) else None

    def select_choice(self, choice: Choice) -> None:
        if choice in self.choices:
            self.selector.setCurrentIndex(self.choices.index(choice))

    def _selected(self, i: int) -> None:
        if 0 <= i < len(self.choices):
            self.choiceChanged.emit(self.choices[i])

    # ----- rows ----------------------------------------------------------------------------------------------------
    def show_rows(self, choice: Choice, rows: Sequence[Row]) -> None:
        self.delegate.clear()
        self.model.set_rows(rows, choice.headers)
        self._set_legend(choice.bilingual)
        self._relayout()

    def _set_legend(self, bilingual: bool) -> None:
        sev = " ".join(f'<span style="color:{colors.SEVERITY_COLOR[s]}">{colors.SEVERITY_SHAPE[s]}</span> {s.value}'
                       for s in Severity)
        if bilingual:
            self.legend.setText(f'{sev} &nbsp; <span style="background:{colors.FINDING_BG}; '
                                f'text-decoration: underline">finding</span>')
        else:
            self.legend.setText(
                f'{sev} &nbsp; <span style="color:{colors.INSERT_FG}; background:{colors.INSERT_BG}; '
                f'text-decoration: underline">inserted</span> <span style="color:{colors.DELETE_FG}; '
                f'background:{colors.DELETE_BG}; text-decoration: line-through">deleted</span>')

    def _relayout(self, *_args) -> None:
        self.delegate.clear()
        self.table.resizeRowsToContents()

    def set_current_finding(self, finding: Finding | None) -> None:
        self.model.set_current_finding(finding)
        if finding is None:
            return
        r = row_of(self.model.rows, finding)
        if r is None:
            return
        self.delegate.clear()
        self.table.resizeRowToContents(r)
        index = self.model.index(r, MARGIN)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.table.setCurrentIndex(index)

    def selected_parts(self) -> tuple[list[str], list[str]]:
        """Qualified ids of the selected cells: (left side, right side), in document order."""
        left: list[str] = []
        right: list[str] = []
        for idx in sorted(self.table.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column())):
            row = self.model.rows[idx.row()]
            if idx.column() == LEFT:
                left += [p.qid for p in row.left]
            elif idx.column() == RIGHT:
                right += [p.qid for p in row.right]
        return list(dict.fromkeys(left)), list(dict.fromkeys(right))

    def selected_rows(self) -> list[Row]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        return [self.model.rows[r] for r in rows]

    def row_index(self, qid: str) -> QPersistentModelIndex | None:
        for i, r in enumerate(self.model.rows):
            if qid in r.ids:
                return QPersistentModelIndex(self.model.index(i, MARGIN))
        return None
