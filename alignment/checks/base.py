"""The one interface of the divergence checks: an aligned paragraph pair in, findings out.

Each check is a module with ``NAME`` and ``check(pair, context) -> list[Finding]``; ``alignment.checks.CHECKS``
lists them. Language data (phrase tables, glossaries, number words) is loaded once into a ``CheckContext``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from alignment.document import Paragraph, Span
from alignment.findings import Finding, FindingKind, Severity, finding_id
from alignment.jobs import Progress, ShouldCancel, check_cancel


@dataclass(frozen=True)
class AlignedPair:
    """One EN/RU link of a draft. For 1-2 and 2-1 links the paragraphs of a side are joined (with a space)
    into one ``Paragraph`` whose text offsets the findings refer to; ``en``/``ru`` is None for 1-0 / 0-1."""

    pair: str  # "original", "rev1", ...
    en_ids: tuple[str, ...]  # qualified ids, e.g. ("en1:OP5",)
    ru_ids: tuple[str, ...]
    en: Paragraph | None
    ru: Paragraph | None
    confidence: float = 1.0
    en_starts: tuple[int, ...] = (0,)  # where each joined paragraph starts in ``en.text``
    ru_starts: tuple[int, ...] = (0,)

    @property
    def en_id(self) -> str | None:
        return self.en_ids[0] if self.en_ids else None

    @property
    def ru_id(self) -> str | None:
        return self.ru_ids[0] if self.ru_ids else None

    def locate(self, side: str, span: Span | None) -> tuple[str | None, Span | None]:
        """The qualified id of the paragraph a span of the joined text falls in, and the span in that
        paragraph's own text (findings always name one real paragraph)."""
        ids, starts, para = (self.en_ids, self.en_starts, self.en) if side == "en" else (
            self.ru_ids, self.ru_starts, self.ru)
        if not ids:
            return None, None
        if span is None or len(ids) == 1 or para is None:
            return ids[0], span
        k = max(i for i, s in enumerate(starts[: len(ids)]) if s <= span.start)
        end_of_part = starts[k + 1] - 1 if k + 1 < len(ids) else len(para.text)
        return ids[k], Span(span.start - starts[k], min(span.end, end_of_part) - starts[k])

    @property
    def key(self) -> tuple[str | None, str | None]:
        return self.en_id, self.ru_id


def join_paragraphs(paragraphs: Sequence[Paragraph]) -> Paragraph | None:
    """The paragraphs of one side of a link as one paragraph (the first one's id, kind and number)."""
    joined, _ = join_with_starts(paragraphs)
    return joined


def join_with_starts(paragraphs: Sequence[Paragraph]) -> tuple[Paragraph | None, tuple[int, ...]]:
    """``join_paragraphs`` and where each paragraph starts in the joined text."""
    if not paragraphs:
        return None, (0,)
    if len(paragraphs) == 1:
        return paragraphs[0], (0,)
    text, refs, starts = "", [], []
    for p in paragraphs:
        if text:
            text += " "
        starts.append(len(text))
        refs += [replace(r, offset=r.offset + starts[-1]) for r in p.footnote_refs]
        text += p.text
    first = paragraphs[0]
    return replace(first, text=text, footnote_refs=tuple(refs), emphasis=(), lead=first.lead), tuple(starts)


def default_length_band(low: float = 0.55, high: float = 1.7) -> tuple[float, float]:
    """RU/EN character ratios far outside what official texts show: the learned mean ratio (aligner's length
    model, alignment/data/alignment_stats.json: 1.11 on 3,089 pairs, 5-95% range 0.86-1.46) times ``low``/``high``."""
    import json
    from importlib import resources

    try:
        stats = json.loads((resources.files("alignment") / "data" / "alignment_stats.json").read_text("utf-8"))
        mean = float(stats["used"]["ratio_mean"])
    except (OSError, KeyError, ValueError):
        mean = 1.11
    return round(mean * low, 2), round(mean * high, 2)


@dataclass
class CheckContext:
    """Everything the checks need besides the pair, loaded once and shared by every pair and every run."""

    user_glossaries: Sequence[str | Path] = ()
    length_band: tuple[float, float] = field(default_factory=lambda: default_length_band())
    min_length_chars: int = 120  # shorter EN paragraphs are not judged on length

    @cached_property
    def phrases(self):
        from alignment.checks.phrasebook import load_phrasebook

        return load_phrasebook()

    @cached_property
    def glossary(self):
        from alignment.checks.glossary import load_glossaries

        return load_glossaries(self.user_glossaries)

    @cached_property
    def numbers(self):
        from alignment.checks.numberwords import load_number_words

        return load_number_words()

    @cached_property
    def hedges(self):
        from alignment.checks.hedges import load_hedges

        return load_hedges()

    def warm(self) -> CheckContext:
        """Load every table now (e.g. in a worker before the first pair)."""
        _ = self.phrases, self.glossary, self.numbers, self.hedges
        return self


def make_finding(
    check: str,
    kind: FindingKind,
    severity: Severity,
    pair: AlignedPair,
    message: str,
    en_span: Span | None = None,
    ru_span: Span | None = None,
    detail: str = "",
) -> Finding:
    """A finding whose id depends only on the check, the kind, the two texts and ``detail``."""
    en_text = pair.en.text if pair.en else None
    ru_text = pair.ru.text if pair.ru else None
    en_id, en_span = pair.locate("en", en_span)
    ru_id, ru_span = pair.locate("ru", ru_span)
    return Finding(
        id=finding_id(check, kind.value, en_text, ru_text, detail or message),
        kind=kind,
        severity=severity,
        check=check,
        pair=pair.pair,
        en_id=en_id,
        ru_id=ru_id,
        en_span=en_span,
        ru_span=ru_span,
        message=message,
    )


CheckFunction = Callable[[AlignedPair, CheckContext], list[Finding]]


def sort_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Most severe first, then in reading order of the pair, then by position."""
    return sorted(
        findings,
        key=lambda f: (f.severity.rank, f.pair, f.en_id or "", f.ru_id or "", f.en_span.start if f.en_span else -1),
    )


def run_checks(
    pairs: Sequence[AlignedPair],
    context: CheckContext,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    checks: Sequence | None = None,
) -> list[Finding]:
    """Every registered check on every pair, in pair order; cancellation is checked between pairs."""
    from alignment.checks import CHECKS

    modules = CHECKS if checks is None else checks
    out: list[Finding] = []
    seen: set[str] = set()
    for i, pair in enumerate(pairs):
        check_cancel(should_cancel)
        if progress is not None and i % 10 == 0:
            progress(int(100 * i / max(len(pairs), 1)), f"Checking {pair.pair} {pair.en_id or pair.ru_id}")
        for module in modules:
            for f in module.check(pair, context):
                if f.id not in seen:
                    seen.add(f.id)
                    out.append(f)
    if progress is not None:
        progress(100, "Checks done")
    return out


@dataclass(frozen=True)
class Token:
    """A word of a paragraph: surface form, lower-case lemma (or stem), and its span."""

    text: str
    lemma: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)



def pairs_from_alignment(alignment, paragraph: Callable[[str], Paragraph], pair: str) -> list[AlignedPair]:
    """The aligned pairs of one draft (``links.Alignment``), in link order; ``paragraph`` looks a qualified id up."""
    out = []
    for link in alignment.links:
        en, en_starts = join_with_starts([paragraph(q) for q in link.left])
        ru, ru_starts = join_with_starts([paragraph(q) for q in link.right])
        out.append(AlignedPair(pair, tuple(link.left), tuple(link.right), en, ru, link.confidence, en_starts,
                               ru_starts))
    return out
