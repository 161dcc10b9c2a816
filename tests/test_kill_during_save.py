"""Crash safety of the project file: a child process saves review decisions in a loop and reports each one once
its save returned; the parent kills it with SIGKILL at a random moment, 100 times, and after every kill reopens
the project: it must open, and every decision reported saved must be there (with its status and note)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from alignment.project import Project, ReviewStatus

ROUNDS = 100

CHILD = textwrap.dedent(
    """
    import sys
    from alignment.project import Decision, Project, ReviewStatus

    path, round_no = sys.argv[1], int(sys.argv[2])
    project = Project.open(path)
    statuses = [ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED]
    i = 0
    while True:
        fid = f"r{round_no:03d}-{i:05d}"
        note = f"note {fid} " + "x" * (i % 300)
        project.put_decision(Decision(fid, statuses[i % 2], note, "2026-01-01T00:00:00+00:00", "numbers", "number",
                                      "original", "en:OP1", "ru:OP1", "a message"))
        if i % 7 == 3:
            project.set_view_state(current=fid, scroll=i)
        print(fid, flush=True)
        i += 1
    """
)


def _expected(fid: str) -> tuple[ReviewStatus, str]:
    i = int(fid.split("-")[1])
    return ([ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED][i % 2], f"note {fid} " + "x" * (i % 300))


def test_kill_during_save_loses_nothing_reported(tmp_path):
    path = tmp_path / "review.parity"
    Project(path).close()
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    rng = random.Random(20261129)
    reported: set[str] = set()
    passed = 0
    total_writes = 0
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    for round_no in range(ROUNDS):
        proc = subprocess.Popen([sys.executable, str(script), str(path), str(round_no)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
        first = proc.stdout.readline()  # the child is saving: kill it at a random moment from now on
        assert first, proc.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, err.decode()
        lines = [first.decode().strip(), *out.decode().split()]
        # a line cut by the kill is not a report: keep only complete ids
        round_ids = {fid for fid in lines if len(fid) == len("r000-00000")}
        reported |= round_ids
        total_writes += len(round_ids)

        project = Project.open(path)  # opens, recovering from the hot journal if the kill hit a commit
        try:
            stored = project.decisions()
            missing = sorted(reported - stored.keys())
            assert not missing, f"round {round_no}: reported saved but missing: {missing[:5]}"
            for fid in round_ids:
                d = stored[fid]
                assert (d.status, d.note) == _expected(fid), fid
            # at most the one save in flight when the kill came may have landed without being reported
            unreported = {f for f in stored if f.startswith(f"r{round_no:03d}-")} - round_ids
            assert len(unreported) <= 1, unreported
            reported |= unreported
            project.view_state()  # the other tables read too
        finally:
            project.close()
        passed += 1
    print(f"kill-during-save: {passed}/{ROUNDS} rounds passed ({total_writes} saves reported, all found)")
    assert passed == ROUNDS
