"""Build the one-folder desktop app with PyInstaller and smoke-test the built binaries.

    python packaging/build.py                  # build into dist/parity, smoke-test, print figures
    python packaging/build.py --with-test-model  # also build once more with a tiny generated model bundled

Prints the build time, the size of the built folder (with and without the tiny test model), and the start-up
time of the built CLI on the sample next to the pip-installed one (the ratio must stay <= 2x). Exits non-zero
when a smoke test fails. CI runs it after the test suite (see .ci/run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "parity.spec"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path, models: Path | None) -> float:
    env = dict(os.environ)
    env.pop("PARITY_BUNDLE_MODELS", None)
    if models is not None:
        env["PARITY_BUNDLE_MODELS"] = str(models)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def timed(cmd: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = run(cmd)
        times.append(time.perf_counter() - start)
        if out.returncode not in (0, 1):
            raise SystemExit(f"smoke test failed: {' '.join(cmd)}\n{out.stderr}")
    return statistics.median(times)


def smoke(app: Path, tmp: Path) -> None:
    cli = app / ("parity.exe" if os.name == "nt" else "parity")
    gui = app / ("parity-gui.exe" if os.name == "nt" else "parity-gui")
    out = run([str(cli), "--version"])
    assert out.returncode == 0 and out.stdout.startswith("parity "), out
    print(f"smoke: {out.stdout.strip()}")
    js = tmp / "out.json"
    out = run([str(cli), "compare", "--sample", "--json", str(js)])
    assert out.returncode in (0, 1), out.stderr  # 1 = critical findings reported
    data = json.loads(js.read_text(encoding="utf-8"))
    assert set(data["documents"]) == {"en", "ru", "en1", "ru1"}, data["documents"].keys()
    assert len(data["documents"]["en1"]["paragraphs"]) == 26
    for key in ("alignments", "revisions", "findings"):
        if key in data:
            assert data[key], f"{key} is empty"
    print(f"smoke: compare --sample wrote {js.stat().st_size} bytes of JSON with keys {sorted(data)}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = run([str(gui), "--sample", "--smoke-test"], env=env)
    assert out.returncode == 0, f"GUI smoke test failed ({out.returncode}):\n{out.stdout}\n{out.stderr}"
    print(f"smoke: parity-gui --sample started offscreen and closed ({out.stdout.strip() or 'ok'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--with-test-model", action="store_true", help="also build with a tiny generated model bundled")
    args = parser.parse_args()

    seconds = build(args.dist, args.work, None)
    app = args.dist / "parity"
    size = folder_size(app)
    print(f"build: {seconds:.1f} s, folder {size / 2**20:.1f} MiB ({app})")
    with tempfile.TemporaryDirectory() as tmp:
        smoke(app, Path(tmp))
        built = timed([str(app / "parity"), "compare", "--sample"])
        installed_cmd = [sys.executable, "-m", "alignment.cli", "compare", "--sample"]
        installed = timed(installed_cmd)
        ratio = built / installed
        print(f"start-up on the sample: built {built * 1000:.0f} ms, pip-installed {installed * 1000:.0f} ms, "
              f"ratio {ratio:.2f}x (target <= 2x)")
        if ratio > 2.0:
            print("FAIL: the built CLI is more than 2x slower than the pip-installed one")
            return 1

        if args.with_test_model:
            sys.path.insert(0, str(ROOT))
            from tests.tiny_models import build_bundle_models  # generated, never downloaded

            models = Path(tmp) / "models"
            build_bundle_models(models)
            dist2 = Path(tmp) / "dist-with-model"
            seconds2 = build(dist2, args.work, models)
            size2 = folder_size(dist2 / "parity")
            print(f"build with tiny test model: {seconds2:.1f} s, folder {size2 / 2**20:.1f} MiB "
                  f"(+{(size2 - size) / 2**20:.2f} MiB)")
            out = run([str(dist2 / "parity" / "parity"), "models", "list"])
            assert out.returncode == 0 and "bundled" in out.stdout, out
            print("smoke: the bundled model is listed:\n" + out.stdout.strip())
            shutil.rmtree(dist2, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
