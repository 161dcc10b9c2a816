"""The project file: which drafts were compared (with their content hashes), the user's review decisions,
view state and alignment pins, in one SQLite file.

Kept apart from the engine's results on purpose: decisions are stored against stable finding ids
(``alignment.findings.finding_id``), never inside Finding objects, so re-analysing gives fresh findings and the
decisions are matched back onto them. Every change is one committed transaction with ``synchronous=FULL`` and a
rollback journal, so a crash leaves either the old or the new state; "save as" copies the database into a
temporary file next to the target and renames it into place. No Qt here: the CLI can use it too.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from alignment.errors import ParityError
from alignment.findings import Finding
from alignment.reading.raw import file_sha256

SCHEMA_VERSION = 1
SUFFIX = ".parity"
MEMORY = ":memory:"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inputs (
    key TEXT PRIMARY KEY,          -- document key: en, ru, en1, ru1 ...
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS decisions (
    finding_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    check_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    pair TEXT NOT NULL DEFAULT '',
    en_id TEXT,
    ru_id TEXT,
    message TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS view_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pins (position INTEGER PRIMARY KEY, pin TEXT NOT NULL);
"""


class ProjectError(ParityError):
    """The project file cannot be opened or written (not a Parity project, damaged, unwritable)."""


class ReviewStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"  # a real divergence the translator will fix
    DISMISSED = "dismissed"  # not a problem


@dataclass(frozen=True)
class Decision:
    """The user's verdict on one finding. The finding's check/kind/pair/ids/message are kept as a record of
    what was decided on (the finding itself is recomputed on every analysis)."""

    finding_id: str
    status: ReviewStatus
    note: str = ""
    updated: str = ""  # ISO 8601 UTC
    check: str = ""
    kind: str = ""
    pair: str = ""
    en_id: str | None = None
    ru_id: str | None = None
    message: str = ""


@dataclass(frozen=True)
class InputFile:
    key: str  # document key (en, ru, en1, ...)
    path: Path
    sha256: str


class InputState(StrEnum):
    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"


@dataclass(frozen=True)
class InputCheck:
    """How an input file on disk compares with what the project recorded."""

    input: InputFile
    state: InputState
    current_sha256: str | None = None

    def describe(self) -> str:
        if self.state is InputState.MISSING:
            return f"{self.input.path} ({self.input.key}) is missing"
        if self.state is InputState.CHANGED:
            return f"{self.input.path} ({self.input.key}) changed on disk since the project was saved"
        return f"{self.input.path} ({self.input.key}) is unchanged"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def hash_file(path: str | Path) -> str:
    """The same content hash the readers put in ``Document.sha256``."""
    return file_sha256(Path(path).read_bytes())


# ----- the carry-forward rule -------------------------------------------------------------------------------------
def decisions_for(findings: Iterable[Finding], decisions: dict[str, Decision]) -> dict[str, Decision]:
    """The decision that applies to each finding (by finding id); findings without one are absent.

    This is the carry-forward rule: a finding id is computed from the check, the kind, the English and Russian
    paragraph texts and the detail (``finding_id``), and not from the draft or the paragraph number. So a
    decision taken on draft N applies to the same finding in draft N+1 exactly when neither language version
    of the paragraph changed; a change in either text gives a new id and the finding is open again.
    """
    return {f.id: decisions[f.id] for f in findings if f.id in decisions}


def status_of(finding: Finding, decisions: dict[str, Decision]) -> ReviewStatus:
    d = decisions.get(finding.id)
    return d.status if d is not None else ReviewStatus.OPEN


# ----- the project file ----------------------------------------------------------------------------------------
class Project:
    """One open project file (or an unsaved one in memory until ``save_as``).

    Every setter commits at once, so an opened project is always saved ("autosave").
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path: Path | None = Path(path) if path is not None else None
        self._db = self._connect(self.path)

    # ----- opening --------------------------------------------------------------------------------------------
    @classmethod
    def new(cls) -> Project:
        """An unsaved project held in memory."""
        return cls(None)

    @classmethod
    def open(cls, path: str | Path) -> Project:
        p = Path(path)
        if not p.is_file():
            raise ProjectError("project file not found", p)
        return cls(p)

    @staticmethod
    def _connect(path: Path | None) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(str(path) if path is not None else MEMORY, isolation_level=None)
            db.execute("PRAGMA journal_mode=DELETE")
            db.execute("PRAGMA synchronous=FULL")
            with _transaction(db):
                for stmt in filter(str.strip, _SCHEMA.split(";")):
                    db.execute(stmt)
                row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                if row is None:
                    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                    db.execute("INSERT INTO meta VALUES ('application', 'parity')")
                elif int(row[0]) > SCHEMA_VERSION:
                    raise ProjectError(f"the project was written by a newer Parity (format {row[0]})", path)
            return db
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"this is not a Parity project or it is damaged ({exc})", path) from None

    def close(self) -> None:
        self._db.close()

    @property
    def saved(self) -> bool:
        return self.path is not None

    def save_as(self, target: str | Path) -> None:
        """Copy the project to ``target`` atomically (temp file + rename) and continue working on it there."""
        target = Path(target)
        if not target.parent.is_dir():
            raise ProjectError("the folder does not exist", target.parent)
        protect = [i.path for i in self.inputs()]
        from alignment.safety import atomic_path

        with atomic_path(target, protect) as tmp:  # refuses inputs; temp file, fsync, rename; no partial file
            out = sqlite3.connect(tmp)
            try:
                self._db.backup(out)
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        self._db.close()
        self.path = target
        self._db = self._connect(target)

    # ----- inputs ---------------------------------------------------------------------------------------------
    def set_inputs(self, files: Sequence[tuple[str, str | Path]]) -> list[InputFile]:
        """Record the compared files (document key, path) with their current content hashes."""
        recorded = [InputFile(key, Path(path).resolve(), hash_file(path)) for key, path in files]
        with _transaction(self._db):
            self._db.execute("DELETE FROM inputs")
            self._db.executemany(
                "INSERT INTO inputs VALUES (?, ?, ?, ?)",
                [(f.key, str(f.path), f.sha256, i) for i, f in enumerate(recorded)],
            )
        return recorded

    def update_hashes(self, files: Iterable[InputFile]) -> None:
        with _transaction(self._db):
            for f in files:
                self._db.execute("UPDATE inputs SET sha256=? WHERE key=?", (hash_file(f.path), f.key))

    def inputs(self) -> list[InputFile]:
        rows = self._db.execute("SELECT key, path, sha256 FROM inputs ORDER BY position").fetchall()
        return [InputFile(k, Path(p), h) for k, p, h in rows]

    def check_inputs(self) -> list[InputCheck]:
        """Compare each recorded file with what is on disk now."""
        out = []
        for f in self.inputs():
            try:
                current = hash_file(f.path)
            except OSError:
                out.append(InputCheck(f, InputState.MISSING))
                continue
            out.append(InputCheck(f, InputState.SAME if current == f.sha256 else InputState.CHANGED, current))
        return out

    def input_paths(self) -> dict[str, Path]:
        return {f.key: f.path for f in self.inputs()}

    # ----- decisions ------------------------------------------------------------------------------------------
    def decide(self, finding: Finding, status: ReviewStatus, note: str | None = None) -> Decision:
        """Record (or change) the decision on ``finding``; ``note=None`` keeps the existing note."""
        old = self.decisions().get(finding.id)
        if note is None:
            note = old.note if old is not None else ""
        d = Decision(finding.id, ReviewStatus(status), note, now_iso(), finding.check, finding.kind.value,
                     finding.pair, finding.en_id, finding.ru_id, finding.message)
        self.put_decision(d)
        return d

    def put_decision(self, d: Decision) -> None:
        with _transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (d.finding_id, d.status.value, d.note, d.updated or now_iso(), d.check, d.kind, d.pair,
                 d.en_id, d.ru_id, d.message),
            )

    def forget_decision(self, finding_id: str) -> None:
        with _transaction(self._db):
            self._db.execute("DELETE FROM decisions WHERE finding_id=?", (finding_id,))

    def decisions(self) -> dict[str, Decision]:
        rows = self._db.execute(
            "SELECT finding_id, status, note, updated, check_name, kind, pair, en_id, ru_id, message FROM decisions"
        ).fetchall()
        return {r[0]: Decision(r[0], ReviewStatus(r[1]), *r[2:]) for r in rows}

    def prune_decisions(self, findings: Iterable[Finding], checks_run: Iterable[str]) -> list[Decision]:
        """After re-analysing changed inputs: drop decisions whose finding no longer exists, among the checks
        that were run (a decision on a translation finding survives a run without the model). Returns what was
        dropped, so the user can be told."""
        alive = {f.id for f in findings}
        checks = set(checks_run)
        doomed = [d for d in self.decisions().values() if d.finding_id not in alive and d.check in checks]
        with _transaction(self._db):
            self._db.executemany("DELETE FROM decisions WHERE finding_id=?", [(d.finding_id,) for d in doomed])
        return doomed

    # ----- view state and pins ------------------------------------------------------------------------------------
    def set_view_state(self, **values: Any) -> None:
        with _transaction(self._db):
            for k, v in values.items():
                self._db.execute("INSERT OR REPLACE INTO view_state VALUES (?, ?)", (k, json.dumps(v)))

    def view_state(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._db.execute("SELECT key, value FROM view_state")}

    def set_pins(self, pins: Sequence) -> None:
        """Store the alignment pins (``alignment.pins.Pin``, with their paragraphs' content hashes)."""
        from alignment.pins import pin_to_json

        with _transaction(self._db):
            self._db.execute("DELETE FROM pins")
            self._db.executemany("INSERT INTO pins VALUES (?, ?)",
                                 [(i, json.dumps(pin_to_json(p))) for i, p in enumerate(pins)])

    def pins(self) -> list:
        from alignment.pins import pin_from_json

        return [pin_from_json(json.loads(t)) for (t,) in self._db.execute("SELECT pin FROM pins ORDER BY position")]


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One explicit transaction (the connection is in autocommit mode, so nothing commits half-way)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
