"""Split a paragraph into sentences (and over-long sentences into clauses) for translation.

OPUS-MT class models are trained on sentences and have a maximum input length; a UN operative paragraph can be
one 150-word sentence with sub-clauses. We cut at sentence ends, never after an abbreviation ("No.", "vol.",
"т.", "г.") or inside a number ("1.5", "64/178"), and return spans into the original text so translations can be
joined back per paragraph and scores mapped back to character offsets.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources

from alignment.document import Span


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviations that end with a dot but do not end a sentence (lower-case, without the dot)."""
    text = resources.files("models").joinpath("data/abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


# A sentence end: terminal punctuation (with closing quotes/brackets), whitespace, then an upper-case letter,
# a digit, an opening quote or bracket.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'»”’)\]]*)(\s+)(?=[\"'«“(\[]?[A-ZА-ЯЁ0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, dot_at: int) -> bool:
    m = _WORD_BEFORE.search(text, 0, dot_at)
    if m is None:
        return False
    word = m.group(1).lower().strip(".")
    if word in abbreviations():
        return True
    # single letters ("A. Smith") and dotted initialisms ("U.N.", "e.g.")
    return (len(word) == 1 and word.isalpha()) or "." in word


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` as spans (without surrounding spaces), covering every non-space character."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        punct_at = m.start(1)
        if m.group(1) == "." and _is_abbreviation(text, punct_at):
            continue
        end = m.end(2)
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end(3)
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def split_for_model(text: str, length: Callable[[str], int], max_length: int) -> list[Span]:
    """Spans of ``text`` each at most ``max_length`` units long as measured by ``length`` (model tokens).

    Sentences first; a sentence still too long is cut at ``;``/``:`` then ``,``; a clause still too long is
    cut between words. Every span is non-empty and the spans are in order.
    """
    out: list[Span] = []
    for sent in sentence_spans(text):
        out += _fit(text, sent, length, max_length, level=0)
    return out


def _fit(text: str, span: Span, length: Callable[[str], int], max_length: int, level: int) -> list[Span]:
    piece = span.slice(text)
    if length(piece) <= max_length:
        return [span]
    if level < 2:
        pattern = re.compile(r"[;:]\s+") if level == 0 else re.compile(r",\s+")
        cuts = [span.start + m.end() for m in pattern.finditer(piece)]
        if cuts:
            parts = _pack(text, span, cuts, length, max_length)
            return [s for p in parts for s in _fit(text, p, length, max_length, level + 1)]
        return _fit(text, span, length, max_length, level + 1)
    # last resort: words
    cuts = [span.start + m.end() for m in re.finditer(r"\s+", piece)]
    if not cuts:
        return [span]  # a single enormous "word": the model truncates it
    parts = _pack(text, span, cuts, length, max_length)
    return parts


def _pack(text: str, span: Span, cuts: list[int], length: Callable[[str], int], max_length: int) -> list[Span]:
    """Greedily join the pieces between ``cuts`` into spans that fit."""
    bounds = [span.start, *cuts, span.end]
    pieces = [_trim(text, a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]
    out: list[Span] = []
    cur: Span | None = None
    for p in pieces:
        if cur is None:
            cur = p
            continue
        joined = Span(cur.start, p.end)
        if length(joined.slice(text)) <= max_length:
            cur = joined
        else:
            out.append(cur)
            cur = p
    if cur is not None:
        out.append(cur)
    return out
