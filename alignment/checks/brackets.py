"""Bracketed (unagreed) text: the same bracketed passages on both sides; across drafts, what became agreed,
was added or changed inside the brackets (``bracket_changes``, used by the consistency report)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from alignment.checks.base import AlignedPair, CheckContext, make_finding
from alignment.checks.words import tokens
from alignment.document import Span
from alignment.findings import Finding, FindingKind, Severity

NAME = "brackets"
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_EDITORIAL = {"sic", "...", "…"}


def bracketed(text: str) -> list[tuple[Span, str]]:
    """Bracketed passages (outer span including the brackets, inner text); editorial [sic]/[...] left out."""
    return [(Span(m.start(), m.end()), m.group(1)) for m in _BRACKET.finditer(text)
            if m.group(1).strip().lower() not in _EDITORIAL]


def unbalanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        if depth < 0:
            return True
    return depth != 0


def check(pair: AlignedPair, context: CheckContext) -> list[Finding]:
    if pair.en is None or pair.ru is None:
        return []
    en_b, ru_b = bracketed(pair.en.text), bracketed(pair.ru.text)
    out: list[Finding] = []
    for side, p in (("English", pair.en), ("Russian", pair.ru)):
        if unbalanced(p.text):
            out.append(make_finding(NAME, FindingKind.BRACKETS, Severity.WARNING, pair,
                                    f"{side} paragraph has an unmatched square bracket", detail=f"unbalanced {side}"))
    if len(en_b) != len(ru_b):
        extra = en_b[len(ru_b)] if len(en_b) > len(ru_b) else ru_b[len(en_b)]
        where = "English" if len(en_b) > len(ru_b) else "Russian"
        out.append(make_finding(
            NAME, FindingKind.BRACKETS, Severity.CRITICAL, pair,
            f"Bracketed (unagreed) text differs: {len(en_b)} passage(s) in English, {len(ru_b)} in Russian; "
            f"{where} has [{extra[1][:50]}]",
            extra[0] if where == "English" else None, extra[0] if where == "Russian" else None,
            detail=f"count {len(en_b)} {len(ru_b)}"))
    else:
        for (es, et), (rs, rt) in zip(en_b, ru_b, strict=True):
            en_words, ru_words = len(tokens(et, False)), len(tokens(rt, True))
            if min(en_words, ru_words) == 0 < max(en_words, ru_words) or \
                    (min(en_words, ru_words) >= 3 and max(en_words, ru_words) > 3 * min(en_words, ru_words)):
                out.append(make_finding(
                    NAME, FindingKind.BRACKETS, Severity.WARNING, pair,
                    f"Bracketed passages cover different text: English [{et[:40]}] vs Russian [{rt[:40]}]",
                    es, rs, detail=f"extent {et}|{rt}"))
    return out


@dataclass(frozen=True)
class BracketChange:
    kind: str  # "agreed" (brackets removed), "added", "changed"
    old: str | None
    new: str | None
    span: Span | None  # in the new text


def bracket_changes(old_text: str, new_text: str) -> list[BracketChange]:
    """Bracketed passages between two drafts of one paragraph: agreed (the text stays, brackets gone), added,
    changed inside (same position, other words), or dropped with its text."""
    old_b, new_b = bracketed(old_text), bracketed(new_text)
    new_inner = {t for _, t in new_b}
    old_inner = {t for _, t in old_b}
    out: list[BracketChange] = []
    unmatched_new = [(s, t) for s, t in new_b if t not in old_inner]
    for _, t in old_b:
        if t in new_inner:
            continue
        if t.strip() and t in new_text:
            i = new_text.find(t)
            out.append(BracketChange("agreed", t, t, Span(i, i + len(t))))
        elif unmatched_new:
            s, nt = unmatched_new.pop(0)
            out.append(BracketChange("changed", t, nt, s))
        else:
            out.append(BracketChange("removed", t, None, None))
    out += [BracketChange("added", None, t, s) for s, t in unmatched_new]
    return out
