"""Render a sample Markdown draft to a real Word document, the way a delegate's .docx looks.

Header lines keep their headings, bold and hard line breaks; the body gets italic opening phrases; operative
paragraphs are a Word numbered list (numbering.xml: the numbers are *not* in the text); footnotes are real Word
footnotes (footnotes.xml, built with lxml since python-docx has no footnote API); the page header carries the
document symbol and the footer a PAGE field, so a PDF made from it has running furniture to remove.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from alignment.document import Document, FootnoteRef, Paragraph, ParagraphKind, Span
from alignment.reading import read_raw
from alignment.structure import build_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ABSTRACT_ID = "90"
RUNNING_HEADER = "E/CN.15/2011/L.5"


def _el(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(qn(tag))
    for k, v in attrs.items():
        el.set(qn(k), v)
    return el


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = _el(tag, **attrs)
    parent.append(el)
    return el


def _segments(text: str, emphasis: tuple[Span, ...], refs: tuple[FootnoteRef, ...]):
    """Yield ('text', s, italic) and ('ref', marker) in order for one paragraph."""
    cuts = sorted({0, len(text), *(s.start for s in emphasis), *(s.end for s in emphasis), *(r.offset for r in refs)})
    for a, b in zip(cuts, cuts[1:] + [None], strict=True):
        for r in refs:
            if r.offset == a:
                yield ("ref", r.marker)
        if b is not None and b > a:
            yield ("text", text[a:b], any(s.start <= a and b <= s.end for s in emphasis))


def _add_runs(p, text: str, emphasis, refs, *, size: Pt | None = None) -> None:
    for seg in _segments(text, emphasis, refs):
        if seg[0] == "ref":
            r = p.add_run()._r
            rpr = r.get_or_add_rPr()
            _sub(rpr, "w:vertAlign", **{"w:val": "superscript"})
            _sub(r, "w:footnoteReference", **{"w:id": seg[1]})
        else:
            run = p.add_run(seg[1])
            run.italic = seg[2] or None
            if size:
                run.font.size = size


def _numbering(document, lang: str) -> None:
    """One abstract list: level 0 '%1.' decimal (operative), level 1 '(%2)' / '%2)' lowerLetter."""
    root = document.part.numbering_part.element
    abstract = _el("w:abstractNum", **{"w:abstractNumId": ABSTRACT_ID})
    _sub(abstract, "w:multiLevelType", **{"w:val": "multilevel"})
    for ilvl, (fmt, text) in enumerate([("decimal", "%1."), ("lowerLetter", "(%2)" if lang == "en" else "%2)")]):
        lvl = _sub(abstract, "w:lvl", **{"w:ilvl": str(ilvl)})
        _sub(lvl, "w:start", **{"w:val": "1"})
        _sub(lvl, "w:numFmt", **{"w:val": fmt})
        _sub(lvl, "w:lvlText", **{"w:val": text})
        _sub(lvl, "w:lvlJc", **{"w:val": "left"})
        ppr = _sub(lvl, "w:pPr")
        _sub(ppr, "w:ind", **{"w:left": str(567 * (ilvl + 1)), "w:firstLine": "0"})
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)


def _add_num(document, num_id: int, start: int | None) -> None:
    root = document.part.numbering_part.element
    num = _sub(root, "w:num", **{"w:numId": str(num_id)})
    _sub(num, "w:abstractNumId", **{"w:val": ABSTRACT_ID})
    if start is not None:
        ov = _sub(num, "w:lvlOverride", **{"w:ilvl": "0"})
        _sub(ov, "w:startOverride", **{"w:val": str(start)})


def _set_numbering(p, num_id: int, ilvl: int) -> None:
    ppr = p._p.get_or_add_pPr()
    npr = _sub(ppr, "w:numPr")
    _sub(npr, "w:ilvl", **{"w:val": str(ilvl)})
    _sub(npr, "w:numId", **{"w:val": str(num_id)})


def _footnotes_part(document, doc: Document) -> None:
    nsmap = {"w": W_NS}
    root = etree.Element(qn("w:footnotes"), nsmap=nsmap)
    for fid, kind, child in (("-1", "separator", "w:separator"), ("0", "continuationSeparator", "w:continuationSeparator")):
        fn = _sub(root, "w:footnote", **{"w:type": kind, "w:id": fid})
        _sub(_sub(_sub(fn, "w:p"), "w:r"), child)
    for note in doc.footnotes:
        fn = _sub(root, "w:footnote", **{"w:id": note.marker})
        p = _sub(fn, "w:p")
        ppr = _sub(p, "w:pPr")
        _sub(ppr, "w:spacing", **{"w:after": "0"})
        r = _sub(p, "w:r")
        rpr = _sub(r, "w:rPr")
        _sub(rpr, "w:vertAlign", **{"w:val": "superscript"})
        _sub(rpr, "w:sz", **{"w:val": "18"})
        _sub(r, "w:footnoteRef")
        for seg in _segments(" " + note.text, tuple(Span(s.start + 1, s.end + 1) for s in note.emphasis), ()):
            r = _sub(p, "w:r")
            rpr = _sub(r, "w:rPr")
            if seg[2]:
                _sub(rpr, "w:i")
            _sub(rpr, "w:sz", **{"w:val": "18"})
            t = _sub(r, "w:t")
            t.text = seg[1]
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _page_furniture(document, un_layout: bool) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = RUNNING_HEADER
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fld = _sub(footer._p, "w:fldSimple", **{"w:instr": " PAGE "})
    _sub(_sub(fld, "w:r"), "w:t").text = "1"
    if un_layout:  # page numbers as "2/5"; the first page carries the job number and its barcode instead
        _sub(_sub(footer._p, "w:r"), "w:t").text = "/"
        fld = _sub(footer._p, "w:fldSimple", **{"w:instr": " NUMPAGES "})
        _sub(_sub(fld, "w:r"), "w:t").text = "1"
        section.different_first_page_header_footer = True
        first = section.first_page_footer
        first.paragraphs[0].text = "V.11-82150 (E)"
        first.add_paragraph("*1182150*")


def build_docx(md_path: Path, out: Path, *, un_layout: bool = False, compact: bool = False) -> Path:
    """Write ``out`` (.docx) with the content of the Markdown sample ``md_path``.

    ``un_layout``: UN print furniture (job number and barcode in the first page's footer, "n/N" page numbers) and
    every footnote text "Ibid.", so furniture removal must tell repeated footers from repeated footnotes.
    ``compact``: no space between paragraphs, a first-line indent instead (paragraphs must be found from the
    lines alone).
    """
    raw = read_raw(md_path)
    structured = build_document(raw)
    if un_layout:
        structured = replace(structured, footnotes=tuple(replace(f, text="Ibid.", emphasis=()) for f in structured.footnotes))
    lang = structured.language.value
    opening = structured.paragraph("O")
    first_body = next(i for i, b in enumerate(raw.blocks) if b.text == opening.text)

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0 if compact else 8)
    _page_furniture(document, un_layout)
    _numbering(document, lang)

    for block in raw.blocks[:first_body]:
        p = document.add_paragraph(style=f"Heading {block.heading_level}" if block.heading_level else None)
        if block.after_page_break:
            p.add_run().add_break(WD_BREAK.PAGE)
        for i, line in enumerate(block.lines or (block.text,)):
            run = p.add_run(line)
            run.bold = block.bold or None
            if i < len(block.lines) - 1:
                run.add_break()

    num_id, expected = 90, None
    for para in structured.paragraphs[opening.index :]:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if compact and para.kind is not ParagraphKind.OPERATIVE:
            p.paragraph_format.first_line_indent = Pt(28)
        if para.kind is ParagraphKind.OPERATIVE and para.number is not None:
            if expected is None or para.number != expected:
                num_id += 1
                _add_num(document, num_id, None if expected is None and para.number == 1 else para.number)
            _set_numbering(p, num_id, 0)
            expected = para.number + 1
        elif para.kind is ParagraphKind.SUBPARAGRAPH:
            _set_numbering(p, num_id, 1)
        _add_runs(p, para.text, para.emphasis, para.footnote_refs)
    if structured.footnotes:
        _footnotes_part(document, structured)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def paragraphs_of(doc: Document) -> list[tuple[str, str]]:
    """(id, text) of every paragraph: what two renderings of one draft must share."""
    return [(p.id, p.text) for p in doc.paragraphs]


__all__ = ["build_docx", "paragraphs_of", "RUNNING_HEADER", "Paragraph"]


# ------------------------------------------------------------------------------ hand-written OOXML packages

_W = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_PART_TYPES = {
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "settings": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
}
MAIN_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def write_minimal_docx(path: Path, body: str, *, main_type: str = MAIN_DOCX, **parts: str) -> Path:
    """A .docx written byte by byte: ``body`` is the inside of w:body; ``parts`` are inner XML of
    numbering/footnotes/styles/settings (their root element is added here)."""
    import zipfile

    overrides = "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="{_PART_TYPES[name]}"/>' for name in parts
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{name}" '
        f'Target="{name}.xml"/>'
        for i, name in enumerate(parts, start=1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>{overrides}</Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>')
        zf.writestr(
            "word/_rels/document.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for name, inner in parts.items():
            zf.writestr(f"word/{name}.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:{name} {_W}>{inner}</w:{name}>')
    return path


def para(text: str = "", *, num: tuple[int, int] | None = None, italic_lead: str = "", extra_ppr: str = "", runs: str = "") -> str:
    """One w:p: optional numbering (numId, ilvl), an italic lead run, then ``text`` and raw ``runs``."""
    ppr = ""
    if num:
        ppr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    ppr = f"<w:pPr>{ppr}{extra_ppr}</w:pPr>" if ppr or extra_ppr else ""
    lead = f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{italic_lead}</w:t></w:r>' if italic_lead else ""
    body = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{lead}{body}{runs}</w:p>"
