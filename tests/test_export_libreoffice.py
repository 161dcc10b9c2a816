"""LibreOffice reads the exports: the tracked changes survive conversion to .odt (text:tracked-changes with
insertions and deletions by our author), and the PDF it renders carries the text of both drafts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from alignment.document import Language
from alignment.export.bilingual import export_bilingual
from alignment.export.tracked import export_tracked

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
AUTHOR = "Parity Test"


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def convert(paths: list[Path], fmt: str, outdir: Path) -> list[Path]:
    profile = outdir / "lo-profile"
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(outdir), *map(str, paths)], check=True, capture_output=True, timeout=300)
    out = [outdir / f"{p.stem}.{fmt}" for p in paths]
    assert all(p.exists() for p in out), f"LibreOffice made no {fmt} for {[p for p in out if not p.exists()]}"
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory, sample_comparison) -> dict[str, Path]:
    _soffice()
    d = tmp_path_factory.mktemp("lo")
    out = {lang.value: export_tracked(sample_comparison, lang, 1, d / f"tracked-{lang.value}.docx", author=AUTHOR)
           for lang in Language}
    out["bilingual"] = export_bilingual(sample_comparison, d / "bilingual.docx", revision=1)
    out["comments"] = export_tracked(sample_comparison, Language.RU, 1, d / "comments-ru.docx", comments=True)
    return out


@pytest.fixture(scope="module")
def odts(exports, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("odt")
    return dict(zip(exports, convert(list(exports.values()), "odt", d), strict=True))


@pytest.fixture(scope="module")
def pdfs(exports, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pdf")
    return dict(zip(exports, convert(list(exports.values()), "pdf", d), strict=True))


def _content(odt: Path) -> etree._Element:
    with zipfile.ZipFile(odt) as z:
        return etree.fromstring(z.read("content.xml"))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_libreoffice_sees_the_tracked_changes(odts, language):
    root = _content(odts[language])
    tracked = root.find(f".//{{{TEXT}}}tracked-changes")
    assert tracked is not None, "no text:tracked-changes in the .odt"
    regions = tracked.findall(f"{{{TEXT}}}changed-region")
    insertions = [r for r in regions if r.find(f"{{{TEXT}}}insertion") is not None]
    deletions = [r for r in regions if r.find(f"{{{TEXT}}}deletion") is not None]
    print(f"{language}: {len(regions)} changed regions in LibreOffice, {len(insertions)} insertions, {len(deletions)} deletions")
    assert len(insertions) >= 10 and len(deletions) >= 8
    authors = {a.text for a in tracked.iter(f"{{{DC}}}creator")}
    assert authors == {AUTHOR}
    deleted_text = " ".join(" ".join(r.itertext()) for r in deletions)
    if language == "en":
        assert "Calls on" in deleted_text and "Requests" in deleted_text
        assert "Underlining the need to continue to foster a global partnership" in re.sub(r"\s+", " ", deleted_text)
    else:
        assert "64/187" in deleted_text  # the Russian corrected the resolution number in Rev.1


@pytest.mark.parametrize("language", ["en", "ru"])
def test_libreoffice_pdf_shows_both_drafts(pdfs, sample_comparison, language):
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[language]), "-"], check=True, capture_output=True,
                          text=True).stdout
    flat = re.sub(r"\s+", " ", text)
    docs = sample_comparison.documents(Language(language))
    shown = 0
    for doc in docs:  # changes are shown (struck through / underlined): both drafts' paragraphs are on the page
        for p in doc.paragraphs:
            head = " ".join(p.text.split()[:5])
            shown += head in flat
    total = sum(len(d.paragraphs) for d in docs)
    print(f"{language}: {shown}/{total} paragraph openings of both drafts found in the PDF text")
    assert shown >= total - 2


def test_libreoffice_reads_the_bilingual_report(pdfs, sample_comparison):
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdfs["bilingual"]), "-"], check=True,
                                              capture_output=True, text=True).stdout)
    assert "English (en1)" in text and "Русский (ru1)" in text
    assert "Urges" in text and "призывает" in text


def test_libreoffice_reads_the_comments(odts, sample_comparison):
    root = _content(odts["comments"])
    notes = root.findall(f".//{{{OFFICE}}}annotation")
    ours = [f for f in sample_comparison.findings(1) if (f.ru_id or "").startswith("ru1:")]
    texts = [" ".join(n.itertext()) for n in notes]
    print(f"{len(notes)} comments in LibreOffice for {len(ours)} findings")
    assert len(notes) == len(ours) and all(any(f.message in t for t in texts) for f in ours)
    # and the tracked changes are still there next to them
    assert root.find(f".//{{{TEXT}}}tracked-changes/{{{TEXT}}}changed-region") is not None
