"""Writing files safely: never over an input, always atomically (temporary file in the same folder, fsync,
rename), and no partial file left behind on failure."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from alignment.errors import ExportError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(target: Path, protect: Iterable[Path]) -> None:
    """Raise when ``target`` is one of the input files (by path or by inode)."""
    for p in protect:
        if Path(p).resolve() == target.resolve() or _same_file(Path(p), target):
            raise ExportError("refusing to write over an input file; choose another output name", target)


def _mode_for(target: Path) -> int:
    """Keep the mode of the file being replaced, else what ``open()`` would create under the current umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(target: str | Path, protect: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target`` in one rename."""
    target = Path(target)
    refuse_inputs(target, protect)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("the folder does not exist", folder)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600; a saved file gets the mode a plain save would
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_save(save: Callable[[Path], object], target: str | Path, protect: Iterable[Path] = ()) -> None:
    """Run ``save(temporary_path)`` and move the result onto ``target`` atomically; a file-system failure
    becomes an ``ExportError`` naming the target (e.g. ``atomic_save(document.save, out)``)."""
    try:
        with atomic_path(target, protect) as tmp:
            save(tmp)
    except OSError as exc:
        raise ExportError(f"cannot write the file ({exc.strerror})", target) from None


def atomic_write_bytes(target: str | Path, data: bytes, protect: Iterable[Path] = ()) -> None:
    atomic_save(lambda tmp: tmp.write_bytes(data), target, protect)


def atomic_write_text(target: str | Path, text: str, protect: Iterable[Path] = ()) -> None:
    atomic_write_bytes(target, text.encode("utf-8"), protect)
