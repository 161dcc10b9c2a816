"""The engine and the model layer import without Qt: every module of alignment/ and models/."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_every_engine_module_imports_without_qt():
    code = r"""
import importlib, pkgutil, sys
sys.modules["PySide6"] = None
import alignment, models
for pkg in (alignment, models):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
assert not any(m.startswith("PySide6.") for m in sys.modules), "Qt was imported"
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_no_module_loads_a_model_at_import():
    """Importing the whole engine and model layer neither loads CTranslate2/SentencePiece nor opens a model:
    they load on first use, so the CLI and the window start fast and work without a model."""
    code = r"""
import importlib, pkgutil, sys
import alignment, models
for pkg in (alignment, models):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(info.name)
loaded = sorted(m for m in ("ctranslate2", "sentencepiece", "torch") if m in sys.modules)
print("loaded:", ",".join(loaded))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "loaded:", out.stdout
