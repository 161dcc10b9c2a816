"""Structure: a paragraph with no counterpart, operative numbers or subparagraph letters that differ,
footnote markers that differ in number, and a length ratio far outside the expected band."""

from __future__ import annotations

from alignment.checks.base import AlignedPair, CheckContext, make_finding
from alignment.document import Span
from alignment.findings import Finding, FindingKind, Severity
from alignment.textnorm import latinize_lookalikes

NAME = "structure"


def _describe(p) -> str:
    return f"{p.kind.value} paragraph {p.label or p.id}".strip()


def check(pair: AlignedPair, context: CheckContext) -> list[Finding]:
    en, ru = pair.en, pair.ru
    if en is None and ru is None:
        return []
    if en is None or ru is None:
        side, other, p = ("English", "Russian", en) if ru is None else ("Russian", "English", ru)
        span = Span(0, len(p.text))
        return [make_finding(
            NAME, FindingKind.STRUCTURE, Severity.WARNING, pair,
            f"{side} {_describe(p)} has no {other} counterpart: \"{p.text[:60]}{'...' if len(p.text) > 60 else ''}\"",
            span if ru is None else None, span if en is None else None, detail="unmatched")]
    out: list[Finding] = []
    if en.number is not None and ru.number is not None and en.number != ru.number:
        out.append(make_finding(NAME, FindingKind.STRUCTURE, Severity.WARNING, pair,
                                f"Operative number differs: English {en.number} vs Russian {ru.number}",
                                detail=f"number {en.number} {ru.number}"))
    if en.letter and ru.letter and latinize_lookalikes(en.letter).lower() != latinize_lookalikes(ru.letter).lower():
        out.append(make_finding(NAME, FindingKind.STRUCTURE, Severity.WARNING, pair,
                                f"Subparagraph letter differs: English ({en.letter}) vs Russian {ru.letter})",
                                detail=f"letter {en.letter} {ru.letter}"))
    if len(en.footnote_refs) != len(ru.footnote_refs):
        out.append(make_finding(
            NAME, FindingKind.FOOTNOTE, Severity.WARNING, pair,
            f"Footnote markers differ: {len(en.footnote_refs)} in English "
            f"({', '.join(r.marker for r in en.footnote_refs) or 'none'}) vs {len(ru.footnote_refs)} in Russian "
            f"({', '.join(r.marker for r in ru.footnote_refs) or 'none'})",
            detail=f"footnotes {len(en.footnote_refs)} {len(ru.footnote_refs)}"))
    elif [r.marker for r in en.footnote_refs] != [r.marker for r in ru.footnote_refs]:
        out.append(make_finding(
            NAME, FindingKind.FOOTNOTE, Severity.INFO, pair,
            f"Footnote markers are numbered differently: English {', '.join(r.marker for r in en.footnote_refs)} vs "
            f"Russian {', '.join(r.marker for r in ru.footnote_refs)}", detail="footnote labels"))
    if len(en.text) >= context.min_length_chars and ru.text:
        ratio = len(ru.text) / len(en.text)
        low, high = context.length_band
        if not low <= ratio <= high:
            out.append(make_finding(
                NAME, FindingKind.LENGTH, Severity.INFO, pair,
                f"Russian is {ratio:.2f} times the English length (expected {low:.2f}-{high:.2f}): "
                f"{'something may be missing in Russian' if ratio < low else 'Russian may say more'}",
                detail=f"length {low} {high}"))
    return out
