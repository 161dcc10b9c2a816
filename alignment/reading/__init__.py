"""Read any supported file into a ``Document``: sniff the real format from the bytes, run its reader, then
the shared structure analysis. The input file is only ever opened for reading."""

from __future__ import annotations

import re
from pathlib import Path

from alignment import limits
from alignment.document import Document, Language
from alignment.errors import InputError, NoTextError, UnsupportedFormatError
from alignment.reading.raw import RawDocument, file_sha256

MAX_FILE_BYTES = limits.MAX_FILE_BYTES
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BINARY_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".doc", ".pdf", ".odt", ".rtf")


def sniff_format(data: bytes, suffix: str) -> str:
    """The format the bytes really are: 'docx', 'pdf', 'markdown' or 'lines'; raise for anything else."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # an OLE compound file: Office wraps password-protected .docx files in one too (EncryptedPackage stream)
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise UnsupportedFormatError(
                "this document is password-protected (encrypted); remove the password in Word and save it again"
            )
        raise UnsupportedFormatError(
            "this is a legacy Word .doc file (or another old Office format), not .docx; save it as .docx first"
        )
    if data.startswith((b"{\\rtf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnsupportedFormatError("this is not a text, .docx or PDF file (it looks like RTF or an image)")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedFormatError("this is a binary file, not text, .docx or PDF")
    if suffix in _BINARY_SUFFIXES:
        # text where a .docx or PDF was expected: a mis-named or broken file, not something to read as text
        kind = "a PDF" if suffix == ".pdf" else "a Word document"
        raise UnsupportedFormatError(f"the file is named {suffix} but holds plain text, not {kind}")
    text = decode_text(data)
    lines = [ln for ln in text.splitlines()]
    if suffix in (".txt", ".lines", ".en", ".ru") and len(lines) > 1 and all(ln.strip() for ln in lines):
        return "lines"
    return "markdown"


def decode_text(data: bytes, path: str | Path | None = None) -> str:
    for enc in ("utf-8-sig", "utf-16"):
        try:
            if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnsupportedFormatError("the text is not UTF-8 encoded (save it as UTF-8)", path)


def read_raw(path: str | Path) -> RawDocument:
    """Read one file with the reader its bytes call for; every ``InputError`` names the file."""
    p = Path(path)
    try:
        raw = _read_raw(p)
    except InputError as exc:
        if exc.path is None:  # raised below the readers (e.g. the paragraph limit), without the file name
            raise type(exc)(exc.problem, p) from None
        raise
    _check_size_limits(raw, p)
    return raw


def _check_size_limits(raw: RawDocument, path: Path) -> None:
    if len(raw.blocks) > limits.MAX_PARAGRAPHS:
        raise InputError(f"the file has {len(raw.blocks):,} paragraphs (the limit is {limits.MAX_PARAGRAPHS:,})", path)
    longest = max(raw.blocks, key=lambda b: len(b.text), default=None)
    if longest is not None and len(longest.text) > limits.MAX_PARAGRAPH_CHARS:  # readers not using ``assemble``
        raise InputError(
            f"a paragraph is too long ({limits.describe_size(len(longest.text))}, starting {longest.text[:60]!r}; "
            f"the limit is {limits.describe_size(limits.MAX_PARAGRAPH_CHARS)}): this does not look like a resolution",
            path,
        )
    total = sum(len(b.text) for b in raw.blocks) + sum(len(f.text) for f in raw.footnotes)
    if total > limits.MAX_TEXT_CHARS:
        raise InputError(
            f"the file holds {limits.describe_size(total)} of text (the limit is {limits.describe_size(limits.MAX_TEXT_CHARS)})",
            path,
        )


def _check_text_budget(text: str, fmt: str, path: Path) -> None:
    """Refuse oversized text before the per-character reading spends a minute on it (counts are C-speed)."""
    if len(text) > limits.MAX_TEXT_CHARS:
        raise InputError(
            f"the file holds {limits.describe_size(len(text))} of text (the limit is {limits.describe_size(limits.MAX_TEXT_CHARS)})",
            path,
        )
    blocks = text.count("\n") if fmt == "lines" else len(_BLANK_LINE.findall(text))
    if blocks > limits.MAX_PARAGRAPHS:
        raise InputError(f"the file has over {blocks:,} paragraphs (the limit is {limits.MAX_PARAGRAPHS:,})", path)


def _read_raw(p: Path) -> RawDocument:
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found", p) from None
    except OSError as exc:
        raise InputError(f"cannot open the file ({exc.strerror})", p) from None
    if p.is_dir():
        raise InputError("this is a folder, not a file", p)
    if size == 0:
        raise NoTextError("the file is empty", p)
    if size > MAX_FILE_BYTES:
        raise InputError(f"the file is too large ({size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)", p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", p) from None
    try:
        fmt = sniff_format(data, p.suffix.lower())
    except UnsupportedFormatError as exc:
        raise UnsupportedFormatError(exc.problem, p) from None
    sha = file_sha256(data)
    if fmt == "docx":
        from alignment.reading.docx import read_docx

        return read_docx(data, str(p), sha)
    if fmt == "pdf":
        from alignment.reading.pdf import read_pdf

        return read_pdf(data, str(p), sha)
    text = decode_text(data, p)
    _check_text_budget(text, fmt, p)
    if fmt == "lines":
        from alignment.reading.lines import read_lines

        return read_lines(text, str(p), sha)
    from alignment.reading.markdown import read_markdown

    return read_markdown(text, str(p), sha)


def read_document(path: str | Path, expected: Language | None = None) -> Document:
    """Read and structure one file; ``expected`` makes a file in the other language an error."""
    from alignment.structure import build_document

    return build_document(read_raw(path), expected)
