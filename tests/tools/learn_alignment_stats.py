"""Learn the RU/EN character-length statistics the aligner's length signal uses.

Gale-Church (1993) model: for a pair of corresponding paragraphs with lengths ``en`` and ``ru`` characters,
``delta = (ru - c * en) / sqrt(en * s2)`` is roughly standard normal, where ``c`` is the expected number of
Russian characters per English character and ``s2`` the variance per English character. Both are estimated
here from two samples of faithful EN/RU text:

- the trafficking-2011 sample's truth alignment (paragraph pairs of the original and Rev.1), and
- the UN Parallel Corpus development sample (3,038 real segment pairs).

Run from the project root: ``python tests/tools/learn_alignment_stats.py`` — it rewrites
``alignment/data/alignment_stats.json`` (the product reads only that file, never ../shared).
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CORPUS, UNPC  # noqa: E402

OUT = ROOT / "alignment" / "data" / "alignment_stats.json"
_LABEL = re.compile(r"^\s*(?:\d{1,3}\.|\(?[a-zа-я]{1,4}\))\s+", re.IGNORECASE)


def estimate(pairs: list[tuple[int, int]]) -> dict[str, float]:
    """c = sum(ru)/sum(en) (length-weighted, as Gale-Church); s2 = mean((ru - c en)^2 / en)."""
    pairs = [(e, r) for e, r in pairs if e > 0 and r > 0]
    c = sum(r for _, r in pairs) / sum(e for e, _ in pairs)
    s2 = sum((r - c * e) ** 2 / e for e, r in pairs) / len(pairs)
    ratios = sorted(r / e for e, r in pairs)
    return {
        "pairs": len(pairs),
        "ratio_mean": round(c, 4),
        "variance_per_char": round(s2, 4),
        "ratio_median": round(ratios[len(ratios) // 2], 4),
        "ratio_p05": round(ratios[int(0.05 * len(ratios))], 4),
        "ratio_p95": round(ratios[int(0.95 * len(ratios))], 4),
    }


def sample_pairs() -> list[tuple[int, int]]:
    from alignment.reading import read_document

    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    docs = {
        "en": read_document(CORPUS / "en.md"),
        "ru": read_document(CORPUS / "ru.md"),
        "en1": read_document(CORPUS / "en-rev1.md"),
        "ru1": read_document(CORPUS / "ru-rev1.md"),
    }
    pairs = []
    for links in truth["alignment"].values():
        for en_q, ru_q in links:
            (ek, ep), (rk, rp) = en_q.split(":"), ru_q.split(":")
            pairs.append((len(docs[ek].paragraph(ep).text), len(docs[rk].paragraph(rp).text)))
    return pairs


def unpc_pairs() -> list[tuple[int, int]]:
    en = (UNPC / "dev.en").read_text(encoding="utf-8").splitlines()
    ru = (UNPC / "dev.ru").read_text(encoding="utf-8").splitlines()
    return [(len(_LABEL.sub("", e).strip()), len(_LABEL.sub("", r).strip())) for e, r in zip(en, ru, strict=True)]


def main() -> None:
    sample, unpc = sample_pairs(), unpc_pairs()
    pooled = estimate(sample + unpc)
    data = {
        "description": "RU/EN character length model for the aligner's length signal (Gale-Church 1993). "
        "Computed by tests/tools/learn_alignment_stats.py; 'used' is the pooled estimate.",
        "sources": {"trafficking-2011 truth alignment": estimate(sample), "unpc-dev pairs": estimate(unpc)},
        "used": {"ratio_mean": pooled["ratio_mean"], "variance_per_char": pooled["variance_per_char"],
                 "pairs": pooled["pairs"]},
    }
    OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=2, ensure_ascii=False))
    print("sd of delta on the sample:", round(math.sqrt(sum(
        ((r - pooled["ratio_mean"] * e) / math.sqrt(e * pooled["variance_per_char"])) ** 2 for e, r in sample
    ) / len(sample)), 3))


if __name__ == "__main__":
    main()
