"""Seed inputs for the fuzz targets, built from the bundled sample (never downloaded).

``write_seeds(target, folder)`` fills ``folder`` with the seeds of one target: the sample drafts as Markdown,
a .docx of the sample made with python-docx (numbering, footnotes, styles) plus a minimal hand-zipped one, a
hand-written PDF and, when LibreOffice is installed, the sample .docx printed to PDF.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.hostile.make_corpus import SAMPLE, docx_bytes, pdf_bytes, sample_paragraphs, sample_pdf_pages  # noqa: E402

# the parts fuzz_docx can put the input into (the first input byte chooses; 0 means "the whole package")
DOCX_PARTS = ("word/document.xml", "word/footnotes.xml", "word/numbering.xml", "word/styles.xml")


def sample_docx(lang: str = "en") -> bytes:
    """The sample draft as a real .docx (python-docx, with Word numbering and footnotes)."""
    from tests.docx_sample_builder import build_docx

    with tempfile.TemporaryDirectory() as tmp:
        out = build_docx(SAMPLE / f"{lang}.md", Path(tmp) / f"{lang}.docx")
        return out.read_bytes()


def _libreoffice_pdf(docx: bytes) -> bytes | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sample.docx"
        src.write_bytes(docx)
        try:
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                            "--outdir", tmp, str(src)], capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            return None
        pdf = Path(tmp) / "sample.pdf"
        return pdf.read_bytes() if pdf.exists() else None


def write_seeds(target: str, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    seeds: dict[str, bytes] = {}
    if target in ("markdown", "structure"):
        # the sample drafts cut at paragraph boundaries into pieces of ~3 KB: small inputs run fast, and each
        # piece still holds headers, italics, note markers, numbered paragraphs or page breaks
        for path in sorted(SAMPLE.glob("*.md")):
            piece: list[str] = []
            for k, para in enumerate(path.read_text(encoding="utf-8").split("\n\n")):
                piece.append(para)
                if len("\n\n".join(piece).encode()) > 3000:
                    seeds[f"{path.stem}-{k:03d}.md"] = "\n\n".join(piece).encode()
                    piece = []
            if piece:
                seeds[f"{path.stem}-end.md"] = "\n\n".join(piece).encode()
        seeds["short.md"] = "\n\n".join(sample_paragraphs("en")[8:14]).encode()
    elif target == "docx":
        for lang in ("en", "ru"):
            package = sample_docx(lang)
            seeds[f"{lang}.docx"] = b"\x00" + package
            zf = zipfile.ZipFile(io.BytesIO(package))
            for i, part in enumerate(DOCX_PARTS, start=1):
                if part in zf.namelist():
                    seeds[f"{lang}.{Path(part).stem}.xml"] = bytes([i]) + zf.read(part)
        seeds["minimal.docx"] = b"\x00" + docx_bytes(sample_paragraphs("en")[8:14])
    elif target == "pdf":
        seeds["handwritten.pdf"] = pdf_bytes(sample_pdf_pages())
        seeds["two_pages.pdf"] = pdf_bytes(sample_pdf_pages() * 2)
        printed = _libreoffice_pdf(sample_docx("en"))
        if printed is not None:
            seeds["libreoffice.pdf"] = printed
    else:
        raise ValueError(target)
    for name, data in seeds.items():
        (folder / name).write_bytes(data)
    return len(seeds)
