"""``parity models import PATH``: install a translation model from a file the user already has. Never downloads.

Accepted, recognised by content (not by extension):
  (a) an OPUS-MT release (Helsinki-NLP): the folder or its .zip with ``decoder.yml``, a Marian ``.npz``, the
      vocabulary ``.yml`` and ``source.spm``/``target.spm``; converted with CTranslate2's own ``OpusMTConverter``
      to int8;
  (b) an Argos Translate ``.argosmodel`` package: a zip with ``metadata.json`` (languages), a CTranslate2
      ``model/`` folder and ``sentencepiece.model``;
  (c) a CTranslate2 folder (``model.bin``, ``config.json``, vocabularies) with ``source.spm``/``target.spm`` or one
      shared SentencePiece model.

Everything happens inside a staging folder in the store: languages are established and the files checked
before anything is copied or converted, then the result is loaded, a test sentence is translated and scored,
the manifest is written, and only then does the folder appear under its name, in one rename. Any failure or
interruption removes the staging folder; one left by a killed process is removed at the next start.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alignment.document import Language
from alignment.errors import Cancelled, ModelError
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from models.safezip import safe_extract
from models.store import MANIFEST, Manifest, ModelStore, checksum

log = logging.getLogger(__name__)

SUPPORTED = {"en", "ru"}
_ISO3 = {"eng": "en", "rus": "ru"}
_NAMES = {"english": "en", "russian": "ru"}
_SPM_SHARED_NAMES = ("sentencepiece.model", "spm.model", "shared.spm", "source.spm")
_CT2_FILES = ("model.bin", "config.json")
_TEST_SENTENCE = {
    "en": "The Commission requests the Secretariat to report on the implementation of this resolution.",
    "ru": "Комиссия просит Секретариат представить доклад об осуществлении настоящей резолюции.",
}


@dataclass(frozen=True)
class Package:
    """A recognised model package, before anything is copied."""

    origin: str  # "opus-mt" | "argos" | "ctranslate2"
    root: Path  # folder holding its files (maybe unpacked into staging)
    model_dir: Path  # where the CTranslate2 files are (or the Marian files for opus-mt)
    source_spm: Path
    target_spm: Path
    source_language: str | None
    target_language: str | None


def import_model(
    path: str | Path,
    store: ModelStore | None = None,
    *,
    model_id: str | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
    quantization: str = "int8",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> Manifest:
    """Validate, convert if needed, test and install the model at ``path``; returns its manifest."""
    progress = progress or no_progress
    path = Path(path)
    if not path.exists():
        raise ModelError("no such file or folder", path)
    store = store or ModelStore.default()
    try:
        return _import(path, store, model_id, source_language, target_language, quantization, progress, should_cancel)
    except OSError as exc:  # disk full, permissions: nothing was installed (the staging folder is gone)
        raise ModelError(f"the import failed ({exc.strerror or exc}); nothing was installed", path) from None


def _import(path: Path, store: ModelStore, model_id: str | None, source_language: str | None,
            target_language: str | None, quantization: str, progress: Progress,
            should_cancel: ShouldCancel | None) -> Manifest:
    with store.staging() as stage:
        progress(2, f"Reading {path.name}")
        root = _unpack(path, stage / "unpacked")
        check_cancel(should_cancel)
        package = recognise(root, path)
        src_lang, tgt_lang = _languages(package, path, source_language, target_language)
        _check_spm_scripts(package, src_lang, tgt_lang, path)
        model_id = model_id or f"{package.origin}-{src_lang}-{tgt_lang}"
        _check_id(model_id, store)
        out = stage / "model"
        progress(20, "Converting to CTranslate2 int8" if package.origin == "opus-mt" else "Copying model files")
        spm_names = _install_files(package, out, quantization, path)
        check_cancel(should_cancel)
        progress(70, "Testing the model")
        _test_model(out, spm_names, src_lang, tgt_lang, model_id, path)
        check_cancel(should_cancel)
        progress(85, "Writing the manifest")
        digest, size, files = checksum(out)
        config = _read_json(out / "config.json")
        manifest = Manifest(
            id=model_id,
            source_language=src_lang,
            target_language=tgt_lang,
            origin=package.origin,
            source=path.name,
            format="ctranslate2",
            quantization=quantization if package.origin == "opus-mt" else str(config.get("quantization", "as shipped")),
            sha256=digest,
            size_bytes=size,
            created=datetime.now(UTC).replace(microsecond=0).isoformat(),
            files=files,
            source_spm=spm_names[0],
            target_spm=spm_names[1],
        )
        (out / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        check_cancel(should_cancel)
        store.commit(out, model_id)
    progress(100, f"Installed {model_id}")
    log.info("installed %s from %s", model_id, path)
    return manifest


# ----- recognising a package ----------------------------------------------------------------------------------
def _unpack(path: Path, dest: Path) -> Path:
    if path.is_dir():
        return path
    import zipfile

    if not zipfile.is_zipfile(path):
        raise ModelError(
            "not a model package: expected an OPUS-MT folder or .zip, an Argos .argosmodel, or a CTranslate2 folder",
            path,
        )
    safe_extract(path, dest)
    entries = [p for p in dest.iterdir() if not p.name.startswith("__MACOSX")]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]  # Argos packages (and some re-zipped releases) hold one top folder
    return dest


def recognise(root: Path, shown: Path) -> Package:
    """Which kind of package ``root`` holds; an error lists what was expected when it is none of them."""
    if (root / "metadata.json").is_file() and (root / "model").is_dir():
        meta = _read_json(root / "metadata.json")
        spm = _first(root, ("sentencepiece.model", "spm.model"))
        src_spm = root / "source.spm" if (root / "source.spm").is_file() else spm
        tgt_spm = root / "target.spm" if (root / "target.spm").is_file() else spm
        _require([root / "model" / f for f in _CT2_FILES] + [src_spm, tgt_spm], shown, "Argos package")
        return Package("argos", root, root / "model", src_spm, tgt_spm, meta.get("from_code"), meta.get("to_code"))
    if (root / "decoder.yml").is_file() or (list(root.glob("*.npz")) and list(root.glob("*.vocab.yml"))):
        _require([root / "decoder.yml", root / "source.spm", root / "target.spm"], shown, "OPUS-MT release")
        src, tgt = _opus_readme_languages(root)
        return Package("opus-mt", root, root, root / "source.spm", root / "target.spm", src, tgt)
    if (root / "model.bin").is_file():
        shared = _first(root, _SPM_SHARED_NAMES)
        src_spm = root / "source.spm" if (root / "source.spm").is_file() else shared
        tgt_spm = root / "target.spm" if (root / "target.spm").is_file() else shared
        _require([root / f for f in _CT2_FILES] + [src_spm, tgt_spm], shown, "CTranslate2 model folder")
        meta = _read_json(root / MANIFEST) if (root / MANIFEST).is_file() else {}
        return Package("ctranslate2", root, root, src_spm, tgt_spm, meta.get("source_language"), meta.get("target_language"))
    config = _read_json(root / "config.json") if (root / "config.json").is_file() else {}
    if config.get("model_type") == "marian" or (root / "pytorch_model.bin").is_file():
        raise ModelError(
            "this is a Hugging Face Transformers model folder; import the OPUS-MT release .zip instead "
            "(see README, 'Translation models'), or convert it first with `ct2-transformers-converter`",
            shown,
        )
    raise ModelError(
        "not a model package: expected an OPUS-MT release (decoder.yml, .npz, source.spm/target.spm), an Argos "
        ".argosmodel (metadata.json, model/), or a CTranslate2 folder (model.bin, config.json, source.spm/target.spm)",
        shown,
    )


def _first(root: Path, names: tuple[str, ...]) -> Path:
    for n in names:
        if (root / n).is_file():
            return root / n
    return root / names[0]


def _require(files: list[Path], shown: Path, kind: str) -> None:
    missing = sorted({f.name for f in files if not f.is_file()})
    if missing:
        raise ModelError(f"incomplete {kind}: missing {', '.join(missing)}", shown)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path.name} cannot be read ({exc})", path) from None
    return data if isinstance(data, dict) else {}


def _opus_readme_languages(root: Path) -> tuple[str | None, str | None]:
    readme = root / "README.md"
    if not readme.is_file():
        return None, None
    text = readme.read_text(encoding="utf-8", errors="replace")
    src = re.search(r"source language\(s\):\s*([^\n]+)", text)
    tgt = re.search(r"target language\(s\):\s*([^\n]+)", text)
    return (src.group(1).strip() if src else None, tgt.group(1).strip() if tgt else None)


def _norm_lang(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().lower().replace("_", "-")
    if " " in v or "," in v or "+" in v:
        return v  # several languages: reported as is
    v = v.split("-")[0]
    return _ISO3.get(v) or _NAMES.get(v) or v


def _name_hint(path: Path) -> tuple[str | None, str | None]:
    m = re.search(r"(?:^|[^a-z])(en|ru)[-_](en|ru)(?:$|[^a-z])", path.name.lower())
    return (m.group(1), m.group(2)) if m else (None, None)


def _languages(package: Package, shown: Path, source: str | None, target: str | None) -> tuple[str, str]:
    hint = _name_hint(shown)
    src = _norm_lang(source) or _norm_lang(package.source_language) or hint[0]
    tgt = _norm_lang(target) or _norm_lang(package.target_language) or hint[1]
    if (src is None or tgt is None) and package.source_spm != package.target_spm:
        guessed = (_spm_script(package.source_spm), _spm_script(package.target_spm))
        by_script = {("cyrillic", "latin"): ("ru", "en"), ("latin", "cyrillic"): ("en", "ru")}.get(guessed)
        if by_script:
            src, tgt = src or by_script[0], tgt or by_script[1]
    if src is None or tgt is None:
        raise ModelError("cannot tell which languages this model translates; give --from and --to", shown)
    if src not in SUPPORTED or tgt not in SUPPORTED or src == tgt:
        raise ModelError(
            f"this model translates {src} -> {tgt}; Parity needs an English <-> Russian model (en -> ru or ru -> en)",
            shown,
        )
    return src, tgt


def _cyrillic_share(path: Path) -> float:
    """Share of a SentencePiece model's lettered pieces that hold Cyrillic letters."""
    from models.ct2_translator import Tokenizer

    pieces = Tokenizer(path).vocab()
    cyr = sum(1 for p in pieces if any("\u0400" <= c <= "\u04ff" for c in p))
    lat = sum(1 for p in pieces if any(c.isascii() and c.isalpha() for c in p))
    return cyr / max(cyr + lat, 1)


def _spm_script(path: Path) -> str:
    """'cyrillic', 'latin' or 'mixed': the script of a SentencePiece model's pieces."""
    share = _cyrillic_share(path)
    return "cyrillic" if share >= 0.5 else "latin" if share <= 0.1 else "mixed"


def _check_spm_scripts(package: Package, src: str, tgt: str, shown: Path) -> None:
    """The vocabularies must be in the scripts of the declared languages (catches swapped or mislabelled models)."""
    if package.source_spm == package.target_spm:
        share = _cyrillic_share(package.source_spm)
        if not 0.05 <= share <= 0.95:
            script = "Cyrillic" if share > 0.95 else "Latin"
            raise ModelError(
                f"its shared vocabulary is almost all {script}, so it cannot translate between {src} and {tgt}", shown
            )
        return
    for side, spm, lang in (("source", package.source_spm, src), ("target", package.target_spm, tgt)):
        share = _cyrillic_share(spm)
        ok = share >= 0.3 if lang == "ru" else share <= 0.15
        if not ok:
            script = "Cyrillic" if share >= 0.5 else "Latin" if share <= 0.1 else "mixed"
            raise ModelError(
                f"declared {src} -> {tgt}, but its {side} vocabulary ({spm.name}) is {script} script, not {lang}", shown
            )


def _check_id(model_id: str, store: ModelStore) -> None:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", model_id):
        raise ModelError(f"invalid model name {model_id!r}: use letters, digits, '.', '_' and '-'")
    if (store.root / model_id).exists():
        raise ModelError(
            f"a model named {model_id!r} is already installed; remove it first (`parity models remove {model_id}`)"
            " or import under another name (--name)"
        )


# ----- building the installed folder --------------------------------------------------------------------------
def _install_files(package: Package, out: Path, quantization: str, shown: Path) -> tuple[str, str]:
    """Fill ``out`` with the CTranslate2 model and SentencePiece files; returns (source spm, target spm) names."""
    if package.origin == "opus-mt":
        from ctranslate2.converters import OpusMTConverter

        _check_npz(package.root, shown)
        try:
            OpusMTConverter(str(package.root)).convert(str(out), quantization=quantization, force=True)
        except Exception as exc:  # noqa: BLE001 - any failure of the third-party converter means "cannot convert"
            shutil.rmtree(out, ignore_errors=True)
            raise ModelError(f"the OPUS-MT model cannot be converted ({type(exc).__name__}: {exc})", shown) from None
    else:
        out.mkdir(parents=True)
        for f in sorted(package.model_dir.iterdir()):
            if f.is_file() and (f.name in ("model.bin", "config.json", "vmap.txt") or "vocabulary" in f.name):
                shutil.copy2(f, out / f.name)
    if package.source_spm == package.target_spm:
        shutil.copy2(package.source_spm, out / "shared.spm")
        return "shared.spm", "shared.spm"
    shutil.copy2(package.source_spm, out / "source.spm")
    shutil.copy2(package.target_spm, out / "target.spm")
    return "source.spm", "target.spm"


def _check_npz(root: Path, shown: Path) -> None:
    """The Marian weights named by decoder.yml must be a readable .npz (numpy would leak the file handle)."""
    import zipfile

    import yaml

    try:
        config = yaml.safe_load((root / "decoder.yml").read_text(encoding="utf-8")) or {}
        names = [root / config["models"][0], *(root / v for v in config["vocabs"])]
    except (OSError, ValueError, KeyError, IndexError, TypeError, yaml.YAMLError) as exc:
        raise ModelError(f"decoder.yml cannot be read ({exc})", shown) from None
    _require(names, shown, "OPUS-MT release")
    try:
        with zipfile.ZipFile(names[0]) as zf:
            bad = zf.testzip()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"the OPUS-MT model cannot be converted: {names[0].name} is damaged ({exc})", shown) from None
    if bad is not None:
        raise ModelError(f"the OPUS-MT model cannot be converted: {names[0].name} is damaged ({bad})", shown)


def _test_model(out: Path, spm: tuple[str, str], src: str, tgt: str, model_id: str, shown: Path) -> None:
    """Load the model and its tokenizers, translate and score one sentence: a model that cannot do this is not
    installed."""
    from models.ct2_translator import CT2Translator, DecodingOptions

    translator = CT2Translator(
        out,
        out / spm[0],
        out / spm[1],
        model_id=model_id,
        source_language=Language(src),
        target_language=Language(tgt),
        decoding=DecodingOptions(beam_size=1, max_decoding_length=24),
    )
    try:
        result = translator.translate_batch([_TEST_SENTENCE[src]])
        scores = translator.score_batch([_TEST_SENTENCE[src]], [_TEST_SENTENCE[tgt]])
    except ModelError as exc:
        raise ModelError(f"the model does not load: {exc.problem}", shown) from None
    except Cancelled:
        raise
    except (RuntimeError, ValueError) as exc:
        raise ModelError(f"the model fails a test translation ({exc})", shown) from None
    finally:
        translator.unload()
    if not result or not scores or not scores[0].tokens:
        raise ModelError("the model returned nothing for a test sentence", shown)
