"""Test-data generator: inject one divergence of a known kind into the Russian side of a faithful EN/RU pair.

Kinds: an operative/preambular phrase swapped for one of another rank or family, a digit changed in a number,
a year changed, a document symbol changed, a hedge dropped, a glossary term's rendering dropped. Each injector
returns the new Russian text, or None when the pair offers nothing to change; the expected finding kind comes
with it. Random but seeded, so every run measures the same variants.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from alignment.checks.anchors import extract
from alignment.checks.base import CheckContext
from alignment.checks.terminology import term_spans
from alignment.checks.verbs import _find
from alignment.checks.words import tokens
from alignment.findings import FindingKind
from alignment.textnorm import fold


@dataclass(frozen=True)
class Injection:
    kind: str  # "verb", "digit", "year", "symbol", "hedge", "term"
    expected: FindingKind
    ru: str  # the Russian text with the divergence
    what: str  # human-readable, for failure messages
    en: str | None = None  # the English text when the injector changed it too (a symbol cited on both sides)


def _verb(en: str, ru: str, ctx: CheckContext, rng: random.Random) -> Injection | None:
    book = ctx.phrases
    en_found = _find(en, False, book.by_english, book.max_en, {"and"})
    ru_found = _find(ru, True, book.by_russian, book.max_ru, {"и"})
    if not en_found or not ru_found or en_found[0].position != 0 or ru_found[0].position != 0:
        return None
    phrase = book.by_english[en_found[0].key]
    if ru_found[0].key not in phrase.russian:
        return None
    acceptable = set(phrase.russian)

    def diverges(seq: tuple[str, ...]) -> bool:
        """Every table row this Russian phrase renders is of another family or another rank."""
        rows = [q for q in book.by_russian.get(seq, ()) if q.kind == phrase.kind]
        return bool(rows) and all(
            q.family != phrase.family or (q.rank and phrase.rank and q.rank != phrase.rank) for q in rows)

    options = [p for p in book.phrases if p.kind == phrase.kind and p.russian
               and p.russian[0] not in acceptable and diverges(p.russian[0])]
    if not options:
        return None
    new = rng.choice(options)
    span = ru_found[0].span
    text = new.russian_text[0]
    if ru[span.start].isupper():
        text = text[0].upper() + text[1:]
    return Injection("verb", FindingKind.VERB_STRENGTH, ru[: span.start] + text + ru[span.end :],
                     f"{ru[span.start:span.end]} -> {text} (EN {phrase.english})")


def _digit(en: str, ru: str, ctx: CheckContext, rng: random.Random) -> Injection | None:
    anchors = [a for a in extract(ru, True, ctx.numbers) if a.category in ("number", "resolution") and not a.words]
    anchors = [a for a in anchors if any(c.isdigit() for c in ru[a.span.start : a.span.end])]
    if not anchors:
        return None
    a = rng.choice(anchors)
    positions = [i for i in range(a.span.start, a.span.end) if ru[i].isdigit()]
    i = rng.choice(positions)
    new_digit = rng.choice([d for d in "0123456789" if d != ru[i] and not (d == "0" and i == a.span.start)])
    kind = FindingKind.NUMBER
    return Injection("digit", kind, ru[:i] + new_digit + ru[i + 1 :], f"{ru[a.span.start:a.span.end]} digit {i}")


def _year(en: str, ru: str, ctx: CheckContext, rng: random.Random) -> Injection | None:
    years = [a for a in extract(ru, True, ctx.numbers) if a.category == "year"]
    if not years:
        return None
    a = rng.choice(years)
    new = str(int(a.value) + rng.choice([-3, -2, -1, 1, 2, 3]))
    return Injection("year", FindingKind.DATE, ru[: a.span.start] + new + ru[a.span.end :], f"{a.value} -> {new}")


_SYMBOLS = ("A/RES/64/293", "E/CN.15/2011/L.5", "A/69/L.52", "S/RES/2198 (2015)", "E/2009/30",
            "CTOC/COP/2010/17", "A/HRC/29/38", "E/CN.15/2011/L.3/Rev.1", "A/C.3/69/L.29")


def _symbol(en: str, ru: str, ctx: CheckContext, rng: random.Random) -> Injection | None:
    """Change a digit of a document symbol or resolution number; a pair without one first gets the same symbol
    cited on both sides (as UN texts do in parentheses), so every pair can carry this divergence."""
    anchors = [a for a in extract(ru, True, ctx.numbers) if a.category in ("symbol", "resolution")]
    if not anchors:
        symbol = rng.choice(_SYMBOLS)
        en, ru = f"{en.rstrip('.;,')} ({symbol}).", f"{ru.rstrip('.;,')} ({symbol})."
        anchors = [a for a in extract(ru, True, ctx.numbers) if a.category == "symbol"]
    a = rng.choice(anchors)
    digits = [i for i in range(a.span.start, a.span.end) if ru[i].isdigit()]
    i = rng.choice(digits)
    new_digit = str((int(ru[i]) + rng.randint(1, 9)) % 10)
    kind = FindingKind.SYMBOL if a.category == "symbol" else FindingKind.NUMBER
    return Injection("symbol", kind, ru[:i] + new_digit + ru[i + 1 :], f"{ru[a.span.start:a.span.end]} digit {i}",
                     en=en)


def _hedge(en: str, ru: str, ctx: CheckContext, rng: random.Random) -> Injection | None:
    en_f, ru_f = fold(en), fold(ru)
    # a hedge word inside a glossary set phrase ("especially women and children") is the term's, not a hedge
    en_terms, ru_terms = term_spans(en, False, ctx.glossary), term_spans(ru, True, ctx.glossary)

    def outside(m, terms) -> bool:
        return not any(t.start <= m.start() and m.end() <= t.end for t in terms)

    options = []
    for cls in ctx.hedges:
        en_n = sum(outside(m, en_terms) for m in cls.en.finditer(en_f))
        ru_m = [m for m in cls.ru.finditer(ru_f) if outside(m, ru_terms)]
        if en_n and len(ru_m) == en_n:
            options += ru_m
    if not options:
        return None
    m = rng.choice(options)
    new = (ru[: m.start()].rstrip(" ,") + " " + ru[m.end() :].lstrip(" ,")).strip()
    return Injection("hedge", FindingKind.HEDGE, new, f"dropped {m.group()}")


def _term(en: str, ru: str, ctx: CheckContext, rng: random.Random) -> Injection | None:
    en_stems = [t.lemma for t in tokens(en, False)]
    ru_toks = tokens(ru, True)
    ru_lemmas = [t.lemma for t in ru_toks]
    options = []
    for term in ctx.glossary.terms:
        n = len(term.en_seq)
        if term.english.lower() in ru.lower():  # a name left in English in the Russian text
            continue
        if not any(tuple(en_stems[i : i + n]) == term.en_seq for i in range(len(en_stems) - n + 1)):
            continue
        hits = [(i, len(seq)) for seq in term.ru_seqs for i in range(len(ru_lemmas) - len(seq) + 1)
                if tuple(ru_lemmas[i : i + len(seq)]) == seq]
        if hits:
            options.append((term, hits))
    if not options:
        return None
    term, hits = rng.choice(options)
    new = ru
    for i, n in sorted(hits, reverse=True):  # every rendering of the term goes, or the check still finds one
        start, end = ru_toks[i].start, ru_toks[i + n - 1].end
        new = (new[:start].rstrip() + " " + new[end:].lstrip(" ,")).strip()
    return Injection("term", FindingKind.OMISSION, new, f"dropped {term.english}")


INJECTORS: dict[str, Callable[[str, str, CheckContext, random.Random], Injection | None]] = {
    "verb": _verb,
    "digit": _digit,
    "year": _year,
    "symbol": _symbol,
    "hedge": _hedge,
    "term": _term,
}


def inject(kind: str, en: str, ru: str, ctx: CheckContext, rng: random.Random) -> Injection | None:
    return INJECTORS[kind](en, ru, ctx, rng)
