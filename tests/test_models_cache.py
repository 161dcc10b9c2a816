"""The SQLite translation cache: keyed by model, direction and text; atomic; a damaged file is moved aside,
rebuilt and reported."""

from __future__ import annotations

import sqlite3

import pytest

from alignment.document import Span
from models.cache import CachedTranslator, TranslationCache, default_cache_path
from models.translator import ScoredText, TokenScore
from tests.tiny_models import TableTranslator


def test_default_location_is_the_user_cache_dir(isolated_dirs):
    assert default_cache_path().is_relative_to(isolated_dirs / "cache")
    cache = TranslationCache()
    assert cache.path.is_file()


def test_roundtrip_keys_and_wal(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cache.put_translations("m1", "ru-en", [("привет", "hello"), ("мир", "world")])
    assert cache.get_translations("m1", "ru-en", ["привет", "мир", "нет"]) == {"привет": "hello", "мир": "world"}
    assert cache.get_translations("m2", "ru-en", ["привет"]) == {}  # another model
    assert cache.get_translations("m1", "en-ru", ["привет"]) == {}  # another direction
    mode = sqlite3.connect(tmp_path / "c.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    scored = ScoredText((TokenScore("\u2581hello", Span(0, 5), -0.25),))
    cache.put_scores("m1", "ru-en", [("привет", "hello", scored)])
    assert cache.get_scores("m1", "ru-en", [("привет", "hello"), ("привет", "hi")]) == {0: scored}


def test_a_failed_batch_stores_nothing(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3")

    # the second row cannot be bound: the first, already inserted in the same transaction, is rolled back
    with pytest.raises(sqlite3.Error):
        cache.put_translations("m", "ru-en", [("a", "A"), ("b", object())])
    assert cache.count() == 0


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_cache_is_moved_aside_rebuilt_and_reported(tmp_path, damage):
    path = tmp_path / "c.sqlite3"
    cache = TranslationCache(path)
    cache.put_translations("m", "ru-en", [(f"text {i}", f"out {i}") for i in range(2000)])
    cache.close()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"c.sqlite3{suffix}").unlink(missing_ok=True)
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        data = path.read_bytes()
        path.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])
    recovered = TranslationCache(path)
    assert recovered.recovered_from is not None and recovered.recovered_from.exists()
    assert "damaged" in recovered.note and str(recovered.recovered_from) in recovered.note
    assert recovered.count() == 0
    recovered.put_translations("m", "ru-en", [("a", "b")])
    assert recovered.get_translations("m", "ru-en", ["a"]) == {"a": "b"}
    assert TranslationCache(path).recovered_from is None  # healthy again


def test_cached_translator_translates_only_what_changed(tmp_path):
    table = {f"абзац {i}": (f"paragraph {i}", f"paragraph {i}") for i in range(10)}
    model = TableTranslator(table)
    cache = TranslationCache(tmp_path / "c.sqlite3")
    rev1 = [f"абзац {i}" for i in range(8)]
    rev2 = [f"абзац {i}" for i in range(2, 10)]  # two removed, two new
    CachedTranslator(model, cache).translate_batch(rev1)
    assert len(model.translated) == 8
    second = CachedTranslator(model, cache)
    assert second.translate_batch(rev2) == [f"paragraph {i}" for i in range(2, 10)]
    assert model.translated[8:] == ["абзац 8", "абзац 9"]
    assert second.translation_stats.hits == 6 and second.translation_stats.misses == 2
    third = CachedTranslator(model, cache)
    third.translate_batch(rev2)
    assert third.translation_stats.hit_rate == 1.0 and len(model.translated) == 10


def test_one_cache_is_shared_by_worker_threads(tmp_path):
    import threading

    cache = TranslationCache(tmp_path / "c.sqlite3")  # opened in this thread, used in others (the GUI's pools)
    errors = []

    def work(k: int) -> None:
        try:
            for i in range(40):
                cache.put_translations("m", "ru-en", [(f"{k}-{i}", f"out {k}-{i}")])
                assert cache.get_translations("m", "ru-en", [f"{k}-{i}"]) == {f"{k}-{i}": f"out {k}-{i}"}
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and cache.count() == 160
