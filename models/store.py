"""Where installed translation models live, and their manifests.

One folder per model under the user data directory (``platformdirs``, app name "parity"), e.g.
``~/.local/share/parity/models/opus-mt-ru-en/``, holding the CTranslate2 files, ``source.spm``/``target.spm``
and ``manifest.json``. A model appears in the store by one atomic rename of a fully validated folder; folders
whose names start with a dot (``.importing-*``, ``.removing-*``) are work in progress and never listed, and
those left by an interrupted run are removed the next time the store is opened. Read-only extra roots hold
models bundled with the desktop build (``bundled-models/`` next to the executable) or named in
``PARITY_MODELS_PATH``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from alignment.document import Language
from alignment.errors import ModelError

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
STAGING_PREFIX = ".importing-"
REMOVING_PREFIX = ".removing-"


def default_models_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path("parity", appauthor=False) / "models"


def bundled_models_dirs() -> list[Path]:
    """Read-only model folders: ``PARITY_MODELS_PATH`` entries and, in the frozen desktop build,
    ``bundled-models/`` next to the executable (PyInstaller puts data files under ``sys._MEIPASS``)."""
    dirs = [Path(p) for p in os.environ.get("PARITY_MODELS_PATH", "").split(os.pathsep) if p]
    if getattr(sys, "frozen", False):
        for base in (getattr(sys, "_MEIPASS", None), Path(sys.executable).parent):
            if base:
                dirs.append(Path(base) / "bundled-models")
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` records about one installed model."""

    id: str
    source_language: str  # "en" | "ru"
    target_language: str
    origin: str  # "opus-mt" | "argos" | "ctranslate2": the kind of package it was imported from
    source: str  # the file or folder it was imported from (name only, for the user's reference)
    format: str  # "ctranslate2"
    quantization: str  # "int8" when we converted it, else what the package shipped
    sha256: str  # over every model file (names and contents, sorted by name)
    size_bytes: int
    created: str  # ISO 8601, UTC
    files: tuple[tuple[str, int], ...] = ()  # (name, size): a cheap damage check without hashing
    source_spm: str = "source.spm"
    target_spm: str = "target.spm"
    manifest_version: int = MANIFEST_VERSION

    @property
    def direction(self) -> str:
        return f"{self.source_language}-{self.target_language}"

    @property
    def size_bytes_text(self) -> str:
        return f"{self.size_bytes / 2**20:.1f} MiB"

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = dict(self.files)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["files"] = tuple(sorted((str(k), int(v)) for k, v in data.get("files", {}).items()))
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def model_files(folder: Path) -> list[Path]:
    """The files that make up a model (everything except the manifest), sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name != MANIFEST)


def checksum(folder: Path) -> tuple[str, int, tuple[tuple[str, int], ...]]:
    """(sha256 over names and contents, total size, (name, size) list) of a model folder."""
    h = hashlib.sha256()
    total = 0
    sizes = []
    for p in model_files(folder):
        h.update(p.name.encode("utf-8") + b"\0")
        size = 0
        with open(p, "rb") as fh:
            for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
        total += size
        sizes.append((p.name, size))
    return h.hexdigest(), total, tuple(sizes)


@dataclass(frozen=True)
class InstalledModel:
    """A model folder in a store; ``problem`` says why it cannot be used (missing file, bad manifest)."""

    path: Path
    manifest: Manifest | None
    bundled: bool = False
    problem: str | None = None

    @property
    def id(self) -> str:
        return self.manifest.id if self.manifest else self.path.name

    @property
    def usable(self) -> bool:
        return self.manifest is not None and self.problem is None

    def verify(self) -> str | None:
        """Full check: recompute the checksum. Returns the problem, or None when the files are intact."""
        if not self.usable:
            return self.problem
        assert self.manifest is not None
        digest, _, _ = checksum(self.path)
        if digest != self.manifest.sha256:
            return "the model files changed since import (checksum mismatch)"
        return None

    def translator(self, **options):
        """A ``CT2Translator`` for this model (nothing is loaded until the first translation)."""
        from models.ct2_translator import CT2Translator

        if not self.usable:
            raise ModelError(f"model {self.id!r} cannot be used: {self.problem}", self.path)
        m = self.manifest
        assert m is not None
        return CT2Translator(
            self.path,
            self.path / m.source_spm,
            self.path / m.target_spm,
            model_id=m.id,
            source_language=Language(m.source_language),
            target_language=Language(m.target_language),
            **options,
        )


def read_model(folder: Path, bundled: bool = False) -> InstalledModel:
    """Read a model folder's manifest and check its files are all there with the recorded sizes."""
    try:
        manifest = Manifest.from_json((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return InstalledModel(folder, None, bundled, "no manifest.json (not imported with `parity models import`)")
    except (OSError, ValueError, TypeError, KeyError) as exc:
        return InstalledModel(folder, None, bundled, f"the manifest cannot be read ({exc})")
    for name, size in manifest.files:
        p = folder / name
        if not p.is_file():
            return InstalledModel(folder, manifest, bundled, f"file {name} is missing")
        if p.stat().st_size != size:
            return InstalledModel(folder, manifest, bundled, f"file {name} has the wrong size (damaged or edited)")
    for name in ("model.bin", manifest.source_spm, manifest.target_spm):
        if not (folder / name).is_file():
            return InstalledModel(folder, manifest, bundled, f"file {name} is missing")
    return InstalledModel(folder, manifest, bundled)


@dataclass
class ModelStore:
    """The user's model folder plus read-only extra folders (bundled models)."""

    root: Path = field(default_factory=default_models_dir)
    extra_roots: Sequence[Path] = ()

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self._cleaned = False

    @classmethod
    def default(cls) -> ModelStore:
        return cls(default_models_dir(), tuple(bundled_models_dirs()))

    # ----- listing ------------------------------------------------------------------------------------------
    def models(self) -> list[InstalledModel]:
        """Every model folder (usable or not): the user's own first, then bundled ones."""
        self.clean_leftovers()
        out: list[InstalledModel] = []
        for root, bundled in [(self.root, False), *((r, True) for r in self.extra_roots)]:
            if not root.is_dir():
                continue
            for d in sorted(root.iterdir()):
                if d.is_dir() and not d.name.startswith("."):
                    out.append(read_model(d, bundled))
        return out

    def get(self, model_id: str) -> InstalledModel:
        for m in self.models():
            if m.id == model_id or m.path.name == model_id:
                return m
        names = ", ".join(m.id for m in self.models()) or "none"
        raise ModelError(f"no model named {model_id!r} is installed (installed: {names}); see `parity models list`")

    def find(self, source: Language, target: Language) -> InstalledModel | None:
        """The first usable model for a direction (the user's own before bundled ones)."""
        for m in self.models():
            if m.usable and m.manifest and (m.manifest.source_language, m.manifest.target_language) == (
                source.value,
                target.value,
            ):
                return m
        return None

    # ----- changing ----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def staging(self) -> Iterator[Path]:
        """A fresh folder inside the store (same file system, so the final rename is atomic); removed when the
        block fails or is interrupted. ``commit`` moves it into place."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.clean_leftovers()
        tmp = self.root / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            yield tmp
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)

    def commit(self, staged: Path, model_id: str) -> Path:
        target = self.root / model_id
        if target.exists():
            raise ModelError(
                f"a model named {model_id!r} is already installed; remove it first (`parity models remove {model_id}`)"
                " or import under another name (--name)"
            )
        _fsync_tree(staged)
        os.rename(staged, target)
        _fsync_dir(self.root)
        return target

    def remove(self, model_id: str) -> InstalledModel:
        model = self.get(model_id)
        if model.bundled or model.path.parent != self.root:
            raise ModelError(f"model {model.id!r} is bundled with the application and cannot be removed", model.path)
        doomed = self.root / f"{REMOVING_PREFIX}{uuid.uuid4().hex[:8]}"
        os.rename(model.path, doomed)  # disappears from the list in one step
        shutil.rmtree(doomed, ignore_errors=True)
        return model

    def clean_leftovers(self) -> list[Path]:
        """Remove staging folders of imports that died (their process is gone) and half-removed models."""
        if self._cleaned or not self.root.is_dir():
            return []
        self._cleaned = True
        removed = []
        for d in self.root.iterdir():
            if not d.is_dir():
                continue
            dead = d.name.startswith(REMOVING_PREFIX) or (
                d.name.startswith(STAGING_PREFIX) and not _pid_alive(d.name[len(STAGING_PREFIX) :].split("-")[0])
            )
            if dead:
                shutil.rmtree(d, ignore_errors=True)
                removed.append(d)
                log.info("removed leftover %s", d)
        return removed


def _pid_alive(pid_text: str) -> bool:
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _fsync_tree(folder: Path) -> None:
    for p in folder.rglob("*"):
        if p.is_file():
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
