"""Cross-revision consistency (a diff of diffs): where a paragraph changed in one language between two drafts
and its counterpart in the other language did not.

A one-sided change is judged by running the divergence checks on the old pair and on the new pair:
- a divergence appeared and English changed: the amendment was not carried over (finding
  ``unpropagated_amendment`` on the new pair; it replaces the check's own finding there);
- a divergence appeared and Russian changed: the Russian revision introduced it (the check's finding stays);
- a divergence of the old pair is gone and Russian changed: a fix of the translation;
- a divergence of the old pair is gone and English changed: harmless, the Russian already said it;
- nothing the checks can see either way: reported as information when English changed, so a person looks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from alignment.checks.base import AlignedPair, CheckContext, make_finding, run_checks
from alignment.checks.brackets import bracket_changes
from alignment.findings import Finding, FindingKind, Severity
from alignment.links import ChangeType, RevisionMap
from alignment.worddiff import DiffOp, word_diff

NAME = "consistency"


class OneSidedKind(StrEnum):
    NOT_CARRIED_OVER = "amendment_not_carried_over"
    INTRODUCED = "divergence_introduced"
    FIX = "fix"
    ALREADY_SAID = "already_said"
    UNEXPLAINED = "unexplained"


@dataclass(frozen=True)
class OneSidedChange:
    changed_language: str  # "en" or "ru"
    old_pair: AlignedPair
    new_pair: AlignedPair
    kind: OneSidedKind
    edit: str  # what changed, "'Calls on' -> 'Urges'"
    appeared: tuple[Finding, ...]  # findings of the new pair the old pair did not have
    gone: tuple[Finding, ...]  # findings of the old pair the new pair no longer has
    message: str

    @property
    def old_id(self) -> str | None:
        return self.old_pair.en_id if self.changed_language == "en" else self.old_pair.ru_id

    @property
    def new_id(self) -> str | None:
        return self.new_pair.en_id if self.changed_language == "en" else self.new_pair.ru_id


def describe_edit(old: str, new: str, limit: int = 3) -> str:
    """The first few word-level edits, e.g. "'Calls on' -> 'Urges'"."""
    diff = word_diff(old, new)
    parts, spans = [], list(diff.spans)
    i = 0
    while i < len(spans) and len(parts) < limit:
        s = spans[i]
        if s.op is DiffOp.EQUAL:
            i += 1
            continue
        removed = old[s.a_start : s.a_end] if s.op is DiffOp.DELETE else ""
        added = new[s.b_start : s.b_end] if s.op is DiffOp.INSERT else ""
        if i + 1 < len(spans) and spans[i + 1].op not in (DiffOp.EQUAL, s.op):
            nxt = spans[i + 1]
            removed = removed or old[nxt.a_start : nxt.a_end]
            added = added or new[nxt.b_start : nxt.b_end]
            i += 1
        if removed and added:
            parts.append(f"'{removed.strip()}' -> '{added.strip()}'")
        elif added:
            parts.append(f"added '{added.strip()}'")
        else:
            parts.append(f"removed '{removed.strip()}'")
        i += 1
    return "; ".join(parts) or "whitespace only"


def _signature(f: Finding) -> tuple[str, str]:
    return f.check, f.kind.value


def _difference(a: Sequence[Finding], b: Sequence[Finding]) -> tuple[Finding, ...]:
    left = Counter(_signature(f) for f in b)
    out = []
    for f in a:
        if left[_signature(f)] > 0:
            left[_signature(f)] -= 1
        else:
            out.append(f)
    return tuple(out)


def _modified(rmap: RevisionMap, new_ids: tuple[str, ...]) -> tuple[tuple[str, ...], bool] | None:
    """Old ids of ``new_ids`` and whether any of them was modified; None when one was inserted."""
    olds, modified = [], False
    for qid in new_ids:
        change = rmap.change_for_new(qid)
        if change is None or change.old is None:
            return None
        olds.append(change.old)
        modified |= change.has(ChangeType.MODIFIED)
    return tuple(olds), modified


def one_sided_changes(
    old_pairs: Sequence[AlignedPair],
    new_pairs: Sequence[AlignedPair],
    en_map: RevisionMap,
    ru_map: RevisionMap,
    context: CheckContext,
    findings_of: Callable[[AlignedPair], list[Finding]] | None = None,
) -> list[OneSidedChange]:
    """Every new pair whose paragraph changed in exactly one language since the old pair it came from."""
    def default_findings(p: AlignedPair) -> list[Finding]:
        return run_checks([p], context)

    findings = findings_of or default_findings
    old_by_en = {p.en_ids: p for p in old_pairs if p.en_ids and p.ru_ids}
    out: list[OneSidedChange] = []
    for new in new_pairs:
        if not new.en_ids or not new.ru_ids or new.en is None or new.ru is None:
            continue
        en_old, ru_old = _modified(en_map, new.en_ids), _modified(ru_map, new.ru_ids)
        if en_old is None or ru_old is None or en_old[1] == ru_old[1]:
            continue
        old = old_by_en.get(en_old[0])
        if old is None or old.ru_ids != ru_old[0] or old.en is None or old.ru is None:
            continue  # the paragraphs were not aligned with each other in the old draft
        changed = "en" if en_old[1] else "ru"
        edit = describe_edit(old.en.text, new.en.text) if changed == "en" else describe_edit(old.ru.text, new.ru.text)
        old_f, new_f = findings(old), findings(new)
        appeared, gone = _difference(new_f, old_f), _difference(old_f, new_f)
        out.append(_judge(changed, old, new, edit, appeared, gone))
    return out


def _judge(changed, old, new, edit, appeared, gone) -> OneSidedChange:
    lang, other = ("English", "Russian") if changed == "en" else ("Russian", "English")
    where = f"{lang} changed ({edit}) in {new.pair}; {other} did not"
    if appeared and changed == "en":
        kind = OneSidedKind.NOT_CARRIED_OVER
        message = f"Amendment not carried over: {where}. {appeared[0].message}"
    elif appeared:
        kind = OneSidedKind.INTRODUCED
        message = f"{where}: the change introduced a divergence. {appeared[0].message}"
    elif gone and changed == "ru":
        kind = OneSidedKind.FIX
        message = f"{where}: a fix, the divergence is gone ({gone[0].message})"
    elif gone:
        kind = OneSidedKind.ALREADY_SAID
        message = f"{where}: harmless, the {other} already said it ({gone[0].message})"
    else:
        kind = OneSidedKind.UNEXPLAINED
        message = f"{where}; the checks see no divergence either way: check that the change needs no counterpart"
    return OneSidedChange(changed, old, new, kind, edit, tuple(appeared), tuple(gone), message)


def consistency_findings(changes: Sequence[OneSidedChange]) -> list[Finding]:
    """Findings on the new pairs: amendments not carried over (as severe as the divergence they leave) and, as
    information, English changes the checks cannot judge."""
    out = []
    for c in changes:
        if c.kind is OneSidedKind.NOT_CARRIED_OVER:
            first = min(c.appeared, key=lambda f: f.severity.rank)
            out.append(make_finding(NAME, FindingKind.UNPROPAGATED_AMENDMENT, first.severity, c.new_pair, c.message,
                                    first.en_span, first.ru_span, detail=f"{c.edit}|{first.id}"))
        elif c.kind is OneSidedKind.UNEXPLAINED and c.changed_language == "en":
            out.append(make_finding(NAME, FindingKind.UNPROPAGATED_AMENDMENT, Severity.INFO, c.new_pair, c.message,
                                    detail=c.edit))
    return out


def replaced_findings(changes: Sequence[OneSidedChange]) -> set[str]:
    """Ids of check findings an ``unpropagated_amendment`` finding explains (shown once, as the amendment)."""
    return {f.id for c in changes if c.kind is OneSidedKind.NOT_CARRIED_OVER for f in c.appeared}


_BRACKET_WORDS = {
    "agreed": "became agreed (brackets removed)",
    "added": "was added in brackets",
    "changed": "changed inside the brackets",
    "removed": "was dropped with its brackets",
}


def bracket_revision_findings(
    old_pairs: Sequence[AlignedPair], new_pairs: Sequence[AlignedPair], en_map: RevisionMap, ru_map: RevisionMap
) -> list[Finding]:
    """Bracketed (unagreed) text between two drafts, per language: what became agreed, was added, changed
    inside the brackets or dropped — information for the negotiator, on the newer draft's pair."""
    old_text = {}
    for p in old_pairs:
        if len(p.en_ids) == 1 and p.en is not None:
            old_text[p.en_ids[0]] = p.en.text
        if len(p.ru_ids) == 1 and p.ru is not None:
            old_text[p.ru_ids[0]] = p.ru.text
    out = []
    for new in new_pairs:
        for lang, ids, para, rmap in (("English", new.en_ids, new.en, en_map), ("Russian", new.ru_ids, new.ru, ru_map)):
            if len(ids) != 1 or para is None:
                continue
            change = rmap.change_for_new(ids[0])
            if change is None or change.old not in old_text or not change.has(ChangeType.MODIFIED):
                continue
            for bc in bracket_changes(old_text[change.old], para.text):
                passage = (bc.new if bc.new is not None else bc.old) or ""
                span = bc.span if lang == "English" else None
                ru_span = bc.span if lang == "Russian" else None
                detail = f" (was [{bc.old[:50]}])" if bc.kind == "changed" and bc.old else ""
                out.append(make_finding(
                    "brackets", FindingKind.BRACKETS, Severity.INFO, new,
                    f"{lang} text [{passage[:60]}] {_BRACKET_WORDS[bc.kind]} in {new.pair}{detail}",
                    span, ru_span, detail=f"revision {lang} {bc.kind} {bc.old}|{bc.new}"))
    return out
