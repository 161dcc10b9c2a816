"""Fuzz target: the Markdown/plain-text reader and the structure parser on arbitrary text."""

from __future__ import annotations

import atheris

with atheris.instrument_imports(include=["alignment"]):
    from alignment.errors import ParityError
    from alignment.reading.markdown import read_markdown
    from alignment.structure import build_document

from _target import check_document, check_raw, run


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    try:
        raw = read_markdown(text, "fuzz.md", "0" * 64)
        check_raw(raw)
        check_document(build_document(raw))
    except ParityError:
        pass


if __name__ == "__main__":
    run(test_one_input)
