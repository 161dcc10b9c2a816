"""Model import and translation cache survive interruption, at random moments rather than one chosen point.

What tests/test_models_import.py and test_models_cache.py already show is not repeated here (an exception mid-copy,
one kill after the first file, a cache file overwritten while closed). Added: SIGKILL at random moments of the
whole import (copy, conversion check, fsync, the final rename) — never a half model listed, leftovers cleaned, and
the next import works; SIGKILL while the cache is being written — it reopens without loss of anything reported
saved; a damaged cache reported by ``parity compare`` itself and healthy on the next run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

from alignment.cli import main
from models.cache import TranslationCache, default_cache_path
from models.importer import import_model
from models.store import STAGING_PREFIX, ModelStore
from tests.conftest import ROOT
from tests.tiny_models import tiny  # noqa: F401 - fixture

IMPORT_ROUNDS = 15
CACHE_ROUNDS = 30

IMPORT_CHILD = textwrap.dedent(
    """
    import sys, time
    from models.importer import import_model
    from models.store import ModelStore
    print("start", flush=True)
    started = time.monotonic()
    import_model(sys.argv[1], ModelStore.default())
    print(f"done {time.monotonic() - started:.3f}", flush=True)
    """
)

CACHE_CHILD = textwrap.dedent(
    """
    import sys
    from models.cache import TranslationCache
    cache = TranslationCache(sys.argv[1])
    round_no = int(sys.argv[2])
    i = 0
    while True:
        batch = f"{round_no:03d}-{i:05d}"
        cache.put_translations("tiny", "ru-en", [(f"{batch} text {j}", f"{batch} out {j}") for j in range(20)])
        print(batch, flush=True)
        i += 1
    """
)


def _spawn(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=os.environ.copy(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill(proc: subprocess.Popen) -> tuple[str, str]:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    return out.decode(), err.decode()


def test_import_killed_at_random_moments_never_lists_a_half_model(isolated_dirs, tiny):  # noqa: F811
    src = tiny.ct2_dir(isolated_dirs / "tiny-ct2", "ru", "en")
    # calibrate: how long the import itself takes once the interpreter has started
    proc = _spawn(IMPORT_CHILD, str(src))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    duration = float(out.decode().split("done ")[1])
    model_id = ModelStore.default().models()[0].id
    ModelStore.default().remove(model_id)

    rng = random.Random(9)
    outcomes = {"killed before install": 0, "installed before the kill": 0}
    for round_no in range(IMPORT_ROUNDS):
        proc = _spawn(IMPORT_CHILD, str(src))
        assert proc.stdout.readline().strip() == b"start"
        time.sleep(rng.uniform(0.0, duration * 1.4))
        _kill(proc)

        store = ModelStore(ModelStore.default().root)  # the next start of the application
        listed = store.models()
        assert len(listed) <= 1, listed
        for model in listed:  # whatever is listed is whole: every file there with its recorded size and hash
            assert model.verify() is None, (round_no, model.verify())
        store.clean_leftovers()
        assert not [p.name for p in store.root.iterdir() if p.name.startswith(STAGING_PREFIX)]
        outcomes["installed before the kill" if listed else "killed before install"] += 1
        if listed:
            store.remove(listed[0].id)
        # and the next import works
        manifest = import_model(src, ModelStore(store.root))
        assert ModelStore(store.root).get(manifest.id).verify() is None
        ModelStore(store.root).remove(manifest.id)
    print(f"interrupted import: {IMPORT_ROUNDS}/{IMPORT_ROUNDS} rounds passed (import {duration:.2f} s; {outcomes})")


def test_cache_killed_while_writing_keeps_every_reported_batch(tmp_path):
    path = tmp_path / "translations.sqlite3"
    rng = random.Random(11)
    reported: list[str] = []
    for round_no in range(CACHE_ROUNDS):
        proc = _spawn(CACHE_CHILD, str(path), str(round_no))
        first = proc.stdout.readline().decode().strip()
        assert first, proc.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.15))
        out, _ = _kill(proc)
        reported += [b for b in [first, *out.split()] if len(b) == len("000-00000")]
        cache = TranslationCache(path)
        try:
            assert cache.recovered_from is None, cache.note  # a kill is not damage: nothing moved aside
            for batch in reported[-50:] + reported[:: max(1, len(reported) // 50)]:
                texts = [f"{batch} text {j}" for j in range(20)]
                got = cache.get_translations("tiny", "ru-en", texts)
                assert got == {t: t.replace(" text ", " out ") for t in texts}, batch
        finally:
            cache.close()
    print(f"cache kill-during-write: {CACHE_ROUNDS}/{CACHE_ROUNDS} rounds passed, {len(reported)} batches reported, all found")


def test_damaged_cache_is_reported_by_compare_and_healthy_next_run(isolated_dirs, tiny, capsys):  # noqa: F811
    assert main(["models", "import", str(tiny.opus_mt_zip(isolated_dirs / "ru-en.zip", "ru", "en"))]) == 0
    cache_path = default_cache_path()
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))  # a header, then garbage
    capsys.readouterr()
    assert main(["compare", "--sample"]) in (0, 1)
    out = capsys.readouterr().out
    assert "the translation cache was damaged; it was moved aside to" in out, out[-2000:]
    aside = [p for p in cache_path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"SQLite format 3")
    assert main(["compare", "--sample"]) in (0, 1)
    assert "the translation cache was damaged" not in capsys.readouterr().out
