"""Words with their spans: Russian lemmas from pymorphy3 (cached), English lower-case words with a light stem.

Matching a phrase "in any inflected form" is matching its lemma sequence against the paragraph's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from alignment.checks.base import Token

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


_LAT_TO_CYR = str.maketrans("aceopxyk", "асеорхук")


@lru_cache(maxsize=200_000)
def ru_lemma(word: str) -> str:
    w = word.lower().replace("ё", "е")
    if not any("а" <= c <= "я" for c in w):
        return w
    if any("a" <= c <= "z" for c in w):  # a Latin look-alike typed inside a Russian word ("cекретаря")
        w = w.translate(_LAT_TO_CYR)
    return _morph().parse(w)[0].normal_form.replace("ё", "е")


_EN_SUFFIXES = ("ies", "es", "s")


@lru_cache(maxsize=100_000)
def en_stem(word: str) -> str:
    """Plural folded to singular ("States" -> "state", "parties" -> "party"); enough to match glossary terms."""
    w = word.lower().replace("’", "'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=8192)
def tokens(text: str, russian: bool) -> tuple[Token, ...]:
    """The words of ``text`` (hyphenated words split: "государства-члены" -> two words); cached, since every
    check reads the same paragraphs."""
    lemma = ru_lemma if russian else en_stem
    return tuple(Token(m.group(), lemma(m.group()), m.start(), m.end()) for m in _WORD.finditer(text))


def lemma_sequence(phrase: str, russian: bool) -> tuple[str, ...]:
    return tuple(t.lemma for t in tokens(phrase, russian))


def find_sequence(toks: tuple[Token, ...], seq: tuple[str, ...], start: int = 0) -> list[int]:
    """Indexes in ``toks`` where the lemma sequence ``seq`` starts (contiguous match)."""
    n = len(seq)
    if not n:
        return []
    lemmas = [t.lemma for t in toks]
    return [i for i in range(start, len(lemmas) - n + 1) if lemmas[i] == seq[0] and tuple(lemmas[i : i + n]) == seq]
