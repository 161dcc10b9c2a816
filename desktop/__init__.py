"""Parity's desktop application (PySide6 Widgets). It draws what the engine computes; it computes nothing."""
