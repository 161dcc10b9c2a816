"""Shared fixtures: the read-only reference material in ../shared and the sample Comparison."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PARITY_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "trafficking-2011"
UNPC = SHARED / "corpus" / "unpc-dev"
REFERENCE = SHARED / "reference"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def strip_markup(s: str) -> str:
    """truth.json quotes the Markdown (``*italic*``, ``<sup>n</sup>``, a trailing page-break ``---``)."""
    s = re.sub(r"<sup>.*?</sup>", "", s).replace("*", "")
    return s.removesuffix(" ---").strip()


@pytest.fixture(scope="session")
def truth() -> dict:
    return json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_comparison():
    from alignment.comparison import Comparison

    return Comparison.sample()


@pytest.fixture()
def isolated_dirs(tmp_path, monkeypatch):
    """Point the user data/cache/config directories at a temporary folder."""
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
        (tmp_path / sub).mkdir()
        monkeypatch.setenv(var, str(tmp_path / sub))
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path
