"""Benchmark: re-alignment after the user pins a link, on a 100-paragraph resolution (target < 100 ms).

The document pair is generated from the sample (tests/variants.py). The first alignment warms the per-paragraph
feature cache, as in the desktop app where the pair was aligned once before the user corrects it; each timed
run is then the full re-alignment around one pin (a deliberately wrong pair), and the revision re-match with a
pin. Run: ``python tests/bench/bench_pins.py``.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from alignment.bilingual import align_documents  # noqa: E402
from alignment.pins import make_pin  # noqa: E402
from alignment.revisions import match_revisions  # noqa: E402
from tests.variants import alignment_links, link_f1, scaled_revision, scaled_variant  # noqa: E402

TARGET_MS = 100.0


def best_ms(fn, repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        finally:
            gc.enable()
    return best * 1000


def main() -> None:
    v = scaled_variant(100)
    docs = {"en": v.en, "ru": v.ru}
    base = align_documents(v.en, v.ru, "en", "ru")
    en_id = v.en.paragraphs[40].id
    ru_id = v.ru.paragraphs[45].id  # five paragraphs off: a wrong pair
    pin = make_pin(docs.__getitem__, (f"en:{en_id}",), (f"ru:{ru_id}",))
    pinned = align_documents(v.en, v.ru, "en", "ru", pins=[pin])
    assert pinned.partner(f"en:{en_id}") == (f"ru:{ru_id}",)
    t_align = best_ms(lambda: align_documents(v.en, v.ru, "en", "ru", pins=[pin]))
    t_unpin = best_ms(lambda: align_documents(v.en, v.ru, "en", "ru"))
    print(f"{len(v.en.paragraphs)}/{len(v.ru.paragraphs)} paragraphs; F1 without pins "
          f"{link_f1(alignment_links(base), v.truth)[2]:.3f}")
    print(f"re-alignment with one pin:    {t_align:6.1f} ms (target < {TARGET_MS:.0f} ms: "
          f"{'ok' if t_align < TARGET_MS else 'OVER TARGET'})")
    print(f"re-alignment after unpinning: {t_unpin:6.1f} ms")

    rv = scaled_revision(v.en)
    old_id, new_id = rv.old.paragraphs[30].id, rv.new.paragraphs[60].id
    docs_rev = {"en": rv.old, "en1": rv.new}
    rpin = make_pin(docs_rev.__getitem__, (f"en:{old_id}",), (f"en1:{new_id}",))
    match_revisions(rv.old, rv.new, "en", "en1")
    t_rev = best_ms(lambda: match_revisions(rv.old, rv.new, "en", "en1", pins=[rpin]))
    print(f"revision re-match with a pin: {t_rev:6.1f} ms (target < {TARGET_MS:.0f} ms: "
          f"{'ok' if t_rev < TARGET_MS else 'OVER TARGET'})")


if __name__ == "__main__":
    main()
