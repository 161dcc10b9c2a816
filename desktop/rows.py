"""What the side-by-side view shows, as plain data: the comparisons on offer and, for one of them, the rows
(aligned paragraphs side by side) with the spans to highlight and the findings to mark.

No Qt and no computing: the rows are read off the engine's Alignment / RevisionMap / WordDiff / Finding
objects. Kept free of Qt so it can be tested and reasoned about on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alignment.comparison import Comparison, pair_name
from alignment.document import Language
from alignment.findings import Finding
from alignment.links import ChangeType, split_qualified
from alignment.worddiff import DiffOp, word_diff

WORD_DIFF_LIMIT = 20_000  # characters per pair; above it the diff is skipped with a note (as Meld does)

LANGUAGE_NAME = {Language.EN: "English", Language.RU: "Russian"}


def revision_name(revision: int) -> str:
    return "original" if revision == 0 else f"Rev.{revision}"


@dataclass(frozen=True)
class Choice:
    """What is compared: EN | RU of one draft (``language`` None), or draft ``revision - 1`` | draft ``revision``
    of one language."""

    revision: int
    language: Language | None = None

    @property
    def bilingual(self) -> bool:
        return self.language is None

    @property
    def label(self) -> str:
        if self.language is None:
            return f"EN | RU — {revision_name(self.revision)}"
        return f"{LANGUAGE_NAME[self.language]}: {revision_name(self.revision - 1)} → {revision_name(self.revision)}"

    @property
    def headers(self) -> tuple[str, str]:
        if self.language is None:
            return f"English ({revision_name(self.revision)})", f"Russian ({revision_name(self.revision)})"
        name = LANGUAGE_NAME[self.language]
        return f"{name} ({revision_name(self.revision - 1)})", f"{name} ({revision_name(self.revision)})"

    @property
    def pair(self) -> str:
        return pair_name(self.revision)

    def to_json(self) -> list:
        return [self.revision, self.language.value if self.language else None]

    @classmethod
    def from_json(cls, data: Sequence) -> Choice:
        return cls(int(data[0]), Language(data[1]) if data[1] else None)


def choices(comparison: Comparison) -> list[Choice]:
    out = [Choice(r) for r in comparison.bilingual_revisions]
    for lang in Language:
        out += [Choice(step, lang) for step in comparison.revision_steps(lang)]
    return out


@dataclass(frozen=True)
class Highlight:
    """A range of a part's text to format: ``kind`` is "insert", "delete" or "finding" (then ``finding`` says
    which)."""

    start: int
    end: int
    kind: str
    finding: Finding | None = None


@dataclass(frozen=True)
class Part:
    """One paragraph inside a cell (a 1-2 link has two parts on one side)."""

    qid: str
    label: str  # the paragraph id as shown: "OP5", "PP3"
    text: str
    highlights: tuple[Highlight, ...] = ()
    note: str = ""  # e.g. the machine back-translation under a Russian paragraph


@dataclass(frozen=True)
class Row:
    left: tuple[Part, ...]
    right: tuple[Part, ...]
    findings: tuple[Finding, ...] = ()
    types: tuple[ChangeType, ...] = ()  # revision rows: what happened to the paragraph
    confidence: float | None = None  # bilingual rows: the aligner's confidence
    pinned: bool = False
    note: str = ""  # e.g. "word diff skipped: paragraph too long"

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.qid for p in (*self.left, *self.right))


def _part(comparison: Comparison, qid: str, findings: Sequence[Finding], side: str,
          notes: dict[str, str] | None = None, extra: Sequence[Highlight] = ()) -> Part:
    p = comparison.paragraph(qid)
    hl = list(extra)
    for f in findings:
        span = f.en_span if side == "en" else f.ru_span
        fid = f.en_id if side == "en" else f.ru_id
        if span is not None and fid == qid and span.end <= len(p.text):
            hl.append(Highlight(span.start, span.end, "finding", f))
    return Part(qid, split_qualified(qid)[1], p.text, tuple(sorted(hl, key=lambda h: (h.start, h.end))),
                (notes or {}).get(qid, ""))


def _findings_by_id(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for q in {f.en_id, f.ru_id} - {None}:
            out.setdefault(q, []).append(f)  # type: ignore[arg-type]
    return out


def bilingual_rows(comparison: Comparison, revision: int, findings: Sequence[Finding],
                   back_translations: dict[str, str] | None = None) -> list[Row]:
    """EN | RU of one draft: one row per alignment link, the findings of that draft marked."""
    pair = pair_name(revision)
    mine = [f for f in findings if f.pair == pair]
    by_id = _findings_by_id(mine)
    rows = []
    for link in comparison.alignment(revision).links:
        fs = list(dict.fromkeys(f for q in (*link.left, *link.right) for f in by_id.get(q, ())))
        rows.append(Row(
            tuple(_part(comparison, q, fs, "en") for q in link.left),
            tuple(_part(comparison, q, fs, "ru", back_translations) for q in link.right),
            tuple(fs), (), link.confidence, link.pinned,
        ))
    return rows


def revision_rows(comparison: Comparison, language: Language, step: int, findings: Sequence[Finding]) -> list[Row]:
    """Draft ``step-1`` | draft ``step`` of one language: one row per change, word differences highlighted
    (deletions on the left, insertions on the right)."""
    by_id = _findings_by_id([f for f in findings if f.pair in (pair_name(step - 1), pair_name(step))])
    rows = []
    for ch in comparison.revision_map(language, step).changes:
        fs = list(dict.fromkeys(f for q in (ch.old, ch.new) if q for f in by_id.get(q, ())))
        left_hl: list[Highlight] = []
        right_hl: list[Highlight] = []
        note = ""
        if ch.old and ch.new and ChangeType.MODIFIED in ch.types:
            old, new = comparison.paragraph(ch.old).text, comparison.paragraph(ch.new).text
            if len(old) + len(new) > WORD_DIFF_LIMIT:
                note = "word differences not shown: the paragraph is too long"
            else:
                for s in word_diff(old, new).spans:
                    if s.op is DiffOp.DELETE:
                        left_hl.append(Highlight(s.a_start, s.a_end, "delete"))
                    elif s.op is DiffOp.INSERT:
                        right_hl.append(Highlight(s.b_start, s.b_end, "insert"))
        side = language.value
        left = (_part(comparison, ch.old, (), side, None, left_hl),) if ch.old else ()
        right = (_part(comparison, ch.new, (), side, None, right_hl),) if ch.new else ()
        rows.append(Row(left, right, tuple(fs), ch.types, ch.similarity, False, note))
    return rows


def rows_for(comparison: Comparison, choice: Choice, findings: Sequence[Finding],
             back_translations: dict[str, str] | None = None, changed_only: bool = False) -> list[Row]:
    """The rows of one comparison; ``changed_only`` keeps, across revisions, the paragraphs that changed, and
    across languages the rows with findings or that are not a plain 1-1 link."""
    if choice.bilingual:
        rows = bilingual_rows(comparison, choice.revision, findings, back_translations)
        if changed_only:
            rows = [r for r in rows if r.findings or r.pinned or len(r.left) != 1 or len(r.right) != 1]
        return rows
    assert choice.language is not None
    rows = revision_rows(comparison, choice.language, choice.revision, findings)
    if changed_only:
        rows = [r for r in rows if r.types != (ChangeType.UNCHANGED,)]
    return rows


def row_of(rows: Sequence[Row], finding: Finding) -> int | None:
    """The row that shows ``finding`` (marked in its margin), or one holding its paragraph."""
    for i, r in enumerate(rows):
        if finding in r.findings:
            return i
    ids = {finding.en_id, finding.ru_id} - {None}
    for i, r in enumerate(rows):
        if ids & set(r.ids):
            return i
    return None


def choice_for(finding: Finding, current: Choice | None, available: Sequence[Choice]) -> Choice | None:
    """Where to show a finding: the current comparison when it concerns that draft, else EN | RU of its draft."""
    if current is not None and current.bilingual and current.pair == finding.pair:
        return current
    for c in available:
        if c.bilingual and c.pair == finding.pair:
            return c
    return current
