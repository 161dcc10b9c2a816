"""SQLite cache of translations and forced-decoding scores, in the user cache directory.

Keyed by (model id, direction, sha256 of the text) — and of the target text for scores — so re-opening a
document, or analysing Rev.2 after Rev.1, translates only the paragraphs that changed. WAL journal, one
transaction per batch. A damaged cache file is detected on open, moved aside (``*.corrupt-<time>``), rebuilt
empty, and reported through ``CachedTranslator.notes``/``TranslationCache.recovered_from``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from alignment.document import Language, Span
from alignment.jobs import Progress, ShouldCancel
from models.translator import ScoredText, TokenScore, Translator, direction

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model_id TEXT NOT NULL, direction TEXT NOT NULL, text_sha256 TEXT NOT NULL,
    translation TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (model_id, direction, text_sha256)
);
CREATE TABLE IF NOT EXISTS scores (
    model_id TEXT NOT NULL, direction TEXT NOT NULL, source_sha256 TEXT NOT NULL, target_sha256 TEXT NOT NULL,
    tokens TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (model_id, direction, source_sha256, target_sha256)
);
"""


def default_cache_path() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("parity", appauthor=False) / "translations.sqlite3"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 1.0


def _locked(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class TranslationCache:
    """The cache file; one object may be shared by threads (calls are serialised)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self.recovered_from: Path | None = None  # where a damaged cache was moved to, if one was
        self._lock = threading.RLock()
        self._conn = self._open()

    # ----- opening, with recovery ------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = self._connect()
            status = conn.execute("PRAGMA quick_check").fetchone()
            if not status or status[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {status}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"unknown cache schema version {version}")
            return conn
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(Exception):
                conn.close()
            aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            log.warning("translation cache %s is damaged (%s); moved to %s and rebuilt", self.path, exc, aside)
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(f"{self.path}{suffix}")
            self.recovered_from = aside
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        # one connection, usable from the GUI's worker threads; every use holds self._lock
        conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        with conn:
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return conn

    @_locked
    def close(self) -> None:
        self._conn.close()

    @property
    def note(self) -> str | None:
        if self.recovered_from is None:
            return None
        return f"the translation cache was damaged; it was moved aside to {self.recovered_from} and rebuilt"

    # ----- translations -------------------------------------------------------------------------------------
    @_locked
    def get_translations(self, model_id: str, direction: str, texts: Sequence[str]) -> dict[str, str]:
        keys = {text_key(t): t for t in texts}
        found: dict[str, str] = {}
        items = list(keys)
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            rows = self._conn.execute(
                f"SELECT text_sha256, translation FROM translations WHERE model_id=? AND direction=? "
                f"AND text_sha256 IN ({','.join('?' * len(chunk))})",
                [model_id, direction, *chunk],
            ).fetchall()
            found.update({keys[k]: v for k, v in rows})
        return found

    @_locked
    def put_translations(self, model_id: str, direction: str, pairs: Sequence[tuple[str, str]]) -> None:
        now = time.time()
        with self._conn:  # one transaction: all or nothing
            self._conn.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                [(model_id, direction, text_key(src), out, now) for src, out in pairs],
            )

    # ----- scores -------------------------------------------------------------------------------------------
    @_locked
    def get_scores(self, model_id: str, direction: str, pairs: Sequence[tuple[str, str]]) -> dict[int, ScoredText]:
        out: dict[int, ScoredText] = {}
        for i, (s, t) in enumerate(pairs):
            row = self._conn.execute(
                "SELECT tokens FROM scores WHERE model_id=? AND direction=? AND source_sha256=? AND target_sha256=?",
                (model_id, direction, text_key(s), text_key(t)),
            ).fetchone()
            if row is not None:
                out[i] = _scored_from_json(row[0])
        return out

    @_locked
    def put_scores(self, model_id: str, direction: str, items: Sequence[tuple[str, str, ScoredText]]) -> None:
        now = time.time()
        with self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?, ?, ?)",
                [(model_id, direction, text_key(s), text_key(t), _scored_to_json(sc), now) for s, t, sc in items],
            )

    @_locked
    def count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]


def _scored_to_json(scored: ScoredText) -> str:
    return json.dumps([[t.token, t.span.start, t.span.end, round(t.log_prob, 5)] for t in scored.tokens],
                      ensure_ascii=False)


def _scored_from_json(text: str) -> ScoredText:
    return ScoredText(tuple(TokenScore(tok, Span(a, b), lp) for tok, a, b, lp in json.loads(text)))


@dataclass
class CachedTranslator:
    """A Translator that asks the cache first and translates (or scores) only what it does not hold."""

    inner: Translator
    cache: TranslationCache
    translation_stats: CacheStats = field(default_factory=CacheStats)
    score_stats: CacheStats = field(default_factory=CacheStats)

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def source_language(self) -> Language:
        return self.inner.source_language

    @property
    def target_language(self) -> Language:
        return self.inner.target_language

    def translate_batch(
        self, texts: Sequence[str], progress: Progress | None = None, should_cancel: ShouldCancel | None = None
    ) -> list[str]:
        d = direction(self.inner)
        found = self.cache.get_translations(self.model_id, d, texts)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        self.translation_stats.hits += len(texts) - sum(1 for t in texts if t not in found)
        self.translation_stats.misses += sum(1 for t in texts if t not in found)
        if missing:
            done = self.inner.translate_batch(missing, progress, should_cancel)
            self.cache.put_translations(self.model_id, d, list(zip(missing, done, strict=True)))
            found.update(zip(missing, done, strict=True))
        return [found[t] for t in texts]

    def score_batch(
        self,
        sources: Sequence[str],
        targets: Sequence[str],
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> list[ScoredText]:
        d = direction(self.inner)
        pairs = list(zip(sources, targets, strict=True))
        found = self.cache.get_scores(self.model_id, d, pairs)
        todo = [i for i in range(len(pairs)) if i not in found]
        self.score_stats.hits += len(pairs) - len(todo)
        self.score_stats.misses += len(todo)
        if todo:
            done = self.inner.score_batch([pairs[i][0] for i in todo], [pairs[i][1] for i in todo], progress,
                                          should_cancel)
            self.cache.put_scores(self.model_id, d, [(*pairs[i], sc) for i, sc in zip(todo, done, strict=True)])
            found.update(zip(todo, done, strict=True))
        return [found[i] for i in range(len(pairs))]
