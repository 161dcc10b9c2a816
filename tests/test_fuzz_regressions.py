"""Inputs the fuzzers once crashed a reader with, kept so the fix stays: each gives a clear error naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignment.errors import ParityError
from alignment.reading import read_document

REGRESSIONS = sorted((Path(__file__).parent / "regressions").iterdir())


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_fuzz_finding_gives_a_clear_error(path):
    before = path.read_bytes()
    with pytest.raises(ParityError) as err:
        read_document(path)
    assert path.name in str(err.value)
    assert path.read_bytes() == before
