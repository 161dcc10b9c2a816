"""The human-readable report ``parity compare`` prints: one section per stage, plain text."""

from __future__ import annotations

from collections import Counter

from alignment.comparison import Comparison
from alignment.document import Document, ParagraphKind


def document_summary(key: str, doc: Document) -> list[str]:
    kinds = Counter(p.kind for p in doc.paragraphs)
    order = [ParagraphKind.TITLE, ParagraphKind.OPENING, ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE,
             ParagraphKind.SUBPARAGRAPH, ParagraphKind.OTHER]
    counts = ", ".join(f"{kinds[k]} {k.value}" for k in order if kinds[k])
    numbers = [p.number for p in doc.paragraphs if p.kind is ParagraphKind.OPERATIVE and p.number is not None]
    lines = [f"[{key}] {doc.path}", f"    language {doc.language.value}, format {doc.format}, sha256 {doc.sha256[:12]}"]
    sponsor = doc.header_value("sponsor_line")
    if sponsor:
        lines.append(f"    {sponsor} — {doc.header_value('date') or 'no date'}")
    if doc.title:
        lines.append(f"    title: {doc.title.text}")
    lines.append(f"    paragraphs: {counts}")
    if numbers:
        lines.append(f"    operative numbering: {numbers[0]}..{numbers[-1]} ({len(numbers)} numbered)")
    lines.append(f"    footnotes: {len(doc.footnotes)}")
    lines += [f"    note: {n}" for n in doc.notes]
    lines += [f"    WARNING: {w}" for w in doc.warnings]
    return lines


def render(comparison: Comparison) -> str:
    out: list[str] = ["Documents"]
    for key in comparison.document_keys():
        out += document_summary(key, comparison.document(key))
    from alignment.aligned_view import render_aligned_view

    out += render_aligned_view(comparison)  # EN<->RU links, revision changes with word diffs, pins
    out += findings_section(comparison)
    return "\n".join(out) + "\n"


def findings_section(comparison: Comparison) -> list[str]:
    """Deterministic findings of each draft, grouped by paragraph pair, the most severe pair first."""
    out: list[str] = []
    for rev in comparison.bilingual_revisions:
        findings = comparison.findings(rev)
        counts = Counter(f.severity.value for f in findings)
        pair = findings[0].pair if findings else ("original" if rev == 0 else f"rev{rev}")
        tally = ", ".join(f"{counts[s]} {s}" for s in ("critical", "warning", "info") if counts[s]) or "none"
        out.append("")
        out.append(f"Findings ({pair}): {tally}")
        groups: dict[tuple, list] = {}
        for f in findings:  # already most severe first
            groups.setdefault((f.en_id, f.ru_id), []).append(f)
        for (en_id, ru_id), items in groups.items():
            out.append(f"    {en_id or '(no English)'} <-> {ru_id or '(no Russian)'}")
            out += [f"        [{f.severity.value}] {f.kind.value}: {f.message}" for f in items]
    return out
