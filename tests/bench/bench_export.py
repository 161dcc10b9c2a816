"""Benchmark: exports of the sample — tracked changes in English and Russian, the bilingual .docx and the HTML
report — in under 1 s together (target), plus a tracked export of a generated 500-paragraph revision to show
how it grows.

Figures: the exports alone (alignment and revision maps computed beforehand, as in the app where they are on
screen), and cold (a fresh Comparison computing them too). Best of several runs.
Run: ``python tests/bench/bench_export.py``.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from alignment.comparison import Comparison  # noqa: E402
from alignment.document import Language  # noqa: E402
from alignment.export.bilingual import export_bilingual  # noqa: E402
from alignment.export.html import export_html  # noqa: E402
from alignment.export.tracked import export_tracked  # noqa: E402

TARGET_S = 1.0


def export_all(c: Comparison, folder: Path) -> None:
    for lang in Language:
        export_tracked(c, lang, 1, folder / f"tracked-{lang.value}.docx", date="2011-04-13T09:00:00Z")
    export_bilingual(c, folder / "bilingual.docx", revision=1, findings=[])
    export_html(c, folder / "report.html", revision=1, findings=[])


def best_s(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm = Comparison.sample()
        export_all(warm, folder)  # computes and caches alignment and revision maps; warms imports
        exports = best_s(lambda: export_all(warm, folder))

        def cold() -> None:
            export_all(Comparison.sample(), folder)

        cold_s = best_s(cold, repeat=3)
        sizes = {p.name: p.stat().st_size for p in folder.iterdir()}
        print(f"sample exports (2 tracked .docx, bilingual .docx, .html): {exports * 1000:.0f} ms "
              f"(target < {TARGET_S * 1000:.0f} ms, {exports / TARGET_S:.2f} of the budget)")
        print(f"cold, reading the four drafts and computing alignment + revision maps too: {cold_s * 1000:.0f} ms "
              f"({cold_s / exports:.1f}x the exports alone)")
        print("sizes: " + ", ".join(f"{n} {s / 1024:.0f} KB" for n, s in sorted(sizes.items())))

        from tests.variants import scaled_revision, scaled_variant

        variant = scaled_variant(500)
        rev = scaled_revision(variant.en)
        big = Comparison(en=[variant.en, rev.new], ru=[])
        big.revision_map(Language.EN, 1)
        big_s = best_s(lambda: export_tracked(big, Language.EN, 1, folder / "big.docx"), repeat=3)
        n = len(rev.new.paragraphs)
        sample_n = len(warm.en[1].paragraphs)
        one = best_s(lambda: export_tracked(warm, Language.EN, 1, folder / "one.docx"))
        print(f"tracked export, {n} paragraphs: {big_s * 1000:.0f} ms; sample ({sample_n} paragraphs): {one * 1000:.0f} ms; "
              f"per paragraph {big_s / n * 1000:.2f} ms vs {one / sample_n * 1000:.2f} ms")
        return 0 if exports < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
