"""Open untrusted zip packages and XML safely: bounded size, no entities, no network, no DTDs.

Generic on purpose (readers and exporters both use it): ``open_zip`` checks the archive before anything is
decompressed, ``read_member`` never inflates more than it promised, ``parse_xml`` uses a hardened lxml parser.
Every failure is an ``InputError`` naming the file, never a zipfile/lxml traceback.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from alignment import limits
from alignment.errors import InputError

MAX_MEMBERS = limits.ZIP_MAX_MEMBERS  # a large real .docx has a few hundred parts
MAX_TOTAL_UNCOMPRESSED = limits.ZIP_MAX_TOTAL_UNCOMPRESSED
MAX_MEMBER_UNCOMPRESSED = limits.ZIP_MAX_MEMBER_UNCOMPRESSED
MAX_RATIO = limits.ZIP_MAX_RATIO  # deflate tops out near 1000:1 only for degenerate data such as zip bombs


def safe_xml_parser() -> etree.XMLParser:
    """A parser that never expands entities, loads DTDs, touches the network or builds huge trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, what: str, path: str | Path | None = None) -> etree._Element:
    """Parse ``data`` (a part called ``what`` in messages) or raise ``InputError``; DTDs are refused."""
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise InputError(f"{what} declares a DTD, which office files never do; refusing to read it", path) from None
        if "Excessive depth" in str(exc):
            raise InputError(f"{what} is nested too deeply (over 256 levels); refusing to read it", path) from None
        line = f" (line {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise InputError(f"the file is damaged: {what} is not well-formed XML{line}", path) from None
    if root is None:
        raise InputError(f"the file is damaged: {what} is empty", path)
    if root.getroottree().docinfo.doctype:
        raise InputError(f"{what} declares a DTD, which office files never do; refusing to read it", path)
    return root


def _outside(name: str) -> bool:
    """A member name no office program writes: absolute, a drive, or climbing out with ``..``."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


class SafeZip:
    """A zip archive whose directory has been checked against size and count limits."""

    def __init__(self, data: bytes, path: str | Path | None = None, kind: str = "zip archive") -> None:
        self.path = path
        self.kind = kind
        try:
            self._zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError):
            # NotImplementedError: a directory entry asks for a zip version/feature zipfile lacks (found by fuzzing)
            raise InputError(f"the {kind} is damaged or truncated (not a complete zip archive)", path) from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"the {kind} has {len(infos)} parts (limit {MAX_MEMBERS}); refusing to open it", path)
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise InputError(
                f"the {kind} would unpack to {total // (1024 * 1024)} MB (limit {MAX_TOTAL_UNCOMPRESSED // (1024 * 1024)} MB);"
                " refusing to open it (zip bomb?)",
                path,
            )
        for info in infos:
            if _outside(info.filename):
                raise InputError(
                    f"the {kind} has a part named {info.filename!r}, which points outside the package; refusing to open it",
                    path,
                )
            if info.file_size > limits.ZIP_RATIO_CHECKED_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(f"the {kind} part {info.filename} is compressed suspiciously well; refusing to open it (zip bomb?)", path)
            if info.flag_bits & 0x1:
                raise InputError(f"the {kind} is encrypted; remove the password and save it again", path)
        self._names = {i.filename: i for i in infos}

    def names(self) -> list[str]:
        return list(self._names)

    def has(self, name: str) -> bool:
        return name.lstrip("/") in self._names

    def read(self, name: str, limit: int = MAX_MEMBER_UNCOMPRESSED) -> bytes:
        """The member's bytes, never inflating more than ``limit`` whatever its header claims."""
        name = name.lstrip("/")
        info = self._names.get(name)
        if info is None:
            raise InputError(f"the {self.kind} is damaged: its part {name} is missing", self.path)
        try:
            # in 1 MB steps: zipfile inflates as much as one read() asks for before cutting to the declared size,
            # so a single read(limit) of a part whose header lies would inflate up to ``limit`` at once
            chunks: list[bytes] = []
            size = 0
            with self._zf.open(info) as fh:
                while size <= limit and (chunk := fh.read(1024 * 1024)):
                    chunks.append(chunk)
                    size += len(chunk)
            data = b"".join(chunks)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError):
            # ValueError: zipfile seeks to a negative offset when the archive's start was cut off
            raise InputError(f"the {self.kind} is damaged: its part {name} cannot be unpacked", self.path) from None
        if len(data) > limit:
            raise InputError(f"the {self.kind} part {name} is larger than {limit // (1024 * 1024)} MB; refusing to read it", self.path)
        return data

    def read_xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), name.lstrip("/"), self.path)
