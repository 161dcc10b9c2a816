"""Language data for the anchor check: number words, month names, scale words (alignment/data/lang/)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class NumberWords:
    en: dict[str, tuple[int, bool]]  # word -> (value, is ordinal)
    ru: dict[str, tuple[int, bool]]  # lemma -> (value, is ordinal)
    months_en: dict[str, int]
    months_ru: dict[str, int]  # lemma -> month
    scales_en: dict[str, int]
    scales_ru: dict[str, int]


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("alignment") / "data" / "lang" / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


def load_number_words() -> NumberWords:
    words: dict[str, dict[str, tuple[int, bool]]] = {"en": {}, "ru": {}}
    for lang, word, value, kind in _rows("number_words.tsv"):
        words[lang][word] = (int(value), kind == "ordinal")
    months = _rows("months.tsv")
    scales: dict[str, dict[str, int]] = {"en": {}, "ru": {}}
    for lang, word, factor in _rows("scales.tsv"):
        scales[lang][word] = int(factor)
    return NumberWords(
        en=words["en"],
        ru=words["ru"],
        months_en={e: int(n) for n, e, _ in months},
        months_ru={r: int(n) for n, _, r in months},
        scales_en=scales["en"],
        scales_ru=scales["ru"],
    )
