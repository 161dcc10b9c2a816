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


def render_report(comparison: Comparison) -> Report:
    return Report(text=render(comparison), critical=False)


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    data = serialize.base_json()
    data["documents"] = {k: serialize.document_json(k, comparison.document(k)) for k in comparison.document_keys()}
    return data
