"""Evidence that an English and a Russian group of paragraphs say the same thing, without a translation model.

The aligner's dynamic programme (``alignment.bilingual``) only adds up what the signals here say; each signal
is a small object with a ``name``, a ``weight`` and ``score(en_paragraphs, ru_paragraphs) -> float`` in
``[-1, 1]`` (positive: they correspond; negative: they do not; 0: no opinion). The models package can append a
translation-similarity signal to :func:`default_signals` without touching the DP.

Paragraph features (lengths, anchors, lead phrase) are computed once per paragraph and cached.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

from alignment.document import Paragraph, ParagraphKind
from alignment.textnorm import fold


class Signal(Protocol):
    name: str
    weight: float

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float: ...


# ----- learned and bundled data -------------------------------------------------------------------------------
@dataclass(frozen=True)
class LengthModel:
    """Gale-Church length model: RU characters per EN character and the variance per EN character."""

    ratio: float
    variance: float


@lru_cache(maxsize=1)
def length_model() -> LengthModel:
    """Read the figures ``tools/learn_alignment_stats.py`` learned from the sample and the UNPC pairs."""
    raw = (resources.files("alignment") / "data" / "alignment_stats.json").read_text(encoding="utf-8")
    used = json.loads(raw)["used"]
    return LengthModel(ratio=float(used["ratio_mean"]), variance=float(used["variance_per_char"]))


_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\.\.\.|…")
_MINOR_EN = {"also", "further", "again", "once", "strongly", "deeply", "its"}
_MINOR_RU = {"также", "далее", "вновь", "свою", "свои"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _stem(word: str) -> str:
    return word[:5]


def _lead_tables() -> list[tuple[str, str]]:
    """(english, russian) rows: the checks' phrase tables when present, else the aligner's bundled table."""
    rows: list[tuple[str, str]] = []
    base = resources.files("alignment") / "data"
    sources = []
    phrases = base / "phrases"
    if phrases.is_dir():
        sources += [p for p in phrases.iterdir() if p.name.endswith(".tsv")]
    sources.append(base / "lead_phrases.tsv")
    for src in sources:
        lines = [line for line in src.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            en, ru = row.get("english"), row.get("russian")
            if en and ru:
                rows.append((en, ru))
    return rows


@lru_cache(maxsize=1)
def lead_equivalents() -> dict[str, frozenset[tuple[str, ...]]]:
    """English opening phrase (folded, minor words dropped) -> Russian renderings as tuples of word stems."""
    table: dict[str, set[tuple[str, ...]]] = {}
    for en, ru in _lead_tables():
        renderings = set()
        for alt in re.split(r"\s*[/;]\s*", _PAREN.sub(" ", ru)):
            stems = tuple(_stem(w) for w in _words(alt) if w not in _MINOR_RU and not w.isascii())
            if stems:
                renderings.add(stems[:3])
        for variant in re.split(r"\s*/\s*", _PAREN.sub(" ", en)):
            key = " ".join(w for w in _words(variant) if w not in _MINOR_EN)
            if key:
                table.setdefault(key, set()).update(renderings)
    return {k: frozenset(v) for k, v in table.items()}


# ----- per-paragraph features ---------------------------------------------------------------------------------
_SYMBOL = re.compile(r"\b[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+|\b\d{1,4}/\d{1,4}(?:/\d+)?\b")
_NUMBER = re.compile(r"\d+(?:[ ,.]\d{3})*(?:[.,]\d+)?")
_LATIN_WORD = re.compile(r"\b[A-Za-z][A-Za-z\-]+\b")


@dataclass(frozen=True)
class Features:
    length: int
    kind: ParagraphKind
    number: int | None
    letter: str | None
    anchors: frozenset[str]  # numbers, symbols, footnote markers
    latin: frozenset[str]  # Latin-script words (names, symbols) in a Russian paragraph; all words in English
    lead: tuple[str, ...]  # first words of the opening phrase, folded


def _numbers(text: str, russian: bool) -> set[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        tok = m.group(0)
        tok = tok.replace(" ", "").replace(",", ".") if russian else tok.replace(",", "")
        tok = tok.rstrip(".")
        out.add(tok.lstrip("0") or "0")
    return out


@lru_cache(maxsize=65536)
def features(p: Paragraph) -> Features:
    russian = any("\u0400" <= ch <= "\u04ff" for ch in p.text[:200])
    text = p.text
    symbols = {s.rstrip(".") for s in _SYMBOL.findall(text)}
    rest = _SYMBOL.sub(" ", text)
    anchors = {f"s:{s}" for s in symbols} | {f"n:{n}" for n in _numbers(rest, russian)}
    anchors |= {f"fn:{r.marker}" for r in p.footnote_refs}
    latin = {w.lower() for w in _LATIN_WORD.findall(rest)}
    lead_text = p.lead.slice(text) if p.lead else " ".join(text.split()[:4])
    return Features(
        length=len(text),
        kind=p.kind,
        number=p.number,
        letter=p.letter,
        anchors=frozenset(anchors),
        latin=frozenset(latin),
        lead=tuple(_words(lead_text)[:6]),
    )


# ----- signals ------------------------------------------------------------------------------------------------
@dataclass
class KindSignal:
    """Titles go with titles, preambular with preambular paragraphs, operative with operative."""

    name: str = "kind"
    weight: float = 1.0

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        kinds = {p.kind for p in en} | {p.kind for p in ru}
        return 1.0 if len(kinds) == 1 else -1.0


@dataclass
class NumberSignal:
    """Operative numbers and subparagraph letters: equal is strong evidence, different strong counter-evidence;
    missing on either side (numbers removed, a continuation paragraph) says nothing."""

    name: str = "number"
    weight: float = 1.5

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        en_labels = {(p.number, p.letter) for p in en if p.number is not None or p.letter}
        ru_labels = {(p.number, p.letter) for p in ru if p.number is not None or p.letter}
        if not en_labels or not ru_labels:
            return 0.0
        return 1.0 if en_labels == ru_labels else -1.0


@dataclass
class LengthSignal:
    """Gale-Church: Russian length is about ``ratio`` times the English, with a spread growing with length."""

    model: LengthModel | None = None
    name: str = "length"
    weight: float = 1.0

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        m = self.model or length_model()
        le = sum(features(p).length for p in en)
        lr = sum(features(p).length for p in ru)
        mean = max(le, 1)
        delta = (lr - m.ratio * le) / math.sqrt(mean * m.variance)
        return max(-3.0, 1.0 - delta * delta / 4.0)


@dataclass
class AnchorSignal:
    """Shared numbers, years, resolution numbers and document symbols, footnote markers and Latin-script
    names: what survives translation unchanged."""

    name: str = "anchors"
    weight: float = 1.5

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        a = frozenset().union(*(features(p).anchors for p in en))
        b = frozenset().union(*(features(p).anchors for p in ru))
        en_words = frozenset().union(*(features(p).latin for p in en))
        ru_latin = frozenset().union(*(features(p).latin for p in ru))
        matched = len(a & b) + len(ru_latin & en_words)
        total = len(a | b) + len(ru_latin)
        if not total:
            return 0.0
        agreement = 2.0 * matched / total - 1.0
        return agreement * min(1.0, total / 3.0)


@dataclass
class LeadPhraseSignal:
    """The opening phrase ("Requests" / "просит") is one of the known Russian renderings of the English."""

    name: str = "lead"
    weight: float = 1.0

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        if not en or not ru:
            return 0.0
        e, r = features(en[0]), features(ru[0])
        if not e.lead or not r.lead:
            return 0.0
        renderings = _renderings(e.lead)
        if not renderings:
            return 0.0
        ru_stems = [_stem(w) for w in r.lead if w not in _MINOR_RU]
        for stems in renderings:
            if all(s in ru_stems for s in stems):
                return 1.0
        return -0.5


@lru_cache(maxsize=4096)
def _renderings(en_lead: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Russian renderings for the longest known prefix of an English opening phrase."""
    table = lead_equivalents()
    words = [w for w in en_lead if w not in _MINOR_EN]
    for n in range(len(words), 0, -1):
        hit = table.get(" ".join(words[:n]))
        if hit:
            return hit
    return frozenset()


def default_signals() -> list[Signal]:
    """The model-free signals, in the order their scores are reported."""
    return [KindSignal(), NumberSignal(), LengthSignal(), AnchorSignal(), LeadPhraseSignal()]


@dataclass
class Scorer:
    """Weighted sum of signals for one bead; the DP maximises the total."""

    signals: list[Signal]

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        return sum(s.weight * s.score(en, ru) for s in self.signals)

    def breakdown(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> dict[str, float]:
        """Each signal's weighted contribution (for explaining a link to the user)."""
        return {s.name: round(s.weight * s.score(en, ru), 3) for s in self.signals}
