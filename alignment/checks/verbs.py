"""Operative and preambular phrases: the Russian must be an acceptable rendering of each English one.

Russian merges strength levels, so the check goes EN -> RU: a Russian phrase that is listed for the English
one is fine; otherwise, when the Russian phrase is a known one of another family or another rank, the finding
says which side is stronger. Phrases are looked for at the start of the paragraph and after "and"/"и", so
"Takes note ... and requests ..." compares both verbs.
"""

from __future__ import annotations

from dataclasses import dataclass

from alignment.checks.base import AlignedPair, CheckContext, make_finding
from alignment.checks.phrasebook import EN_MODIFIERS, RU_MODIFIERS, Phrase, Phrasebook
from alignment.checks.words import tokens
from alignment.document import Span
from alignment.findings import Finding, FindingKind, Severity

NAME = "verbs"
_EN_JOINERS = {"and"}
_RU_JOINERS = {"и"}


@dataclass(frozen=True)
class Found:
    """A phrase found in a paragraph: where, which words, and (English) the table entry."""

    position: int  # index among the paragraph's words without modifiers; 0 = the lead
    span: Span
    key: tuple[str, ...]
    modified: bool  # also/further/again (также/далее/вновь) right before or inside it


def _stream(text: str, russian: bool) -> tuple[list, list[bool]]:
    """Words minus also/further/again, each with whether a modifier stood just before it."""
    mods = RU_MODIFIERS if russian else EN_MODIFIERS
    words, flags, pending = [], [], False
    for t in tokens(text, russian):
        key = t.lemma if russian else t.text.lower()
        if key in mods:
            pending = True
            if words:
                flags[-1] = True  # "Requests also", "просит также"
            continue
        words.append((key, t))
        flags.append(pending)
        pending = False
    return words, flags


def _find(text: str, russian: bool, table: dict, longest: int, joiners: set[str]) -> list[Found]:
    words, flags = _stream(text, russian)
    found: list[Found] = []
    i = 0
    while i < len(words):
        at_lead = i == 0 or words[i - 1][0] in joiners
        hit = None
        if at_lead:
            for n in range(min(longest, len(words) - i), 0, -1):
                key = tuple(w for w, _ in words[i : i + n])
                if key in table:
                    hit = (n, key)
                    break
        if hit is None:
            i += 1
            continue
        n, key = hit
        first, last = words[i][1], words[i + n - 1][1]
        found.append(Found(i, Span(first.start, last.end), key, any(flags[i : i + n + 1])))
        i += n
    return found


def _candidates(book: Phrasebook, ru: Found, kind: str) -> tuple[Phrase, ...]:
    return tuple(p for p in book.by_russian.get(ru.key, ()) if p.kind == kind)


def _compare(en: Phrase, ru_phrases: tuple[Phrase, ...]) -> tuple[Severity, str] | None:
    """(severity, 'weaker/stronger/different' wording) for a Russian phrase that is not acceptable."""
    same = [p for p in ru_phrases if p.family == en.family]
    critical = Severity.CRITICAL if en.kind == "operative" else Severity.WARNING
    if not same:
        return critical, "a different kind of statement"
    if en.rank == 0 or all(p.rank == 0 for p in same):
        return None
    ranked = [p for p in same if p.rank]
    distance = min(abs(p.rank - en.rank) for p in ranked)
    if distance == 0:
        return None
    if all(p.rank > en.rank for p in ranked):
        side = "weaker in Russian"
    elif all(p.rank < en.rank for p in ranked):
        side = "stronger in Russian"
    else:
        side = "a different strength"
    return (critical if distance >= 2 else Severity.WARNING), side


def check(pair: AlignedPair, context: CheckContext) -> list[Finding]:
    if pair.en is None or pair.ru is None:
        return []
    book: Phrasebook = context.phrases
    en_found = _find(pair.en.text, False, book.by_english, book.max_en, _EN_JOINERS)
    if not en_found:
        return []
    ru_found = _find(pair.ru.text, True, book.by_russian, book.max_ru, _RU_JOINERS)
    used: set[int] = set()
    left: list[tuple[Found, Phrase]] = []
    out: list[Finding] = []
    for e in en_found:
        phrase = book.by_english[e.key]
        # the lead answers the lead; later phrases ("... and requests") may come in another order in Russian
        ok = next((j for j, r in enumerate(ru_found) if j not in used and r.key in phrase.russian
                   and (r.position == 0) == (e.position == 0)), None)
        if ok is None:
            left.append((e, phrase))
            continue
        used.add(ok)
        r = ru_found[ok]
        if e.modified and not r.modified and e.position == 0:
            out.append(make_finding(
                NAME, FindingKind.VERB_STRENGTH, Severity.INFO, pair,
                f"English *{pair.en.text[e.span.start:e.span.end]}* has also/further/again; "
                f"Russian *{pair.ru.text[r.span.start:r.span.end]}* has no также/далее/вновь",
                e.span, r.span, detail=f"modifier {e.key}"))
    rest = [(j, r) for j, r in enumerate(ru_found) if j not in used]
    pairs: list[tuple[Found, Phrase, Found]] = []
    if left and rest:
        if len(left) == len(rest):
            pairs = [(e, p, r) for (e, p), (_, r) in zip(left, rest, strict=True)]
        elif left[0][0].position == 0 and rest[0][1].position == 0:
            pairs = [(left[0][0], left[0][1], rest[0][1])]
    for e, phrase, r in pairs:
        ru_phrases = _candidates(book, r, phrase.kind)
        if not ru_phrases:
            continue
        verdict = _compare(phrase, ru_phrases)
        if verdict is None:
            continue
        severity, side = verdict
        en_words = pair.en.text[e.span.start : e.span.end]
        ru_words = pair.ru.text[r.span.start : r.span.end]
        ru_meaning = "/".join(dict.fromkeys(p.meaning for p in ru_phrases))
        out.append(make_finding(
            NAME, FindingKind.VERB_STRENGTH, severity, pair,
            f"English *{en_words}* ({phrase.meaning}) vs Russian *{ru_words}* ({ru_meaning}): {side}",
            e.span, r.span, detail=f"{e.key}|{r.key}"))
    return out
