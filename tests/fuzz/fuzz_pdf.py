"""Fuzz target: the PDF reader (pypdf gate, pdfplumber characters, lines, furniture, notes, paragraphs)."""

from __future__ import annotations

import atheris

with atheris.instrument_imports(include=["alignment", "pypdf", "pdfminer", "pdfplumber"]):
    from alignment.errors import ParityError
    from alignment.reading.pdf import read_pdf
    from alignment.structure import build_document

from _target import check_document, check_raw, run


def test_one_input(data: bytes) -> None:
    try:
        raw = read_pdf(data, "fuzz.pdf", "0" * 64)
        check_raw(raw)
        check_document(build_document(raw))
    except ParityError:
        pass


if __name__ == "__main__":
    run(test_one_input)
