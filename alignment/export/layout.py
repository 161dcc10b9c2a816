"""A clean UN-like page for exports from drafts that were not Word files: Times New Roman, header lines at the
top, a bold title, the opening line and leading phrases in italics, operative paragraphs numbered "1." with the
number as text and a hanging indent, subparagraphs indented further.
"""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from alignment.document import Document, Language, ParagraphKind
from alignment.export.plan import Block
from alignment.links import qualify

FONT = "Times New Roman"
BODY_PT = 12
HEADER_PT = 10

# header fields shown as lines, in this order; prefixes as printed on UN documents (kept in English in both)
_HEADER_LINES = (
    ("body", "", "header-bold"),
    ("distribution", "Distr.: ", "header"),
    ("date", "", "header"),
    ("language", "", "header"),
    ("original", "Original: ", "header"),
    ("committee", "", "header-bold"),
    ("session", "", "header"),
    ("place_dates", "", "header"),
    ("agenda_item", "", "header"),
    ("text", "", "header-bold"),
    ("sponsor_line", "", "header-bold"),
)


def header_blocks(doc: Document, key: str) -> list[Block]:
    """The document's header fields as one line each (absent fields are skipped)."""
    out = []
    for name, prefix, kind in _HEADER_LINES:
        value = doc.header_value(name)
        if value:
            out.append(Block(qualify(key, f"H:{name}"), kind, "", prefix + value))
    return out


def body_blocks(doc: Document, key: str, labels_as_text: bool = True) -> list[Block]:
    out = []
    for p in doc.paragraphs:
        label = f"{p.label}\t" if p.label and labels_as_text else ""
        out.append(Block(qualify(key, p.id), p.kind.value, label, p.text, p.emphasis, p))
    return out


def new_document(language: Language) -> docx.document.Document:
    """An empty A4 document with UN-like margins and Times New Roman as the body font."""
    d = docx.Document()
    # python-docx's template carries a Word 2010 stylesWithEffects part that disagrees with styles.xml (a known
    # cause of "unreadable content"); it is optional, so it goes
    for rid, rel in list(d.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            d.part.drop_rel(rid)
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    lang = normal.element.get_or_add_rPr().find(qn("w:lang"))
    if lang is None:
        lang = normal.element.get_or_add_rPr().makeelement(qn("w:lang"), {})
        normal.element.get_or_add_rPr().append(lang)
    lang.set(qn("w:val"), "ru-RU" if language is Language.RU else "en-GB")
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    return d


def format_paragraph(paragraph, kind: str) -> None:
    """Indents, alignment and spacing for one kind of block (python-docx paragraph)."""
    fmt = paragraph.paragraph_format
    if kind.startswith("header"):
        fmt.space_after = Pt(0)
        return
    if kind == ParagraphKind.TITLE.value:
        fmt.space_before, fmt.space_after = Pt(12), Pt(12)
        fmt.left_indent = Cm(1.25)
        fmt.keep_with_next = True
        return
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if kind == ParagraphKind.OPENING.value:
        fmt.left_indent = Cm(1.25)
    elif kind == ParagraphKind.PREAMBULAR.value:
        fmt.left_indent = Cm(1.25)
        fmt.first_line_indent = Cm(1.25)
    elif kind == ParagraphKind.OPERATIVE.value:
        fmt.left_indent = Cm(1.25)
        fmt.first_line_indent = Cm(0)
        fmt.tab_stops.add_tab_stop(Cm(2.5))
        fmt.first_line_indent = Cm(1.25)
    elif kind == ParagraphKind.SUBPARAGRAPH.value:
        fmt.left_indent = Cm(2.5)
        fmt.first_line_indent = Cm(1.25)
        fmt.tab_stops.add_tab_stop(Cm(4.4))
    else:
        fmt.left_indent = Cm(1.25)


def run_properties(kind: str, italic: bool) -> dict[str, bool | int]:
    """Bold/italic/size for a run of a block of ``kind`` (used to build ``w:rPr``)."""
    props: dict[str, bool | int] = {}
    if kind in ("title", "header-bold"):
        props["bold"] = True
    if kind.startswith("header"):
        props["size"] = HEADER_PT
    if italic:
        props["italic"] = True
    return props
