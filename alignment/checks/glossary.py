"""Glossaries: the shipped one (alignment/data/glossary/*.tsv) and the user's (TSV, CSV or TBX).

A term is kept as its English stem sequence and its Russian renderings as lemma sequences, so matching
works in any inflected form. TBX is parsed with a hardened lxml parser: no entities, no DTD, no network.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alignment.checks.words import lemma_sequence
from alignment.errors import ParityError


@dataclass(frozen=True)
class Term:
    english: str
    russian: tuple[str, ...]  # as written
    en_seq: tuple[str, ...]
    ru_seqs: tuple[tuple[str, ...], ...]
    source: str  # "shipped" or the user file's name


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    by_first: dict  # first English stem -> terms starting with it


def make_term(english: str, russian: list[str], source: str) -> Term | None:
    en_seq = lemma_sequence(english, russian=False)
    alts = tuple(r.strip() for r in russian if r.strip())
    ru_seqs = tuple(s for s in (lemma_sequence(r, russian=True) for r in alts) if s)
    if not en_seq or not ru_seqs:
        return None
    return Term(english.strip(), alts, en_seq, ru_seqs, source)


def _split_alternatives(cell: str) -> list[str]:
    for sep in ("|", ";"):
        if sep in cell:
            return cell.split(sep)
    return [cell]


def parse_table(text: str, source: str, delimiter: str) -> list[Term]:
    """Two columns (English, Russian; alternatives split by '|' or ';'); '#' lines and a header row skipped."""
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    out = []
    for row in rows:
        if not row or row[0].lstrip().startswith("#") or len(row) < 2:
            continue
        if row[0].strip().lower() in ("english", "en", "source", "term"):
            continue
        term = make_term(row[0], _split_alternatives(row[1]), source)
        if term is not None:
            out.append(term)
    return out


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_tbx(data: bytes, source: str) -> list[Term]:
    """TBX (ISO 30042; TBX-Basic and TBX 2019 'conceptEntry'): English and Russian terms of each entry."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ParityError(f"{source}: not a readable TBX file ({exc})") from None
    out = []
    for entry in root.iter():
        if not isinstance(entry.tag, str) or etree.QName(entry).localname not in ("termEntry", "conceptEntry"):
            continue
        langs: dict[str, list[str]] = {}
        for lang_set in entry:
            if isinstance(lang_set.tag, str) and etree.QName(lang_set).localname in ("langSec", "langSet"):
                lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()[:2]
                for term in lang_set.iter():
                    if isinstance(term.tag, str) and etree.QName(term).localname == "term":
                        text = "".join(term.itertext()).strip()
                        if text:
                            langs.setdefault(lang, []).append(text)
        for english in langs.get("en", []):
            term = make_term(english, langs.get("ru", []), source)
            if term is not None:
                out.append(term)
    return out


def read_glossary(path: str | Path) -> list[Term]:
    """A user glossary; the format follows the extension (.tbx, .csv, else tab-separated)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ParityError(f"{p}: cannot read the glossary ({exc.strerror or exc})") from None
    suffix = p.suffix.lower()
    if suffix in (".tbx", ".xml"):
        terms = parse_tbx(data, p.name)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ParityError(f"{p}: the glossary is not UTF-8 text") from None
        terms = parse_table(text, p.name, "," if suffix == ".csv" else "\t")
    if not terms:
        raise ParityError(f"{p}: no English-Russian term pairs found in the glossary")
    return terms


def shipped_terms() -> list[Term]:
    folder = resources.files("alignment") / "data" / "glossary"
    out: list[Term] = []
    for item in sorted(folder.iterdir(), key=lambda x: x.name):
        if item.name.endswith(".tsv"):
            out += parse_table(item.read_text(encoding="utf-8"), "shipped", "\t")
    return out


def load_glossaries(user_paths=()) -> Glossary:
    terms = shipped_terms()
    for path in user_paths:
        terms += read_glossary(path)
    by_first: dict = {}
    for t in terms:
        by_first.setdefault(t.en_seq[0], []).append(t)
    return Glossary(tuple(terms), {k: tuple(v) for k, v in by_first.items()})
