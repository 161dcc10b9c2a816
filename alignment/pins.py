"""User constraints on an alignment ("pins"), as Meld's sync points are for lines.

A pin says: these paragraphs on the left belong with those on the right. One id on each side is a link, two
on one side a split/merge, an empty right (or left) side "this paragraph has no counterpart". The aligner and
the revision matcher keep pinned links as they are and re-align everything else around them.

A pin stores the content hash of every paragraph it names, so a pin saved in a project can be checked when
the documents are reopened or revised: a pin whose paragraph is gone or changed no longer applies and is
reported as a :class:`PinProblem`, never applied silently to other text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from alignment.document import Document, Language, Paragraph
from alignment.errors import ParityError
from alignment.links import ChangeType, RevisionMap, qualify, split_qualified

Scope = tuple  # ("alignment", revision) or ("revisions", language, step), as Comparison caches them


def paragraph_hash(p: Paragraph) -> str:
    """Hash of what the paragraph says (its text without the number label, so renumbering keeps a pin)."""
    return hashlib.sha256(p.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Pin:
    """One user constraint. ``left``/``right`` are qualified ids (``"en:PP3"``) in document order."""

    scope: Scope
    left: tuple[str, ...]
    right: tuple[str, ...]
    left_hashes: tuple[str, ...] = ()  # paragraph_hash of each id, in the same order; empty = not checked
    right_hashes: tuple[str, ...] = ()

    @property
    def shape(self) -> str:
        return f"{len(self.left)}-{len(self.right)}"

    @property
    def no_counterpart(self) -> bool:
        return not self.left or not self.right

    def describe(self) -> str:
        left = "+".join(self.left) or "(nothing)"
        right = "+".join(self.right) or "(no counterpart)"
        return f"{left} = {right}"


class PinProblemKind(StrEnum):
    MISSING = "missing"  # a paragraph it names is not in the document any more
    CHANGED = "changed"  # the paragraph's text changed since the pin was made
    CONFLICT = "conflict"  # it crosses or overlaps another pin
    INVALID = "invalid"  # empty on both sides, too many ids, not adjacent, wrong documents


@dataclass(frozen=True)
class PinProblem:
    pin: Pin
    kind: PinProblemKind
    message: str


@dataclass(frozen=True)
class ResolvedPin:
    """A pin that applies, as paragraph indexes into the left and right documents."""

    pin: Pin
    left: tuple[int, ...]
    right: tuple[int, ...]


@dataclass(frozen=True)
class ResolvedPins:
    pins: tuple[ResolvedPin, ...]  # applicable, sorted by position
    problems: tuple[PinProblem, ...]


# ----- making and naming pins -----------------------------------------------------------------------------------
def _key_parts(key: str) -> tuple[str, int]:
    lang, rev = key[:2], key[2:]
    if lang not in ("en", "ru") or (rev and not rev.isdigit()):
        raise ParityError(f"unknown document key {key!r} (expected en, ru, en1, ru1, ...)")
    return lang, int(rev or 0)


def scope_for(left_key: str, right_key: str) -> Scope:
    """``en``+``ru`` of one draft -> ("alignment", rev); ``en``+``en1`` -> ("revisions", "en", 1)."""
    (l_lang, l_rev), (r_lang, r_rev) = _key_parts(left_key), _key_parts(right_key)
    if l_lang == "en" and r_lang == "ru" and l_rev == r_rev:
        return ("alignment", l_rev)
    if l_lang == r_lang and r_rev == l_rev + 1:
        return ("revisions", l_lang, r_rev)
    raise ParityError(
        f"cannot pin {left_key} to {right_key}: pin English to Russian of the same draft (en=ru, en1=ru1) "
        "or a draft to the next one in the same language (en=en1)"
    )


def parse_pin(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``en:PP3=ru:PP4``; ``en:OP5=ru:OP5+ru:OP6`` (split); ``en:PP3=`` (no counterpart)."""
    if "=" not in text:
        raise ParityError(f"bad pin {text!r}: expected LEFT_ID=RIGHT_ID such as en:PP3=ru:PP4")
    left_s, right_s = text.split("=", 1)

    def ids(side: str) -> tuple[str, ...]:
        out = tuple(x.strip() for x in side.replace(",", "+").split("+") if x.strip())
        for q in out:
            key, pid = split_qualified(q)
            if not pid:
                raise ParityError(f"bad pin {text!r}: {q!r} is not a qualified id such as en:PP3")
        return out

    left, right = ids(left_s), ids(right_s)
    if not left and not right:
        raise ParityError(f"bad pin {text!r}: name at least one paragraph")
    return left, right


def make_pin(document: Callable[[str], Document], left: Sequence[str], right: Sequence[str]) -> Pin:
    """A pin with content hashes; ``document(key)`` returns the loaded document for a key (``Comparison.document``).

    Raises ParityError when an id does not exist, so a typo on the command line is a clear message.
    """
    keys = ({split_qualified(q)[0] for q in left}, {split_qualified(q)[0] for q in right})
    if len(keys[0]) > 1 or len(keys[1]) > 1:
        raise ParityError(f"pin {'+'.join(left)}={'+'.join(right)}: all ids on one side must be in one document")
    if not left or not right:
        # "no counterpart": the scope comes from the named side and its natural partner
        side, other_is_right = (left, True) if left else (right, False)
        key = split_qualified(side[0])[0]
        lang, rev = _key_parts(key)
        partner = f"{'ru' if lang == 'en' else 'en'}{rev or ''}"
        scope = scope_for(key, partner) if other_is_right else scope_for(partner, key)
    else:
        scope = scope_for(next(iter(keys[0])), next(iter(keys[1])))

    def hashes(ids: Sequence[str]) -> tuple[str, ...]:
        out = []
        for q in ids:
            key, pid = split_qualified(q)
            try:
                out.append(paragraph_hash(document(key).paragraph(pid)))
            except (KeyError, IndexError, ValueError):
                raise ParityError(f"pin: there is no paragraph {q} in the loaded documents") from None
        return tuple(out)

    return Pin(scope, tuple(left), tuple(right), hashes(left), hashes(right))


# ----- checking pins against documents ---------------------------------------------------------------------------
def resolve_pins(
    pins: Iterable[Pin],
    left: Document,
    right: Document,
    left_key: str,
    right_key: str,
    monotonic: bool,
) -> ResolvedPins:
    """Pins that apply to these two documents as indexes, and a problem for each that does not.

    ``monotonic`` (cross-language alignment): split/merge ids must be adjacent and pins may not cross;
    the later pin of a crossing pair is the one reported.
    """
    index_l = {qualify(left_key, p.id): p.index for p in left.paragraphs}
    index_r = {qualify(right_key, p.id): p.index for p in right.paragraphs}
    hash_l = {qualify(left_key, p.id): p for p in left.paragraphs}
    hash_r = {qualify(right_key, p.id): p for p in right.paragraphs}
    ok: list[ResolvedPin] = []
    problems: list[PinProblem] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for pin in pins:
        problem = _check_one(pin, index_l, index_r, hash_l, hash_r, monotonic)
        if problem:
            problems.append(problem)
            continue
        li = tuple(index_l[q] for q in pin.left)
        ri = tuple(index_r[q] for q in pin.right)
        if used_l & set(li) or used_r & set(ri):
            problems.append(PinProblem(pin, PinProblemKind.CONFLICT, f"{pin.describe()}: a paragraph is in another pin"))
            continue
        if monotonic and li and ri and any(_crosses(li, ri, o.left, o.right) for o in ok if o.left and o.right):
            problems.append(PinProblem(pin, PinProblemKind.CONFLICT, f"{pin.describe()}: crosses another pin"))
            continue
        used_l |= set(li)
        used_r |= set(ri)
        ok.append(ResolvedPin(pin, li, ri))
    ok.sort(key=lambda r: (r.left[0] if r.left else -1, r.right[0] if r.right else -1))
    return ResolvedPins(tuple(ok), tuple(problems))


def _crosses(l1: tuple[int, ...], r1: tuple[int, ...], l2: tuple[int, ...], r2: tuple[int, ...]) -> bool:
    return (l1[0] - l2[0]) * (r1[0] - r2[0]) <= 0


def _check_one(pin, index_l, index_r, para_l, para_r, monotonic) -> PinProblem | None:
    if not pin.left and not pin.right:
        return PinProblem(pin, PinProblemKind.INVALID, "a pin must name at least one paragraph")
    if len(pin.left) > 2 or len(pin.right) > 2 or (len(pin.left) == 2 and len(pin.right) == 2):
        return PinProblem(pin, PinProblemKind.INVALID, f"{pin.describe()}: only 1-1, 1-2, 2-1, 1-0 and 0-1 pins")
    for ids, index, paras, hashes in ((pin.left, index_l, para_l, pin.left_hashes),
                                      (pin.right, index_r, para_r, pin.right_hashes)):
        for n, q in enumerate(ids):
            if q not in index:
                return PinProblem(pin, PinProblemKind.MISSING, f"{pin.describe()}: {q} is not in the document")
            if hashes and n < len(hashes) and hashes[n] != paragraph_hash(paras[q]):
                return PinProblem(pin, PinProblemKind.CHANGED, f"{pin.describe()}: {q} changed since it was pinned")
        if monotonic and len(ids) == 2 and index[ids[1]] != index[ids[0]] + 1:
            return PinProblem(pin, PinProblemKind.INVALID, f"{pin.describe()}: the two paragraphs must be adjacent")
    return None


# ----- carrying pins into the next revision -----------------------------------------------------------------------
def carry_alignment_pins(
    pins: Iterable[Pin],
    revision: int,
    revision_map: Callable[[Language, int], RevisionMap],
    document: Callable[[str], Document],
) -> list[Pin]:
    """Alignment pins of draft ``revision`` re-expressed for draft ``revision + 1``, for each pin whose
    paragraphs all survived unchanged in both languages (moved or renumbered is fine, reworded is not)."""
    carried = []
    for pin in pins:
        if pin.scope != ("alignment", revision):
            continue
        new_sides = []
        for ids, lang in ((pin.left, "en"), (pin.right, "ru")):
            rmap = revision_map(Language(lang), revision + 1)
            side = []
            for q in ids:
                change = rmap.change_for_old(q)
                if change is None or change.new is None or change.has(ChangeType.MODIFIED):
                    break
                side.append(change.new)
            else:
                new_sides.append(tuple(side))
                continue
            break
        if len(new_sides) == 2:
            carried.append(make_pin(document, new_sides[0], new_sides[1]))
    return carried


# ----- project-file form ---------------------------------------------------------------------------------------
def pin_to_json(pin: Pin) -> dict[str, Any]:
    return {
        "scope": list(pin.scope),
        "left": list(pin.left),
        "right": list(pin.right),
        "left_hashes": list(pin.left_hashes),
        "right_hashes": list(pin.right_hashes),
    }


def pin_from_json(data: dict[str, Any]) -> Pin:
    return Pin(
        scope=tuple(data["scope"]),
        left=tuple(data["left"]),
        right=tuple(data["right"]),
        left_hashes=tuple(data.get("left_hashes", ())),
        right_hashes=tuple(data.get("right_hashes", ())),
    )
