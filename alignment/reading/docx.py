"""Reader for Word .docx (also .docm/.dotx/.dotm: same main part; macros are never touched).

The package is opened with ``ooxml_safe`` and every part is parsed with lxml directly: python-docx's paragraph API
skips runs inside ``w:ins``/``w:hyperlink`` and has no footnote or numbering support (its issues #1 and #471),
so the body is walked here. What Word *shows* is what is read:

- automatic list numbers are computed from numbering.xml (abstractNum/num, lvlText, numFmt, start, overrides,
  counters shared per abstractNum and restarted by deeper levels) and handed over as ``RawBlock.list_label``;
- footnote references become markers numbered as Word numbers them; footnote texts come from footnotes.xml;
- tracked changes are read as accepted (insertions and move targets kept, deletions and move sources dropped)
  and a note says how many there were;
- hidden text, field instructions, drawings, headers and footers (page furniture) are not read.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from lxml import etree

from alignment import limits
from alignment.errors import InputError, UnsupportedFormatError
from alignment.reading.inline import Piece, assemble
from alignment.reading.ooxml_safe import SafeZip
from alignment.reading.raw import RawBlock, RawDocument, RawFootnote

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
# ISO/IEC 29500 Strict uses other namespace names for the same vocabulary: map them to the transitional ones.
_STRICT = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": W_NS,
    "http://purl.oclc.org/ooxml/officeDocument/relationships": R_NS,
    "http://purl.oclc.org/ooxml/officeDocument/math": M_NS,
}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
_FALSE = {"0", "false", "off", "none"}
_CONTAINERS = {w(t) for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "sdtContent", "dir", "bdo")}
_BLOCK_CONTAINERS = {w(t) for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo")}
_DROPPED = {w("del"), w("moveFrom")}
_WORD_MAIN_TYPES = ("wordprocessingml", "ms-word")


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _on(el: etree._Element | None) -> bool | None:
    """OOXML on/off property: absent -> None, ``<w:i/>`` -> True, ``<w:i w:val="0"/>`` -> False."""
    if el is None:
        return None
    return el.get(W_VAL, "true").lower() not in _FALSE


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _strict_to_transitional(root: etree._Element) -> etree._Element:
    if etree.QName(root).namespace not in _STRICT:
        return root
    for el in root.iter(etree.Element):
        qn = etree.QName(el)
        if qn.namespace in _STRICT:
            el.tag = f"{{{_STRICT[qn.namespace]}}}{qn.localname}"
        for name in list(el.attrib):
            aq = etree.QName(name)
            if aq.namespace in _STRICT:
                el.attrib[f"{{{_STRICT[aq.namespace]}}}{aq.localname}"] = el.attrib.pop(name)
    return root


# --------------------------------------------------------------------------------------------- the package


class _Package:
    """Locates the main document part and its related parts through the package relationships."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.zip = SafeZip(data, path, "Word file")
        names = set(self.zip.names())
        if "[Content_Types].xml" not in names:
            if "mimetype" in names and b"opendocument" in self.zip.read("mimetype", 200):
                raise UnsupportedFormatError("this is an OpenDocument file (.odt), not .docx; save it as .docx first", path)
            raise UnsupportedFormatError("this is a zip archive, not a Word document (.docx)", path)
        self.main = self._main_part(names)
        content_type = self._content_type(self.main)
        if content_type and not any(k in content_type for k in _WORD_MAIN_TYPES):
            kind = "an Excel workbook" if "spreadsheet" in content_type else (
                "a PowerPoint presentation" if "presentation" in content_type else "not a Word document")
            raise UnsupportedFormatError(f"this is {kind}, not a Word document (.docx)", path)
        self.rels = self._rels(self.main)

    def _main_part(self, names: set[str]) -> str:
        if "_rels/.rels" in names:
            for rel in self.zip.read_xml("_rels/.rels").iter(f"{{{PKG_REL_NS}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
                    target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                    if target in names:
                        return target
        if "word/document.xml" in names:
            return "word/document.xml"
        raise UnsupportedFormatError("this is an Office zip package without a Word document in it", self.path)

    def _content_type(self, part: str) -> str:
        root = self.zip.read_xml("[Content_Types].xml")
        for el in root.iter(f"{{{CT_NS}}}Override"):
            if el.get("PartName", "").lstrip("/") == part:
                return el.get("ContentType", "")
        ext = part.rsplit(".", 1)[-1]
        for el in root.iter(f"{{{CT_NS}}}Default"):
            if el.get("Extension", "").lower() == ext:
                return el.get("ContentType", "")
        return ""

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type suffix, part name) for the relationships of ``part``."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, tuple[str, str]] = {}
        if not self.zip.has(rels_name):
            return out
        for rel in self.zip.read_xml(rels_name).iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    def related(self, rel_type: str) -> etree._Element | None:
        for kind, name in self.rels.values():
            if kind == rel_type and self.zip.has(name):
                return _strict_to_transitional(self.zip.read_xml(name))
        return None

    def document(self) -> etree._Element:
        root = _strict_to_transitional(self.zip.read_xml(self.main))
        if root.tag != w("document"):
            raise UnsupportedFormatError(f"{self.main} is not a Word document body", self.path)
        return root


# ------------------------------------------------------------------------------------------------ styles


@dataclass
class _Style:
    based_on: str | None = None
    name: str = ""
    italic: bool | None = None
    bold: bool | None = None
    vanish: bool | None = None
    outline: int | None = None
    num_id: int | None = None
    ilvl: int | None = None


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_italic = self.default_bold = False
        if root is None:
            return
        rpr_default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if rpr_default is not None:
            self.default_italic = bool(_on(rpr_default.find(w("i"))))
            self.default_bold = bool(_on(rpr_default.find(w("b"))))
        for el in root.iter(w("style")):
            sid = el.get(w("styleId"), "")
            st = _Style()
            based = el.find(w("basedOn"))
            st.based_on = based.get(W_VAL) if based is not None else None
            name = el.find(w("name"))
            st.name = (name.get(W_VAL, "") if name is not None else "").lower()
            rpr = el.find(w("rPr"))
            if rpr is not None:
                st.italic, st.bold, st.vanish = _on(rpr.find(w("i"))), _on(rpr.find(w("b"))), _on(rpr.find(w("vanish")))
            ppr = el.find(w("pPr"))
            if ppr is not None:
                ol = ppr.find(w("outlineLvl"))
                st.outline = _int(ol.get(W_VAL)) if ol is not None else None
                num_pr = ppr.find(w("numPr"))
                if num_pr is not None:
                    nid, lvl = num_pr.find(w("numId")), num_pr.find(w("ilvl"))
                    st.num_id = _int(nid.get(W_VAL)) if nid is not None else None
                    st.ilvl = _int(lvl.get(W_VAL)) if lvl is not None else None
            self.styles[sid] = st
            if el.get(w("type")) == "paragraph" and el.get(w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def chain(self, sid: str | None) -> list[_Style]:
        out: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(out) < 30:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def first(self, sid: str | None, attr: str) -> object:
        for st in self.chain(sid):
            value = getattr(st, attr)
            if value is not None:
                return value
        return None

    def heading_level(self, sid: str | None) -> int:
        outline = self.first(sid, "outline")
        if isinstance(outline, int) and 0 <= outline < 9:
            return outline + 1
        for st in self.chain(sid):
            m = re.fullmatch(r"heading\s*(\d)", st.name)
            if m:
                return int(m.group(1))
            if st.name == "title":
                return 1
        return 0


# --------------------------------------------------------------------------------------------- numbering

_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                       (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter value in a Word numFmt (decimal, lowerLetter, upperRoman, russianLower, ...)."""
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("russianLower", "russianUpper"):
        k = len(_RU_LETTERS)
        s = _RU_LETTERS[(n - 1) % k] * ((n - 1) // k + 1) if n > 0 else str(n)
        return s.upper() if fmt == "russianUpper" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False


def _parse_level(el: etree._Element, base: _Level | None = None) -> _Level:
    lvl = _Level(**base.__dict__) if base else _Level()
    if (x := el.find(w("start"))) is not None:
        lvl.start = _int(x.get(W_VAL), lvl.start) or 0
    if (x := el.find(w("numFmt"))) is not None:
        lvl.fmt = x.get(W_VAL, "decimal")
    if (x := el.find(w("lvlText"))) is not None:
        lvl.text = x.get(W_VAL, "")
    if (x := el.find(w("lvlRestart"))) is not None:
        lvl.restart = _int(x.get(W_VAL))
    if (x := el.find(w("isLgl"))) is not None:
        lvl.legal = bool(_on(x))
    return lvl


@dataclass
class _Num:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, etree._Element] = field(default_factory=dict)


class _Numbering:
    """Word's list counters: shared by every num of one abstractNum, restarted by startOverride and upper levels."""

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self.nums: dict[int, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[int] = set()
        self.styles = styles
        if root is None:
            return
        for el in root.iter(w("abstractNum")):
            aid = el.get(w("abstractNumId"), "")
            self.abstract[aid] = {_int(lv.get(w("ilvl")), 0) or 0: _parse_level(lv) for lv in el.iter(w("lvl"))}
            link = el.find(w("numStyleLink"))
            if link is not None:
                self.style_link[aid] = link.get(W_VAL, "")
        for el in root.iter(w("num")):
            nid = _int(el.get(w("numId")))
            ref = el.find(w("abstractNumId"))
            if nid is None or ref is None:
                continue
            num = _Num(ref.get(W_VAL, ""))
            for ov in el.iter(w("lvlOverride")):
                ilvl = _int(ov.get(w("ilvl")), 0) or 0
                if (so := ov.find(w("startOverride"))) is not None:
                    num.start_overrides[ilvl] = _int(so.get(W_VAL), 0) or 0
                if (lv := ov.find(w("lvl"))) is not None:
                    num.level_overrides[ilvl] = lv
            self.nums[nid] = num

    def _abstract_id(self, num: _Num) -> str:
        aid = num.abstract
        for _ in range(5):  # numStyleLink -> style -> its num -> the abstractNum with the definition
            link = self.style_link.get(aid)
            if not link:
                break
            nid = self.styles.first(link, "num_id")
            target = self.nums.get(nid) if isinstance(nid, int) else None
            if target is None or target.abstract == aid:
                break
            aid = target.abstract
        return aid

    def label(self, num_id: int, ilvl: int) -> str | None:
        """Advance the counter of (num, level) and return the visible label, or None for bullets/no list."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = self._abstract_id(num)
        levels = dict(self.abstract.get(aid, {}))
        for k, el in num.level_overrides.items():
            levels[k] = _parse_level(el, levels.get(k))
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for k in num.start_overrides:
                counters.pop(k, None)

        def start_of(k: int) -> int:
            return num.start_overrides.get(k, levels[k].start if k in levels else 1)

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start_of(ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or ilvl < restart):
                counters.pop(deeper)
        if level.fmt == "bullet":
            return None

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            n = counters.get(k, start_of(k))
            fmt = levels[k].fmt if k in levels else "decimal"
            return str(n) if level.legal and fmt != "none" else format_number(n, fmt)

        label = re.sub(r"%([1-9])", value, level.text).strip()
        return label or None


# ------------------------------------------------------------------------------------------- paragraphs


@dataclass
class _Footnotes:
    """Footnote texts by id, and the numbering Word gives references in document order."""

    texts: dict[str, etree._Element]
    fmt: str
    start: int
    count: int = 0

    def next_marker(self) -> str:
        self.count += 1
        return format_number(self.start + self.count - 1, self.fmt)


@dataclass
class _Builder:
    pieces: list[Piece] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=lambda: [0])
    has_text: bool = False
    page_break_at_start: bool = False
    page_break_pending: bool = False
    custom_mark: list[str] | None = None  # collecting a footnote's custom mark

    def add(self, text: str, italic: bool, bold: bool) -> None:
        if not text:
            return
        if self.custom_mark is not None:
            self.custom_mark.append(text)
            return
        if self.page_break_pending and text.strip():
            if not self.has_text:
                self.page_break_at_start = True
            self.page_break_pending = False
        self.has_text = self.has_text or bool(text.strip())
        self.pieces.append(Piece(text, italic, bold))

    def line_break(self) -> None:
        self.pieces.append(Piece(" "))
        self.line_starts.append(len(self.pieces))


class _Reader:
    def __init__(self, pkg: _Package) -> None:
        self.pkg = pkg
        self.styles = _Styles(pkg.related("styles"))
        self.numbering = _Numbering(pkg.related("numbering"), self.styles)
        settings = pkg.related("settings")
        self.footnotes = self._notes(pkg.related("footnotes"), "footnote", settings, "decimal")
        self.endnotes = self._notes(pkg.related("endnotes"), "endnote", settings, "lowerRoman")
        self.refs: list[tuple[str, etree._Element | None]] = []  # (marker, note element) in reference order
        self.field_stack: list[bool] = []  # per open complex field: still in its instruction part?

    def _notes(self, root: etree._Element | None, kind: str, settings: etree._Element | None, fmt: str) -> _Footnotes:
        texts: dict[str, etree._Element] = {}
        if root is not None:
            for el in root.iter(w(kind)):
                if el.get(w("type"), "normal") == "normal":
                    texts[el.get(w("id"), "")] = el
        start = 1
        if settings is not None and (pr := settings.find(w(f"{kind}Pr"))) is not None:
            if (x := pr.find(w("numFmt"))) is not None:
                fmt = x.get(W_VAL, fmt)
            if (x := pr.find(w("numStart"))) is not None:
                start = _int(x.get(W_VAL), 1) or 1
        return _Footnotes(texts, fmt, start)

    # -- inline content

    def _run_props(self, rpr: etree._Element | None, pstyle: str | None) -> tuple[bool, bool, bool]:
        rstyle = None
        direct: dict[str, bool | None] = {"italic": None, "bold": None, "vanish": None}
        if rpr is not None:
            rs = rpr.find(w("rStyle"))
            rstyle = rs.get(W_VAL) if rs is not None else None
            direct = {"italic": _on(rpr.find(w("i"))), "bold": _on(rpr.find(w("b"))), "vanish": _on(rpr.find(w("vanish")))}
        out = []
        for attr in ("italic", "bold", "vanish"):
            value = direct[attr]
            if value is None:
                value = self.styles.first(rstyle, attr)
            if value is None:
                value = self.styles.first(pstyle, attr)
            if value is None:
                value = {"italic": self.styles.default_italic, "bold": self.styles.default_bold}.get(attr, False)
            out.append(bool(value))
        return out[0], out[1], out[2]

    def _run(self, r: etree._Element, b: _Builder, pstyle: str | None, in_note: bool) -> None:
        italic, bold, hidden = self._run_props(r.find(w("rPr")), pstyle)
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.field_stack.append(True)
                elif kind == "separate" and self.field_stack:
                    self.field_stack[-1] = False
                elif kind == "end" and self.field_stack:
                    self.field_stack.pop()
                continue
            if self.field_stack and self.field_stack[-1]:
                continue  # field instruction text
            if tag == w("br"):
                kind = child.get(w("type"), "textWrapping")
                if kind == "page":
                    b.page_break_pending = True
                if not hidden and b.has_text:
                    b.line_break()
                continue
            if hidden:
                continue
            if tag == w("t"):
                b.add(child.text or "", italic, bold)
            elif tag in (w("tab"), w("ptab")):
                b.add(" ", italic, bold)
            elif tag == w("cr"):
                b.line_break()
            elif tag == w("noBreakHyphen"):
                b.add("-", italic, bold)
            elif tag == w("sym"):
                try:
                    code = int(child.get(w("char"), ""), 16)
                except ValueError:
                    continue
                if 0 < code < 0x110000 and not 0xE000 <= code <= 0xF8FF:  # symbol-font glyphs have no text
                    b.add(chr(code), italic, bold)
            elif tag in (w("footnoteReference"), w("endnoteReference")) and not in_note:
                notes = self.footnotes if tag == w("footnoteReference") else self.endnotes
                note = notes.texts.get(child.get(w("id"), ""))
                if _on(child.find(w("customMarkFollows"))) or child.get(w("customMarkFollows")) in ("1", "true", "on"):
                    b.custom_mark = []
                    self.refs.append(("", note))
                    b.pieces.append(Piece("", footnote=""))
                    continue
                marker = notes.next_marker()
                self.refs.append((marker, note))
                b.pieces.append(Piece("", footnote=marker))
        if b.custom_mark is not None and any(t.strip() for t in b.custom_mark):
            marker = "".join(b.custom_mark).strip()
            b.custom_mark = None
            self.refs[-1] = (marker, self.refs[-1][1])
            idx = max(i for i, p in enumerate(b.pieces) if p.footnote == "")
            b.pieces[idx] = Piece("", footnote=marker)

    def _inline(self, el: etree._Element, b: _Builder, pstyle: str | None, in_note: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == w("r"):
                self._run(child, b, pstyle, in_note)
            elif tag in _CONTAINERS:
                self._inline(child, b, pstyle, in_note)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, b, pstyle, in_note)
            elif isinstance(tag, str) and tag.startswith(f"{{{M_NS}}}"):
                b.add("".join(t.text or "" for t in child.iter(f"{{{M_NS}}}t")), False, False)
            # w:del, w:moveFrom (deleted), bookmarks, comments, proofing marks, pPr: nothing to read

    # -- blocks

    def _paragraphs(self, container: etree._Element):
        for child in container:
            if child.tag == w("p"):
                yield child
            elif child.tag in _BLOCK_CONTAINERS:
                yield from self._paragraphs(child)

    def read_body(self, body: etree._Element) -> list[RawBlock]:
        blocks: list[RawBlock] = []
        carry: _Builder | None = None  # content of paragraphs whose paragraph mark was deleted
        break_next = False
        for p in self._paragraphs(body):
            ppr = p.find(w("pPr"))
            pstyle = self.styles.default_para
            num_id = ilvl = None
            mark_deleted = page_before = section_break = mark_hidden = False
            if ppr is not None:
                if (ps := ppr.find(w("pStyle"))) is not None:
                    pstyle = ps.get(W_VAL)
                if (npr := ppr.find(w("numPr"))) is not None:
                    nid, lvl = npr.find(w("numId")), npr.find(w("ilvl"))
                    num_id = _int(nid.get(W_VAL)) if nid is not None else None
                    ilvl = _int(lvl.get(W_VAL)) if lvl is not None else None
                page_before = bool(_on(ppr.find(w("pageBreakBefore"))))
                mark_rpr = ppr.find(w("rPr"))
                if mark_rpr is not None:
                    mark_deleted = mark_rpr.find(w("del")) is not None or mark_rpr.find(w("moveFrom")) is not None
                    mark_hidden = bool(_on(mark_rpr.find(w("vanish"))))
                sect = ppr.find(w("sectPr"))
                if sect is not None:
                    stype = sect.find(w("type"))
                    section_break = (stype.get(W_VAL) if stype is not None else "nextPage") != "continuous"
            if num_id is None:
                sid = self.styles.first(pstyle, "num_id")
                num_id = sid if isinstance(sid, int) else None
            if ilvl is None:
                sl = self.styles.first(pstyle, "ilvl")
                ilvl = sl if isinstance(sl, int) else 0
            b = carry or _Builder()
            carry = None
            if page_before or break_next:
                b.page_break_pending = True
            break_next = False
            self._inline(p, b, pstyle, in_note=False)
            if mark_deleted:
                carry = b
                continue
            label = self.numbering.label(num_id, ilvl) if num_id and not mark_hidden else None
            # a break left pending (an empty page-break paragraph, or a break after the text) or a section
            # break moves the next paragraph to a new page
            break_next = b.page_break_pending or section_break
            block = self._block(b, pstyle, label)
            if block is not None:
                blocks.append(block)
        if carry is not None and (block := self._block(carry, self.styles.default_para, None)) is not None:
            blocks.append(block)
        return blocks

    def _block(self, b: _Builder, pstyle: str | None, label: str | None) -> RawBlock | None:
        inline = assemble(b.pieces)
        if not inline.text:
            return None
        bold = bool(inline.bold_spans) and inline.bold_spans[0].start == 0 and inline.bold_spans[-1].end == len(inline.text)
        ends = [*b.line_starts[1:], len(b.pieces)]
        lines = tuple(t for s, e in zip(b.line_starts, ends, strict=True) if (t := assemble(b.pieces[s:e]).text))
        return RawBlock(
            text=inline.text,
            emphasis=inline.emphasis,
            bold=bold,
            heading_level=self.styles.heading_level(pstyle),
            list_label=label,
            footnote_refs=inline.footnote_refs,
            after_page_break=b.page_break_at_start,
            lines=lines,
        )

    def note_text(self, note: etree._Element) -> RawFootnote | None:
        b = _Builder()
        saved, self.field_stack = self.field_stack, []
        for i, p in enumerate(self._paragraphs(note)):
            ppr = p.find(w("pPr"))
            ps = ppr.find(w("pStyle")) if ppr is not None else None
            if i:
                b.add(" ", False, False)
            self._inline(p, b, ps.get(W_VAL) if ps is not None else None, in_note=True)
        self.field_stack = saved
        inline = assemble(b.pieces)
        return RawFootnote("", inline.text, inline.emphasis)


def _count_revisions(roots: list[etree._Element]) -> tuple[int, int, int]:
    ins = dels = moves = 0
    for root in roots:
        ins += sum(1 for _ in root.iter(w("ins")))
        dels += sum(1 for _ in root.iter(w("del")))
        moves += sum(1 for _ in root.iter(w("moveTo")))
    return ins, dels, moves


def read_docx(data: bytes, path: str, sha256: str) -> RawDocument:
    """Read the text Word shows (tracked changes accepted, numbering resolved) as raw blocks and footnotes."""
    pkg = _Package(data, path)
    root = pkg.document()
    body = root.find(w("body"))
    if body is None:
        raise InputError("the Word document has no body", path)
    count = sum(1 for _ in body.iter(w("p")))  # C-speed: refuse before the per-paragraph walk
    if count > limits.MAX_PARAGRAPHS:
        raise InputError(f"the file has {count:,} paragraphs (the limit is {limits.MAX_PARAGRAPHS:,})", path)
    reader = _Reader(pkg)
    blocks = reader.read_body(body)
    footnotes: list[RawFootnote] = []
    for marker, note in reader.refs:
        if note is None:
            continue
        fn = reader.note_text(note)
        if fn is not None and fn.text:
            footnotes.append(RawFootnote(marker, fn.text, fn.emphasis))
    notes: list[str] = []
    note_roots = [root] + [r for r in (pkg.related("footnotes"), pkg.related("endnotes")) if r is not None]
    ins, dels, moves = _count_revisions(note_roots)
    if ins or dels or moves:
        moved = f", {moves} move(s)" if moves else ""
        notes.append(
            f"the file holds {ins} tracked insertion(s) and {dels} tracked deletion(s){moved}; "
            "the current text (all changes accepted) was read"
        )
    return RawDocument(path, sha256, "docx", tuple(blocks), tuple(footnotes), tuple(notes))
