"""Reader for PDF text layers (born-digital PDFs: from Word, LibreOffice, the UN's publishing chain).

pypdf opens the file first (damage, encryption, page count are reported without parsing any page), then
pdfplumber gives every character with its font, size and position, which the text layer alone does not: italics
(the opening phrases), superscript footnote markers and the smaller footnote text at the page bottom.

Per page: characters -> lines (superscripts attached to the line they sit on) -> running headers/footers and
page numbers dropped (lines repeated at the top or bottom of at least half the pages, digits ignored) -> the
footnote area split off (small lines below the body, each footnote opening with its marker) -> body lines
rejoined into paragraphs (vertical gaps, list labels, a short last line, a change of weight or size), with
line-break hyphens removed only where the document itself (or the Russian dictionary) shows the joined word.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field

from alignment import limits
from alignment.errors import InputError, NoTextError
from alignment.reading.inline import Piece, assemble
from alignment.reading.raw import RawBlock, RawDocument, RawFootnote

MAX_PAGES = limits.MAX_PDF_PAGES
MAX_SECONDS = limits.MAX_PDF_SECONDS  # a pathological page stream must not hang the app
_LOG = logging.getLogger(__name__)
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_ITALIC = re.compile(r"italic|oblique|[-,]it$|[-,](?:bold|demi|semibold|medium)?it(?:mt)?$|inclined", re.I)
_BOLD = re.compile(r"bold|black|heavy|[-,]bd", re.I)
_MARKER = re.compile(r"^(?:\d{1,3}|\*{1,3}|[†‡§])$")
_LABEL = re.compile(r"^(?:\d{1,3}\.|\(?[a-zA-Zа-яА-Я]{1,5}\))\s")
_FOOTNOTE_START = re.compile(r"^(\d{1,3}|\*{1,3}|[†‡§])\s+\S")
_PAGE_NUMBER = re.compile(r"^\W*(?:page|стр\.?|страница)?\s*\d{1,4}(?:\s*(?:of|/|из)\s*\d{1,4})?\W*$", re.I)
_SENTENCE_END = (".", ";", ":", ",", "!", "?")
_EN_SUFFIXES = ("tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ances", "ence",
                "ences", "ing", "ings", "ed", "ly", "ally", "ous", "ive", "ives", "able", "ible", "al", "als", "ize",
                "izes", "ized", "ise", "ised", "ship", "ist", "ists", "ism", "ure", "ures", "er", "ers", "es", "ful")


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    italic: bool
    bold: bool
    sup: bool = False


@dataclass
class _Line:
    chars: list[_Char]
    page: int
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)

    def finish(self) -> _Line:
        self.chars.sort(key=lambda c: c.x0)
        body = [c for c in self.chars if not c.sup] or self.chars
        self.top = min(c.top for c in body)
        self.bottom = max(c.bottom for c in body)
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.size = Counter(round(c.size, 1) for c in body if c.text.strip()).most_common(1)[0][0] if any(
            c.text.strip() for c in body) else body[0].size
        self.pieces = self._pieces()
        self.text = "".join(p.text for p in self.pieces if p.footnote is None).strip()
        return self

    def _pieces(self) -> list[Piece]:
        out: list[Piece] = []
        marker: list[str] = []
        prev: _Char | None = None

        def flush_marker() -> None:
            if marker:
                label = "".join(marker)
                out.append(Piece("", footnote=label) if _MARKER.match(label) else Piece(label))
                marker.clear()

        for c in self.chars:
            if prev is not None and c.x0 - prev.x1 > 0.2 * self.size_hint() and c.text != " " and prev.text != " ":
                flush_marker()
                out.append(Piece(" ", prev.italic and c.italic, prev.bold and c.bold))
            if c.sup and c.text.strip():
                marker.append(c.text)
            else:
                flush_marker()
                out.append(Piece(c.text, c.italic, c.bold))
            prev = c
        flush_marker()
        # a space set in the upright font between two italic words is part of the italic phrase
        for k in range(1, len(out) - 1):
            p = out[k]
            if p.footnote is None and not p.text.strip():
                a, b = out[k - 1], out[k + 1]
                out[k] = Piece(p.text, a.italic and b.italic, a.bold and b.bold)
        return out

    def size_hint(self) -> float:
        return max((c.size for c in self.chars if not c.sup), default=10.0)

    @property
    def all_bold(self) -> bool:
        return all(c.bold for c in self.chars if c.text.strip() and not c.sup)

    @property
    def starts_italic(self) -> bool:
        first = next((c for c in self.chars if c.text.strip() and not c.sup), None)
        return bool(first and first.italic)


# -------------------------------------------------------------------------------------------- opening


def _open(data: bytes, path: str):
    """pypdf gate (damage, encryption, page limit), then the pdfplumber document."""
    import pdfplumber
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        if encrypted:
            try:
                if not reader.decrypt(""):
                    raise InputError("the PDF is password-protected; open it, remove the password and save it again", path)
            except InputError:
                raise
            except Exception:  # noqa: BLE001 - pypdf may lack the AES backend: pdfminer below tries again
                _LOG.debug("pypdf could not decrypt %s", path)
        pages = len(reader.pages)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted bytes is a damaged file
        _LOG.debug("pypdf cannot open %s: %r", path, exc)
        raise InputError("the PDF is damaged or truncated and cannot be read", path) from None
    if pages == 0:
        raise NoTextError("the PDF has no pages", path)
    if pages > MAX_PAGES:
        raise InputError(f"the PDF has {pages} pages; Parity reads at most {MAX_PAGES} (split the file)", path)
    try:
        return pdfplumber.open(io.BytesIO(data), password="")
    except Exception as exc:  # noqa: BLE001
        if "password" in type(exc).__name__.lower() or "encrypt" in type(exc).__name__.lower():
            raise InputError("the PDF is password-protected; open it, remove the password and save it again", path) from None
        _LOG.debug("pdfplumber cannot open %s: %r", path, exc)
        raise InputError("the PDF is damaged or truncated and cannot be read", path) from None


def _page_chars(page) -> list[_Char]:
    out: list[_Char] = []
    width, height = float(page.width), float(page.height)
    seen: set[tuple[str, int, int]] = set()
    for c in page.chars:
        if not c.get("upright", True):
            continue
        x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue
        text = str(c["text"]).translate(_LIGATURES)
        if not text:
            continue
        key = (text, round(x0), round(top))
        if key in seen:  # fake bold: the same glyph printed twice, barely shifted
            continue
        seen.add(key)
        font = str(c.get("fontname", ""))
        out.append(_Char(text, x0, x1, top, bottom, float(c["size"]), bool(_ITALIC.search(font)), bool(_BOLD.search(font))))
    return out


def _lines(chars: list[_Char], page: int) -> list[_Line]:
    """Group characters by baseline, then fold smaller raised rows (superscripts) into the row they overlap."""
    rows: list[list[_Char]] = []
    for c in sorted(chars, key=lambda c: (c.bottom, c.x0)):
        if rows and abs(rows[-1][-1].bottom - c.bottom) <= max(1.5, 0.15 * c.size):
            rows[-1].append(c)
        else:
            rows.append([c])
    merged: list[list[_Char]] = []
    info = [(min(c.top for c in r), max(c.bottom for c in r), max(c.size for c in r)) for r in rows]
    target: dict[int, int] = {}
    for i, (top, bottom, size) in enumerate(info):
        best, best_overlap = None, 0.0
        for j, (t2, b2, s2) in enumerate(info):
            if j == i or size > 0.8 * s2:
                continue
            overlap = min(bottom, b2) - max(top, t2)
            if overlap > best_overlap:
                best, best_overlap = j, overlap
        if best is not None:
            target[i] = best
    for i, row in enumerate(rows):
        j = i
        for _ in range(3):
            j = target.get(j, j)
        if j != i:
            host_bottom = info[j][1]
            host_size = info[j][2]
            for c in row:
                c.sup = c.bottom < host_bottom - 0.15 * host_size
            rows[j].extend(row)
            row.clear()
    for row in rows:
        if row:
            merged.extend(_columns(row))
    lines = [_Line(r, page).finish() for r in merged if any(c.text.strip() for c in r)]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return [ln for ln in lines if ln.text]


def _columns(row: list[_Char]) -> list[list[_Char]]:
    """Split a row where a gap is far wider than any justified space: side-by-side header fields, table cells."""
    row.sort(key=lambda c: c.x0)
    out: list[list[_Char]] = [[row[0]]]
    for prev, c in zip(row, row[1:], strict=False):
        if c.x0 - prev.x1 > max(6 * max(prev.size, c.size), 60.0) and not c.sup:
            out.append([c])
        else:
            out[-1].append(c)
    return out


# ----------------------------------------------------------------------------------------- furniture


# UN print furniture found on one page only: the job number ("V.11-82150 (E)", "11-12345 (R)") and its barcode
_UN_JOB = re.compile(r"^(?:[A-Z]{1,2}\.)?\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6}\s+\d{6})?$|^\*\d{7,}\*$")


def _furniture_key(line: _Line, body_size: float) -> str:
    """Lines equal up to their digits share a key (page numbers), except footnote-like lines ("12 Ibid.")."""
    text = re.sub(r"\s+", " ", line.text.strip().lower())
    if line.size < 0.92 * body_size and _starts_note(line):
        return text
    return re.sub(r"\d+", "#", text)


def _drop_furniture(pages: list[list[_Line]], heights: list[float], body_size: float) -> int:
    """Remove running headers/footers, page numbers and UN job numbers in place; return how many lines went."""
    def edges(lines: list[_Line], height: float) -> list[_Line]:
        top = [ln for ln in lines[:3] if ln.bottom < 0.15 * height]
        bottom = [ln for ln in lines[-3:] if ln.top > 0.85 * height]
        return top + [ln for ln in bottom if ln not in top]

    counts: Counter[str] = Counter()
    for lines, h in zip(pages, heights, strict=True):
        counts.update({_furniture_key(ln, body_size) for ln in edges(lines, h)})
    need = max(2, math.ceil(len(pages) / 2))
    running = {k for k, n in counts.items() if n >= need}
    dropped = 0
    for lines, h in zip(pages, heights, strict=True):
        for ln in edges(lines, h):
            if _furniture_key(ln, body_size) in running or _PAGE_NUMBER.match(ln.text) or _UN_JOB.match(ln.text):
                lines.remove(ln)
                dropped += 1
    return dropped


# ----------------------------------------------------------------------------------------- footnotes


def _split_footnotes(lines: list[_Line], body_size: float, rules: list[float]) -> tuple[list[_Line], list[_Line]]:
    """(body lines, footnote-area lines) of one page.

    The area is the run of smaller lines at the bottom that holds at least one note opening with its marker
    (a note continued from the previous page comes first, without one); failing that, the lines below a short
    separator rule when the first of them opens with a marker (notes set in the body size).
    """
    k = len(lines)
    while k > 0 and lines[k - 1].size < 0.92 * body_size:
        k -= 1
    if 0 < k < len(lines) and any(_starts_note(ln) for ln in lines[k:]):
        return lines[:k], lines[k:]
    for rule in sorted(rules):
        below = [i for i, ln in enumerate(lines) if ln.top > rule]
        if below and below[0] > 0 and _starts_note(lines[below[0]]):
            return lines[: below[0]], lines[below[0] :]
    return lines, []


def _starts_note(line: _Line) -> bool:
    first = next((p for p in line.pieces if p.footnote is not None or p.text.strip()), None)
    return bool(first and (first.footnote is not None or _FOOTNOTE_START.match(line.text)))


def _notes_of(area: list[_Line], notes: list[tuple[str, list[_Line]]]) -> None:
    for ln in area:
        first = next((p for p in ln.pieces if p.footnote is not None or p.text.strip()), None)
        if first is not None and first.footnote is not None:
            notes.append((first.footnote, [ln]))
            idx = ln.pieces.index(first)
            ln.pieces = ln.pieces[idx + 1 :]
            continue
        m = _FOOTNOTE_START.match(ln.text)
        if m and (not notes or _plausible_next(notes[-1][0], m.group(1))):
            notes.append((m.group(1), [ln]))
            _strip_prefix(ln, m.group(1))
            continue
        if notes:
            notes[-1][1].append(ln)
        else:
            notes.append(("", [ln]))


def _plausible_next(prev: str, marker: str) -> bool:
    return not (prev.isdigit() and marker.isdigit()) or int(marker) == int(prev) + 1


def _strip_prefix(line: _Line, marker: str) -> None:
    """Drop the leading marker characters from a footnote line's pieces."""
    left = len(marker)
    out: list[Piece] = []
    for p in line.pieces:
        if left and p.footnote is None:
            stripped = p.text.lstrip() if not out else p.text
            take = min(left, len(stripped))
            left -= take
            rest = stripped[take:]
            if rest:
                out.append(Piece(rest, p.italic, p.bold))
            continue
        out.append(p)
    line.pieces = out


# ------------------------------------------------------------------------------------------ paragraphs

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class _Dehyphenator:
    """Decides whether ``left-`` + ``right`` at a line break is one word or a real hyphenated compound."""

    def __init__(self, texts: list[str]) -> None:
        self.words = Counter(w.lower() for t in texts for w in _WORD.findall(t))
        self._morph = None

    def join(self, left: str, right: str) -> bool:
        lw = re.search(r"([^\W\d_]+)-$", left)
        rw = re.match(r"([^\W\d_]+)", right)
        if not lw or not rw or not rw.group(1)[0].islower():
            return False
        a, b = lw.group(1).lower(), rw.group(1).lower()
        joined, compound = a + b, f"{a}-{b}"
        if self.words[compound] > self.words[joined]:
            return False
        if self.words[joined]:
            return True
        if re.match(r"[а-яё]", b):
            morph = self._russian()
            return bool(morph and morph.word_is_known(joined))  # compounds ("государства-члены") are not words joined
        # English without a dictionary: only a bare suffix ("organiza-" + "tion") is surely a split word
        return b in _EN_SUFFIXES and len(a) >= 3

    def _russian(self):
        if self._morph is None:
            try:
                import pymorphy3

                self._morph = pymorphy3.MorphAnalyzer()
            except Exception:  # noqa: BLE001 - the dictionary is optional for this one decision
                self._morph = False
        return self._morph or None


def _line_gap_stats(pages: list[list[_Line]], body_size: float) -> float:
    pitches: Counter[float] = Counter()
    for lines in pages:
        for a, b in zip(lines, lines[1:], strict=False):
            if abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5:
                pitch = round(b.bottom - a.bottom, 0)
                if 0 < pitch < 3 * body_size:
                    pitches[pitch] += 1
    return pitches.most_common(1)[0][0] if pitches else body_size * 1.2


def _breaks(a: _Line, b: _Line, pitch: float, right: float) -> bool:
    """Does a new paragraph start at line ``b`` (same page, right after ``a``)?"""
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return True
    if a.all_bold != b.all_bold:
        return True
    if b.top - a.bottom > (pitch - a.size) + 0.45 * a.size:
        return True
    ends = a.text.rstrip().endswith(_SENTENCE_END)
    if ends and _LABEL.match(b.text):
        return True
    if ends and b.x0 - a.x0 > 0.9 * a.size and not _LABEL.match(a.text):
        return True  # a first-line indent (a hanging label's continuation lines are indented too: excluded)
    short = a.x1 < right - 0.12 * (right - a.x0) if right > a.x0 else False
    return ends and short and (b.starts_italic or b.text[:1].isupper() or b.text[:1].isdigit())


def _block(lines: list[_Line], after_break: bool, dehyph: _Dehyphenator, body_size: float = 0.0) -> RawBlock | None:
    pieces: list[Piece] = []
    for i, ln in enumerate(lines):
        if i:
            prev_text = "".join(p.text for p in pieces).rstrip()
            if prev_text.endswith("\u00ad"):  # a soft hyphen: always a line-break hyphen
                _drop_trailing_hyphen(pieces)
            elif re.search(r"[^\W\d_]-$", prev_text) and ln.text[:1].isalpha():
                if dehyph.join(prev_text, ln.text):
                    _drop_trailing_hyphen(pieces)
                # else a real compound ("public-private"): keep the hyphen, no space
            else:
                last = next((p for p in reversed(pieces) if p.footnote is None), None)
                first = next((p for p in ln.pieces if p.footnote is None), None)
                italic = bool(last and first and last.italic and first.italic)
                pieces.append(Piece(" ", italic, bool(last and first and last.bold and first.bold)))
        pieces.extend(ln.pieces)
    inline = assemble(pieces)
    if not inline.text:
        return None
    bold = bool(inline.bold_spans) and inline.bold_spans[0].start == 0 and inline.bold_spans[-1].end == len(inline.text)
    size = max(ln.size for ln in lines)
    return RawBlock(
        text=inline.text,
        emphasis=inline.emphasis,
        bold=bold,
        heading_level=1 if body_size and size >= 1.2 * body_size else 0,
        footnote_refs=inline.footnote_refs,
        after_page_break=after_break,
        page=lines[0].page,
        lines=tuple(t for ln in lines if (t := assemble(ln.pieces).text)),
    )


def _drop_trailing_hyphen(pieces: list[Piece]) -> None:
    for k in range(len(pieces) - 1, -1, -1):
        p = pieces[k]
        if p.footnote is not None or not p.text.strip():
            if p.footnote is None:
                pieces.pop(k)
            continue
        pieces[k] = Piece(p.text.rstrip()[:-1], p.italic, p.bold)
        return


def _rules(page) -> list[float]:
    """Tops of short horizontal rules in the lower half: footnote separators."""
    out = []
    width, height = float(page.width), float(page.height)
    for obj in list(page.lines) + list(page.rects):
        w_, h_ = float(obj["x1"]) - float(obj["x0"]), float(obj["bottom"]) - float(obj["top"])
        if h_ < 2 and 20 < w_ < 0.6 * width and float(obj["top"]) > 0.4 * height:
            out.append(float(obj["top"]))
    return out


@contextlib.contextmanager
def _quiet_libraries():
    """pypdf and pdfminer log and warn about every oddity of a damaged file; the user gets one message instead."""
    loggers = [logging.getLogger(name) for name in ("pypdf", "pdfminer", "pdfplumber")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def read_pdf(data: bytes, path: str, sha256: str) -> RawDocument:
    """Read a PDF's text layer as paragraphs and footnotes, page furniture removed."""
    with _quiet_libraries():
        return _read_pdf(data, path, sha256)


def _read_pdf(data: bytes, path: str, sha256: str) -> RawDocument:
    pdf = _open(data, path)
    try:
        pages: list[list[_Line]] = []
        heights: list[float] = []
        rules: list[list[float]] = []
        started = time.monotonic()
        try:
            page_list = pdf.pages  # built lazily by pdfplumber: a damaged page dictionary fails here
        except Exception:  # noqa: BLE001 - e.g. a missing or malformed MediaBox
            raise InputError("the PDF is damaged: its page list cannot be read", path) from None
        for number, page in enumerate(page_list, start=1):
            if time.monotonic() - started > MAX_SECONDS:
                raise InputError(
                    f"reading the PDF took over {MAX_SECONDS} s and stopped at page {number} of {len(pdf.pages)}; "
                    "its pages are unusually complex (split the file or export it again)", path)
            try:
                chars = _page_chars(page)
                page_rules = _rules(page) if chars else []
                height = float(page.height)
            except Exception:  # noqa: BLE001 - a damaged page stream
                raise InputError(f"the PDF is damaged: page {number} cannot be read", path) from None
            rules.append(page_rules)
            pages.append(_lines(chars, number))
            heights.append(height)
            with contextlib.suppress(Exception):
                page.close()  # drop pdfplumber's per-page object cache: long documents stay small in memory
    finally:
        with contextlib.suppress(Exception):  # closing walks the pages again; a damaged one must not mask the error
            pdf.close()
    all_chars = sum(len(ln.text) for lines in pages for ln in lines)
    if all_chars < 10:
        raise NoTextError("the PDF has no text layer (scanned?); run OCR first", path)
    undecodable = sum(ln.text.count("(cid:") for lines in pages for ln in lines)
    if undecodable * 8 > all_chars * 0.1:  # "(cid:123)" stands for a glyph whose font has no Unicode map
        raise NoTextError("the PDF's text cannot be decoded (its fonts lack a Unicode map); run OCR first", path)

    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[ln.size] += len(ln.text)
    body_size = sizes.most_common(1)[0][0]
    dropped = _drop_furniture(pages, heights, body_size)

    body_pages: list[list[_Line]] = []
    notes: list[tuple[str, list[_Line]]] = []
    for lines, page_rules in zip(pages, rules, strict=True):
        body, area = _split_footnotes(lines, body_size, page_rules)
        body_pages.append(body)
        _notes_of(area, notes)
    pitch = _line_gap_stats(body_pages, body_size)
    right = max((ln.x1 for lines in body_pages for ln in lines if abs(ln.size - body_size) < 0.5), default=0.0)
    dehyph = _Dehyphenator([ln.text for lines in pages for ln in lines])

    blocks: list[RawBlock] = []
    current: list[_Line] = []
    current_break = False
    for page_index, lines in enumerate(body_pages):
        for i, ln in enumerate(lines):
            if current and i == 0 and page_index > 0:
                prev = current[-1].text.rstrip()
                if prev.endswith("-") and ln.text[:1].islower() and dehyph.join(prev, ln.text):
                    current.append(ln)  # a word split across the page break: same paragraph
                    continue
                if (block := _block(current, current_break, dehyph, body_size)) is not None:
                    blocks.append(block)
                current, current_break = [ln], True
                continue
            if current and i > 0 and _breaks(current[-1], ln, pitch, right):
                if (block := _block(current, current_break, dehyph, body_size)) is not None:
                    blocks.append(block)
                current, current_break = [], False
            if not current and i == 0 and page_index > 0:
                current_break = True
            current.append(ln)
    if current and (block := _block(current, current_break, dehyph, body_size)) is not None:
        blocks.append(block)

    footnotes: list[tuple[str, RawBlock]] = []
    footnote_lines: list[list[_Line]] = []
    for marker, note_lines in notes:
        if not marker and footnotes:  # a note continued from the previous page
            marker, note_lines = footnotes.pop()[0], [*footnote_lines.pop(), *note_lines]
        inline = _block(note_lines, False, dehyph)
        if inline is None:
            continue
        footnotes.append((marker, inline))
        footnote_lines.append(note_lines)
    out_notes = []
    if dropped:
        out_notes.append(f"dropped {dropped} page-furniture line(s) (running headers/footers, page numbers)")
    raw_notes = tuple(RawFootnote(m, b.text, b.emphasis) for m, b in footnotes)
    return RawDocument(path, sha256, "pdf", tuple(blocks), raw_notes, tuple(out_notes))
