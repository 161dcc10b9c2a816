"""Anchors: numbers, dates, years, resolution numbers, document symbols — the same on both sides.

Both sides are reduced to normalised values ("483,918" and "483 918" -> 483918; "22.2 per cent" and
"22,2 процента" -> 22.2; "$4.8 million" and "4,8 млн. долл. США" -> 4800000; "20 December 2006" and
"20 декабря 2006 года" -> 2006-12-20; "twenty-first" and "двадцать первой" -> 21) and compared as multisets
per category; what is left over on one side is missing or, when both sides have a leftover, different.
Treaty Series references (vol./т., No./№) are numbers and compare as such.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from alignment.checks.base import AlignedPair, CheckContext, make_finding
from alignment.checks.numberwords import NumberWords
from alignment.checks.words import en_stem, ru_lemma, tokens
from alignment.document import Span
from alignment.findings import Finding, FindingKind, Severity
from alignment.textnorm import latinize_lookalikes

NAME = "anchors"

_SYMBOL = re.compile(r"(?<![\w/])[A-Z][A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+(?:\s\(\d{4}\))?")
_RESOLUTION = re.compile(r"(?<![\w/.,])\d{1,4}/\d{1,4}(?:/\d{1,4})?(?![\w/])")
_RANGE = r"\s?(?:[-–—−]|to|по)\s?"
_DATE_EN = re.compile(r"(?:(\d{1,2})(?:" + _RANGE + r"(\d{1,2}))?\s+)?([A-Z][a-z]+)(?:\s+(\d{1,2})\b)?,?(?:\s+(\d{4})\b)?")
_DATE_RU = re.compile(r"(?:(\d{1,2})(?:" + _RANGE + r"(\d{1,2}))?\s+)?([а-яё]+)()(?:\s+(\d{4})(?:\s+(?:года|году|год|г\.))?)?")
_TIME_EN = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)")
_TIME_RU = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*ч\.(?:\s*(\d{2})\s*м(?:ин)?\.?)?")
_GLUED_YEARS = re.compile(r"(?<!\d)((?:19|20)\d{2})((?:19|20)\d{2})(?!\d)")
# Digits glued to letters are names (B2C, km2, P3) or footnote markers (Конференции3), not anchors.
_SECTION = re.compile(r"(?<![\w.,])\d+(?:\.\d+){2,}(?![\d])")  # 3.2.1
_NUM_EN = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])")
# Russian decimals take a comma; "2.1" with a dot is an article or paragraph number and compares as written
_NUM_RU = re.compile(r"(?<![\w.,])(\d{1,3}(?: \d{3})+(?:,\d+)?|\d+\.\d+|\d+(?:,\d+)?)(?![\d])")
_CURRENCY_PREFIX = re.compile(r"\b(?:Euro|EUR|USD|US|SwF|CHF|GBP)(?=\$?\d)")
_LABEL = re.compile(r"^\s*(?:\d{1,3}\.|\(?[a-z]{1,4}\))\s+")
_SCALE_AFTER = re.compile(r"\s*([A-Za-zА-Яа-яЁё]+)")
_YEAR = range(1900, 2100)


@dataclass(frozen=True)
class Anchor:
    category: str  # "number" | "year" | "date" | "resolution" | "symbol"
    value: str  # normalised, comparable across languages
    span: Span
    words: bool = False  # written in words ("twenty-first"): a weaker signal than digits
    full: str = ""  # for a month: the whole date (year-month-days), to pair the right dates first


def _decimal(text: str, russian: bool) -> str | None:
    s = text.replace(" ", "").replace("\u00a0", "")
    if russian and "." in s:
        return s
    s = s.replace(",", ".") if russian else s.replace(",", "")
    try:
        return format(Decimal(s).normalize(), "f")
    except InvalidOperation:
        return None


def _scaled(value: str, factor: int) -> str:
    return format((Decimal(value) * factor).normalize(), "f")


def _free(taken: list[Span], start: int, end: int) -> bool:
    return all(end <= s.start or start >= s.end for s in taken)


def extract(text: str, russian: bool, data: NumberWords) -> list[Anchor]:
    """Every anchor of ``text`` with its span; a leading list label ("10.", "(a)") is not an anchor."""
    skip = _LABEL.match(text)
    begin = skip.end() if skip else 0
    out: list[Anchor] = []
    taken: list[Span] = [Span(0, begin)]
    scan = latinize_lookalikes(text) if russian else text
    for m in _SECTION.finditer(text, begin):
        out.append(Anchor("number", m.group(), Span(m.start(), m.end())))
        taken.append(Span(m.start(), m.end()))
    for m in _SYMBOL.finditer(scan, begin):
        raw = m.group().rstrip(".-")
        span = Span(m.start(), m.start() + len(raw))
        if any(c.isalpha() for c in raw.split("(")[0]) and "/" in raw:
            out.append(Anchor("symbol", raw.replace(" ", ""), span))
            taken.append(span)
    for m in _RESOLUTION.finditer(text, begin):
        if _free(taken, m.start(), m.end()):
            out.append(Anchor("resolution", m.group(), Span(m.start(), m.end())))
            taken.append(Span(m.start(), m.end()))
    months = data.months_ru if russian else data.months_en
    for m in (_DATE_RU if russian else _DATE_EN).finditer(text, begin):
        word = ru_lemma(m.group(3)) if russian else m.group(3).lower()
        month = months.get(word)
        if month is None or not _free(taken, m.start(), m.end()):
            continue
        if not russian and word == "may" and not (m.group(1) or m.group(4) or m.group(5)):
            continue  # the modal
        whole = Span(m.start(), m.end())
        # a date is its parts: days compare with numbers on the other side ("from 29 to 31 July" / "29 - 31 июля")
        days = sorted(int(m.group(g)) for g in (1, 2, 4) if m.group(g))
        full = f"{m.group(5) or ''}-{month}-{days}"
        out.append(Anchor("month", str(month), whole, full=full))
        for g in (1, 2, 4):
            if m.group(g):
                out.append(Anchor("day", str(int(m.group(g))), Span(m.start(g), m.end(g))))
        if m.group(5):
            out.append(Anchor("year", m.group(5), Span(m.start(5), m.end(5))))
        taken.append(whole)
    for m in (_TIME_RU if russian else _TIME_EN).finditer(text, begin):
        if not _free(taken, m.start(), m.end()):
            continue
        hour, minute = int(m.group(1)), int(m.group(2) or (m.group(3) if russian else None) or 0)
        if not russian and m.group(3).startswith("p") and hour < 12:
            hour += 12
        out.append(Anchor("time", f"{hour:02d}:{minute:02d}", Span(m.start(), m.end())))
        taken.append(Span(m.start(), m.end()))
    for m in _GLUED_YEARS.finditer(text, begin):  # "20142015" from a lost dash
        if _free(taken, m.start(), m.end()):
            out += [Anchor("year", m.group(1), Span(m.start(1), m.end(1))),
                    Anchor("year", m.group(2), Span(m.start(2), m.end(2)))]
            taken.append(Span(m.start(), m.end()))
    scales = data.scales_ru if russian else data.scales_en
    masked = _CURRENCY_PREFIX.sub(lambda m: "#" * len(m.group()), text)  # "Euro1.5 million"
    for m in (_NUM_RU if russian else _NUM_EN).finditer(masked, begin):
        if not _free(taken, m.start(), m.end()):
            continue
        value = _decimal(m.group(1), russian)
        if value is None:
            continue
        end = m.end()
        after = _SCALE_AFTER.match(text, end)
        if after:
            w = after.group(1)
            factor = scales.get(ru_lemma(w) if russian else w.lower())
            if factor:
                value, end = _scaled(value, factor), after.end()
        is_year = "." not in value and len(m.group(1)) == 4 and int(Decimal(value)) in _YEAR
        out.append(Anchor("year" if is_year else "number", value, Span(m.start(), end)))
        taken.append(Span(m.start(), end))
    out += _number_words(text, russian, data, taken, begin)
    return out


def _number_words(text: str, russian: bool, data: NumberWords, taken: list[Span], begin: int) -> list[Anchor]:
    table = data.ru if russian else data.en
    toks = [t for t in tokens(text, russian) if t.start >= begin]
    out: list[Anchor] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        key = t.lemma if russian else t.text.lower()
        hit = table.get(key)
        if hit is None or not _free(taken, t.start, t.end):
            i += 1
            continue
        value, _ordinal = hit
        end, j = t.end, i + 1
        if value >= 20 and value % 10 == 0 and j < len(toks):  # "twenty-first", "двадцать первой"
            nxt = toks[j]
            gap = text[t.end : nxt.start]
            unit = (data.ru.get(nxt.lemma) if russian else data.en.get(nxt.text.lower())) or (
                (1, True) if (nxt.lemma if russian else nxt.text.lower()) in ("первый", "first") else None)
            if unit and unit[0] < 10 and gap.strip() in ("", "-"):
                value, end, j = value + unit[0], nxt.end, j + 1
        out.append(Anchor("number", str(value), Span(t.start, end), words=True))
        i = j
    return out


_KIND = {
    "number": FindingKind.NUMBER,
    "time": FindingKind.NUMBER,
    "resolution": FindingKind.NUMBER,
    "year": FindingKind.DATE,
    "day": FindingKind.DATE,
    "month": FindingKind.DATE,
    "symbol": FindingKind.SYMBOL,
}
_NAME = {"number": "number", "time": "time", "resolution": "resolution number", "year": "year", "day": "day",
         "month": "date", "symbol": "document symbol"}
_POOL = ("number", "year", "day")  # the same digits may be a year or a day on one side, a number on the other


def _leftovers(mine: list[Anchor], theirs: list[Anchor], full: bool = False) -> list[Anchor]:
    """The anchors of ``mine`` that ``theirs`` does not have (as a multiset)."""
    def key(a: Anchor) -> str:
        return a.full if full else a.value

    remaining = Counter(key(a) for a in theirs)
    out = []
    for a in mine:
        if remaining[key(a)] > 0:
            remaining[key(a)] -= 1
        else:
            out.append(a)
    return out


def _cross_match(en_left: list[Anchor], ru_left: list[Anchor]) -> tuple[list[Anchor], list[Anchor]]:
    """Numbers and years are one pool: "2006" is a year on one side and a number on the other at times."""
    pool = _POOL
    en_pool = [a for a in en_left if a.category in pool]
    ru_pool = [a for a in ru_left if a.category in pool]
    en_rest = _leftovers(en_pool, ru_pool)
    ru_rest = _leftovers(ru_pool, en_pool)
    return ([a for a in en_left if a.category not in pool] + en_rest,
            [a for a in ru_left if a.category not in pool] + ru_rest)


def check(pair: AlignedPair, context: CheckContext) -> list[Finding]:
    if pair.en is None or pair.ru is None:
        return []
    data: NumberWords = context.numbers
    en_text, ru_text = pair.en.text, pair.ru.text
    en_all = extract(en_text, False, data)
    ru_all = extract(ru_text, True, data)
    out: list[Finding] = []
    for a in ru_all:
        raw = ru_text[a.span.start : a.span.end]
        if a.category == "symbol" and latinize_lookalikes(raw) != raw:
            out.append(make_finding(NAME, FindingKind.SYMBOL, Severity.INFO, pair,
                                    f"Russian symbol {raw} contains Cyrillic look-alike letters", None, a.span,
                                    detail=f"lookalike {a.value}"))
    en_left: list[Anchor] = []
    ru_left: list[Anchor] = []
    for cat in ("symbol", "resolution", "month", "time"):
        en_c = [a for a in en_all if a.category == cat]
        ru_c = [a for a in ru_all if a.category == cat]
        if cat == "month":  # whole dates first, so "25 July" is paired with "25 июня", not "27 июля"
            en_c, ru_c = _leftovers(en_c, ru_c, full=True), _leftovers(ru_c, en_c, full=True)
        en_left += _leftovers(en_c, ru_c)
        ru_left += _leftovers(ru_c, en_c)
    en_left, ru_left = _cross_match(en_left + [a for a in en_all if a.category in _POOL],
                                    ru_left + [a for a in ru_all if a.category in _POOL])
    groups = (("symbol",), ("resolution",), ("month",), ("year", "day"), ("time", "number"))
    for cats in groups:
        for words in (False, True):
            en_g = sorted((a for a in en_left if a.category in cats and a.words == words), key=lambda a: a.span.start)
            ru_g = sorted((a for a in ru_left if a.category in cats and a.words == words), key=lambda a: a.span.start)
            # a number word on one side only is usually a paraphrase ("biennially" / "раз в два года"):
            # words count only when both sides have one and they differ ("twenty-first" / "двадцать второй")
            count = min(len(en_g), len(ru_g)) if words else max(len(en_g), len(ru_g))
            out += _pairs(pair, en_g, ru_g, count)
    return out


def _pairs(pair: AlignedPair, en_g: list[Anchor], ru_g: list[Anchor], count: int) -> list[Finding]:
    out = []
    for i in range(count):
        e = en_g[i] if i < len(en_g) else None
        r = ru_g[i] if i < len(ru_g) else None
        out.append(_finding(pair, e, r))
    return out


def _finding(pair: AlignedPair, e: Anchor | None, r: Anchor | None) -> Finding:
    a = e or r
    assert a is not None
    kind = _KIND[a.category]
    # number words are only compared when both sides have one ("twenty-first" vs "двадцать второй"): as
    # binding as digits
    severity = Severity.CRITICAL
    name = _NAME[a.category]
    en_s = pair.en.text[e.span.start : e.span.end] if e and pair.en else ""
    ru_s = pair.ru.text[r.span.start : r.span.end] if r and pair.ru else ""
    if e and r:
        message = f"{name.capitalize()} differs: English {en_s} vs Russian {ru_s}"
    elif e:
        message = f"{name.capitalize()} {en_s} is missing in Russian"
    else:
        message = f"{name.capitalize()} {ru_s} in Russian is not in English"
    return make_finding(NAME, kind, severity, pair, message, e.span if e else None, r.span if r else None,
                        detail=f"{a.category}|{e.value if e else ''}|{r.value if r else ''}")


__all__ = ["Anchor", "check", "extract", "en_stem"]
