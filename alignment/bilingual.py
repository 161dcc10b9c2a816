"""Cross-language alignment: the English and Russian documents of one draft, paragraph by paragraph.

A monotonic alignment by dynamic programming in the spirit of Gale-Church (1993) and Bertalign:

1. *anchor pass* — a cheap DP with 1-1 links and skips only, inside a window of ``win`` paragraphs that follows
   the path found so far along the length diagonal (doubled where the path meets its edge), finds the rough
   path; when both sides are numbered it runs without the number signal, and the numbering offset it shows
   (a paragraph numbered in one language only shifts every later number) is what the number signal then expects;
2. *full pass* — the DP with every bead shape (1-1, 1-0, 0-1, 1-2, 2-1) runs only inside a band of ``band``
   paragraphs around that path, so the cost grows linearly with the document.

Bead scores come from :mod:`alignment.align_signals` (a weighted sum of pluggable signals). User pins
(:mod:`alignment.pins`) split the problem the way Meld's sync points do: pinned links are kept, the stretches
between them are aligned independently, "no counterpart" pins force a skip.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from alignment.align_signals import NumberSignal, Scorer, Signal, default_signals
from alignment.document import Document, Paragraph
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from alignment.links import Alignment, Link, qualify
from alignment.pins import Pin, ResolvedPins, resolve_pins

log = logging.getLogger(__name__)

SKIP = -1.0  # score of a 1-0 or 0-1 bead (a paragraph without counterpart)
MERGE = -1.0  # extra cost of a 1-2 or 2-1 bead over its signals' score
LOW_CONFIDENCE = 0.5  # links below this are flagged for the user
BEADS_FULL = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
BEADS_ANCHOR = ((1, 1), (1, 0), (0, 1))


@dataclass(frozen=True)
class AlignParams:
    """Search-space parameters, named after Bertalign's: ``win`` is the anchor pass's half-width around the
    diagonal, ``band`` the full pass's half-width around the anchor path."""

    win: int = 12
    band: int = 2


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _length_diagonal(en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> list[int]:
    """For each English position i, the Russian position with the same share of the text's characters."""
    def cumulative(ps: Sequence[Paragraph]) -> list[int]:
        out = [0]
        for p in ps:
            out.append(out[-1] + len(p.text) + 1)
        return out

    ce, cr = cumulative(en), cumulative(ru)
    scale = cr[-1] / ce[-1]
    return [min(len(ru), bisect.bisect_left(cr, ce[i] * scale)) for i in range(len(en) + 1)]


class _Segment:
    """Aligns en[i0:i1] with ru[j0:j1]; bead scores are cached across both passes."""

    def __init__(self, en: Sequence[Paragraph], ru: Sequence[Paragraph], scorer: Scorer,
                 skip_en: set[int], skip_ru: set[int], number: NumberSignal | None = None) -> None:
        self.en, self.ru, self.scorer = en, ru, scorer  # scorer: every signal but the number signal
        self.number = number  # added on top, so a second pass with other numbering offsets reuses the cache
        self.skip_en, self.skip_ru = skip_en, skip_ru
        self.cache: dict[tuple[int, int, int, int], float] = {}

    def bead(self, i: int, j: int, di: int, dj: int) -> float | None:
        """Score of the bead covering en[i-di:i] and ru[j-dj:j] (local indexes), None when not allowed."""
        if di and dj:
            if any(k in self.skip_en for k in range(i - di, i)) or any(k in self.skip_ru for k in range(j - dj, j)):
                return None
            key = (i, j, di, dj)
            s = self.cache.get(key)
            if s is None:
                s = self.scorer.score(self.en[i - di : i], self.ru[j - dj : j])
                if di + dj > 2:
                    s += MERGE
                self.cache[key] = s
            if self.number is not None:
                s += self.number.weight * self.number.score(self.en[i - di : i], self.ru[j - dj : j])
            return s
        return SKIP

    def dp(self, lo: list[int], hi: list[int], beads: Sequence[tuple[int, int]],
           should_cancel: ShouldCancel | None, follow: list[int] | None = None,
           half: int = 0) -> list[tuple[int, int, int, int]]:
        """Best path through states (i, j) with lo[i] <= j <= hi[i]; returns beads as (i, j, di, dj).

        With ``follow`` (the expected position per row), each row's window is centred on the previous
        row's best state moved by the expected step (``half`` on each side): the window tracks the path itself, so the drift a long
        document accumulates does not leave it (Bertalign's anchors serve the same purpose)."""
        n = len(self.en)
        m = len(self.ru)
        neg = -math.inf
        best: list[list[float]] = []
        back: list[list[tuple[int, int] | None]] = []
        for i in range(n + 1):
            if i % 64 == 0:
                check_cancel(should_cancel)
            if follow is not None and i > 0:
                prev_row = best[i - 1]
                at = max(range(len(prev_row)), key=prev_row.__getitem__) + lo[i - 1]
                at += follow[i] - follow[i - 1]
                # the union with the window around the expected position itself, so a long one-sided
                # stretch (where the best state lags) is still inside
                lo[i] = max(lo[i - 1], min(m, at - half, follow[i] - half))
                hi[i] = m if i == n else max(lo[i], min(m, max(at, follow[i]) + half))
            width = hi[i] - lo[i] + 1
            row = [neg] * width
            brow: list[tuple[int, int] | None] = [None] * width
            for j in range(lo[i], hi[i] + 1):
                if i == 0 and j == 0:
                    row[0] = 0.0
                    continue
                top, arg = neg, None
                for di, dj in beads:
                    pi, pj = i - di, j - dj
                    if pi < 0 or pj < 0 or pj < lo[pi] or pj > hi[pi]:
                        continue
                    prev = best[pi][pj - lo[pi]] if pi < i else row[pj - lo[i]]
                    if prev == neg:
                        continue
                    s = self.bead(i, j, di, dj)
                    if s is None:
                        continue
                    if prev + s > top:
                        top, arg = prev + s, (di, dj)
                row[j - lo[i]] = top
                brow[j - lo[i]] = arg
            best.append(row)
            back.append(brow)
        path = []
        i, j = n, m
        while i or j:
            step = back[i][j - lo[i]]
            if step is None:  # unreachable: cannot happen when the band holds (0,0) and (n,m)
                raise RuntimeError("alignment band does not connect the corners")
            di, dj = step
            path.append((i, j, di, dj))
            i, j = i - di, j - dj
        path.reverse()
        return path

    def align(self, params: AlignParams, should_cancel: ShouldCancel | None,
              rough: list[tuple[int, int, int, int]] | None = None) -> list[tuple[int, int, int, int]]:
        """Anchor pass (unless a ``rough`` path is given), then the full pass in a band around the path."""
        n, m = len(self.en), len(self.ru)
        if rough is None:
            # the window follows the path found so far, stepping along the *length* diagonal (the same share
            # of characters read on both sides); where the path still presses against the window's edge
            # (a long stretch present in one language only), the window is doubled and the pass repeated
            centre = _length_diagonal(self.en, self.ru)
            w = params.win
            while True:
                lo, hi = [], []
                for i in range(n + 1):
                    lo.append(max(0, centre[i] - w))
                    hi.append(min(m, centre[i] + w))
                lo[0], hi[n] = 0, m
                rough = self.dp(lo, hi, BEADS_ANCHOR, should_cancel, follow=centre, half=w)
                # on an edge: at a window border that a wider window would have moved (lo only ever grows)
                edge = any((j <= lo[i] and i and lo[i] > lo[i - 1]) or (j >= hi[i] and hi[i] < m)
                           for i, j, _, _ in rough)
                if not edge or w >= max(n, m):
                    break
                w *= 2
                log.debug("anchor path meets the window edge: window widened to %d", w)
        lo2 = [m] * (n + 1)
        hi2 = [0] * (n + 1)
        states = [(0, 0)] + [(i, j) for i, j, _, _ in rough]
        for i, j in states:
            for k in range(max(0, i - params.band), min(n, i + params.band) + 1):
                lo2[k] = min(lo2[k], max(0, j - params.band))
                hi2[k] = max(hi2[k], min(m, j + params.band))
        return self.dp(lo2, hi2, BEADS_FULL, should_cancel)

    def skip_confidence(self, en_index: int | None, ru_index: int | None, other: int) -> float:
        """How sure we are that en[en_index] (or ru[ru_index]) has no counterpart: low when a paragraph near
        position ``other`` on the other side would match it well."""
        if en_index is not None:
            span = range(max(0, other - 2), min(len(self.ru), other + 2))
            near = [self.bead(en_index + 1, k + 1, 1, 1) for k in span]
        else:
            span = range(max(0, other - 2), min(len(self.en), other + 2))
            near = [self.bead(k + 1, (ru_index or 0) + 1, 1, 1) for k in span]
        best = max((s for s in near if s is not None), default=-2.0)
        return round(_sigmoid(0.5 - best), 3)


def align_paragraphs(
    en: Sequence[Paragraph],
    ru: Sequence[Paragraph],
    scorer: Scorer,
    skip_en: Collection[int] = (),
    skip_ru: Collection[int] = (),
    params: AlignParams = AlignParams(),
    should_cancel: ShouldCancel | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Align two paragraph lists; returns beads as (en indexes, ru indexes, confidence).

    ``skip_en``/``skip_ru`` are indexes the user pinned as having no counterpart."""
    n, m = len(en), len(ru)
    if not n or not m:
        return [((i,), (), 1.0) for i in range(n)] + [((), (j,), 1.0) for j in range(m)]
    numbered = any(p.number is not None for p in en) and any(p.number is not None for p in ru)
    number = next((s for s in scorer.signals if isinstance(s, NumberSignal)), None)
    content = Scorer([s for s in scorer.signals if not isinstance(s, NumberSignal)])
    seg = _Segment(en, ru, content, set(skip_en), set(skip_ru))
    if numbered and number is not None:
        # first pass without numbers; the numbering offset it shows (a paragraph numbered in one language
        # only shifts every later number) tells the number signal what to expect in the second pass
        rough = seg.align(params, should_cancel)
        seg.number = replace(number, offsets=_numbering_offsets(en, ru, rough))
        path = seg.align(params, should_cancel, rough)
    else:
        seg.number = number
        path = seg.align(params, should_cancel)
    out = []
    for i, j, di, dj in path:
        ei = tuple(range(i - di, i))
        rj = tuple(range(j - dj, j))
        if di and dj:
            conf = round(_sigmoid(seg.bead(i, j, di, dj) - 0.5), 3)  # type: ignore[operator]
        elif di:
            conf = seg.skip_confidence(i - 1, None, j)
        else:
            conf = seg.skip_confidence(None, j - 1, i)
        out.append((ei, rj, conf))
    return out


def _numbering_offsets(en: Sequence[Paragraph], ru: Sequence[Paragraph],
                       path: list[tuple[int, int, int, int]], window: int = 3) -> dict[int, int]:
    """Expected (RU number - EN number) at each numbered English paragraph (keyed by ``id`` of the paragraph
    object, valid for one alignment run): the median over the nearest
    ``window`` numbered links on each side of a first alignment, so one wrong link does not shift it."""
    points = []
    for i, j, di, dj in path:
        if di and dj:
            a, b = en[i - di], ru[j - dj]
            if a.number is not None and b.number is not None:
                points.append((i - di, b.number - a.number))
    offsets: dict[int, int] = {}
    if not points:
        return offsets
    keys = [k for k, _ in points]
    for k, p in enumerate(en):
        if p.number is None:
            continue
        at = bisect.bisect_left(keys, k)
        near = sorted(o for _, o in points[max(0, at - window) : at + window + 1])
        offsets[id(p)] = near[len(near) // 2]
    return offsets


def align_documents(
    en: Document,
    ru: Document,
    en_key: str,
    ru_key: str,
    pins: Sequence[Pin] = (),
    signals: Sequence[Signal] | None = None,
    params: AlignParams = AlignParams(),
    progress: Progress = no_progress,
    should_cancel: ShouldCancel | None = None,
) -> Alignment:
    """Align the paragraphs of an English and a Russian document of one draft, honouring ``pins``.

    Pins that do not apply (paragraph gone or changed, crossing another pin) are ignored here; ask
    :func:`alignment_pin_problems` for the list to show the user.
    """
    scorer = Scorer(list(signals) if signals is not None else default_signals())
    resolved = resolve_pins(pins, en, ru, en_key, ru_key, monotonic=True)
    E, R = en.paragraphs, ru.paragraphs
    skip_en = {r.left[0] for r in resolved.pins if not r.right}
    skip_ru = {r.right[0] for r in resolved.pins if not r.left}
    fixed = [r for r in resolved.pins if r.left and r.right]
    beads: list[tuple[tuple[int, ...], tuple[int, ...], float, bool]] = []
    pi = pj = 0
    total = max(len(E), 1)
    for stop in [*fixed, None]:
        i1 = stop.left[0] if stop else len(E)
        j1 = stop.right[0] if stop else len(R)
        progress(int(100 * pi / total), f"Aligning {en_key} with {ru_key}")
        part = align_paragraphs(
            E[pi:i1], R[pj:j1], scorer,
            {k - pi for k in skip_en if pi <= k < i1}, {k - pj for k in skip_ru if pj <= k < j1},
            params, should_cancel,
        )
        beads += [(tuple(k + pi for k in a), tuple(k + pj for k in b), c, False) for a, b, c in part]
        if stop:
            beads.append((stop.left, stop.right, 1.0, True))
            pi, pj = stop.left[-1] + 1, stop.right[-1] + 1
    progress(100, f"Aligned {en_key} with {ru_key}")
    links = tuple(
        Link(
            left=tuple(qualify(en_key, E[k].id) for k in a),
            right=tuple(qualify(ru_key, R[k].id) for k in b),
            confidence=c,
            pinned=pinned or _pinned_skip(a, b, skip_en, skip_ru),
        )
        for a, b, c, pinned in beads
    )
    return Alignment(left=en_key, right=ru_key, links=links)


def _pinned_skip(a: tuple[int, ...], b: tuple[int, ...], skip_en: set[int], skip_ru: set[int]) -> bool:
    return (len(a) == 1 and not b and a[0] in skip_en) or (len(b) == 1 and not a and b[0] in skip_ru)


def alignment_pin_problems(pins: Sequence[Pin], en: Document, ru: Document, en_key: str, ru_key: str) -> ResolvedPins:
    """Which pins apply to this pair of documents, and why the others do not."""
    return resolve_pins(pins, en, ru, en_key, ru_key, monotonic=True)


