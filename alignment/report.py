"""Assemble what ``parity compare`` outputs — the printed report and the JSON — from a Comparison.

Each stage contributes one section; a stage whose inputs are missing (e.g. no Russian file) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alignment import serialize
from alignment.comparison import Comparison
from alignment.summary import render


@dataclass(frozen=True)
class Report:
    text: str
    critical: bool  # any critical finding: the CLI exits 1


def render_report(comparison: Comparison, translation: Any = None) -> Report:
    text = render(comparison)
    if translation is not None:  # models.analysis.TranslationOutcome
        text += translation_section(translation)
    from alignment.findings import Severity

    critical = any(f.severity is Severity.CRITICAL for f in comparison.all_findings())
    return Report(text=text, critical=critical)


def translation_section(translation: Any) -> str:
    """The translation model's findings (merged after the deterministic ones), or why there are none."""
    lines = ["", "Translation-based checks", *(f"    {line}" for line in translation.summary_lines())]
    for f in translation.findings:
        side = f.en_id if f.en_span is not None or f.ru_span is None else f.ru_id
        lines.append(f"    [{f.severity.value}] {f.pair} {side}: {f.message}")
    return "\n".join(lines) + "\n"


def comparison_json(comparison: Comparison, translation: Any = None) -> dict[str, Any]:
    data = serialize.base_json()
    data["documents"] = {k: serialize.document_json(k, comparison.document(k)) for k in comparison.document_keys()}
    from alignment.aligned_view import aligned_view_json

    data.update(aligned_view_json(comparison))  # "alignments", "revisions" and (with pins) "pins"
    data["findings"] = serialize.to_jsonable(comparison.all_findings())
    if translation is not None:
        data["translation"] = {
            "status": translation.status,
            "models": list(translation.models),
            "reason": translation.reason or getattr(translation, "warning", ""),
            "findings": serialize.to_jsonable(list(translation.findings)),
        }
    return data
