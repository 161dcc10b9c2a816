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
from dataclasses import dataclass, field
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
    """Read the figures ``tests/tools/learn_alignment_stats.py`` learned from the sample and the UNPC pairs."""
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
    """English opening phrase (folded, minor words dropped) -> Russian renderings as tuples of word stems.

    Rows the tables mark as an observed shift, and alternatives that are comments ("observed once as ..."),
    are left out: the aligner wants the normal rendering, the checks report the shifts.
    """
    table: dict[str, set[tuple[str, ...]]] = {}
    for en, ru in _lead_tables():
        if "observed" in en or "shift" in en:
            continue
        renderings = set()
        for alt in re.split(r"\s*[/;]\s*", _PAREN.sub(" ", ru)):
            words = _words(alt)
            if any(w.isascii() and w.isalpha() for w in words):
                continue
            stems = tuple(_stem(w) for w in words if w not in _MINOR_RU and len(w) > 2)
            if stems:
                renderings.add(stems[:3])
        for variant in re.split(r"\s*/\s*", _PAREN.sub(" ", en)):
            key = " ".join(w for w in _words(variant) if w not in _MINOR_EN)
            if key:
                table.setdefault(key, set()).update(renderings)
    return {k: frozenset(v) for k, v in table.items() if v}


@lru_cache(maxsize=1)
def _russian_to_english() -> dict[tuple[str, ...], frozenset[str]]:
    out: dict[tuple[str, ...], set[str]] = {}
    for en, renderings in lead_equivalents().items():
        for r in renderings:
            out.setdefault(r, set()).add(en)
    return {k: frozenset(v) for k, v in out.items()}


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
    stems: frozenset[str]  # 5-letter stems of every word (is a phrase somewhere inside?)
    joined: str  # folded words joined by single spaces


def _numbers(text: str, russian: bool) -> set[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        tok = m.group(0)
        tok = tok.replace(" ", "").replace(",", ".") if russian else tok.replace(",", "")
        tok = tok.rstrip(".")
        out.add(tok.lstrip("0") or "0")
    return out


_FEATURES: dict[int, tuple[Paragraph, Features]] = {}


def features(p: Paragraph) -> Features:
    """Features of one paragraph, cached by object identity (hashing a whole Paragraph on every bead would
    cost more than the signals themselves); the cache keeps the paragraph alive so ids are not reused."""
    hit = _FEATURES.get(id(p))
    if hit is not None and hit[0] is p:
        return hit[1]
    if len(_FEATURES) > 200_000:
        _FEATURES.clear()
    f = _compute_features(p)
    _FEATURES[id(p)] = (p, f)
    return f


def _compute_features(p: Paragraph) -> Features:
    russian = any("\u0400" <= ch <= "\u04ff" for ch in p.text[:200])
    text = p.text
    symbols = {s.rstrip(".") for s in _SYMBOL.findall(text)}
    rest = _SYMBOL.sub(" ", text)
    anchors = {f"s:{s}" for s in symbols} | {f"n:{n}" for n in _numbers(rest, russian)}
    anchors |= {f"fn:{r.marker}" for r in p.footnote_refs}
    latin = {w.lower() for w in _LATIN_WORD.findall(rest)}
    lead_text = p.lead.slice(text) if p.lead else " ".join(text.split()[:4])
    words = _words(text)
    return Features(
        length=len(text),
        kind=p.kind,
        number=p.number,
        letter=p.letter,
        anchors=frozenset(anchors),
        latin=frozenset(latin),
        lead=tuple(_words(lead_text)[:6]),
        stems=frozenset(_stem(w) for w in words),
        joined=" ".join(words),
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
    missing on either side (numbers removed, a continuation paragraph) says nothing.

    ``offsets`` maps an English paragraph (by ``id``, for one alignment run) to the expected difference
    (Russian number minus English number) there: 0 normally, +1 after a paragraph that exists in Russian only
    and was numbered. The aligner
    estimates it from a first pass without this signal, so consistent numbering helps and a shifted numbering
    does not mislead. A group (split/merge) is labelled by its first paragraph.
    """

    name: str = "number"
    weight: float = 1.5
    offsets: dict[int, int] | None = field(default=None, repr=False)

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        if not en or not ru:
            return 0.0
        a, b = en[0], ru[0]
        if a.number is None or b.number is None:
            if a.letter and b.letter and a.number is None and b.number is None:
                return 1.0 if a.letter == b.letter else -1.0
            return 0.0
        shift = self.offsets.get(id(a), 0) if self.offsets else 0
        if b.number - a.number != shift:
            return -1.0
        if a.letter and b.letter and a.letter != b.letter:
            return -1.0
        return 1.0


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
        fe = [features(p) for p in en]
        fr = [features(p) for p in ru]
        a = fe[0].anchors if len(fe) == 1 else frozenset().union(*(f.anchors for f in fe))
        b = fr[0].anchors if len(fr) == 1 else frozenset().union(*(f.anchors for f in fr))
        en_words = fe[0].latin if len(fe) == 1 else frozenset().union(*(f.latin for f in fe))
        ru_latin = fr[0].latin if len(fr) == 1 else frozenset().union(*(f.latin for f in fr))
        if not (a or b or ru_latin):
            return 0.0
        matched = len(a & b) + len(ru_latin & en_words)
        total = len(a | b) + len(ru_latin)
        if not total:
            return 0.0
        agreement = 2.0 * matched / total - 1.0
        return agreement * min(1.0, total / 3.0)


@dataclass
class LeadPhraseSignal:
    """The opening phrase ("Requests" / "просит") is one of the known Russian renderings of the English.

    In a split/merge group, a second paragraph that opens with its own phrase must find that phrase inside the
    single paragraph on the other side (two preambular paragraphs are rarely one in translation)."""

    name: str = "lead"
    weight: float = 1.0

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        if not en or not ru:
            return 0.0
        first = self._first(features(en[0]).lead, features(ru[0]).lead)
        if len(en) == 2 and en[1].lead is not None:
            return (first + self._inside_ru(features(en[1]).lead, ru[0])) / 2
        if len(ru) == 2 and ru[1].lead is not None:
            return (first + self._inside_en(features(ru[1]).lead, en[0])) / 2
        return first

    @staticmethod
    def _first(en_lead: tuple[str, ...], ru_lead: tuple[str, ...]) -> float:
        if not en_lead or not ru_lead:
            return 0.0
        renderings = _renderings(en_lead)
        if not renderings:
            return 0.0
        ru_stems = [_stem(w) for w in ru_lead if w not in _MINOR_RU and len(w) > 2]
        return 1.0 if any(all(s in ru_stems for s in r) for r in renderings) else -0.5

    @staticmethod
    def _inside_ru(en_lead: tuple[str, ...], ru: Paragraph) -> float:
        renderings = _renderings(en_lead)
        if not renderings:
            return 0.0
        stems = features(ru).stems
        return 1.0 if any(all(s in stems for s in r) for r in renderings) else -1.0

    @staticmethod
    def _inside_en(ru_lead: tuple[str, ...], en: Paragraph) -> float:
        keys = _english_for(ru_lead)
        if not keys:
            return 0.0
        text = features(en).joined
        return 1.0 if any(k in text for k in keys) else -1.0


@lru_cache(maxsize=4096)
def _english_for(ru_lead: tuple[str, ...]) -> frozenset[str]:
    """English opening phrases one of whose renderings a Russian opening phrase matches."""
    ru_stems = [_stem(w) for w in ru_lead if w not in _MINOR_RU and len(w) > 2]
    return frozenset(k for r, ks in _russian_to_english().items() if all(s in ru_stems for s in r) for k in ks)


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
