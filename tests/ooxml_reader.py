"""Read a tracked-changes .docx back on the XML, with every revision accepted or rejected, and check the
revision markup's structure. Independent of the writer: only lxml and the WordprocessingML rules.

Accept: text inside ``w:del``/``w:moveFrom`` disappears, and a paragraph whose mark is deleted (``w:pPr/w:rPr/
w:del`` or ``w:moveFrom``) merges into the next one. Reject: the reverse, with ``w:ins``/``w:moveTo``.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


REVISIONS = {w(t) for t in ("ins", "del", "moveFrom", "moveTo")}
DROP = {"accept": {w("del"), w("moveFrom")}, "reject": {w("ins"), w("moveTo")}}


def document_xml(path: str | Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def part_xml(path: str | Path, name: str) -> etree._Element | None:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name)) if name in z.namelist() else None


def _text(p: etree._Element, drop: set[str]) -> str:
    out = []
    for el in p.iter(w("t"), w("delText"), w("tab"), w("br")):
        if any(a.tag in drop for a in el.iterancestors()):
            continue
        if el.getparent().getparent().tag == w("pPr"):  # never text, but be safe
            continue
        if el.tag == w("tab"):
            if el.getparent().tag == w("r"):
                out.append("\t")
        elif el.tag == w("br"):
            out.append("\n")
        else:
            out.append(el.text or "")
    return "".join(out)


def _mark_removed(p: etree._Element, drop: set[str]) -> bool:
    mark = p.find(f"{w('pPr')}/{w('rPr')}")
    return mark is not None and any(c.tag in drop for c in mark)


def body_paragraphs(root: etree._Element) -> list[etree._Element]:
    return [p for p in root.find(w("body")) if p.tag == w("p")]


def paragraph_texts(path_or_root, mode: str) -> list[str]:
    """Paragraph texts of the document with every revision accepted (``mode="accept"``) or rejected."""
    root = document_xml(path_or_root) if isinstance(path_or_root, (str, Path)) else path_or_root
    drop = DROP[mode]
    out: list[str] = []
    pending = ""
    for p in body_paragraphs(root):
        text = pending + _text(p, drop)
        if _mark_removed(p, drop):
            pending = text  # the paragraph break is gone: the text joins the next paragraph
            continue
        pending = ""
        out.append(text)
    if pending:
        out.append(pending)
    return out


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def structure_problems(root: etree._Element) -> list[str]:
    """Everything wrong with the revision markup: what Word rejects or misreads."""
    problems: list[str] = []
    seen_ids: Counter[str] = Counter()
    for el in root.iter(*REVISIONS):
        where = el.getparent().tag
        for attr in ("id", "author", "date"):
            if el.get(w(attr)) is None:
                problems.append(f"{etree.QName(el).localname} without w:{attr}")
        seen_ids[el.get(w("id"))] += 1
        if where == w("rPr"):  # paragraph-mark revision: empty, and first in the mark's properties
            if len(el):
                problems.append("paragraph-mark revision with content")
            if el.getparent().getparent().tag != w("pPr"):
                problems.append("revision inside a run's properties")
            continue
        if any(any(a.tag == t for a in el.iterancestors()) for t in REVISIONS):
            problems.append(f"nested {etree.QName(el).localname}")
        for child in el:
            if child.tag != w("r"):
                problems.append(f"{etree.QName(el).localname} holds {etree.QName(child).localname}, not a run")
        removes = el.tag in (w("del"), w("moveFrom"))
        for r in el.iter(w("r")):
            if removes and r.find(w("t")) is not None:
                problems.append(f"{etree.QName(el).localname} run with w:t instead of w:delText")
            if not removes and r.find(w("delText")) is not None:
                problems.append(f"{etree.QName(el).localname} run with w:delText")
    for r in root.iter(w("r")):
        if r.find(w("delText")) is not None and not any(a.tag in (w("del"), w("moveFrom")) for a in r.iterancestors()):
            problems.append("w:delText outside a deletion")
    for t in root.iter(w("t"), w("delText")):
        if t.text and t.text != t.text.strip() and t.get("{http://www.w3.org/XML/1998/namespace}space") != "preserve":
            problems.append(f"edge spaces without xml:space=preserve: {t.text!r}")
    # move ranges: starts and ends pair up by id; names pair a source with a destination
    for kind in ("moveFrom", "moveTo"):
        starts = {e.get(w("id")): e for e in root.iter(w(f"{kind}RangeStart"))}
        ends = [e.get(w("id")) for e in root.iter(w(f"{kind}RangeEnd"))]
        for rid, e in starts.items():
            seen_ids[rid] += 1
            if e.get(w("name")) is None:
                problems.append(f"{kind}RangeStart without w:name")
            for attr in ("author", "date"):
                if e.get(w(attr)) is None:
                    problems.append(f"{kind}RangeStart without w:{attr}")
        if sorted(starts) != sorted(ends):
            problems.append(f"{kind} range starts {sorted(starts)} and ends {sorted(ends)} do not pair up")
    names_from = Counter(e.get(w("name")) for e in root.iter(w("moveFromRangeStart")))
    names_to = Counter(e.get(w("name")) for e in root.iter(w("moveToRangeStart")))
    if names_from != names_to or any(n > 1 for n in names_from.values()):
        problems.append(f"move names do not pair: from {dict(names_from)} to {dict(names_to)}")
    # every moveFrom/moveTo container lies inside its kind's range
    for kind in ("moveFrom", "moveTo"):
        open_ranges: set[str] = set()
        for el in root.iter(w(f"{kind}RangeStart"), w(f"{kind}RangeEnd"), w(kind)):
            if el.tag == w(f"{kind}RangeStart"):
                open_ranges.add(el.get(w("id")))
            elif el.tag == w(f"{kind}RangeEnd"):
                open_ranges.discard(el.get(w("id")))
            elif el.getparent().tag != w("rPr") and not open_ranges:
                problems.append(f"{kind} outside a {kind} range")
    problems += [f"revision id {i} used {n} times" for i, n in seen_ids.items() if n > 1]
    return problems


def revision_counts(root: etree._Element) -> Counter[str]:
    return Counter(etree.QName(el).localname + ("-mark" if el.getparent().tag == w("rPr") else "")
                   for el in root.iter(*REVISIONS))
