"""Fuzz target: the .docx reader. The first input byte chooses what the rest is: 0 the whole package, 1-4 one
XML part (document, footnotes, numbering, styles) inside the sample package, so the XML walker is reached."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

import atheris

with atheris.instrument_imports(include=["alignment"]):
    from alignment.errors import ParityError
    from alignment.reading.docx import read_docx
    from alignment.structure import build_document

from _target import check_document, check_raw, run
from seeds import DOCX_PARTS, sample_docx


@lru_cache(maxsize=1)
def _base() -> dict[str, bytes]:
    zf = zipfile.ZipFile(io.BytesIO(sample_docx("en")))
    return {name: zf.read(name) for name in zf.namelist()}


def _package(part: str, xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, data in _base().items():
            out.writestr(name, xml if name == part else data)
    return buf.getvalue()


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode = data[0] % (len(DOCX_PARTS) + 1)
    package = data[1:] if mode == 0 else _package(DOCX_PARTS[mode - 1], data[1:])
    try:
        raw = read_docx(package, "fuzz.docx", "0" * 64)
        check_raw(raw)
        check_document(build_document(raw))
    except ParityError:
        pass


if __name__ == "__main__":
    _base()
    run(test_one_input)
