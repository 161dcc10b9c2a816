"""Real text: 3,038 faithful official EN/RU segments (UNPC-dev). At most 5% of pairs may get a finding of
severity warning or above; the rate per check is printed, with a few examples of what fires."""

from __future__ import annotations

from collections import defaultdict

import pytest

from alignment.checks import CHECKS
from alignment.checks.base import CheckContext, run_checks
from tests.checks_helpers import text_pair, unpc_pairs
from tests.conftest import UNPC

pytestmark = pytest.mark.skipif(not (UNPC / "dev.en").exists(), reason="UNPC-dev sample not available")


def test_faithful_official_pairs_rarely_get_a_warning():
    data = unpc_pairs()
    pairs = [text_pair(i, en, ru) for i, (en, ru) in enumerate(data)]
    findings = run_checks(pairs, CheckContext())
    flagged: dict[str, set[str]] = defaultdict(set)
    examples: dict[str, list] = defaultdict(list)
    for f in findings:
        if f.severity.rank <= 1:
            flagged[f.check].add(f.en_id)
            flagged["any check"].add(f.en_id)
            examples[f.check].append(f.message)
    n = len(pairs)
    print(f"\nUNPC-dev: {n} faithful pairs, share with a warning or critical finding:")
    for module in CHECKS:
        name = module.NAME
        print(f"    {name:12s} {len(flagged[name]):4d}  {len(flagged[name]) / n:6.2%}  e.g. {examples[name][:2]}")
    rate = len(flagged["any check"]) / n
    print(f"    {'any check':12s} {len(flagged['any check']):4d}  {rate:6.2%}")
    info = sum(1 for f in findings if f.severity.rank == 2)
    print(f"    (info findings, not counted: {info})")
    assert n == 3038
    assert rate <= 0.05
