"""UN resolution structure, language-aware: header block, title, opening, preambular and operative paragraphs,
lettered subparagraphs, footnotes.

Works on ``RawBlock``s from any reader, so .md, .docx, .pdf and plain text get the same analysis.
"""

from __future__ import annotations

import re
from dataclasses import replace

from alignment.document import (
    Document,
    Footnote,
    FootnoteRef,
    HeaderField,
    Language,
    Paragraph,
    ParagraphKind,
    Span,
)
from alignment.errors import NoTextError, WrongLanguageError
from alignment.language import detect_language
from alignment.reading.raw import RawBlock, RawDocument
from alignment.textnorm import latinize_lookalikes

_OPENING = {
    Language.EN: re.compile(
        r"^(?=[A-Z])[\w\s,'’\-()]*?(?:Assembly|Council|Commission|Conference|Committee|Board|Meeting|"
        r"Parties|Forum|Congress|Session|Organization)\b[^;.]*,$"
    ),
    Language.RU: re.compile(
        r"^(?=[А-ЯЁ])[\w\s,'’\-()«»]*?(?:Ассамбле|Совет|Комисси|Конференци|Комитет|Совещани|Сторон|Форум|Конгресс|"
        r"Сесси|Организаци)\w*[^;.]*,$"
    ),
}
_SPONSOR = re.compile(r"draft (?:resolution|decision)|проект (?:резолюции|решения)", re.IGNORECASE)
_REVISED = re.compile(r"revised draft|пересмотренный проект", re.IGNORECASE)
_NUMBER_LABEL = re.compile(r"^(\d{1,3})\.\s+")
_LETTER_LABEL = re.compile(r"^\(?([a-zа-я]{1,5})\)\s+", re.IGNORECASE)
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_RU = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_SYMBOL = re.compile(r"\b(?:[A-Z]{1,6}/)+(?:[A-Z0-9.\-]+/)*L\.\d+(?:/(?:Rev|Add|Corr)\.\d+)*\b")


def _shift_block(block: RawBlock, cut: int) -> RawBlock:
    """Drop the first ``cut`` characters of a block, keeping emphasis and footnote offsets right."""
    text = block.text[cut:]
    emph = tuple(Span(max(s.start - cut, 0), s.end - cut) for s in block.emphasis if s.end > cut)
    refs = tuple(FootnoteRef(r.marker, max(r.offset - cut, 0)) for r in block.footnote_refs)
    return replace(block, text=text, emphasis=emph, footnote_refs=refs)


def _join_blocks(a: RawBlock, b: RawBlock) -> RawBlock:
    """Rejoin a paragraph split by a page break."""
    off = len(a.text) + 1
    return replace(
        a,
        text=f"{a.text} {b.text}",
        emphasis=a.emphasis + tuple(Span(s.start + off, s.end + off) for s in b.emphasis),
        footnote_refs=a.footnote_refs + tuple(FootnoteRef(r.marker, r.offset + off) for r in b.footnote_refs),
    )


def _leading_emphasis(block: RawBlock) -> Span | None:
    if block.emphasis and block.emphasis[0].start == 0 and block.emphasis[0].end < len(block.text):
        return block.emphasis[0]
    return None


def _split_label(block: RawBlock) -> tuple[str, RawBlock]:
    """Separate a visible number/letter label from the block text (or take the reader's list label)."""
    if block.list_label:
        return block.list_label.strip(), block
    for pattern in (_NUMBER_LABEL, _LETTER_LABEL):
        m = pattern.match(block.text)
        if m:
            return m.group(0).strip(), _shift_block(block, m.end())
    return "", block


def _find_opening(blocks: list[RawBlock], lang: Language) -> int | None:
    pattern = _OPENING[lang]
    for i, b in enumerate(blocks):
        text = b.text.strip()
        if len(text) > 250 or b.list_label or _NUMBER_LABEL.match(text):
            continue
        if pattern.match(text):
            # the opening is followed by body paragraphs, not more header lines
            rest = blocks[i + 1 : i + 4]
            if any(_leading_emphasis(r) or _NUMBER_LABEL.match(r.text) or r.list_label for r in rest) or not b.heading_level:
                return i
    return None


def _parse_header(blocks: list[RawBlock], lang: Language) -> tuple[HeaderField, ...]:
    fields: list[HeaderField] = []
    joined_lines = [line for b in blocks for line in (b.lines or (b.text,))]
    months = _MONTHS_RU if lang is Language.RU else _MONTHS_EN
    rules = [
        ("distribution", re.compile(r"^Distr\.?:?\s*(.+)$", re.I)),
        ("date", re.compile(rf"^(\d{{1,2}}\s+(?:{_MONTHS_EN}|{_MONTHS_RU})\s+\d{{4}}(?:\s+года)?)$", re.I)),
        ("original", re.compile(r"^(?:Original|Язык оригинала):\s*(.+)$", re.I)),
        ("language", re.compile(r"^(English|Russian|French|Spanish|Arabic|Chinese|Английский|Русский)$", re.I)),
        ("agenda_item", re.compile(r"^(Agenda item\s+\S+|Пункт\s+\S+\s+повестки дня.*|Item\s+\d+.*)$", re.I)),
        ("session", re.compile(r"^(.*\b(?:session|сессия)\b.*)$", re.I)),
        ("place_dates", re.compile(rf"^([A-ZА-ЯЁ][\w\s]+,\s*\d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+(?:{months})\s+\d{{4}}.*)$")),
    ]
    for i, b in enumerate(blocks):
        if _SPONSOR.search(b.text):
            fields.append(HeaderField("sponsor_line", b.text))
            sponsor = re.split(r":\s*", b.text, maxsplit=1)[0] if ":" in b.text else ""
            if sponsor:
                fields.append(HeaderField("sponsors", sponsor))
            fields.append(HeaderField("revised", "yes" if _REVISED.search(b.text) else "no"))
            continue
        if i == 0 and b.heading_level:
            fields.append(HeaderField("body", b.text))
            continue
        if b.heading_level and not any(f.name == "committee" for f in fields) and not re.search(r"session|сесси", b.text, re.I):
            fields.append(HeaderField("committee", b.text))
            continue
        if b.bold and not b.heading_level and any(f.name == "agenda_item" for f in fields):
            fields.append(HeaderField("agenda_title", b.text))
            continue
        matched = False
        for line in b.lines or (b.text,):
            for name, rx in rules:
                m = rx.match(line.strip())
                if m and not any(f.name == name for f in fields):
                    fields.append(HeaderField(name, m.group(1).strip()))
                    matched = True
                    break
        if not matched and not b.heading_level:
            fields.append(HeaderField("text", b.text))
    symbol = next((m.group(0) for line in joined_lines for m in [_SYMBOL.search(line)] if m), None)
    if symbol:
        fields.append(HeaderField("symbol", symbol))
    return tuple(fields)


def _merge_page_splits(blocks: list[RawBlock], uses_leads: bool, lang: Language) -> list[RawBlock]:
    out: list[RawBlock] = []
    for b in blocks:
        if out and b.after_page_break and not b.list_label and not _NUMBER_LABEL.match(b.text) and not _LETTER_LABEL.match(b.text):
            prev = out[-1]
            prev_open = not prev.text.rstrip().endswith((",", ";", ".", ":"))
            if uses_leads:
                # every paragraph opens with an italic phrase here: a block without one continues the last
                join = _leading_emphasis(b) is None and not b.heading_level
            else:
                # Russian paragraphs start in lower case, so only English can use that signal
                join = prev_open or (lang is Language.EN and b.text[:1].islower())
            if join:
                out[-1] = _join_blocks(prev, b)
                continue
        out.append(b)
    return out


def _lines_document(raw: RawDocument, blocks: list[RawBlock], lang: Language) -> Document:
    """A line-per-paragraph corpus file: line n (non-empty lines counted) is paragraph ``Xn``, nothing merged
    or taken as a header, so scripts can pair line n of one language with line n of the other."""
    paragraphs = tuple(
        Paragraph(id=f"X{i}", kind=ParagraphKind.OTHER, text=b.text, emphasis=b.emphasis, lead=_leading_emphasis(b), index=i - 1)
        for i, b in enumerate(blocks, start=1)
    )
    return Document(path=raw.path, sha256=raw.sha256, format=raw.format, language=lang, paragraphs=paragraphs, notes=raw.notes)


def build_document(raw: RawDocument, expected: Language | None = None) -> Document:
    """Analyse a raw document into header, title, opening and numbered body paragraphs."""
    blocks = [b for b in raw.blocks if b.text.strip()]
    if not blocks:
        raise NoTextError("the document contains no text", raw.path)
    body_text = " ".join(b.text for b in blocks)
    lang = detect_language(body_text)
    if lang is None:
        raise NoTextError("cannot tell whether the text is English or Russian (too little text, or mixed scripts)", raw.path)
    if expected is not None and lang is not expected:
        names = {Language.EN: "English", Language.RU: "Russian"}
        raise WrongLanguageError(f"this file is in {names[lang]}, but was given as the {names[expected]} text", raw.path)

    if raw.format == "lines":
        return _lines_document(raw, blocks, lang)
    opening = _find_opening(blocks, lang)
    header_blocks: list[RawBlock] = []
    title_block: RawBlock | None = None
    if opening is not None:
        before = blocks[:opening]
        if before and not _SPONSOR.search(before[-1].text):
            title_block = before[-1]
            header_blocks = before[:-1]
        else:
            header_blocks = before
        body = blocks[opening + 1 :]
    else:
        body = blocks
    uses_leads = sum(1 for b in body if _leading_emphasis(b)) >= max(2, len(body) // 3)
    body = _merge_page_splits(body, uses_leads, lang)

    paragraphs: list[Paragraph] = []
    warnings: list[str] = []

    def add(kind: ParagraphKind, pid: str, block: RawBlock, **kw: object) -> None:
        paragraphs.append(
            Paragraph(
                id=pid,
                kind=kind,
                text=block.text,
                emphasis=block.emphasis,
                footnote_refs=block.footnote_refs,
                lead=_leading_emphasis(block),
                index=len(paragraphs),
                **kw,  # type: ignore[arg-type]
            )
        )

    if title_block is not None:
        add(ParagraphKind.TITLE, "T", title_block)
    if opening is not None:
        add(ParagraphKind.OPENING, "O", blocks[opening])

    used_ids: set[str] = {p.id for p in paragraphs}

    def unique(pid: str) -> str:
        base, n = pid, 2
        while pid in used_ids:
            pid = f"{base}-{n}"
            n += 1
        used_ids.add(pid)
        return pid

    in_operative = False
    pp = op_ordinal = other = 0
    current_op: str | None = None
    current_letter: str | None = None
    numbers: list[int] = []
    for block in body:
        label, block = _split_label(block)
        num = re.match(r"^(\d{1,3})\.?$", label)
        let = re.match(r"^\(?([a-zа-я]{1,5})\)$", label, re.I)
        if num:
            in_operative = True
            op_ordinal += 1
            n = int(num.group(1))
            numbers.append(n)
            current_op, current_letter = unique(f"OP{n}"), None
            add(ParagraphKind.OPERATIVE, current_op, block, number=n, label=label)
        elif let and (in_operative or current_op is not None):
            letter = latinize_lookalikes(let.group(1).lower())
            parent = current_op or "X"
            level2 = letter in _ROMAN and current_letter is not None and not (
                len(current_letter) == 1 and len(letter) == 1 and ord(letter) == ord(current_letter[-1]) + 1
            )
            if level2 and current_letter is not None:
                pid = unique(f"{parent}.{current_letter.split('.')[0]}.{letter}")
            else:
                current_letter = letter
                pid = unique(f"{parent}.{letter}")
            add(ParagraphKind.SUBPARAGRAPH, pid, block, letter=letter, label=label)
        elif in_operative or block.text.rstrip().endswith((";", ".")) and opening is not None and not block.heading_level:
            in_operative = True
            op_ordinal += 1
            current_op, current_letter = unique(f"OP{op_ordinal}"), None
            add(ParagraphKind.OPERATIVE, current_op, block, label=label)
        elif opening is not None and not block.heading_level:
            pp += 1
            add(ParagraphKind.PREAMBULAR, unique(f"PP{pp}"), block, label=label)
        else:
            other += 1
            add(ParagraphKind.OTHER, unique(f"X{other}"), block, label=label)

    if numbers:
        if numbers[0] != 1:
            warnings.append(f"operative numbering starts at {numbers[0]}, not 1")
        for a, b in zip(numbers, numbers[1:], strict=False):
            if b == a:
                warnings.append(f"operative paragraph number {a} appears twice")
            elif b != a + 1:
                warnings.append(f"operative numbering jumps from {a} to {b}")

    footnotes: list[Footnote] = []
    seen_fn: set[str] = set()
    for fn in raw.footnotes:
        fid, k = f"FN{fn.marker}", 2
        while fid in seen_fn:
            fid, k = f"FN{fn.marker}-{k}", k + 1
        seen_fn.add(fid)
        footnotes.append(Footnote(fid, fn.marker, fn.text, fn.emphasis))
    refs = [r.marker for p in paragraphs for r in p.footnote_refs]
    fn_markers = [f.marker for f in footnotes]
    missing = sorted(set(refs) - set(fn_markers), key=lambda m: (len(m), m))
    unused = sorted(set(fn_markers) - set(refs), key=lambda m: (len(m), m))
    if missing:
        warnings.append(f"footnote marker(s) {', '.join(missing)} have no footnote text")
    if unused:
        warnings.append(f"footnote(s) {', '.join(unused)} are never referenced in the text")
    if opening is None and raw.format not in ("lines",):
        warnings.append("no opening line (e.g. 'The General Assembly,') found: kinds are guessed")

    return Document(
        path=raw.path,
        sha256=raw.sha256,
        format=raw.format,
        language=lang,
        paragraphs=tuple(paragraphs),
        footnotes=tuple(footnotes),
        header=_parse_header(header_blocks, lang),
        notes=raw.notes,
        warnings=tuple(warnings),
    )
