"""Generated variants (tests/divergence_injector.py): each kind of divergence injected at random into faithful
pairs (UNPC-dev and the sample's faithful pairs) is found with recall >= 0.95, and the untouched pairs get a
warning-or-worse finding at most 5% of the time. Figures printed per kind."""

from __future__ import annotations

import random

import pytest

from alignment.checks.base import CheckContext, run_checks
from tests.checks_helpers import text_pair, unpc_pairs
from tests.conftest import UNPC
from tests.divergence_injector import INJECTORS, inject

pytestmark = pytest.mark.skipif(not (UNPC / "dev.en").exists(), reason="UNPC-dev sample not available")
PER_KIND = 150  # variants per kind (fewer when the corpus offers fewer places)


def _faithful_pairs(sample_comparison, truth) -> list[tuple[str, str]]:
    divergent = {(d["en"]) for d in truth["divergences"]}
    sample = [(sample_comparison.paragraph(en).text, sample_comparison.paragraph(ru).text)
              for pair in ("original", "rev1") for en, ru in truth["alignment"][pair] if en not in divergent]
    return sample + unpc_pairs()


def test_injected_divergences_are_found(sample_comparison, truth):
    ctx = CheckContext()
    rng = random.Random(20110411)
    pairs = _faithful_pairs(sample_comparison, truth)
    base = {i: run_checks([text_pair(i, en, ru, "faithful")], ctx) for i, (en, ru) in enumerate(pairs)}
    untouched_flagged = sum(1 for fs in base.values() if any(f.severity.rank <= 1 for f in fs))
    untouched_rate = untouched_flagged / len(pairs)
    print(f"\nuntouched pairs: {len(pairs)}, with a warning or critical finding: {untouched_rate:.2%}")
    results = {}
    for kind in INJECTORS:
        order = list(range(len(pairs)))
        rng.shuffle(order)
        tried = found = 0
        misses = []
        for i in order:
            if tried >= PER_KIND:
                break
            en, ru = pairs[i]
            inj = inject(kind, en, ru, ctx, rng)
            if inj is None or any(f.kind == inj.expected for f in base[i]):
                continue  # nothing to change here, or the faithful pair already has such a finding
            tried += 1
            after = run_checks([text_pair(i, inj.en or en, inj.ru, "injected")], ctx)
            if any(f.kind == inj.expected for f in after):
                found += 1
            else:
                misses.append(inj.what)
        results[kind] = (tried, found)
        print(f"    {kind:7s} variants {tried:4d}  recall {found / max(tried, 1):.3f}  misses {misses[:20]}")
    for kind, (tried, found) in results.items():
        assert tried >= 30, f"too few places to inject {kind}"
        assert found / tried >= 0.95, kind
    assert untouched_rate <= 0.05
