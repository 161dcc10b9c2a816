"""Entry point of ``parity-gui``: ``parity-gui``, ``parity-gui --sample``, ``parity-gui PROJECT.parity`` or
``parity-gui EN_FILE RU_FILE``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="parity-gui", description="Parity desktop app: review EN/RU drafts side by side")
    p.add_argument("files", nargs="*", help="a project file (.parity), or the English and Russian drafts")
    p.add_argument("--sample", action="store_true", help="open the bundled sample (CCPCJ 2011 draft and Rev.1)")
    p.add_argument("--smoke-test", action="store_true",
                   help="open, wait for the first results, print what is shown and quit (packaging checks)")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def quit_when_shown(app, window, timeout_s: float = 60.0) -> None:
    """For --smoke-test: poll until the analysis is shown and no job runs, print a line, quit (exit 1 on an
    error or a timeout)."""
    import time

    from PySide6.QtCore import QTimer

    started = time.perf_counter()
    timer = QTimer(window)

    def poll() -> None:
        done = window.analysis is not None and not window.runner.running()
        if done or window.last_error or time.perf_counter() - started > timeout_s:
            timer.stop()
            if done and not window.last_error:
                print(f"shown: {window.compare.model.rowCount()} rows, {len(window.all_findings())} findings, "
                      f"in {time.perf_counter() - started:.2f} s")
                app.exit(0)
            else:
                print(f"smoke test failed: {window.last_error or 'timed out'}", file=sys.stderr)
                app.exit(1)

    timer.timeout.connect(poll)
    timer.start(50)


def open_arguments(window, args: argparse.Namespace) -> None:
    from alignment.project import SUFFIX
    from desktop.analysis import input_keys

    if args.sample:
        window.open_sample()
    elif len(args.files) == 1 and Path(args.files[0]).suffix == SUFFIX:
        window.open_project(args.files[0])
    elif args.files:
        en = args.files[0]
        ru = args.files[1] if len(args.files) > 1 else None
        window.open_files(input_keys(en, ru, args.files[2:3], args.files[3:4]))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Parity")
    app.setOrganizationName("Parity")
    window = MainWindow()
    window.show()
    open_arguments(window, args)
    if args.smoke_test:
        quit_when_shown(app, window)
    code = app.exec()
    window.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
