"""Keep module imports out of worker threads.

Importing PySide6 replaces ``builtins.__import__`` with shiboken's ``__feature_import__``, which inspects the
source of every newly imported module. In PySide6 6.12 that hook is not safe to run in a second thread while
the GUI thread runs Python: the first import of an engine module inside a worker crashed the process
("none_dealloc: deallocating None"). Two defences: the engine's modules (and the libraries it imports lazily)
are imported up front in the GUI thread, and imports that still happen in other threads bypass the hook
(it only serves ``from __feature__ import ...``, which this application does not use).
"""

from __future__ import annotations

import builtins
import importlib
import logging
import pkgutil
import threading

log = logging.getLogger(__name__)

# cheap libraries the engine imports inside functions; the heavy ones (python-docx, pdfplumber, ctranslate2)
# are left to the guarded import in the worker, so opening a window stays fast
_LAZY_LIBRARIES = ("zipfile", "platformdirs", "pymorphy3", "rapidfuzz", "diff_match_patch")
_done = False


def guard_thread_imports() -> None:
    """Route imports in non-GUI threads around shiboken's import hook (idempotent)."""
    current = builtins.__import__
    if getattr(current, "_parity_guard", False) or getattr(current, "__name__", "") != "__feature_import__":
        return
    original = getattr(importlib, "__import__", None)
    if original is None:
        return
    main = threading.main_thread()

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002 - __import__ signature
        if threading.current_thread() is main:
            return current(name, globals, locals, fromlist, level)
        return original(name, globals, locals, fromlist, level)

    guarded_import._parity_guard = True  # type: ignore[attr-defined]
    builtins.__import__ = guarded_import


def preload_engine() -> None:
    """Import every module of ``alignment`` and ``models`` and the libraries they import lazily, here, in the
    GUI thread (a quarter of a second, once)."""
    global _done
    if _done:
        return
    guard_thread_imports()
    import alignment
    import models

    for pkg in (alignment, models):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            try:
                importlib.import_module(info.name)
            except Exception as exc:  # noqa: BLE001 - a broken optional piece must not stop the window
                log.warning("not preloaded: %s (%s)", info.name, exc)
    for name in _LAZY_LIBRARIES:
        try:
            importlib.import_module(name)
        except ImportError:
            log.debug("library %s not installed", name)
    _done = True
