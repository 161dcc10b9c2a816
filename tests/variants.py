"""Generated test data for the aligners: variants of the sample whose correct alignment is known.

Start from an EN/RU pair whose truth is 1-1 throughout (the sample's original or Rev.1) and perturb it the way
real drafts and translations differ:

- ``moved``: paragraphs moved elsewhere in both languages (the draft was reordered; numbers follow the order);
- ``inserted``: a paragraph present in one language only;
- ``deleted``: a paragraph missing from one language (that language's numbering closes the gap);
- ``split``: one paragraph split in two in one language only (a 1-2 or 2-1 link);
- ``merged``: two adjacent paragraphs merged into one in one language only;
- ``unnumbered``: operative numbers removed entirely (from both languages), plus an insertion and a deletion;
- ``unnumbered-ru``: the same with numbers removed from the Russian only;
- ``mixed``: several of the above at once.

Each variant carries its truth as links of paragraph ids; :func:`link_f1` scores an alignment against it.
Run ``python -m tests.variants`` to print F1 per variant kind.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from alignment.document import Document, Paragraph, ParagraphKind

Unit = tuple[list[Paragraph], list[Paragraph]]  # one true link: EN paragraphs, RU paragraphs

KINDS = ("moved", "inserted", "deleted", "split", "merged", "unnumbered", "unnumbered-ru", "mixed")


@dataclass(frozen=True)
class Variant:
    kind: str
    seed: int
    en: Document
    ru: Document
    truth: frozenset[tuple[tuple[str, ...], tuple[str, ...]]]  # links as (en ids, ru ids), local ids


def units_from_pair(en: Document, ru: Document) -> list[Unit]:
    """The sample pairs are aligned 1-1 paragraph by paragraph (truth.json)."""
    assert len(en.paragraphs) == len(ru.paragraphs)
    return [([a], [b]) for a, b in zip(en.paragraphs, ru.paragraphs, strict=True)]


def _body(units: list[Unit]) -> range:
    """Indexes of units that are preambular or operative (title and opening stay in place)."""
    first = next(k for k, (e, r) in enumerate(units) if (e or r)[0].kind in (ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE))
    return range(first, len(units))


def _split_text(text: str) -> tuple[str, str] | None:
    """Cut at a clause boundary near the middle ("; ", ", " or a space)."""
    mid = len(text) // 2
    for sep in ("; ", ", ", " "):
        cuts = [m.end() for m in re.finditer(re.escape(sep), text) if 0.25 * len(text) < m.end() < 0.75 * len(text)]
        if cuts:
            cut = min(cuts, key=lambda c: abs(c - mid))
            return text[:cut].rstrip(), text[cut:].lstrip()
    return None


def _split(p: Paragraph) -> list[Paragraph]:
    parts = _split_text(p.text)
    if parts is None:
        return [p]
    first = replace(p, text=parts[0], footnote_refs=tuple(r for r in p.footnote_refs if r.offset <= len(parts[0])))
    rest = replace(p, text=parts[1], number=None, label="", lead=None, emphasis=(), footnote_refs=())
    return [first, rest]


def _merge(a: Paragraph, b: Paragraph) -> Paragraph:
    off = len(a.text) + 1
    refs = a.footnote_refs + tuple(replace(r, offset=r.offset + off) for r in b.footnote_refs)
    return replace(a, text=f"{a.text} {b.text}", footnote_refs=refs)


# ----- perturbations (each edits the unit list in place) ------------------------------------------------------
def move(units: list[Unit], rng: random.Random) -> None:
    body = _body(units)
    for _ in range(rng.randint(1, 3)):
        unit = units.pop(rng.choice(body[:-1]))
        units.insert(rng.choice(body[:-1]), unit)


def insert_one_side(units: list[Unit], rng: random.Random, extra: list[Unit]) -> None:
    body = _body(units)
    e, r = rng.choice(extra)
    if rng.random() < 0.5:
        units.insert(rng.choice(body), (list(e), []))
    else:
        units.insert(rng.choice(body), ([], list(r)))


def delete_one_side(units: list[Unit], rng: random.Random) -> None:
    k = rng.choice(_body(units))
    e, r = units[k]
    units[k] = (e, []) if rng.random() < 0.5 else ([], r)


def split_one_side(units: list[Unit], rng: random.Random) -> None:
    k = rng.choice([k for k in _body(units) if all(len(s) == 1 for s in units[k])])
    e, r = units[k]
    units[k] = (_split(e[0]), r) if rng.random() < 0.5 else (e, _split(r[0]))


def merge_one_side(units: list[Unit], rng: random.Random) -> None:
    body = [k for k in _body(units)[:-1] if all(len(s) == 1 for s in units[k] + units[k + 1])
            and units[k][0][0].kind == units[k + 1][0][0].kind]
    k = rng.choice(body)
    (e1, r1), (e2, r2) = units[k], units[k + 1]
    if rng.random() < 0.5:
        units[k : k + 2] = [([_merge(e1[0], e2[0])], r1 + r2)]
    else:
        units[k : k + 2] = [(e1 + e2, [_merge(r1[0], r2[0])])]


# ----- building documents -----------------------------------------------------------------------------------------
def _rebuild(template: Document, paragraphs: list[Paragraph], numbered: bool) -> tuple[Document, list[str]]:
    """A document from ``paragraphs`` with positional ids (``P0``, ``P1`` ...) and operative numbers following
    the order (or none at all)."""
    out = []
    number = 0
    for i, p in enumerate(paragraphs):
        if p.kind is ParagraphKind.OPERATIVE and p.number is not None:
            number += 1
            p = replace(p, number=number if numbered else None, label=f"{number}." if numbered else "")
        elif p.kind is ParagraphKind.OPERATIVE and not numbered:
            p = replace(p, number=None, label="")
        out.append(replace(p, id=f"P{i}", index=i))
    doc = Document(path=template.path, sha256=template.sha256, format=template.format, language=template.language,
                   paragraphs=tuple(out), footnotes=template.footnotes, header=template.header)
    return doc, [p.id for p in out]


def build(kind: str, seed: int, units: list[Unit], extra: list[Unit], numbered_en: bool = True,
          numbered_ru: bool = True) -> Variant:
    en_paras = [p for e, _ in units for p in e]
    ru_paras = [p for _, r in units for p in r]
    en, en_ids = _rebuild(_TEMPLATES["en"], en_paras, numbered_en)
    ru, ru_ids = _rebuild(_TEMPLATES["ru"], ru_paras, numbered_ru)
    truth = set()
    ie = ir = 0
    for e, r in units:
        truth.add((tuple(en_ids[ie : ie + len(e)]), tuple(ru_ids[ir : ir + len(r)])))
        ie += len(e)
        ir += len(r)
    return Variant(kind, seed, en, ru, frozenset(truth))


_TEMPLATES: dict[str, Document] = {}

PERTURB: dict[str, Callable[[list[Unit], random.Random, list[Unit]], None]] = {
    "moved": lambda u, rng, x: move(u, rng),
    "inserted": lambda u, rng, x: [insert_one_side(u, rng, x) for _ in range(rng.randint(1, 2))],
    "deleted": lambda u, rng, x: [delete_one_side(u, rng) for _ in range(rng.randint(1, 2))],
    "split": lambda u, rng, x: [split_one_side(u, rng) for _ in range(rng.randint(1, 2))],
    "merged": lambda u, rng, x: [merge_one_side(u, rng) for _ in range(rng.randint(1, 2))],
    "unnumbered": lambda u, rng, x: (insert_one_side(u, rng, x), delete_one_side(u, rng)),
    "unnumbered-ru": lambda u, rng, x: (insert_one_side(u, rng, x), delete_one_side(u, rng)),
    "mixed": lambda u, rng, x: (move(u, rng), insert_one_side(u, rng, x), delete_one_side(u, rng),
                                split_one_side(u, rng), merge_one_side(u, rng)),
}


def make_variant(kind: str, seed: int, en: Document, ru: Document, extra: list[Unit]) -> Variant:
    """One perturbed copy of the 1-1 pair (``en``, ``ru``); ``extra`` supplies paragraphs to insert."""
    _TEMPLATES["en"], _TEMPLATES["ru"] = en, ru
    rng = random.Random(f"{kind}-{seed}")
    units = units_from_pair(en, ru)
    PERTURB[kind](units, rng, extra)
    return build(kind, seed, units, extra, numbered_en=kind != "unnumbered", numbered_ru=not kind.startswith("unnumbered"))


def link_f1(links: set[tuple[tuple[str, ...], tuple[str, ...]]], truth: frozenset) -> tuple[float, float, float]:
    """Precision, recall and F1 over whole links (1-0 and 0-1 links included): a link counts only when both of
    its sides are exactly right."""
    tp = len(links & truth)
    p = tp / len(links) if links else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def alignment_links(alignment) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    def local(ids):
        return tuple(q.split(":", 1)[1] for q in ids)

    return {(local(link.left), local(link.right)) for link in alignment.links}


def sample_pairs():
    """(en, ru, extra) for the original and Rev.1 pairs; ``extra`` are units of the other draft to insert."""
    from alignment.comparison import Comparison

    c = Comparison.sample()
    orig = units_from_pair(c.en[0], c.ru[0])
    rev1 = units_from_pair(c.en[1], c.ru[1])
    orig_texts = {p.text for e, _ in orig for p in e}
    new_in_rev1 = [u for u in rev1 if u[0][0].text not in orig_texts and u[0][0].kind is not ParagraphKind.TITLE]
    rev1_texts = {p.text for e, _ in rev1 for p in e}
    gone_in_rev1 = [u for u in orig if u[0][0].text not in rev1_texts]
    return [(c.en[0], c.ru[0], new_in_rev1), (c.en[1], c.ru[1], gone_in_rev1)]


def measure(seeds: int = 20, report: Callable[[str], None] = print) -> dict[str, float]:
    """Align every variant kind over ``seeds`` seeds x both sample pairs; micro-averaged F1 per kind."""
    from alignment.bilingual import align_documents

    pairs = sample_pairs()
    out = {}
    for kind in KINDS:
        tp = n_pred = n_true = 0
        worst = 1.0
        for seed in range(seeds):
            for en, ru, extra in pairs:
                v = make_variant(kind, seed, en, ru, extra)
                links = alignment_links(align_documents(v.en, v.ru, "en", "ru"))
                tp += len(links & v.truth)
                n_pred += len(links)
                n_true += len(v.truth)
                worst = min(worst, link_f1(links, v.truth)[2])
        p, r = tp / n_pred, tp / n_true
        f1 = 2 * p * r / (p + r)
        out[kind] = f1
        report(f"{kind:>11}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} (worst variant F1 {worst:.3f}, "
               f"{seeds * len(pairs)} variants)")
    return out



# ----- revision variants: draft N -> a generated draft N+1 of the same language ------------------------------------
REVISION_KINDS = ("moved", "inserted", "deleted", "modified", "unnumbered", "mixed")


@dataclass(frozen=True)
class RevisionVariant:
    kind: str
    seed: int
    old: Document
    new: Document
    pairs: frozenset[tuple[str | None, str | None]]  # (old id, new id); None for inserted/deleted
    modified: frozenset[str]  # new ids whose text was changed


def _reword(p: Paragraph, rng: random.Random) -> Paragraph:
    """Change a few words the way a revision does: drop a short run, insert a phrase, swap a word."""
    words = p.text.split(" ")
    if len(words) < 6:
        return replace(p, text=p.text + " as appropriate")
    k = rng.randrange(1, len(words) - 3)
    op = rng.choice(("drop", "insert", "swap"))
    if op == "drop":
        del words[k : k + rng.randint(1, 3)]
    elif op == "insert":
        words[k:k] = rng.choice((["inter", "alia,"], ["in", "particular"], ["as", "a", "matter", "of", "priority"],
                                 ["в", "частности,"], ["в", "первоочередном", "порядке"]))
    else:
        words[k] = words[k] + "s" if not words[k].endswith("s") else words[k][:-1]
    return replace(p, text=" ".join(words))


def make_revision_variant(kind: str, seed: int, old: Document, extra: list[Paragraph]) -> RevisionVariant:
    rng = random.Random(f"rev-{kind}-{seed}")
    items: list[tuple[str | None, Paragraph]] = [(p.id, p) for p in old.paragraphs]
    first_body = next(k for k, (_, p) in enumerate(items) if p.kind in (ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE))
    modified_src: set[int] = set()
    ops = {"mixed": ("moved", "inserted", "deleted", "modified")}.get(kind, (kind,))
    if kind == "unnumbered":
        ops = ("inserted", "deleted", "modified")
    for op in ops:
        for _ in range(rng.randint(1, 3)):
            body = range(first_body, len(items))
            if op == "moved":
                it = items.pop(rng.choice(body[:-1]))
                items.insert(rng.choice(range(first_body, len(items))), it)
            elif op == "inserted":
                items.insert(rng.choice(body), (None, rng.choice(extra)))
            elif op == "deleted":
                items.pop(rng.choice(body))
            elif op == "modified":
                k = rng.choice([k for k in body if items[k][0] is not None])
                items[k] = (items[k][0], _reword(items[k][1], rng))
                modified_src.add(id(items[k][1]))
    new, new_ids = _rebuild(old, [p for _, p in items], numbered=kind != "unnumbered")
    pairs = {(oid, nid) for (oid, _), nid in zip(items, new_ids, strict=True)}
    kept = {oid for oid, _ in items if oid is not None}
    pairs |= {(p.id, None) for p in old.paragraphs if p.id not in kept}
    modified = {nid for (_, p), nid in zip(items, new_ids, strict=True) if id(p) in modified_src}
    if kind == "unnumbered":  # numbers removed in the new draft: the old one loses them too, for a fair F1
        original_ids = [p.id for p in old.paragraphs]
        old, old_ids = _rebuild(old, list(old.paragraphs), numbered=False)
        rename = dict(zip(original_ids, old_ids, strict=True))
        pairs = {(rename[o] if o else None, n) for o, n in pairs}
    return RevisionVariant(kind, seed, old, new, frozenset(pairs), frozenset(modified))


def revision_pairs(rmap) -> set[tuple[str | None, str | None]]:
    def local(q):
        return q.split(":", 1)[1] if q else None

    return {(local(c.old), local(c.new)) for c in rmap.changes}


def revision_sources():
    """(old document, paragraphs to insert) for both languages of the sample original."""
    from alignment.comparison import Comparison

    c = Comparison.sample()
    out = []
    for old, newer in ((c.en[0], c.en[1]), (c.ru[0], c.ru[1])):
        texts = {p.text for p in old.paragraphs}
        out.append((old, [p for p in newer.paragraphs if p.text not in texts and p.kind is not ParagraphKind.TITLE]))
    return out


def measure_revisions(seeds: int = 20, report: Callable[[str], None] = print) -> dict[str, float]:
    """Match every revision variant kind; micro-averaged F1 of (old, new) pairs per kind."""
    from alignment.revisions import match_revisions

    out = {}
    for kind in REVISION_KINDS:
        tp = n_pred = n_true = 0
        for seed in range(seeds):
            for old, extra in revision_sources():
                v = make_revision_variant(kind, seed, old, extra)
                got = revision_pairs(match_revisions(v.old, v.new, "a", "b"))
                tp += len(got & v.pairs)
                n_pred += len(got)
                n_true += len(v.pairs)
        p, r = tp / n_pred, tp / n_true
        out[kind] = 2 * p * r / (p + r)
        report(f"revisions {kind:>10}: precision {p:.3f} recall {r:.3f} F1 {out[kind]:.3f} ({seeds * 2} variants)")
    return out


if __name__ == "__main__":
    measure()
    measure_revisions()


# ----- long documents for benchmarks ------------------------------------------------------------------------------
_INT = re.compile(r"\b\d{1,4}\b")


def _vary(p: Paragraph, k: int) -> Paragraph:
    """Make block ``k``'s copy of a paragraph distinct: every small integer shifted by ``k`` (the same in both
    languages, so anchors still agree)."""
    if k == 0:
        return p
    text = _INT.sub(lambda m: str(int(m.group(0)) + k), p.text) + f" ({k})"
    return replace(p, text=text, footnote_refs=tuple(r for r in p.footnote_refs if r.offset <= len(text)))


def scaled_units(n_paragraphs: int) -> list[Unit]:
    """About ``n_paragraphs`` 1-1 units: the body of the sample's original and Rev.1 repeated with variations."""
    pairs = sample_pairs()
    base, seen = [], set()
    for en, ru, _ in pairs:  # Rev.1 repeats most paragraphs of the original: keep one of each
        for u in units_from_pair(en, ru):
            if u[0][0].text not in seen:
                seen.add(u[0][0].text)
                base.append(u)
    head = base[:2]  # title, opening
    body = [u for u in base if u[0][0].kind in (ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE)]
    pre = [u for u in body if u[0][0].kind is ParagraphKind.PREAMBULAR]
    ops = [u for u in body if u[0][0].kind is ParagraphKind.OPERATIVE]
    units = list(head)
    k = 0
    while len(units) < n_paragraphs:
        block = pre if len(units) < n_paragraphs * len(pre) / len(body) else ops
        for e, r in block:
            units.append(([_vary(e[0], k)], [_vary(r[0], k)]))
        k += 1
    units = units[:n_paragraphs]
    # keep the document shape: all preambular paragraphs before the operative ones
    units[2:] = sorted(units[2:], key=lambda u: u[0][0].kind is ParagraphKind.OPERATIVE)
    return units


def scaled_variant(n_paragraphs: int, seed: int = 0) -> Variant:
    """A long EN/RU pair with one perturbation (one-sided insertion or deletion, split, merge) per ~25
    paragraphs, and its true alignment."""
    pairs = sample_pairs()
    extra = [u for _, _, x in pairs for u in x]
    _TEMPLATES["en"], _TEMPLATES["ru"] = pairs[0][0], pairs[0][1]
    rng = random.Random(f"scaled-{n_paragraphs}-{seed}")
    units = scaled_units(n_paragraphs)
    ops = (lambda u: insert_one_side(u, rng, extra), lambda u: delete_one_side(u, rng),
           lambda u: split_one_side(u, rng), lambda u: merge_one_side(u, rng))
    for _ in range(max(1, n_paragraphs // 25)):
        rng.choice(ops)(units)
    return build("scaled", seed, units, extra)


def scaled_revision(old: Document, seed: int = 0) -> RevisionVariant:
    """A generated next draft of a long document: moves, insertions, deletions and rewordings, about one
    change per 10 paragraphs."""
    rng = random.Random(f"scaled-rev-{seed}")
    items: list[tuple[str | None, Paragraph]] = [(p.id, p) for p in old.paragraphs]
    texts = {p.text for p in old.paragraphs}
    extra = [p for _, _, x in sample_pairs() for u in x for p in u[0] if p.text not in texts]
    modified_src: set[int] = set()
    for _ in range(max(1, len(items) // 10)):
        op = rng.choice(("moved", "inserted", "deleted", "modified", "modified"))
        body = range(2, len(items))
        if op == "moved":
            it = items.pop(rng.choice(body[:-1]))
            items.insert(rng.choice(range(2, len(items))), it)
        elif op == "inserted":
            items.insert(rng.choice(body), (None, rng.choice(extra)))
        elif op == "deleted":
            items.pop(rng.choice(body))
        else:
            k = rng.choice([k for k in body if items[k][0] is not None])
            items[k] = (items[k][0], _reword(items[k][1], rng))
            modified_src.add(id(items[k][1]))
    new, new_ids = _rebuild(old, [p for _, p in items], numbered=True)
    pairs = {(oid, nid) for (oid, _), nid in zip(items, new_ids, strict=True)}
    kept = {oid for oid, _ in items if oid is not None}
    pairs |= {(p.id, None) for p in old.paragraphs if p.id not in kept}
    modified = {nid for (_, p), nid in zip(items, new_ids, strict=True) if id(p) in modified_src}
    return RevisionVariant("scaled", seed, old, new, frozenset(pairs), frozenset(modified))
