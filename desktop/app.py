"""Entry point of ``parity-gui``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("parity-gui: the desktop window is not built yet; use `parity compare`.", file=sys.stderr)
    return 0
