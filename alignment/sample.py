"""The bundled sample: the CCPCJ 2011 draft resolution on trafficking in persons, English and Russian, original
and Rev.1 (Markdown as extracted from the PDFs). Shipped inside the package so ``--sample`` works anywhere."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_FILES = {"en": "en.md", "ru": "ru.md", "en1": "en-rev1.md", "ru1": "ru-rev1.md"}


def sample_dir() -> Path:
    return Path(str(resources.files("alignment") / "data" / "sample"))


def sample_paths() -> dict[str, Path]:
    base = sample_dir()
    return {key: base / name for key, name in SAMPLE_FILES.items()}
