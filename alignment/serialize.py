"""The JSON of ``parity compare --json``: a public interface, described by
``alignment/data/schema/compare.schema.json`` and extended only compatibly (new optional keys)."""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from importlib import resources
from typing import Any

from alignment import __version__
from alignment.document import Document

SCHEMA_VERSION = 1


def to_jsonable(obj: Any) -> Any:
    """Dataclasses to dicts (private fields dropped), enums to their values, tuples to lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj) if not f.name.startswith("_")
        }
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    return obj


def document_json(key: str, doc: Document) -> dict[str, Any]:
    data = to_jsonable(doc)
    data["key"] = key
    for p in data["paragraphs"]:
        p["qid"] = f"{key}:{p['id']}"
    return data


def load_schema() -> dict[str, Any]:
    text = (resources.files("alignment") / "data" / "schema" / "compare.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` does not follow the shipped schema."""
    import jsonschema

    jsonschema.validate(data, load_schema())


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def base_json() -> dict[str, Any]:
    return {"parity_version": __version__, "schema_version": SCHEMA_VERSION}
