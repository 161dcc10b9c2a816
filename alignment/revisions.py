"""Revision matching: draft N -> draft N+1 of one language, paragraph by paragraph.

Not monotonic, and never by number: paragraphs are matched by what they say, so a paragraph that was moved
and renumbered is still found. The steps keep the work close to linear on long documents:

1. identical texts are paired by hash;
2. for the rest, candidates come from an inverted index of word 3-gram shingles (the rarest shingles of each
   new paragraph, with a cap on how many postings are read), ranked with rapidfuzz, and the best few are
   verified with the word-level diff's similarity; pairs are assigned greedily, best first;
3. moved paragraphs are the matched ones outside a longest increasing subsequence of old positions taken in
   new order (the smallest set of moves that explains the new order); renumbered ones changed their visible
   number or letter; modified ones changed their text.

Changes are listed in the new draft's order, each deleted paragraph right after the (unmoved) paragraph that
preceded it in the old draft. User pins (:mod:`alignment.pins`) fix pairs, insertions and deletions.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from alignment.document import Document, Paragraph
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from alignment.links import Change, ChangeType, RevisionMap, qualify
from alignment.pins import Pin, ResolvedPins, resolve_pins
from alignment.textnorm import fold
from alignment.worddiff import word_diff

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class MatchParams:
    threshold: float = 0.5  # minimum word-diff similarity for a modified paragraph to count as the same one
    other_kind_threshold: float = 0.75  # a preambular paragraph turned operative must be very similar
    shortlist: int = 8  # candidates per paragraph kept from the shingle index
    verify: int = 3  # of those, how many are verified with the word diff
    postings_cap: int = 400  # postings read per paragraph from the shingle index


def _shingles(text: str) -> list[str]:
    words = _WORD.findall(text)
    if len(words) < 3:
        return [" ".join(words)] if words else []
    return [" ".join(words[k : k + 3]) for k in range(len(words) - 2)]


class _ShingleIndex:
    """Inverted index: shingle -> old paragraph indexes."""

    def __init__(self, folded: dict[int, str]) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        for idx, text in folded.items():
            for sh in set(_shingles(text)):
                self.postings[sh].append(idx)

    def candidates(self, text: str, limit: int, cap: int) -> list[int]:
        shingles = sorted(set(_shingles(text)), key=lambda s: len(self.postings.get(s, ())))
        counts: dict[int, int] = defaultdict(int)
        read = 0
        for sh in shingles:
            post = self.postings.get(sh)
            if not post:
                continue
            if read and read + len(post) > cap:
                break
            for idx in post[:cap]:
                counts[idx] += 1
            read += len(post)
        return sorted(counts, key=lambda k: -counts[k])[:limit]


def longest_increasing_positions(seq: Sequence[int]) -> set[int]:
    """Positions (into ``seq``) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tails_pos: list[int] = []
    prev = [-1] * len(seq)
    for pos, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_pos.append(pos)
        else:
            tails[k] = v
            tails_pos[k] = pos
        prev[pos] = tails_pos[k - 1] if k else -1
    out = set()
    pos = tails_pos[-1] if tails_pos else -1
    while pos != -1:
        out.add(pos)
        pos = prev[pos]
    return out


def _label(p: Paragraph) -> tuple[int | None, str | None]:
    return p.number, p.letter


def _renumbered(a: Paragraph, b: Paragraph) -> bool:
    if a.number is not None and b.number is not None and a.number != b.number:
        return True
    return bool(a.letter and b.letter and a.letter != b.letter)


def _match(
    old: Sequence[Paragraph],
    new: Sequence[Paragraph],
    fixed: dict[int, list[int]],
    blocked_old: set[int],
    blocked_new: set[int],
    params: MatchParams,
    should_cancel: ShouldCancel | None,
) -> dict[int, int]:
    """new index -> old index for paragraphs the pins leave free."""
    pairs: dict[int, int] = {}
    free_old = [k for k in range(len(old)) if k not in blocked_old]
    free_new = [k for k in range(len(new)) if k not in blocked_new and k not in fixed]
    # 1. identical text
    by_text: dict[str, list[int]] = defaultdict(list)
    for k in free_old:
        by_text[old[k].text].append(k)
    rest_new = []
    for k in free_new:
        same = by_text.get(new[k].text)
        if same:
            # prefer the same kind, then document order
            pick = next((o for o in same if old[o].kind == new[k].kind), same[0])
            same.remove(pick)
            pairs[k] = pick
        else:
            rest_new.append(k)
    taken = set(pairs.values())
    rest_old = [k for k in free_old if k not in taken]
    if not rest_new or not rest_old:
        return pairs
    # 2. shingle candidates, rapidfuzz ranking, word-diff verification
    folded_old = {k: fold(old[k].text) for k in rest_old}
    index = _ShingleIndex(folded_old)
    scored: list[tuple[float, float, int, int]] = []
    n_old, n_new = max(len(old), 1), max(len(new), 1)
    for count, k in enumerate(rest_new):
        if count % 32 == 0:
            check_cancel(should_cancel)
        text = fold(new[k].text)
        shortlist = index.candidates(text, params.shortlist, params.postings_cap)
        ranked = sorted(shortlist, key=lambda o: -fuzz.ratio(text, folded_old[o]))[: params.verify]
        for o in ranked:
            sim = word_diff(old[o].text, new[k].text).similarity()
            need = params.threshold if old[o].kind == new[k].kind else params.other_kind_threshold
            if sim >= need:
                drift = abs(o / n_old - k / n_new)  # ties (repeated text) go to the nearer position
                scored.append((sim, -drift, k, o))
    scored.sort(reverse=True)
    used_new, used_old = set(pairs), set(pairs.values())
    for _sim, _d, k, o in scored:
        if k not in used_new and o not in used_old:
            pairs[k] = o
            used_new.add(k)
            used_old.add(o)
    return pairs


def match_revisions(
    old: Document,
    new: Document,
    old_key: str,
    new_key: str,
    pins: Sequence[Pin] = (),
    params: MatchParams = MatchParams(),
    progress: Progress = no_progress,
    should_cancel: ShouldCancel | None = None,
) -> RevisionMap:
    """Map every paragraph of ``old`` (draft N) to ``new`` (draft N+1) with its change types."""
    olds, news = old.paragraphs, new.paragraphs
    progress(0, f"Matching {old_key} with {new_key}")
    resolved = resolve_pins(pins, old, new, old_key, new_key, monotonic=False)
    fixed: dict[int, list[int]] = defaultdict(list)  # new index -> old indexes (pinned)
    blocked_old, blocked_new = set(), set()
    for r in resolved.pins:
        blocked_old |= set(r.left)
        blocked_new |= set(r.right)
        for nk in r.right:
            fixed[nk] += list(r.left)
    pairs = _match(olds, news, fixed, blocked_old, blocked_new, params, should_cancel)
    progress(70, f"Classifying changes {old_key} -> {new_key}")
    # every (new, old) pair in new order; a split/merge pin yields one pair per combination
    matched: list[tuple[int, int, bool]] = []
    for k in range(len(news)):
        if k in pairs:
            matched.append((k, pairs[k], False))
        for o in fixed.get(k, ()):
            matched.append((k, o, True))
    # moves: outside one longest increasing run of old positions (first pair of a split counts)
    firsts = [(pos, o) for pos, (k, o, _) in enumerate(matched) if pos == 0 or matched[pos - 1][0] != k]
    keep = longest_increasing_positions([o for _, o in firsts])
    stable_new = {matched[firsts[p][0]][0] for p in keep}
    matched_old = {o for _, o, _ in matched}
    # deletions: after the change of the nearest preceding unmoved old paragraph
    stable_old_at = {o: k for k, o, _ in matched if k in stable_new}
    deleted_after: dict[int | None, list[int]] = defaultdict(list)
    for o in range(len(olds)):
        if o in matched_old:
            continue
        anchor = next((p for p in range(o - 1, -1, -1) if p in stable_old_at), None)
        deleted_after[anchor].append(o)

    def deleted(o: int) -> Change:
        return Change(qualify(old_key, olds[o].id), None, (ChangeType.DELETED,), 0.0)

    changes: list[Change] = [deleted(o) for o in deleted_after.get(None, [])]
    by_new: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for k, o, pinned in matched:
        by_new[k].append((o, pinned))
    for k in range(len(news)):
        if k % 64 == 0:
            check_cancel(should_cancel)
        if k not in by_new:
            changes.append(Change(None, qualify(new_key, news[k].id), (ChangeType.INSERTED,), 0.0))
            continue
        for o, _pinned in by_new[k]:
            a, b = olds[o], news[k]
            types = []
            if k not in stable_new:
                types.append(ChangeType.MOVED)
            if _renumbered(a, b):
                types.append(ChangeType.RENUMBERED)
            sim = 1.0
            if a.text != b.text:
                types.append(ChangeType.MODIFIED)
                sim = round(word_diff(a.text, b.text).similarity(), 3)
            changes.append(Change(qualify(old_key, a.id), qualify(new_key, b.id),
                                  tuple(types) or (ChangeType.UNCHANGED,), sim))
            if o in stable_old_at and stable_old_at[o] == k:
                changes += [deleted(d) for d in deleted_after.get(o, [])]
    progress(100, f"Matched {old_key} with {new_key}")
    return RevisionMap(old=old_key, new=new_key, changes=tuple(changes))


def revision_pin_problems(pins: Sequence[Pin], old: Document, new: Document, old_key: str, new_key: str) -> ResolvedPins:
    """Which pins apply to this pair of drafts, and why the others do not."""
    return resolve_pins(pins, old, new, old_key, new_key, monotonic=False)
