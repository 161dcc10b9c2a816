"""Parity engine: reading, structure, alignment, diffs, checks and export of UN draft resolutions.

Nothing in this package imports Qt; the desktop app and the CLI both drive it.
"""

__version__ = "0.1.0"
