"""PyInstaller entry point for ``parity-gui``."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
