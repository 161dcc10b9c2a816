"""Hedges and qualifiers ("as appropriate", "within existing resources", "as a matter of priority", "inter alia",
may/must/should): a class present more often on one side than on the other changes what the text obliges.

Counts per class rather than one-to-one words, because Russian renders several English hedges alike.
"shall" is never flagged: Russian expresses it with the present tense or an infinitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from alignment.checks.base import AlignedPair, CheckContext, make_finding
from alignment.checks.terminology import term_spans
from alignment.document import Span
from alignment.findings import Finding, FindingKind, Severity
from alignment.textnorm import fold

NAME = "hedges"


@dataclass(frozen=True)
class HedgeClass:
    name: str
    label: str
    added_in_russian: Severity
    en: re.Pattern
    ru: re.Pattern
    ru_weak: re.Pattern | None = None  # satisfies an English hedge, never counts as added in Russian
    en_weak: re.Pattern | None = None  # English words those Russian words render first ("including")


def load_hedges() -> tuple[HedgeClass, ...]:
    text = (resources.files("alignment") / "data" / "phrases" / "hedges.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")][1:]
    by_class: dict[str, dict] = {}
    for name, label, added, lang, pattern in rows:
        entry = by_class.setdefault(name, {"label": label, "added": Severity(added)})
        entry[lang] = re.compile(pattern)
    return tuple(HedgeClass(n, e["label"], e["added"], e["en"], e["ru"], e.get("ru+"), e.get("en+"))
                 for n, e in by_class.items())


# Modals: obligation vs permission. "may" as a month ("May 2010", "21 May") is not a modal.
_EN_OBLIGATION = re.compile(r"\bmust\b")  # "should" is often rendered without a modal: not judged
_EN_PERMISSION = re.compile(r"\bmay\b(?! \d)")
_RU_OBLIGATION = re.compile(r"\b(?:долж(?:ен|на|но|ны)|следует|необходимо|обязан\w*|надлежит|нужно)\b")
_RU_PERMISSION = re.compile(r"\b(?:может|могут|мог\w*|вправе|возможно|пожела\w*)\b")
_EN_MONTH_MAY = re.compile(r"\b\d{1,2} may\b|\bmay \d{4}\b")


def _spans(pattern: re.Pattern, text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


def _outside(spans: list[Span], terms: list[Span]) -> list[Span]:
    """Hedge words that are part of a glossary set phrase belong to the terminology check."""
    return [s for s in spans if not any(t.start <= s.start and s.end <= t.end for t in terms)]


def check(pair: AlignedPair, context: CheckContext) -> list[Finding]:
    if pair.en is None or pair.ru is None:
        return []
    en_text, ru_text = fold(pair.en.text), fold(pair.ru.text)
    en_terms = term_spans(pair.en.text, False, context.glossary)
    ru_terms = term_spans(pair.ru.text, True, context.glossary)
    out: list[Finding] = []
    for cls in context.hedges:
        en_s = _outside(_spans(cls.en, en_text), en_terms)
        ru_s = _outside(_spans(cls.ru, ru_text), ru_terms)
        weak = len(_outside(_spans(cls.ru_weak, ru_text), ru_terms)) if cls.ru_weak is not None else 0
        if cls.en_weak is not None:
            weak = max(0, weak - len(_spans(cls.en_weak, en_text)))
        if len(en_s) > len(ru_s) + weak:
            span = en_s[len(ru_s)] if ru_s else en_s[0]
            words = pair.en.text[span.start : span.end]
            out.append(make_finding(
                NAME, FindingKind.HEDGE, Severity.WARNING, pair,
                f"English qualifier *{words}* ({cls.label}) has no Russian counterpart", span, None,
                detail=f"{cls.name}|{len(en_s)}|{len(ru_s)}"))
        elif len(ru_s) > len(en_s):
            span = ru_s[len(en_s)] if en_s else ru_s[0]
            words = pair.ru.text[span.start : span.end]
            out.append(make_finding(
                NAME, FindingKind.HEDGE, cls.added_in_russian, pair,
                f"Russian qualifier *{words}* ({cls.label}) is not in English", None, span,
                detail=f"{cls.name}|{len(en_s)}|{len(ru_s)}"))
    out += _modals(pair, en_text, ru_text)
    return out


def _modals(pair: AlignedPair, en_text: str, ru_text: str) -> list[Finding]:
    """may <-> должны: a permission rendered as an obligation (or the reverse) is a real divergence."""
    en_may = [s for s in _spans(_EN_PERMISSION, en_text)
              if not _EN_MONTH_MAY.search(en_text, max(0, s.start - 3), min(len(en_text), s.end + 5))]
    en_must = _spans(_EN_OBLIGATION, en_text)
    ru_must, ru_may = _spans(_RU_OBLIGATION, ru_text), _spans(_RU_PERMISSION, ru_text)
    out = []
    en_shall = "shall" in en_text  # "shall" is rendered by должны/present tense; its "должны" proves nothing
    if en_may and not en_must and not en_shall and ru_must and not ru_may:
        out.append(make_finding(
            NAME, FindingKind.HEDGE, Severity.WARNING, pair,
            f"English *{pair.en.text[en_may[0].start:en_may[0].end]}* (permission) vs Russian "
            f"*{pair.ru.text[ru_must[0].start:ru_must[0].end]}* (obligation): stronger in Russian",
            en_may[0], ru_must[0], detail="may->must"))
    if en_must and not en_may and ru_may and not ru_must:
        out.append(make_finding(
            NAME, FindingKind.HEDGE, Severity.WARNING, pair,
            f"English *{pair.en.text[en_must[0].start:en_must[0].end]}* (obligation) vs Russian "
            f"*{pair.ru.text[ru_may[0].start:ru_may[0].end]}* (permission): weaker in Russian",
            en_must[0], ru_may[0], detail="must->may"))
    return out
