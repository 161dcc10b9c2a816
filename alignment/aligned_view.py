"""The aligned view of ``parity compare``: EN<->RU links per draft and draft-to-draft changes per language,
as printed lines and as JSON (keys ``alignments``, ``revisions``, ``pins`` of the shipped schema)."""

from __future__ import annotations

from typing import Any

from alignment.bilingual import LOW_CONFIDENCE
from alignment.comparison import Comparison, pair_name
from alignment.document import Language
from alignment.links import Alignment, Change, ChangeType, RevisionMap
from alignment.pins import pin_to_json
from alignment.worddiff import DiffOp, WordDiff, word_diff

MAX_FRAGMENTS = 6  # word-diff fragments shown per paragraph in the printed report
MAX_FRAGMENT_CHARS = 60


def _side(ids: tuple[str, ...]) -> str:
    return "+".join(ids) if ids else "(none)"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_FRAGMENT_CHARS else text[: MAX_FRAGMENT_CHARS - 1] + "…"


def alignment_lines(comparison: Comparison, revision: int) -> list[str]:
    a = comparison.alignment(revision)
    shapes = [link.shape for link in a.links]
    low = [link for link in a.links if link.confidence < LOW_CONFIDENCE and not link.pinned]
    unmatched = sum(1 for s in shapes if s in ("1-0", "0-1"))
    lines = [
        f"Alignment {a.left} <-> {a.right} ({pair_name(revision)}): {len(a.links)} links, "
        f"{shapes.count('1-1')} one-to-one, {sum(1 for s in shapes if s in ('1-2', '2-1'))} split/merged, "
        f"{unmatched} without counterpart, {len(low)} low confidence"
    ]
    width = max((len(_side(link.left)) for link in a.links), default=8)
    for link in a.links:
        flags = []
        if link.pinned:
            flags.append("pinned")
        if link.confidence < LOW_CONFIDENCE and not link.pinned:
            flags.append("LOW CONFIDENCE")
        flag = f"  [{', '.join(flags)}]" if flags else ""
        lines.append(f"    {_side(link.left):<{width}} = {_side(link.right):<{width}} {link.confidence:.2f}{flag}")
    return lines


def diff_fragments(old: str, new: str, diff: WordDiff) -> str:
    parts = []
    for s in diff.spans:
        if s.op is DiffOp.DELETE:
            parts.append(f"-[{_clip(old[s.a_start:s.a_end].strip())}]")
        elif s.op is DiffOp.INSERT:
            parts.append(f"+[{_clip(new[s.b_start:s.b_end].strip())}]")
    more = f" (+{len(parts) - MAX_FRAGMENTS} more)" if len(parts) > MAX_FRAGMENTS else ""
    return " ".join(parts[:MAX_FRAGMENTS]) + more


def _change_diff(comparison: Comparison, c: Change) -> tuple[str, str, WordDiff] | None:
    if c.old is None or c.new is None or not c.has(ChangeType.MODIFIED):
        return None
    old, new = comparison.paragraph(c.old).text, comparison.paragraph(c.new).text
    return old, new, word_diff(old, new)


def revision_lines(comparison: Comparison, language: Language, step: int) -> list[str]:
    rmap = comparison.revision_map(language, step)
    counts: dict[str, int] = {}
    for c in rmap.changes:
        for t in c.types:
            counts[t.value] = counts.get(t.value, 0) + 1
    summary = ", ".join(f"{counts[t.value]} {t.value}" for t in ChangeType if counts.get(t.value))
    lines = [f"Revisions {rmap.old} -> {rmap.new}: {summary}"]
    width = max((len(c.old or "(new)") for c in rmap.changes), default=8)
    width_new = max((len(c.new or "(gone)") for c in rmap.changes), default=8)
    for c in rmap.changes:
        types = ", ".join(t.value for t in c.types)
        line = f"    {c.old or '(new)':<{width}} -> {c.new or '(gone)':<{width_new}} {types}"
        d = _change_diff(comparison, c)
        if d is not None:
            line += f" ({c.similarity:.2f})  {diff_fragments(*d)}"
        lines.append(line)
    return lines


def pin_lines(comparison: Comparison) -> list[str]:
    if not comparison.pins:
        return []
    problems = comparison.pin_problems()
    bad = {id(p.pin) for p in problems}
    lines = [f"Pins: {len(comparison.pins) - len(problems)} applied, {len(problems)} no longer apply"]
    lines += [f"    {p.describe()}" for p in comparison.pins if id(p) not in bad]
    lines += [f"    NOT APPLIED ({p.kind.value}): {p.message}" for p in problems]
    return lines


def render_aligned_view(comparison: Comparison) -> list[str]:
    out: list[str] = []
    for rev in comparison.bilingual_revisions:
        out += ["", *alignment_lines(comparison, rev)]
    for lang in Language:
        for step in comparison.revision_steps(lang):
            out += ["", *revision_lines(comparison, lang, step)]
    pins = pin_lines(comparison)
    if pins:
        out += ["", *pins]
    return out


# ----- JSON ----------------------------------------------------------------------------------------------------
def alignment_json(revision: int, a: Alignment) -> dict[str, Any]:
    return {
        "pair": pair_name(revision),
        "revision": revision,
        "left": a.left,
        "right": a.right,
        "links": [
            {"left": list(link.left), "right": list(link.right), "shape": link.shape,
             "confidence": link.confidence, "pinned": link.pinned,
             "low_confidence": link.confidence < LOW_CONFIDENCE and not link.pinned}
            for link in a.links
        ],
    }


def revision_json(comparison: Comparison, language: Language, step: int, rmap: RevisionMap) -> dict[str, Any]:
    changes = []
    for c in rmap.changes:
        entry: dict[str, Any] = {"old": c.old, "new": c.new, "types": [t.value for t in c.types],
                                 "similarity": c.similarity, "diff": None}
        d = _change_diff(comparison, c)
        if d is not None:
            old, new, diff = d
            entry["diff"] = [
                {"op": s.op.value, "a_start": s.a_start, "a_end": s.a_end, "b_start": s.b_start, "b_end": s.b_end,
                 "text": old[s.a_start:s.a_end] if s.op is DiffOp.DELETE else new[s.b_start:s.b_end]}
                for s in diff.spans
            ]
        changes.append(entry)
    return {"language": language.value, "step": step, "old": rmap.old, "new": rmap.new, "changes": changes}


def aligned_view_json(comparison: Comparison) -> dict[str, Any]:
    data: dict[str, Any] = {
        "alignments": [alignment_json(r, comparison.alignment(r)) for r in comparison.bilingual_revisions],
        "revisions": [
            revision_json(comparison, lang, step, comparison.revision_map(lang, step))
            for lang in Language
            for step in comparison.revision_steps(lang)
        ],
    }
    if comparison.pins:
        problems = comparison.pin_problems()
        data["pins"] = {
            "pins": [pin_to_json(p) for p in comparison.pins],
            "problems": [{"pin": pin_to_json(p.pin), "kind": p.kind.value, "message": p.message} for p in problems],
        }
    return data
