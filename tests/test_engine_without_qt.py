"""The engine and the model layer import without Qt: every module of alignment/ and models/."""

from __future__ import annotations

import importlib
import pkgutil
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
    import models

    for info in pkgutil.walk_packages(models.__path__, "models."):
        importlib.import_module(info.name)
    assert "ctranslate2" not in sys.modules or not any(
        type(v).__name__ == "Translator" and type(v).__module__.startswith("ctranslate2")
        for m in list(sys.modules.values())
        for v in vars(m).values()
        if m is not None and getattr(m, "__name__", "").startswith("models")
    )
