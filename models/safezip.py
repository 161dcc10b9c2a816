"""Extract a model archive without trusting it: no paths outside the target folder, no links, bounded member
count and size (checked against the bytes actually written, not the sizes the archive claims)."""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from alignment.errors import ModelError


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 5_000
    max_total_bytes: int = 4 * 2**30  # an OPUS-MT release is ~300 MB; an Argos package ~100 MB
    max_ratio: int = 200  # uncompressed/compressed per member above 1 MiB (zip bombs)


def _safe_name(name: str, archive: Path) -> PurePosixPath:
    name = name.replace("\\", "/")
    p = PurePosixPath(name)
    if p.is_absolute() or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ModelError(f"the archive holds an absolute path ({name!r}); refusing to extract it", archive)
    if any(part == ".." for part in p.parts):
        raise ModelError(f"the archive holds a path leading outside its folder ({name!r}); refusing to extract it", archive)
    return p


def safe_extract(archive: Path, dest: Path, limits: ZipLimits = ZipLimits()) -> Path:
    """Extract ``archive`` into ``dest`` (created). Returns ``dest``; raises ``ModelError`` on anything unsafe."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"not a readable zip archive ({exc})", archive) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise ModelError(f"the archive holds {len(infos)} files (more than {limits.max_members})", archive)
        if sum(i.file_size for i in infos) > limits.max_total_bytes:
            raise ModelError("the archive unpacks to more than the size limit", archive)
        dest.mkdir(parents=True, exist_ok=True)
        root = dest.resolve()
        seen: set[str] = set()
        written = 0
        for info in infos:
            rel = _safe_name(info.filename, archive)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise ModelError(f"the archive holds a symbolic link ({info.filename!r}); refusing to extract it", archive)
            if info.flag_bits & 0x1:
                raise ModelError(f"the archive member {info.filename!r} is encrypted", archive)
            if str(rel) in seen:
                raise ModelError(f"the archive holds {info.filename!r} twice", archive)
            seen.add(str(rel))
            target = (dest / rel).resolve()
            if root not in target.parents and target != root:
                raise ModelError(f"the archive path {info.filename!r} leads outside its folder", archive)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            if info.file_size > 2**20 and info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
                raise ModelError(f"the archive member {info.filename!r} is suspiciously compressed (zip bomb?)", archive)
            target.parent.mkdir(parents=True, exist_ok=True)
            member_bytes = 0
            try:
                with zf.open(info) as src, open(target, "wb") as out:
                    while chunk := src.read(1 << 20):
                        member_bytes += len(chunk)
                        written += len(chunk)
                        if member_bytes > info.file_size or written > limits.max_total_bytes:
                            raise ModelError("the archive unpacks to more than it declares", archive)
                        out.write(chunk)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
                raise ModelError(f"the archive is damaged ({exc})", archive) from None
    return dest
