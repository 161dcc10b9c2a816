"""Packaging files are valid: the desktop entry and AppStream metainfo, and the PyInstaller spec parses.

The one-folder build itself and its smoke test run in CI through packaging/build.py (see .ci/run)."""

from __future__ import annotations

import ast
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

LINUX = ROOT / "packaging" / "linux"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (CI installs it)")
    return path


def test_desktop_entry_is_valid():
    out = subprocess.run([_tool("desktop-file-validate"), str(LINUX / "org.parity.Parity.desktop")],
                         capture_output=True, text=True)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_appstream_metainfo_is_valid():
    out = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", str(LINUX / "org.parity.Parity.metainfo.xml")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_metainfo_screenshots_exist_in_docs():
    text = (LINUX / "org.parity.Parity.metainfo.xml").read_text(encoding="utf-8")
    for name in ("screenshot-bilingual.png", "screenshot-revisions.png"):
        assert name in text
        assert (ROOT / "docs" / name).is_file(), f"docs/{name} is referenced by the metainfo but missing"


def test_spec_and_entry_points_parse():
    for name in ("parity.spec", "entry_cli.py", "entry_gui.py", "build.py", "fetch_models.py"):
        ast.parse((ROOT / "packaging" / name).read_text(encoding="utf-8"))
