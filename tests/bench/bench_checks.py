"""Benchmark: the divergence-check pipeline on the sample, after reading (target < 0.5 s).

Prints: loading the language data (pymorphy3, phrase tables, glossary) once, the checks on both drafts' pairs
(cold: empty lemma cache; warm: second run), the cross-revision consistency step, and the UNPC-dev throughput.
Run: python tests/bench/bench_checks.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from alignment.checks.base import run_checks  # noqa: E402
from alignment.comparison import Comparison  # noqa: E402
from alignment.document import Language  # noqa: E402


def main() -> None:
    comparison = Comparison.sample()
    # alignment and revision maps are other stages: computed before the clock starts
    for rev in comparison.bilingual_revisions:
        comparison.alignment(rev)
    for lang in Language:
        for step in comparison.revision_steps(lang):
            comparison.revision_map(lang, step)
    pairs = [p for rev in comparison.bilingual_revisions for p in comparison.aligned_pairs(rev)]

    t0 = time.perf_counter()
    total = comparison.all_findings()  # loads the language data, checks every pair, consistency across drafts
    t1 = time.perf_counter()
    ctx = comparison.check_context()
    findings = run_checks(pairs, ctx)
    t2 = time.perf_counter()
    print(f"sample: {len(pairs)} aligned pairs, {len(findings)} check findings, {len(total)} findings in all")
    print(f"  cold: language data + checks + consistency   {1000 * (t1 - t0):7.1f} ms  (target < 500 ms)")
    print(f"  warm: checks again on the same pairs         {1000 * (t2 - t1):7.1f} ms")
    print(f"  ratio cold / target: {(t1 - t0) / 0.5:.2f}")

    unpc = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "unpc-dev"
    if (unpc / "dev.en").exists():
        from tests.checks_helpers import text_pair, unpc_pairs

        data = unpc_pairs()
        upairs = [text_pair(i, e, r) for i, (e, r) in enumerate(data)]
        t5 = time.perf_counter()
        run_checks(upairs, ctx)
        t6 = time.perf_counter()
        print(f"UNPC-dev: {len(upairs)} pairs in {t6 - t5:.2f} s ({1e6 * (t6 - t5) / len(upairs):.0f} us per pair)")


if __name__ == "__main__":
    main()
