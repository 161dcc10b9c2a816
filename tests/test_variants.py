"""Robustness of the EN<->RU aligner on generated variants of the sample (see tests/variants.py).

Kinds: paragraphs moved, inserted or deleted in one language, split or merged in one language only,
operative numbers removed entirely, and all of these mixed; 20 seeds x both sample drafts each.
"""

from __future__ import annotations

from alignment.bilingual import align_documents
from tests.variants import KINDS, alignment_links, link_f1, make_variant, measure, sample_pairs


def test_alignment_f1_per_variant_kind():
    scores = measure(seeds=20)
    for kind in KINDS:
        assert scores[kind] >= 0.98, f"{kind}: F1 {scores[kind]:.3f}"


def test_generator_truth_is_consistent():
    """Each variant's truth covers every paragraph exactly once on each side (so F1 means something)."""
    for kind in KINDS:
        for seed in range(5):
            for en, ru, extra in sample_pairs():
                v = make_variant(kind, seed, en, ru, extra)
                en_ids = [q for e, _ in v.truth for q in e]
                ru_ids = [q for _, r in v.truth for q in r]
                assert sorted(en_ids) == sorted(p.id for p in v.en.paragraphs)
                assert sorted(ru_ids) == sorted(p.id for p in v.ru.paragraphs)


def test_f1_catches_a_wrong_alignment():
    """The metric is strict: aligning a variant against the unperturbed other language scores low."""
    en, ru, extra = sample_pairs()[0]
    v = make_variant("mixed", 3, en, ru, extra)
    links = alignment_links(align_documents(v.en, v.ru, "en", "ru"))
    assert link_f1(links, v.truth)[2] >= 0.9
    shifted = {(e, r) for e, r in links if e and r}
    shifted = {(e, tuple(f"P{int(x[1:]) + 1}" for x in r)) for e, r in shifted}
    assert link_f1(shifted, v.truth)[2] < 0.3


def test_confidence_separates_right_from_wrong_links():
    """Low confidence flags mark the links the user should check: most wrong ones, few right ones."""
    from alignment.bilingual import LOW_CONFIDENCE

    right, wrong = [], []
    for kind in KINDS:
        for seed in range(10):
            for en, ru, extra in sample_pairs():
                v = make_variant(kind, seed, en, ru, extra)
                for link in align_documents(v.en, v.ru, "en", "ru").links:
                    key = (tuple(q.split(":")[1] for q in link.left), tuple(q.split(":")[1] for q in link.right))
                    (right if key in v.truth else wrong).append(link.confidence)
    flagged_right = sum(c < LOW_CONFIDENCE for c in right) / len(right)
    flagged_wrong = sum(c < LOW_CONFIDENCE for c in wrong) / max(len(wrong), 1)
    print(f"{len(right)} right links (mean confidence {sum(right) / len(right):.3f}, {flagged_right:.1%} flagged), "
          f"{len(wrong)} wrong (mean {sum(wrong) / max(len(wrong), 1):.3f}, {flagged_wrong:.1%} flagged)")
    assert flagged_right < 0.02
    if wrong:
        assert flagged_wrong >= 0.5
        assert sum(wrong) / len(wrong) < sum(right) / len(right) - 0.2
