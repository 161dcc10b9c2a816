"""Word-level diff of two paragraphs with diff-match-patch.

Words and punctuation become single characters (as ``diff_linesToChars`` does for lines), the character diff
runs on those, ``diff_cleanupSemantic`` merges trivial equalities, and the result is mapped back to spans with
offsets into both texts. Works the same for Russian and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from diff_match_patch import diff_match_patch

# a word (letters/digits with inner hyphens, apostrophes, slashes, dots as in 64/293 or E/CN.15), a space run,
# or any other single character
_TOKEN = re.compile(r"\w+(?:[-'’/.]\w+)*|\s+|[^\w\s]", re.UNICODE)


class DiffOp(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True)
class DiffSpan:
    """``old[a_start:a_end]`` became ``new[b_start:b_end]``; an insert has an empty old range, a delete an
    empty new range."""

    op: DiffOp
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class WordDiff:
    spans: tuple[DiffSpan, ...]
    old_len: int
    new_len: int

    @property
    def changed(self) -> bool:
        return any(s.op is not DiffOp.EQUAL for s in self.spans)

    def similarity(self) -> float:
        """Share of characters (both sides) inside equal spans: 1.0 identical, 0.0 nothing in common."""
        total = self.old_len + self.new_len
        if not total:
            return 1.0
        same = sum((s.a_end - s.a_start) + (s.b_end - s.b_start) for s in self.spans if s.op is DiffOp.EQUAL)
        return same / total


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _encode(a: list[str], b: list[str]) -> tuple[str, str, list[str]]:
    vocab: dict[str, int] = {}
    table: list[str] = []

    def enc(tokens: list[str]) -> str:
        out = []
        for t in tokens:
            code = vocab.get(t)
            if code is None:
                code = len(table)
                vocab[t] = code
                table.append(t)
            # skip the surrogate range; diff-match-patch works on str code points
            out.append(chr(code + 0x100 if code + 0x100 < 0xD800 else code + 0x100 + 0x800))
        return "".join(out)

    return enc(a), enc(b), table


@lru_cache(maxsize=4096)
def word_diff(old: str, new: str, timeout: float = 1.0) -> WordDiff:
    """Diff two paragraph texts word by word; cached because views redraw the same pairs many times."""
    ta, tb = tokenize(old), tokenize(new)
    ca, cb, _ = _encode(ta, tb)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(ca, cb, False)
    dmp.diff_cleanupSemantic(diffs)
    # token lengths, to turn token counts into character offsets
    la = [len(t) for t in ta]
    lb = [len(t) for t in tb]
    spans: list[DiffSpan] = []
    ia = ib = 0  # token indexes
    pa = pb = 0  # char offsets
    for op, chunk in diffs:
        n = len(chunk)
        if op == 0:
            da = sum(la[ia : ia + n])
            db = sum(lb[ib : ib + n])
            spans.append(DiffSpan(DiffOp.EQUAL, pa, pa + da, pb, pb + db))
            ia += n
            ib += n
            pa += da
            pb += db
        elif op == -1:
            da = sum(la[ia : ia + n])
            spans.append(DiffSpan(DiffOp.DELETE, pa, pa + da, pb, pb))
            ia += n
            pa += da
        else:
            db = sum(lb[ib : ib + n])
            spans.append(DiffSpan(DiffOp.INSERT, pa, pa, pb, pb + db))
            ib += n
            pb += db
    return WordDiff(tuple(spans), len(old), len(new))
