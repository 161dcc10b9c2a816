"""The .docx reader: the sample rendered to Word reads back as truth.json; numbering, footnotes, tracked changes,
page breaks, tables and unusual packages are read as Word shows them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from alignment.document import Language, ParagraphKind
from alignment.errors import InputError, UnsupportedFormatError
from alignment.reading import read_document, read_raw
from alignment.reading.docx import format_number
from tests.conftest import CORPUS
from tests.docx_sample_builder import RUNNING_HEADER, build_docx, para, write_minimal_docx
from tests.test_structure_truth import FILES, assert_matches_truth

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("docx")
    return {name: build_docx(CORPUS / name, out / name.replace(".md", ".docx")) for name in FILES}


@pytest.mark.parametrize("name", FILES)
def test_docx_sample_structure_equals_truth(name, sample_docx, truth):
    doc = read_document(sample_docx[name])
    truth_doc = truth["documents"][name]
    assert doc.format == "docx"
    assert doc.language.value == truth_doc["language"]
    assert_matches_truth(doc, truth_doc)
    assert doc.warnings == ()
    # the same text, italics and footnote markers as the Markdown original, paragraph by paragraph
    md = read_document(CORPUS / name)
    for p, q in zip(doc.paragraphs, md.paragraphs, strict=True):
        assert (p.id, p.kind, p.number, p.text, p.emphasis, p.footnote_refs) == (
            q.id, q.kind, q.number, q.text, q.emphasis, q.footnote_refs), p.id
    assert [(f.marker, f.text, f.emphasis) for f in doc.footnotes] == [(f.marker, f.text, f.emphasis) for f in md.footnotes]
    assert doc.header == md.header
    assert all(RUNNING_HEADER not in p.text for p in doc.paragraphs)  # page header: furniture, not read


def test_sample_docx_numbers_come_from_numbering_xml(sample_docx):
    """The operative numbers are not in the text: only numbering.xml can give them."""
    with zipfile.ZipFile(sample_docx["en.md"]) as zf:
        xml = zf.read("word/document.xml").decode()
        assert "<w:numPr>" in xml and "footnoteReference" in xml
        assert 'w:abstractNumId="90"' in zf.read("word/numbering.xml").decode()
        assert "Treaty Series" in zf.read("word/footnotes.xml").decode()
    raw = read_raw(sample_docx["en.md"])
    labelled = [b for b in raw.blocks if b.list_label]
    assert [b.list_label for b in labelled] == [f"{n}." for n in range(1, 9)]
    assert not any(b.text[:1].isdigit() for b in labelled)
    assert read_document(sample_docx["en.md"]).paragraph("OP5").lead.slice(read_document(sample_docx["en.md"]).paragraph("OP5").text) == "Requests"


def _abstract(aid: int, levels: list[tuple[str, str, int]]) -> str:
    lv = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    return f'<w:abstractNum w:abstractNumId="{aid}">{lv}</w:abstractNum>'


def _num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def test_numbering_counters_levels_overrides_and_formats(tmp_path):
    numbering = (
        _abstract(1, [("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1), ("lowerRoman", "(%3)", 1)])
        + _abstract(2, [("decimal", "%1.", 1), ("upperRoman", "%1.%2", 1)])
        + _abstract(3, [("russianLower", "%1)", 1)])
        + _abstract(4, [("bullet", "\u2022", 1)])
        + _num(1, 1)
        + _num(2, 1)  # a second num of the same abstractNum continues its counters
        + _num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>')
        + _num(4, 2)
        + _num(5, 3)
        + _num(6, 4)
        + _num(7, 1, '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>'
                     '<w:lvlText w:val="%1 -"/></w:lvl></w:lvlOverride>')
    )
    body = "".join(
        [
            para("one", num=(1, 0)),
            para("one a", num=(1, 1)),
            para("one b", num=(1, 1)),
            para("one b i", num=(1, 2)),
            para("one b ii", num=(1, 2)),
            para("two", num=(2, 0)),
            para("two a (restarted by the upper level)", num=(2, 1)),
            para("seven", num=(3, 0)),
            para("eight", num=(1, 0)),
            para("multi", num=(4, 0)),
            para("multi two", num=(4, 1)),
            para("russian", num=(5, 0)),
            para("russian two", num=(5, 0)),
            para("bullet", num=(6, 0)),
            para("plain"),
            para("level override", num=(7, 0)),
            para("no list", num=(0, 0)),
        ]
    )
    raw = read_raw(write_minimal_docx(tmp_path / "n.docx", body, numbering=numbering))
    assert [(b.text, b.list_label) for b in raw.blocks] == [
        ("one", "1."),
        ("one a", "(a)"),
        ("one b", "(b)"),
        ("one b i", "(i)"),
        ("one b ii", "(ii)"),
        ("two", "2."),
        ("two a (restarted by the upper level)", "(a)"),
        ("seven", "7."),
        ("eight", "8."),
        ("multi", "1."),
        ("multi two", "1.I"),
        ("russian", "а)"),
        ("russian two", "б)"),
        ("bullet", None),
        ("plain", None),
        ("level override", "I -"),
        ("no list", None),
    ]


def test_number_formats():
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14, 40)] == ["IV", "IX", "XIV", "XL"]
    assert format_number(3, "decimalZero") == "03" and format_number(2, "ordinal") == "2"


def _resolution(body_paras: str) -> str:
    return (para("Belarus: draft resolution") + para("Cooperation against trafficking in persons")
            + para("The General Assembly,") + body_paras)


def test_subparagraphs_and_numbering_give_structure(tmp_path):
    numbering = _abstract(1, [("decimal", "%1.", 1), ("lowerLetter", "(%2)", 1)]) + _num(1, 1)
    body = _resolution(
        para(" the importance of cooperation,", italic_lead="Recalling")
        + para(" States:", num=(1, 0), italic_lead="Calls upon")
        + para("to cooperate with one another;", num=(1, 1))
        + para("to report to the Secretary-General;", num=(1, 1))
        + para(" to remain seized of the matter.", num=(1, 0), italic_lead="Decides")
    )
    doc = read_document(write_minimal_docx(tmp_path / "r.docx", body, numbering=numbering), Language.EN)
    assert [(p.id, p.kind, p.label) for p in doc.paragraphs] == [
        ("T", ParagraphKind.TITLE, ""),
        ("O", ParagraphKind.OPENING, ""),
        ("PP1", ParagraphKind.PREAMBULAR, ""),
        ("OP1", ParagraphKind.OPERATIVE, "1."),
        ("OP1.a", ParagraphKind.SUBPARAGRAPH, "(a)"),
        ("OP1.b", ParagraphKind.SUBPARAGRAPH, "(b)"),
        ("OP2", ParagraphKind.OPERATIVE, "2."),
    ]
    assert doc.paragraph("OP2").text == "Decides to remain seized of the matter."
    assert doc.paragraph("OP2").lead.slice(doc.paragraph("OP2").text) == "Decides"


TRACKED = (
    para(
        runs=(
            '<w:r><w:t xml:space="preserve">The Assembly </w:t></w:r>'
            '<w:del w:id="1" w:author="A" w:date="2011-04-12T10:00:00Z"><w:r><w:delText xml:space="preserve">urges </w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="A" w:date="2011-04-12T10:00:00Z"><w:r><w:t xml:space="preserve">calls upon </w:t></w:r></w:ins>'
            '<w:r><w:t xml:space="preserve">States to act</w:t></w:r>'
            '<w:moveFrom w:id="3" w:author="A"><w:r><w:t xml:space="preserve"> promptly</w:t></w:r></w:moveFrom>'
            '<w:r><w:t>.</w:t></w:r>'
        )
    )
    # a paragraph whose mark was deleted joins the next one when the change is accepted
    + '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">First half </w:t></w:r></w:p>'
    + para("second half.", runs='<w:moveTo w:id="5" w:author="A"><w:r><w:t xml:space="preserve"> Promptly.</w:t></w:r></w:moveTo>')
    + '<w:del w:id="6" w:author="A"><w:p><w:r><w:delText>A deleted paragraph.</w:delText></w:r></w:p></w:del>'
)


def test_tracked_changes_read_as_accepted_with_a_note(tmp_path):
    raw = read_raw(write_minimal_docx(tmp_path / "t.docx", TRACKED))
    assert [b.text for b in raw.blocks] == ["The Assembly calls upon States to act.", "First half second half. Promptly."]
    assert len(raw.notes) == 1
    note = raw.notes[0]
    assert "1 tracked insertion(s)" in note and "3 tracked deletion(s)" in note and "1 move(s)" in note
    assert "accepted" in note


def test_tracked_changes_note_reaches_the_document(tmp_path):
    body = _resolution(para(" the Charter,", italic_lead="Recalling") + TRACKED)
    doc = read_document(write_minimal_docx(tmp_path / "t.docx", body), Language.EN)
    assert any("tracked insertion" in n for n in doc.notes)
    assert all("urges" not in p.text and "deleted paragraph" not in p.text for p in doc.paragraphs)


def test_page_breaks_tables_fields_and_hidden_text(tmp_path):
    body = (
        para("Before the break.")
        + para("After the break.", runs='<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"> Still here.</w:t></w:r>')
        + para(runs='<w:r><w:br w:type="page"/></w:r>')
        + para("New page.")
        + para("Ends with a break.", runs='<w:r><w:br w:type="page"/></w:r>')
        + para("Next page too.")
        + para("Break before.", extra_ppr="<w:pageBreakBefore/>")
        + "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" + para("Cell one.") + "</w:tc><w:tc>" + para("Cell two.")
        + "</w:tc></w:tr></w:tbl>"
        + para(runs='<w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                    '<w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
                    '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>'
                    '<w:hyperlink r:id="rId9"><w:r><w:t xml:space="preserve"> linked</w:t></w:r></w:hyperlink>')
        + para(runs='<w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t></w:r>')
    )
    raw = read_raw(write_minimal_docx(tmp_path / "p.docx", body))
    assert [(b.text, b.after_page_break) for b in raw.blocks] == [
        ("Before the break.", False),
        ("After the break. Still here.", False),  # lastRenderedPageBreak is layout cache, not a break
        ("New page.", True),
        ("Ends with a break.", False),
        ("Next page too.", True),
        ("Break before.", True),
        ("Cell one.", False),
        ("Cell two.", False),
        ("Page 4 linked", False),
        ("Line one line two", False),
    ]
    assert raw.blocks[-1].lines == ("Line one", "line two")


def test_footnote_numbering_custom_marks_and_separators(tmp_path):
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Second note, </w:t></w:r>'
        '<w:r><w:rPr><w:i/></w:rPr><w:t>Treaty Series</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> First note.</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Its second paragraph.</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="9"><w:p><w:r><w:t xml:space="preserve">* Starred note.</w:t></w:r></w:p></w:footnote>'
    )
    ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>'
    body = (
        para("Alpha,", runs=ref.format(3) + '<w:r><w:t xml:space="preserve"> beta</w:t></w:r>' + ref.format(7))
        + para("Gamma", runs='<w:r><w:footnoteReference w:customMarkFollows="1" w:id="9"/><w:t>*</w:t></w:r>')
    )
    raw = read_raw(write_minimal_docx(tmp_path / "f.docx", body, footnotes=footnotes))
    assert [(r.marker, r.offset) for r in raw.blocks[0].footnote_refs] == [("1", 6), ("2", 11)]
    assert raw.blocks[0].text == "Alpha, beta"
    assert raw.blocks[1].text == "Gamma" and [r.marker for r in raw.blocks[1].footnote_refs] == ["*"]
    assert [(f.marker, f.text) for f in raw.footnotes] == [
        ("1", "First note. Its second paragraph."),
        ("2", "Second note, Treaty Series"),
        ("*", "* Starred note."),
    ]
    second = raw.footnotes[1]
    assert [s.slice(second.text) for s in second.emphasis] == ["Treaty Series"]


def test_headings_and_bold_from_styles(tmp_path):
    styles = (
        '<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Sub heading"/><w:basedOn w:val="H2"/></w:style>'
        '<w:style w:type="character" w:styleId="Em"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>'
    )
    body = (
        para("Council", extra_ppr='<w:pStyle w:val="Sub"/>')
        + para(runs='<w:r><w:rPr><w:rStyle w:val="Em"/></w:rPr><w:t>Noting</w:t></w:r><w:r><w:t xml:space="preserve"> the report,</w:t></w:r>')
        + para(runs='<w:r><w:rPr><w:b/></w:rPr><w:t>All bold</w:t></w:r>')
    )
    raw = read_raw(write_minimal_docx(tmp_path / "s.docx", body, styles=styles))
    assert (raw.blocks[0].heading_level, raw.blocks[0].bold) == (2, True)
    assert [s.slice(raw.blocks[1].text) for s in raw.blocks[1].emphasis] == ["Noting"]
    assert (raw.blocks[2].heading_level, raw.blocks[2].bold) == (0, True)


@pytest.mark.parametrize(
    "main_type",
    [
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ],
)
def test_macro_enabled_and_templates_are_read(tmp_path, main_type):
    raw = read_raw(write_minimal_docx(tmp_path / "m.docm", para("Text of a macro-enabled file."), main_type=main_type))
    assert raw.blocks[0].text == "Text of a macro-enabled file."


def test_strict_ooxml_namespaces_are_read(tmp_path):
    path = write_minimal_docx(tmp_path / "strict.docx", para("Strict text."))
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    assert read_raw(path).blocks[0].text == "Strict text."


def _rezip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return path


def test_zip_that_is_not_ooxml_or_is_another_office_format(tmp_path):
    with pytest.raises(UnsupportedFormatError, match="zip archive, not a Word document"):
        read_raw(_rezip(tmp_path / "a.docx", {"readme.txt": b"hello"}))
    with pytest.raises(UnsupportedFormatError, match="OpenDocument"):
        read_raw(_rezip(tmp_path / "b.docx", {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}))
    xlsx = write_minimal_docx(tmp_path / "c.docx", para("x"),
                              main_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    with pytest.raises(UnsupportedFormatError, match="Excel"):
        read_raw(xlsx)


def test_zip_bombs_and_dtds_are_refused(tmp_path):
    base = write_minimal_docx(tmp_path / "ok.docx", para("x"))
    with zipfile.ZipFile(base) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    bomb = _rezip(tmp_path / "bomb.docx", {**members, "word/media/zeros.bin": bytes(30 * 1024 * 1024)})
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InputError, match="zip bomb"):
        read_raw(bomb)
    many = _rezip(tmp_path / "many.docx", {**members, **{f"x/{i}.xml": b"" for i in range(5001)}}, zipfile.ZIP_STORED)
    with pytest.raises(InputError, match="parts"):
        read_raw(many)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'
    )
    with pytest.raises(InputError, match="DTD"):
        read_raw(_rezip(tmp_path / "dtd.docx", {**members, "word/document.xml": laughs}))
    broken = _rezip(tmp_path / "broken.docx", {**members, "word/document.xml": b"<w:document><w:body>"})
    with pytest.raises(InputError, match="not well-formed XML"):
        read_raw(broken)


def test_tracked_changes_are_reported_by_the_cli(tmp_path, capsys):
    from alignment.cli import main

    path = write_minimal_docx(tmp_path / "tracked.docx", _resolution(para(" the Charter,", italic_lead="Recalling") + TRACKED))
    before = path.read_bytes()
    assert main(["compare", str(path), str(CORPUS / "ru.md")]) in (0, 1)
    out = capsys.readouterr().out
    assert "note: the file holds 1 tracked insertion(s) and 3 tracked deletion(s)" in out
    assert "current text (all changes accepted) was read" in out
    assert path.read_bytes() == before


def test_damaged_docx_never_escapes_as_a_traceback(sample_docx, tmp_path):
    """Random damage to every part of a real .docx: a clear InputError or a reading, never another exception."""
    import io
    import random

    with zipfile.ZipFile(sample_docx["en.md"]) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    parts = ["word/document.xml", "word/numbering.xml", "word/footnotes.xml", "word/styles.xml",
             "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"]
    inserts = [b"<w:ins>", b"</w:p>", b'w:val="-5"', b'w:val="x"', b"%9", b'<w:br w:type="page"/>',
               b'<w:footnoteReference w:id="99"/>', b'<w:numPr><w:numId w:val="91"/></w:numPr>']
    rng = random.Random(20110411)
    outcomes = {"read": 0, "refused": 0}
    for _ in range(80):
        damaged = dict(members)
        name = rng.choice(parts)
        data = bytearray(damaged[name])
        for _ in range(rng.randint(1, 12)):
            pos = rng.randrange(len(data))
            op = rng.random()
            if op < 0.4:
                data[pos] = rng.randrange(256)
            elif op < 0.7:
                del data[pos : pos + rng.randint(1, 50)]
            else:
                data[pos:pos] = rng.choice(inserts)
        damaged[name] = bytes(data)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for n, d in damaged.items():
                zf.writestr(n, d)
        path = tmp_path / "damaged.docx"
        path.write_bytes(buf.getvalue())
        try:
            read_raw(path)
            outcomes["read"] += 1
        except InputError as exc:
            assert str(path) in str(exc)
            outcomes["refused"] += 1
    print(f"damaged .docx: {outcomes}")
    assert outcomes["refused"] > 0 and outcomes["read"] > 0
