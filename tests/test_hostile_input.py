"""Every file of the hostile corpus (tests/hostile) through ``parity compare`` in a real process limited to 1 GiB
of address space: a clear one-line error (exit 2, naming the file and the problem) or, for odd-but-valid text, a
correct reading — never a traceback, never more than 5 s. Wall time and peak memory are printed per file."""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.make_corpus import CASES, HERE, INVISIBLE, SAMPLE, SPACES, Case, build, clean_reference

MEMORY_LIMIT = 1 << 30
SECONDS_LIMIT = 5.0


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    result: dict | None


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def compare(args: list[str | Path], workdir: Path, env: dict[str, str]) -> Run:
    """``parity compare ARGS --model none --json`` under the memory limit; wall time and peak RSS measured."""
    out_json = workdir / "result.json"
    out_json.unlink(missing_ok=True)
    cmd = [shutil.which("parity") or "parity", "compare", *map(str, args), "--model", "none", "--json", str(out_json)]
    with open(workdir / "stdout", "w+b") as so, open(workdir / "stderr", "w+b") as se:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=so, stderr=se, cwd=workdir, env=env, preexec_fn=_limit_memory)
        watchdog = threading.Timer(60, proc.kill)  # a hang fails the timing assertion instead of the whole run
        watchdog.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - started
        watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        so.seek(0)
        se.seek(0)
        stdout, stderr = so.read().decode("utf-8", "replace"), se.read().decode("utf-8", "replace")
    result = json.loads(out_json.read_text(encoding="utf-8")) if out_json.exists() else None
    return Run(proc.returncode, stdout, stderr, seconds, usage.ru_maxrss / 1024, result)


@pytest.fixture(scope="module")
def large_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-large")
    build(folder, large=True)
    return folder


@pytest.fixture()
def env(tmp_path) -> dict[str, str]:
    e = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        (tmp_path / var).mkdir()
        e[var] = str(tmp_path / var)
    return e


def _corpus_file(case: Case, large_dir: Path, workdir: Path) -> Path:
    src = (large_dir if case.large else HERE) / case.name
    assert src.exists(), f"{src} is missing: run python tests/hostile/make_corpus.py"
    dst = workdir / case.name
    shutil.copyfile(src, dst)
    return dst


def _partners(workdir: Path) -> dict[str, Path]:
    out = {}
    for lang in ("en", "ru"):
        out[lang] = workdir / f"sample.{lang}.md"
        shutil.copyfile(SAMPLE / f"{lang}.md", out[lang])
    return out


def _args(case: Case, path: Path, partners: dict[str, Path]) -> list[Path]:
    return [path, partners["ru"]] if case.slot == "en" else [partners["en"], path]


def _report(case: Case, run: Run) -> None:
    print(f"hostile {case.name:32s} exit {run.returncode}  {run.seconds:5.2f} s  peak {run.peak_mb:6.1f} MB")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


ERROR_CASES = [c for c in CASES if c.expect == "error"]
OK_CASES = [c for c in CASES if c.expect == "ok"]


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda c: c.name)
def test_hostile_file_gets_one_clear_error(case, large_dir, tmp_path, env):
    # deep enough that a path-traversing member would land inside tmp_path, where we look for it
    workdir = tmp_path / "a" / "b" / "c" / "d"
    workdir.mkdir(parents=True)
    path = _corpus_file(case, large_dir, workdir)
    before = _sha(path)
    run = compare(_args(case, path, _partners(workdir)), workdir, env)
    _report(case, run)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("parity: error: ") and str(path) in lines[0], lines[0]
    assert re.search(case.problem, lines[0]), f"{case.problem!r} not in {lines[0]!r}"
    assert run.seconds < SECONDS_LIMIT, f"{case.name} took {run.seconds:.2f} s"
    assert run.result is None and "root:" not in run.stdout + run.stderr  # nothing of /etc/passwd leaked
    assert _sha(path) == before  # the input is never modified
    assert not list(tmp_path.rglob("parity_evil.txt")) and not Path("/tmp/parity_evil.txt").exists()


def _doc(result: dict, slot: str) -> dict:
    return result["documents"][slot]


def _texts(doc: dict) -> list[str]:
    return [p["text"] for p in doc["paragraphs"]] + [f["text"] for f in doc.get("footnotes", [])]


def _assert_normalised(doc: dict) -> None:
    for text in _texts(doc):
        assert not set(text) & set(INVISIBLE), f"invisible characters left in {text[:80]!r}"
        assert not set(text) & set(SPACES), f"no-break spaces left in {text[:80]!r}"
        assert text == unicodedata.normalize("NFC", text)


def _assert_aligned_one_to_one(result: dict) -> None:
    links = result["alignments"][0]["links"]
    en_count = len(result["documents"]["en"]["paragraphs"])
    assert len(links) == en_count >= 25
    assert all(link["shape"] == "1-1" and not link["low_confidence"] for link in links), [
        (link["left"], link["right"], link["shape"]) for link in links if link["shape"] != "1-1" or link["low_confidence"]
    ]


def _para(doc: dict, pid: str) -> str:
    return next(p["text"] for p in doc["paragraphs"] if p["id"] == pid)


@pytest.mark.parametrize("case", OK_CASES, ids=lambda c: c.name)
def test_odd_but_valid_file_is_read_correctly(case, large_dir, tmp_path, env):
    workdir = tmp_path / "work"
    workdir.mkdir()
    path = _corpus_file(case, large_dir, workdir)
    partners = _partners(workdir)
    args: list[str | Path] = list(_args(case, path, partners))
    if case.reference:
        # the same file with the oddities removed by hand: as a revision, every paragraph must come out unchanged
        reference = workdir / f"reference.{case.slot}.md"
        reference.write_text(clean_reference(path.read_text(encoding="utf-8"), case.reference), encoding="utf-8")
        args += [f"--{case.slot}-rev", reference]
    run = compare(args, workdir, env)
    _report(case, run)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode in (0, 1), run.stderr
    assert run.seconds < SECONDS_LIMIT, f"{case.name} took {run.seconds:.2f} s"
    result = run.result
    assert result is not None
    doc = _doc(result, case.slot)
    _assert_normalised(doc)
    assert doc["language"] == case.slot

    if case.reference:
        changes = result["revisions"][0]["changes"]
        assert len(changes) >= 25
        for ch in changes:
            assert ch["old"] and ch["new"] and ch["old"].split(":")[1] == ch["new"].split(":")[1], ch
            if case.reference == "yo":
                # ё/е spelling variants: each paragraph is matched to itself; a diff shows only the ё words
                changed = [s["text"] for s in ch["diff"] or [] if s["op"] != "equal"]
                assert all(set(t) & set("ёЁеЕ") for t in changed), changed
            else:
                assert ch["types"] == ["unchanged"], (ch["old"], ch["types"], ch["diff"])
    if case.name.endswith(".md") and "deep" not in case.name:
        _assert_aligned_one_to_one(result)

    if case.name == "zero_width.ru.md":
        assert "64/137" in _para(doc, "PP2") and "63/156" in _para(doc, "PP2")
        assert "Генеральной Ассамблеи" in _para(doc, "PP2")
    elif case.name == "zero_width.en.md":
        # "64/178" with a zero-width space inside still reads, and matches, as "64/178"
        assert "64/178 of 18 December 2009" in _para(doc, "PP2") and "2006/27" in _para(doc, "PP3")
    elif case.name == "rtl_marks.ru.md":
        assert "64/137" in _para(doc, "PP2") and "2008/33" in _para(doc, "PP3")
    elif case.name == "soft_hyphens.en.md":
        assert "implementation" in _para(doc, "PP1") and "trafficking" in _para(doc, "PP2")
    elif case.name == "nbsp.en.md":
        assert "64/178 of 18 December 2009" in _para(doc, "PP2")
    elif case.name == "combining_accents.en.md":
        assert "Côte d’Ivoire" in json.dumps(doc["header"], ensure_ascii=False) + " ".join(_texts(doc))
        assert "Müller" in " ".join(_texts(doc))
    elif case.name == "mixed_scripts.ru.md":
        text = " ".join(_texts(doc))
        assert "贩运人口" in text and "الاتجار بالأشخاص" in text and "εμπορία" in text
    elif case.name == "mixed_scripts.en.md":
        assert "торговля людьми; 贩运人口" in " ".join(_texts(doc))
    elif case.name in ("many_members_below_limit.docx", "broken_xref.pdf", "deep_nesting.md"):
        text = " ".join(_texts(doc))
        assert "Welcoming" in text or "Recalling" in text
        assert len(doc["paragraphs"]) >= (25 if case.name.endswith(".md") else 5)


def test_corpus_is_reproducible(tmp_path):
    """make_corpus.py rebuilds the committed files byte for byte."""
    build(tmp_path, large=False)
    committed = {c.name for c in CASES if not c.large}
    assert committed == {p.name for p in tmp_path.iterdir()}
    for name in sorted(committed):
        assert (tmp_path / name).read_bytes() == (HERE / name).read_bytes(), f"{name} differs: rerun make_corpus.py"
