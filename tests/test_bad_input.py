"""Bad input through the command line: one clear message naming the file and the problem, exit code 2, no
traceback, and the input file untouched. Also: the JSON output validates, and corpus line files are read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alignment import serialize
from alignment.cli import main
from tests.conftest import CORPUS, UNPC
from tests.docx_sample_builder import build_docx

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _cfb(stream_names: list[str]) -> bytes:
    """The start of an OLE compound file with directory entries naming the given streams."""
    header = CFB_MAGIC + bytes(504)
    entries = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in stream_names)
    return header + entries + bytes(1024)


def _scanned_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (850, 1100), "white")
    ImageDraw.Draw(img).text((80, 80), "The Commission on Crime Prevention and Criminal Justice,", fill="black")
    img.save(path, "PDF", resolution=100.0)


def _make(kind: str, folder: Path) -> Path:
    sample_docx = folder / "_sample.docx"
    if kind in ("truncated.docx", "truncated.pdf", "russian.docx") and not sample_docx.exists():
        build_docx(CORPUS / "en.md", sample_docx)
    if kind == "empty.docx":
        (path := folder / kind).write_bytes(b"")
    elif kind == "text.docx":
        (path := folder / kind).write_text("The General Assembly,\n\nRecalling its resolutions,\n", encoding="utf-8")
    elif kind == "text.pdf":
        (path := folder / kind).write_text("This is plain text, not a PDF.\n", encoding="utf-8")
    elif kind == "truncated.docx":
        data = sample_docx.read_bytes()
        (path := folder / kind).write_bytes(data[: len(data) // 2])
    elif kind == "truncated.pdf":
        (path := folder / kind).write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(100))
    elif kind == "legacy.doc":
        (path := folder / kind).write_bytes(_cfb(["Root Entry", "WordDocument", "1Table", "\x05SummaryInformation"]))
    elif kind == "protected.docx":
        (path := folder / kind).write_bytes(_cfb(["Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    elif kind == "scanned.pdf":
        _scanned_pdf(path := folder / kind)
    elif kind == "image.docx":
        from PIL import Image

        Image.new("RGB", (10, 10)).save(path := folder / kind, "PNG")
    elif kind == "russian.md":
        (path := folder / kind).write_bytes((CORPUS / "ru.md").read_bytes())
    elif kind == "russian.docx":
        build_docx(CORPUS / "ru.md", path := folder / kind)
    elif kind == "not-utf8.txt":
        (path := folder / kind).write_bytes("Генеральная Ассамблея,\nнапоминая".encode("cp1251"))
    else:
        raise AssertionError(kind)
    return path


CASES = [
    ("empty.docx", "the file is empty"),
    ("text.docx", "named .docx but holds plain text"),
    ("text.pdf", "named .pdf but holds plain text"),
    ("truncated.docx", "damaged or truncated"),
    ("truncated.pdf", "damaged or truncated"),
    ("legacy.doc", "legacy Word .doc file"),
    ("protected.docx", "password-protected"),
    ("scanned.pdf", "has no text layer (scanned?); run OCR first"),
    ("image.docx", "looks like RTF or an image"),
    ("russian.md", "this file is in Russian, but was given as the English text"),
    ("russian.docx", "this file is in Russian, but was given as the English text"),
    ("not-utf8.txt", "not UTF-8 encoded"),
]


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize(("kind", "problem"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_one_clear_message(kind, problem, tmp_path, capsys):
    bad = _make(kind, tmp_path)
    before = _snapshot(bad)
    out_json = tmp_path / "out.json"
    rc = main(["compare", str(bad), str(CORPUS / "ru.md"), "--json", str(out_json)])
    captured = capsys.readouterr()
    err_lines = captured.err.strip().splitlines()
    print(f"{kind}: {captured.err.strip()}")
    assert rc == 2
    assert len(err_lines) == 1, captured.err
    assert err_lines[0].startswith("parity: error: ")
    assert str(bad) in err_lines[0] and problem in err_lines[0]
    assert "Traceback" not in captured.err and captured.out == ""
    assert _snapshot(bad) == before  # bytes and modification time unchanged
    assert not out_json.exists()


@pytest.mark.parametrize("kind", ["truncated.docx", "scanned.pdf", "protected.docx"])
def test_bad_input_in_a_real_process(kind, tmp_path):
    bad = _make(kind, tmp_path)
    before = _snapshot(bad)
    proc = subprocess.run(
        [sys.executable, "-m", "alignment.cli", "compare", str(bad), str(CORPUS / "ru.md")],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONWARNINGS": "default"},
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and str(bad) in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert _snapshot(bad) == before


def test_missing_file_and_folder(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "nope.docx"), str(CORPUS / "ru.md")]) == 2
    assert "nope.docx: file not found" in capsys.readouterr().err
    assert main(["compare", str(tmp_path), str(CORPUS / "ru.md")]) == 2
    assert "this is a folder" in capsys.readouterr().err


def test_sample_json_validates_against_the_shipped_schema(tmp_path, capsys):
    out = tmp_path / "out.json"
    rc = main(["compare", "--sample", "--json", str(out)])
    assert rc in (0, 1)
    data = json.loads(out.read_text(encoding="utf-8"))
    serialize.validate(data)
    assert capsys.readouterr().out.strip()


def test_docx_inputs_compare_and_validate(tmp_path, capsys):
    en = build_docx(CORPUS / "en.md", tmp_path / "en.docx")
    ru = build_docx(CORPUS / "ru.md", tmp_path / "ru.docx")
    out = tmp_path / "out.json"
    assert main(["compare", str(en), str(ru), "--json", str(out)]) in (0, 1)
    data = json.loads(out.read_text(encoding="utf-8"))
    serialize.validate(data)
    assert "docx" in json.dumps(data)


def test_line_per_paragraph_corpus_files(tmp_path, capsys):
    out = tmp_path / "unpc.json"
    rc = main(["compare", str(UNPC / "dev.en"), str(UNPC / "dev.ru"), "--json", str(out)])
    captured = capsys.readouterr()
    assert rc in (0, 1), captured.err
    assert "format lines" in captured.out
    data = json.loads(out.read_text(encoding="utf-8"))
    serialize.validate(data)
    n_lines = sum(1 for line in (UNPC / "dev.en").read_text(encoding="utf-8").splitlines() if line.strip())
    docs = data["documents"]
    en = docs["en"] if isinstance(docs, dict) else next(d for d in docs if d.get("key") == "en")
    assert len(en["paragraphs"]) == n_lines
