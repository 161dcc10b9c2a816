"""Benchmark: reading and structuring the four sample drafts (issue 2: "well under a second").

    python tests/bench/bench_reading.py [--runs 7] [--no-pdf]

Times ``read_document`` (sniffing, the format reader, the structure parser) over all four files of the bundled
sample, per format: the Markdown originals, the same drafts rendered to .docx (tests/docx_sample_builder.py),
and — when LibreOffice is installed — those .docx printed to PDF. Prints the median of several runs for the set
and per file, and each format's ratio to Markdown. Target: the set of four in well under 1 s for Markdown and
.docx; PDF (character-level layout analysis) is printed for reference.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from alignment.reading import read_document  # noqa: E402
from alignment.sample import SAMPLE_FILES, sample_paths  # noqa: E402
from tests.docx_sample_builder import build_docx  # noqa: E402

TARGET_SECONDS = 1.0


def _time_set(paths: list[Path], runs: int) -> tuple[float, dict[str, float]]:
    totals: list[float] = []
    per_file: dict[str, list[float]] = {p.name: [] for p in paths}
    for _ in range(runs):
        start = time.perf_counter()
        for p in paths:
            t0 = time.perf_counter()
            read_document(p)
            per_file[p.name].append(time.perf_counter() - t0)
        totals.append(time.perf_counter() - start)
    return statistics.median(totals), {k: statistics.median(v) for k, v in per_file.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF rendering (needs LibreOffice)")
    args = parser.parse_args()

    md = [sample_paths()[k] for k in SAMPLE_FILES]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        sets: dict[str, list[Path]] = {"markdown": md}
        sets["docx"] = [build_docx(p, out / (p.stem + ".docx")) for p in md]
        soffice = shutil.which("soffice")
        if soffice and not args.no_pdf:
            sys.path.insert(0, str(ROOT / "tests"))
            from tests.test_reading_pdf import to_pdf

            sets["pdf"] = to_pdf(sets["docx"], out)
        for paths in sets.values():  # warm-up: imports, pymorphy3 dictionaries, lxml/pdfminer caches
            for p in paths:
                read_document(p)

        print(f"Reading + structuring the 4 sample drafts, median of {args.runs} runs")
        base = None
        for fmt, paths in sets.items():
            total, per_file = _time_set(paths, args.runs)
            base = base or total
            files = ", ".join(f"{name} {sec * 1000:.0f} ms" for name, sec in per_file.items())
            verdict = "" if fmt == "pdf" else ("  OK (< 1 s)" if total < TARGET_SECONDS else "  OVER TARGET")
            print(f"  {fmt:8s} {total * 1000:7.1f} ms for 4 files  (x{total / base:4.1f} vs markdown){verdict}")
            print(f"           {files}")
        if "pdf" not in sets:
            print("  pdf      skipped (LibreOffice not installed or --no-pdf)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
