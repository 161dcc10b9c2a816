"""Errors a user can cause (bad files, wrong language, missing model).

They form one family with a message meant for a person: the CLI prints it and exits 2, the GUI shows it in a
dialog. Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class ParityError(Exception):
    """Base of every user-facing error; ``str(err)`` names the file (when there is one) and the problem."""

    def __init__(self, problem: str, path: str | Path | None = None) -> None:
        self.problem = problem
        self.path = Path(path) if path is not None else None
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)


class InputError(ParityError):
    """A file cannot be read as a draft resolution (missing, empty, corrupt, wrong format, too large)."""


class UnsupportedFormatError(InputError):
    """The file's content is of a format Parity does not read (e.g. legacy .doc, an image)."""


class NoTextError(InputError):
    """The file holds no extractable text (empty document, scanned PDF without a text layer)."""


class WrongLanguageError(InputError):
    """The file's text is not in the language of the slot it was loaded into."""


class ExportError(ParityError):
    """An export cannot be written (would overwrite an input, unwritable destination, ...)."""


class ModelError(ParityError):
    """A translation model is missing, corrupt, for the wrong languages, or failed to import."""


class Cancelled(Exception):  # noqa: N818 - a state, not a failure
    """Raised inside engine jobs when the caller's ``should_cancel()`` answered True."""
