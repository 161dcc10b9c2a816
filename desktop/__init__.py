"""Parity's desktop application (PySide6 Widgets). It draws what the engine computes; it computes nothing."""

from desktop.pyside_compat import immortalize_none

immortalize_none()  # before any Qt call: see desktop/pyside_compat.py
