"""Run every fuzz target for a bounded time, each in its own process, and fail on any crash, hang or exception
outside the ParityError family.

    python tests/fuzz/run_all.py --seconds 120            # all four targets, 2 minutes each
    python tests/fuzz/run_all.py --seconds 20 pdf docx    # some targets

Per target: seeds from the bundled sample (tests/fuzz/seeds.py) in a temporary folder, libFuzzer options
-max_total_time, -timeout (per input: a slower input counts as a hang) and -rss_limit_mb; the number of inputs
tried is printed. Failing inputs are kept (their folder is printed) so they can be replayed with
``python tests/fuzz/fuzz_<target>.py <file>``. Without atheris installed the run is skipped with a message.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("markdown", "structure", "docx", "pdf")
# text targets: a resolution-sized input is enough and keeps each run fast; packages need room for the seeds
MAX_LEN = {"markdown": 8_192, "structure": 8_192, "docx": 262_144, "pdf": 262_144}


def run_target(target: str, seconds: int, per_input_timeout: int, rss_mb: int, work: Path) -> tuple[bool, str]:
    sys.path.insert(0, str(HERE))
    from seeds import write_seeds

    seeds, corpus, artifacts = work / "seeds", work / "corpus", work / "artifacts"
    for folder in (corpus, artifacts):
        folder.mkdir(parents=True, exist_ok=True)
    n_seeds = write_seeds(target, seeds)
    log = work / "fuzz.log"
    cmd = [
        sys.executable, str(HERE / f"fuzz_{target}.py"), str(corpus), str(seeds),
        f"-max_total_time={seconds}", f"-timeout={per_input_timeout}", f"-rss_limit_mb={rss_mb}",
        f"-artifact_prefix={artifacts}/", "-print_final_stats=1", f"-max_len={MAX_LEN[target]}",
    ]
    started = time.monotonic()
    with open(log, "wb") as out:
        try:
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, timeout=seconds + 300, check=False)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            code = -1
    elapsed = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    units = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text) or re.findall(r"Done (\d+) runs", text)
    inputs = int(units[-1]) if units else 0
    failures = sorted(p.name for p in artifacts.iterdir())
    ok = code == 0 and not failures and inputs > 0
    line = (f"fuzz_{target}: {inputs:,} inputs tried in {elapsed:.0f} s ({n_seeds} seeds, "
            f"{len(list(corpus.iterdir()))} corpus entries) - " + ("no crash, hang or unexpected exception" if ok else
            f"FAILED (exit {code}, artifacts: {', '.join(failures) or 'none'})"))
    if not ok:
        tail = "\n".join(text.splitlines()[-60:])
        line += f"\n    log and failing inputs kept in {work}\n" + "\n".join("    | " + t for t in tail.splitlines())
    return ok, line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", choices=[*TARGETS, []], help="targets to run (default: all)")
    parser.add_argument("--seconds", type=int, default=120, help="fuzzing time per target (default 120)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take before it is a hang")
    parser.add_argument("--rss-mb", type=int, default=2048, help="memory limit of a fuzzing process")
    args = parser.parse_args(argv)
    if importlib.util.find_spec("atheris") is None:
        print("fuzz: atheris is not installed (pip install atheris); the fuzz targets were NOT run")
        return 0
    keep = Path(tempfile.mkdtemp(prefix="parity-fuzz-"))
    all_ok = True
    for target in args.targets or TARGETS:
        ok, line = run_target(target, args.seconds, args.timeout, args.rss_mb, keep / target)
        print(line, flush=True)
        all_ok &= ok
    if all_ok:
        shutil.rmtree(keep, ignore_errors=True)
    print("fuzz: all targets passed" if all_ok else f"fuzz: FAILURES (kept in {keep})")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
