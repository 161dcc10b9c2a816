"""The PDF reader: the sample rendered to .docx and printed to PDF by LibreOffice reads back as truth.json, with
running headers/footers and page numbers gone, footnotes separated and paragraphs split by pages rejoined."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from alignment.errors import InputError, NoTextError
from alignment.reading import pdf as pdf_reader
from alignment.reading import read_document, read_raw
from tests.conftest import CORPUS
from tests.docx_sample_builder import RUNNING_HEADER, build_docx
from tests.test_structure_truth import FILES, assert_matches_truth

HYPHEN_LINES = {
    "hyphens-en": [
        "International organizations and regional organi-",
        "zations, as well as public-",
        "private partnerships against cross-",
        "border crime and the Inter-",
        "Agency Coordination Group, support implementa-",
        "tion.",
    ],
    "hyphens-ru": [
        "Государства-члены и международные организа-",
        "ции, а также государства-",
        "члены и межправительственные органи-",
        "зации содействуют осуществлению.",
    ],
}


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(paths: list[Path], outdir: Path) -> list[Path]:
    """One LibreOffice start for all files (it is slow to start); a private profile so parallel runs do not clash."""
    profile = outdir / "lo-profile"
    subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir),
         *map(str, paths)],
        check=True, capture_output=True, timeout=300,
    )
    out = [outdir / (p.stem + ".pdf") for p in paths]
    missing = [p for p in out if not p.exists()]
    assert not missing, f"LibreOffice made no PDF for {missing}"
    return out


def _hyphen_docx(path: Path, lines: list[str]) -> Path:
    d = docx.Document()
    p = d.add_paragraph()
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)
    d.add_paragraph("A second paragraph follows here.")
    d.save(str(path))
    return path


@pytest.fixture(scope="session")
def sample_pdfs(tmp_path_factory) -> dict[str, Path]:
    if not _soffice():
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("pdf")
    sources = {name: build_docx(CORPUS / name, out / name.replace(".md", ".docx")) for name in FILES}
    sources.update({name: _hyphen_docx(out / f"{name}.docx", lines) for name, lines in HYPHEN_LINES.items()})
    sources["un-layout"] = build_docx(CORPUS / "en.md", out / "un-layout.docx", un_layout=True)
    for name in ("en.md", "ru.md"):
        sources[f"compact-{name}"] = build_docx(CORPUS / name, out / f"compact-{name}.docx", compact=True)
    pdfs = to_pdf(list(sources.values()), out)
    return dict(zip(sources, pdfs, strict=True))


@pytest.mark.parametrize("name", FILES)
def test_pdf_sample_structure_equals_truth(name, sample_pdfs, truth):
    doc = read_document(sample_pdfs[name])
    truth_doc = truth["documents"][name]
    assert doc.format == "pdf"
    assert doc.language.value == truth_doc["language"]
    assert_matches_truth(doc, truth_doc)
    assert doc.warnings == ()
    md = read_document(CORPUS / name)
    same = sum(p.text == q.text for p, q in zip(doc.paragraphs, md.paragraphs, strict=True))
    italics = sum(p.emphasis == q.emphasis for p, q in zip(doc.paragraphs, md.paragraphs, strict=True))
    print(f"{name}: {same}/{len(md.paragraphs)} paragraph texts and {italics} italics identical to the Markdown")
    assert same == len(md.paragraphs) and italics == len(md.paragraphs)
    assert [(p.footnote_refs) for p in doc.paragraphs] == [(p.footnote_refs) for p in md.paragraphs]
    assert [(f.marker, f.text) for f in doc.footnotes] == [(f.marker, f.text) for f in md.footnotes]
    # page furniture (the running symbol in the page header, page numbers in the footer) is gone
    assert any("page-furniture" in n for n in doc.notes)
    assert all(RUNNING_HEADER not in p.text for p in doc.paragraphs)
    assert doc.paragraph("OP5").lead.slice(doc.paragraph("OP5").text) in ("Requests", "предлагает", "просит")


def test_pdf_pages_split_paragraph_is_rejoined(sample_pdfs):
    raw = read_raw(sample_pdfs["en.md"])
    assert max(b.page for b in raw.blocks) >= 4
    continued = [b for b in raw.blocks if b.after_page_break and b.text[:1].islower()]
    assert continued, "LibreOffice's layout should split at least one paragraph across pages"
    doc = read_document(sample_pdfs["en.md"])
    for b in continued:
        assert any(b.text in p.text and not p.text.startswith(b.text) for p in doc.paragraphs)


def test_pdf_header_block_lines(sample_pdfs):
    doc = read_document(sample_pdfs["en-rev1.md"])
    assert doc.header_value("date") == "13 April 2011"
    assert doc.header_value("original") == "English and Russian"
    assert doc.header_value("agenda_item") == "Agenda item 5"
    assert doc.header_value("revised") == "yes"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hyphens-en", "International organizations and regional organizations, as well as public-private partnerships "
                       "against cross-border crime and the Inter-Agency Coordination Group, support implementation."),
        ("hyphens-ru", "Государства-члены и международные организации, а также государства-члены и "
                       "межправительственные организации содействуют осуществлению."),
    ],
)
def test_line_break_hyphens_removed_only_inside_words(sample_pdfs, name, expected):
    raw = read_raw(sample_pdfs[name])
    assert [b.text for b in raw.blocks] == [expected, "A second paragraph follows here."]


def test_dehyphenator_decisions():
    d = pdf_reader._Dehyphenator(["The organizations of the public-private kind", "государства-члены"])
    assert d.join("regional organi-", "zations and")  # the joined word occurs in the document
    assert not d.join("public-", "private")  # the compound occurs
    assert not d.join("cross-", "border")  # no evidence: keep the hyphen
    assert d.join("implementa-", "tion")  # a bare suffix cannot stand alone
    assert not d.join("self-", "determination")
    assert not d.join("Inter-", "Agency")
    assert not d.join("государства-", "члены")
    assert d.join("организа-", "ции")  # the Russian dictionary knows the joined word
    assert not d.join("научно-", "технический")


def test_pdf_limits_and_encryption(sample_pdfs, tmp_path, monkeypatch):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(sample_pdfs["en.md"]))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="password-protected"):
        read_raw(locked)
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    with pytest.raises(InputError, match="at most 2"):
        read_raw(sample_pdfs["en.md"])
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 500)
    monkeypatch.setattr(pdf_reader, "MAX_SECONDS", 0)
    with pytest.raises(InputError, match=r"took over 0 s and stopped at page \d+ of \d+"):
        read_raw(sample_pdfs["en.md"])


def test_scanned_pdf_has_no_text_layer(tmp_path):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(img).text((50, 50), "The General Assembly,", fill="black")
    scanned = tmp_path / "scan.pdf"
    img.save(scanned, "PDF")
    with pytest.raises(NoTextError, match=r"no text layer \(scanned\?\); run OCR first"):
        read_raw(scanned)


def test_un_print_furniture_goes_and_repeated_footnotes_stay(sample_pdfs, truth):
    """Job number and barcode on page 1 only, "n/N" page numbers, and the footnote "Ibid." at the bottom of
    most pages: the furniture is dropped, every footnote kept."""
    doc = read_document(sample_pdfs["un-layout"])
    assert_matches_truth_paragraphs(doc, truth["documents"]["en.md"])
    assert [(f.marker, f.text) for f in doc.footnotes] == [(str(n), "Ibid.") for n in range(1, 6)]
    body = " ".join(p.text for p in doc.paragraphs)
    assert "82150" not in body and "1182150" not in body and RUNNING_HEADER not in body
    assert doc.warnings == ()


def assert_matches_truth_paragraphs(doc, truth_doc) -> None:
    from tests.conftest import strip_markup

    expected = truth_doc["paragraphs"]
    assert [p.id for p in doc.paragraphs] == [q["id"].split(":", 1)[1] for q in expected]
    for p, q in zip(doc.paragraphs, expected, strict=True):
        assert (p.kind.value, p.number) == (q["kind"], q["number"])
        assert p.text.startswith(strip_markup(q["starts"])) and p.text.endswith(strip_markup(q["ends"])), p.id


def _chars(text: str, x: float, bottom: float, size: float, *, italic: bool = False) -> list:
    out, step = [], size * 0.5
    for ch in text:
        out.append(pdf_reader._Char(ch, x, x + step, bottom - size, bottom, size, italic, False))
        x += step
    return out


def test_superscript_markers_and_footnote_area_from_characters():
    """Word-style PDFs: superscript markers in the body *and* at the start of each note, a note continued on the
    next line, the notes in a smaller size; and notes in the body size found through their separator rule."""
    chars = (
        _chars("Recalling", 72, 100, 11, italic=True) + _chars(" the Convention", 72 + 9 * 5.5, 100, 11)
        + _chars("1", 72 + 24 * 5.5, 96, 6.5)  # raised, smaller: a marker
        + _chars(" and the Protocol,", 72 + 25 * 5.5, 100, 11)
        + _chars("2", 72, 700, 5.5) + _chars("United Nations, Treaty Series,", 76, 703, 9)
        + _chars("vol. 2225.", 72, 714, 9)
        + _chars("3", 72, 724, 5.5) + _chars("Ibid.", 76, 727, 9)
    )
    lines = pdf_reader._lines(chars, 1)
    assert [ln.text for ln in lines] == [
        "Recalling the Convention and the Protocol,", "United Nations, Treaty Series,", "vol. 2225.", "Ibid.",
    ]
    body, area = pdf_reader._split_footnotes(lines, 11, [])
    assert len(body) == 1 and len(area) == 3
    block = pdf_reader._block(body, False, pdf_reader._Dehyphenator([]))
    assert [(r.marker, block.text[: r.offset]) for r in block.footnote_refs] == [("1", "Recalling the Convention")]
    assert [s.slice(block.text) for s in block.emphasis] == ["Recalling"]
    notes: list = []
    pdf_reader._notes_of(area, notes)
    assert [(m, " ".join(ln.text for ln in ls)) for m, ls in notes] == [
        ("2", "United Nations, Treaty Series, vol. 2225."), ("3", "Ibid.")]

    same_size = _chars("Operative text;", 72, 100, 11) + _chars("4 General Assembly resolution 64/293.", 72, 700, 11)
    lines = pdf_reader._lines(same_size, 1)
    assert pdf_reader._split_footnotes(lines, 11, []) == (lines, [])  # no rule, same size: not a note
    body, area = pdf_reader._split_footnotes(lines, 11, [685.0])
    assert [ln.text for ln in area] == ["4 General Assembly resolution 64/293."]


def test_damaged_pdf_never_escapes_as_a_traceback(sample_pdfs, tmp_path):
    import random

    src = sample_pdfs["en.md"].read_bytes()
    rng = random.Random(20110413)
    outcomes = {"read": 0, "refused": 0}
    for _ in range(12):
        data = bytearray(src)
        for _ in range(rng.randint(1, 30)):
            pos = rng.randrange(len(data))
            if rng.random() < 0.5:
                data[pos] = rng.randrange(256)
            else:
                del data[pos : pos + rng.randint(1, 200)]
        path = tmp_path / "damaged.pdf"
        path.write_bytes(bytes(data))
        try:
            read_raw(path)
            outcomes["read"] += 1
        except InputError as exc:
            assert str(path) in str(exc)
            outcomes["refused"] += 1
    print(f"damaged PDF: {outcomes}")
    assert sum(outcomes.values()) == 12


def test_side_by_side_fields_split_and_doubled_glyphs_dropped():
    row = _chars("Economic and Social Council", 72, 100, 11) + _chars("Distr.: Limited", 420, 100, 11)
    assert [ln.text for ln in pdf_reader._lines(row, 1)] == ["Economic and Social Council", "Distr.: Limited"]

    class FakePage:
        width, height = 612, 792
        chars = [
            {"text": t, "x0": x + dx, "x1": x + dx + 5, "top": 90.0 + dx, "bottom": 100.0 + dx, "size": 10.0,
             "fontname": "ABCDEF+Times-Bold", "upright": True}
            for x, t in ((72, "N"), (77, "o")) for dx in (0.0, 0.2)
        ]

    chars = pdf_reader._page_chars(FakePage())
    assert [c.text for c in chars] == ["N", "o"] and all(c.bold for c in chars)


@pytest.mark.parametrize("name", ["en.md", "ru.md"])
def test_paragraphs_without_spacing_found_from_indents_and_short_lines(sample_pdfs, truth, name):
    """No space between paragraphs, a first-line indent instead: the lines alone must give the paragraphs."""
    doc = read_document(sample_pdfs[f"compact-{name}"])
    assert_matches_truth(doc, truth["documents"][name])
    md = read_document(CORPUS / name)
    assert [p.text for p in doc.paragraphs] == [p.text for p in md.paragraphs]
