"""Model import failures: each gives a clear message, leaves nothing half-installed, and `parity compare`
falls back to the deterministic checks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from alignment.cli import main
from alignment.errors import ModelError
from models.importer import import_model
from models.safezip import ZipLimits, safe_extract
from models.store import STAGING_PREFIX, ModelStore
from tests.conftest import ROOT
from tests.tiny_models import tiny  # noqa: F401 - fixture


def _store_is_empty(store: ModelStore) -> None:
    assert store.models() == []
    leftovers = [p.name for p in store.root.iterdir()] if store.root.exists() else []
    assert leftovers == [], leftovers


def test_ct2_folder_import_and_language_guess(isolated_dirs, tiny):  # noqa: F811
    src = tiny.ct2_dir(isolated_dirs / "my-model", "ru", "en")
    m = import_model(src, ModelStore.default())  # languages from the scripts of source.spm/target.spm
    assert (m.id, m.source_language, m.target_language, m.origin) == ("ctranslate2-ru-en", "ru", "en", "ctranslate2")
    assert sorted(os.listdir(src)) == sorted(["config.json", "model.bin", "source.spm", "target.spm",
                                              "source_vocabulary.json", "target_vocabulary.json"]), "input modified"


def test_opus_mt_folder_import(isolated_dirs, tiny):  # noqa: F811
    src = tiny.opus_mt_dir(isolated_dirs / "opus-mt-en-ru", "en", "ru")
    m = import_model(src, ModelStore.default())
    assert (m.id, m.source_language, m.target_language, m.quantization) == ("opus-mt-en-ru", "en", "ru", "int8")


def test_corrupt_model_folder(isolated_dirs, tiny, capsys):  # noqa: F811
    src = tiny.ct2_dir(isolated_dirs / "broken", "ru", "en")
    (src / "model.bin").write_bytes(b"\x00garbage" * 100)
    assert main(["models", "import", str(src)]) == 2
    err = capsys.readouterr().err
    assert f"{src}: the model does not load" in err
    _store_is_empty(ModelStore.default())


def test_opus_mt_archive_missing_a_file(isolated_dirs, tiny):  # noqa: F811
    src = tiny.opus_mt_dir(isolated_dirs / "opus", "ru", "en")
    (src / "target.spm").unlink()
    with pytest.raises(ModelError, match="incomplete OPUS-MT release: missing target.spm"):
        import_model(src, ModelStore.default())
    _store_is_empty(ModelStore.default())


def test_opus_mt_with_damaged_weights(isolated_dirs, tiny):  # noqa: F811
    src = tiny.opus_mt_dir(isolated_dirs / "opus", "ru", "en")
    npz = next(src.glob("*.npz"))
    npz.write_bytes(npz.read_bytes()[:2000])
    with pytest.raises(ModelError, match="the OPUS-MT model cannot be converted"):
        import_model(src, ModelStore.default())
    _store_is_empty(ModelStore.default())


@pytest.mark.parametrize("make, message", [
    (lambda t, d: t.argos_zip(d / "translate-en_de-1_0.argosmodel", "en", "de"),
     "this model translates en -> de; Parity needs an English <-> Russian model"),
    (lambda t, d: t.opus_mt_zip(d / "opus-de-en.zip", "de", "en"),
     "this model translates de -> en"),
])
def test_model_for_the_wrong_languages(isolated_dirs, tiny, make, message, capsys):  # noqa: F811
    path = make(tiny, isolated_dirs)
    assert main(["models", "import", str(path)]) == 2
    assert message in capsys.readouterr().err
    _store_is_empty(ModelStore.default())
    assert main(["compare", "--sample"]) in (0, 1)  # the deterministic checks run; the report says why not the model
    assert "Translation-based checks were skipped: no Russian -> English translation model" in capsys.readouterr().out


def test_mislabelled_model_is_caught_by_its_vocabularies(isolated_dirs, tiny):  # noqa: F811
    src = tiny.ct2_dir(isolated_dirs / "model", "ru", "en")
    with pytest.raises(ModelError, match=r"declared en -> ru, but its source vocabulary \(source.spm\) is Cyrillic"):
        import_model(src, ModelStore.default(), source_language="en", target_language="ru")
    en_en = tiny.ct2_dir(isolated_dirs / "latin-only", "en", "en")
    with pytest.raises(ModelError, match="cannot tell which languages"):
        import_model(en_en, ModelStore.default())


def test_not_a_model(isolated_dirs):
    junk = isolated_dirs / "notes.zip"
    with zipfile.ZipFile(junk, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ModelError, match="not a model package"):
        import_model(junk, ModelStore.default())
    text = isolated_dirs / "model.txt"
    text.write_text("not a zip")
    with pytest.raises(ModelError, match="not a model package"):
        import_model(text, ModelStore.default())
    hf = isolated_dirs / "opus-mt-ru-en-hf"
    hf.mkdir()
    (hf / "config.json").write_text(json.dumps({"model_type": "marian"}))
    with pytest.raises(ModelError, match="Hugging Face Transformers model folder"):
        import_model(hf, ModelStore.default())
    with pytest.raises(ModelError, match="no such file"):
        import_model(isolated_dirs / "missing.zip", ModelStore.default())


def test_importing_twice_is_refused(isolated_dirs, tiny):  # noqa: F811
    zipped = tiny.opus_mt_zip(isolated_dirs / "ru-en.zip", "ru", "en")
    import_model(zipped, ModelStore.default())
    with pytest.raises(ModelError, match="already installed; remove it first"):
        import_model(zipped, ModelStore.default())
    m = import_model(zipped, ModelStore.default(), model_id="opus-mt-ru-en-2")
    assert m.id == "opus-mt-ru-en-2"


def test_interrupted_import_leaves_no_half_model(isolated_dirs, tiny, monkeypatch):  # noqa: F811
    """An exception (or Ctrl+C) in the middle of copying: the staging folder goes, nothing is listed."""
    import models.importer as importer

    src = tiny.ct2_dir(isolated_dirs / "m", "ru", "en")
    real_copy = importer.shutil.copy2
    calls = []

    def copy_then_interrupt(a, b, *args, **kw):
        calls.append(a)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_copy(a, b, *args, **kw)

    monkeypatch.setattr(importer.shutil, "copy2", copy_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        import_model(src, ModelStore.default())
    _store_is_empty(ModelStore.default())
    monkeypatch.setattr(importer.shutil, "copy2", real_copy)
    calls.clear()

    def copy_then_fail(a, b, *args, **kw):
        calls.append(a)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_copy(a, b, *args, **kw)

    monkeypatch.setattr(importer.shutil, "copy2", copy_then_fail)
    with pytest.raises(ModelError, match="the import failed .No space left on device.; nothing was installed"):
        import_model(src, ModelStore.default())
    _store_is_empty(ModelStore.default())


def test_killed_import_is_cleaned_at_next_start(isolated_dirs, tiny, capsys):  # noqa: F811
    """A process killed mid-copy cannot clean up; the next start removes its staging folder."""
    src = tiny.ct2_dir(isolated_dirs / "m", "ru", "en")
    marker = isolated_dirs / "copying"
    code = f"""
import shutil, time, pathlib
import models.importer as importer
real = shutil.copy2
def slow(a, b, *args, **kw):
    real(a, b, *args, **kw)
    pathlib.Path({str(marker)!r}).write_text("x")
    time.sleep(120)
importer.shutil.copy2 = slow
importer.import_model({str(src)!r})
"""
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=os.environ.copy())
    try:
        deadline = time.time() + 60
        while not marker.exists() and time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the import never started copying"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    store = ModelStore.default()
    staged = [p for p in store.root.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert staged, "expected the killed import's staging folder"
    assert main(["models", "list"]) == 0  # the next start: never listed, removed, and said so
    out = capsys.readouterr().out
    assert f"Removed the leftovers of an interrupted import or removal: {staged[0].name}" in out
    assert "No translation models installed" in out
    assert not any(p.exists() for p in staged)


def test_damaged_installed_model_falls_back_to_deterministic_checks(isolated_dirs, tiny, capsys):  # noqa: F811
    import_model(tiny.opus_mt_zip(isolated_dirs / "ru-en.zip", "ru", "en"), ModelStore.default())
    model_bin = ModelStore.default().root / "opus-mt-ru-en" / "model.bin"
    model_bin.write_bytes(model_bin.read_bytes()[:1000])
    assert main(["models", "list"]) == 0
    assert "DAMAGED: file model.bin has the wrong size" in capsys.readouterr().out
    code = main(["compare", "--sample"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "Documents" in out  # the deterministic report is still there
    assert "Translation-based checks were skipped: the installed model 'opus-mt-ru-en' cannot be used" in out
    assert "parity models remove opus-mt-ru-en" in out


def test_same_size_tampering_is_found_by_verify(isolated_dirs, tiny, capsys):  # noqa: F811
    import_model(tiny.opus_mt_zip(isolated_dirs / "ru-en.zip", "ru", "en"), ModelStore.default())
    spm = ModelStore.default().root / "opus-mt-ru-en" / "target.spm"
    data = bytearray(spm.read_bytes())
    data[100] ^= 0xFF
    spm.write_bytes(bytes(data))
    main(["models", "list", "--verify"])
    assert "checksum mismatch" in capsys.readouterr().out


def test_unusable_model_in_compare_with_model_name(isolated_dirs, tiny, capsys):  # noqa: F811
    import_model(tiny.opus_mt_zip(isolated_dirs / "ru-en.zip", "ru", "en"), ModelStore.default())
    (ModelStore.default().root / "opus-mt-ru-en" / "manifest.json").write_text("{not json")
    main(["compare", "--sample", "--model", "opus-mt-ru-en"])
    out = capsys.readouterr().out
    assert "skipped: model 'opus-mt-ru-en' cannot be used (the manifest cannot be read" in out


# ----- archives -----------------------------------------------------------------------------------------------
def _zip(path, members):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil", "a/../../evil", "C:/evil", "..\\evil"])
def test_zip_paths_outside_the_folder_are_refused(tmp_path, name):
    z = _zip(tmp_path / "bad.zip", [("ok.txt", "x"), (name, "evil")])
    with pytest.raises(ModelError, match="refusing to extract|outside"):
        safe_extract(z, tmp_path / "out")
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "evil").exists()


def test_zip_symlinks_and_limits(tmp_path):
    z = tmp_path / "link.zip"
    with zipfile.ZipFile(z, "w") as zf:
        info = zipfile.ZipInfo("link")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(ModelError, match="symbolic link"):
        safe_extract(z, tmp_path / "o1")
    many = _zip(tmp_path / "many.zip", [(f"f{i}", "x") for i in range(20)])
    with pytest.raises(ModelError, match="holds 20 files"):
        safe_extract(many, tmp_path / "o2", ZipLimits(max_members=10))
    big = _zip(tmp_path / "big.zip", [("a", "x" * 5000)])
    with pytest.raises(ModelError, match="size limit"):
        safe_extract(big, tmp_path / "o3", ZipLimits(max_total_bytes=1000))
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros", b"\0" * (4 * 2**20))
    with pytest.raises(ModelError, match="zip bomb"):
        safe_extract(tmp_path / "bomb.zip", tmp_path / "o4")


def test_a_traversing_argos_package_installs_nothing(isolated_dirs):
    z = _zip(isolated_dirs / "evil.argosmodel", [("pkg/metadata.json", "{}"), ("pkg/../../../evil", "x")])
    with pytest.raises(ModelError, match="outside its folder"):
        import_model(z, ModelStore.default())
    _store_is_empty(ModelStore.default())
