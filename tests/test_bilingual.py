"""EN<->RU alignment: equals truth.json on the sample, signals behave, the scorer is pluggable."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, replace

import pytest

from alignment.align_signals import (
    AnchorSignal,
    KindSignal,
    LeadPhraseSignal,
    LengthSignal,
    NumberSignal,
    default_signals,
    features,
    lead_equivalents,
    length_model,
)
from alignment.bilingual import LOW_CONFIDENCE, align_documents
from alignment.document import Document
from alignment.errors import Cancelled
from tests.conftest import ROOT


def links_as_truth(alignment) -> list[list[str]]:
    return [[*link.left, *link.right] for link in alignment.links]


@pytest.mark.parametrize("revision,name", [(0, "original"), (1, "rev1")])
def test_alignment_equals_truth(sample_comparison, truth, revision, name):
    alignment = sample_comparison.alignment(revision)
    assert links_as_truth(alignment) == truth["alignment"][name]
    assert all(link.shape == "1-1" for link in alignment.links)
    assert all(0.0 <= link.confidence <= 1.0 for link in alignment.links)
    low = [link for link in alignment.links if link.confidence < LOW_CONFIDENCE]
    print(f"{name}: {len(alignment.links)} links, min confidence "
          f"{min(link.confidence for link in alignment.links):.2f}, {len(low)} low")
    assert not low  # every true link of the sample is confident


def test_length_model_is_learned_from_the_data():
    """The bundled figures are what tests/tools/learn_alignment_stats.py computes from the sample and UNPC pairs."""
    spec = importlib.util.spec_from_file_location("learn", ROOT / "tests" / "tools" / "learn_alignment_stats.py")
    learn = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(learn)
    pooled = learn.estimate(learn.sample_pairs() + learn.unpc_pairs())
    m = length_model()
    assert m.ratio == pytest.approx(pooled["ratio_mean"], abs=1e-4)
    assert m.variance == pytest.approx(pooled["variance_per_char"], abs=1e-4)
    stats = json.loads((ROOT / "alignment" / "data" / "alignment_stats.json").read_text(encoding="utf-8"))
    print("RU/EN length ratio per source:", {k: v["ratio_mean"] for k, v in stats["sources"].items()})
    assert 1.0 < m.ratio < 1.3  # Russian runs longer than English


def test_signals_on_sample_pairs(sample_comparison):
    en, ru = sample_comparison.en[0], sample_comparison.ru[0]
    p = en.paragraph
    q = ru.paragraph
    assert KindSignal().score([p("PP1")], [q("PP1")]) == 1.0
    assert KindSignal().score([p("PP15")], [q("OP1")]) == -1.0
    assert NumberSignal().score([p("OP3")], [q("OP3")]) == 1.0
    assert NumberSignal().score([p("OP3")], [q("OP4")]) == -1.0
    assert NumberSignal().score([p("PP3")], [q("PP3")]) == 0.0  # no number: no opinion
    # resolution numbers, dates and the footnote marker are anchors
    assert "s:61/180" in features(p("PP2")).anchors and "s:61/180" in features(q("PP2")).anchors
    assert AnchorSignal().score([p("PP4")], [q("PP4")]) > 0.9
    assert AnchorSignal().score([p("PP4")], [q("PP2")]) < 0
    # lengths: the right partner scores better than a paragraph of very different length
    assert LengthSignal().score([p("PP7")], [q("PP7")]) > LengthSignal().score([p("PP7")], [q("PP8")])
    # opening phrase equivalents from the bundled reference table
    assert ("проси",) in lead_equivalents()["requests"]
    assert LeadPhraseSignal().score([p("OP3")], [q("OP3")]) == 1.0  # Requests / просит
    assert LeadPhraseSignal().score([p("OP4")], [q("OP2")]) < 0  # Requests / предлагает
    assert LeadPhraseSignal().score([p("PP2")], [q("PP2")]) == 1.0  # Recalling / ссылаясь


@dataclass
class ForcePair:
    """A test signal standing in for a translation-similarity signal: it alone says en:PP8 is ru:PP9."""

    name: str = "forced"
    weight: float = 20.0

    def score(self, en, ru) -> float:
        ids = ({p.id for p in en}, {p.id for p in ru})
        if ids == ({"PP8"}, {"PP9"}):
            return 1.0
        return 0.0


def test_a_new_signal_plugs_in_without_touching_the_dp(sample_comparison):
    en, ru = sample_comparison.en[0], sample_comparison.ru[0]
    base = align_documents(en, ru, "en", "ru")
    forced = align_documents(en, ru, "en", "ru", signals=[*default_signals(), ForcePair()])
    assert base != forced
    assert forced.partner("en:PP8") == ("ru:PP9",)
    # the rest stays monotonic and complete
    assert sorted(q for link in forced.links for q in link.left) == sorted(f"en:{p.id}" for p in en.paragraphs)


def test_split_and_merge_links(sample_comparison):
    """One Russian paragraph split in two: a 1-2 link; one English paragraph merged with the next: a 2-1 link."""
    from tests.variants import _merge, _split

    en, ru = sample_comparison.en[0], sample_comparison.ru[0]
    op4 = ru.paragraph("OP4")
    first, second = _split(op4)
    paras = list(ru.paragraphs)
    k = paras.index(op4)
    paras[k : k + 1] = [first, replace(second, id="OP4b")]
    paras = [replace(p, index=i) for i, p in enumerate(paras)]
    ru_split = replace(ru, paragraphs=tuple(paras), _by_id={})
    a = align_documents(en, ru_split, "en", "ru")
    assert a.partner("en:OP4") == ("ru:OP4", "ru:OP4b")
    assert a.partner("en:OP5") == ("ru:OP5",)

    e = list(en.paragraphs)
    k = [p.id for p in e].index("PP12")
    e[k : k + 2] = [_merge(e[k], e[k + 1])]
    e = [replace(p, index=i) for i, p in enumerate(e)]
    en_merged = replace(en, paragraphs=tuple(e), _by_id={})
    a = align_documents(en_merged, ru, "en", "ru")
    assert a.partner("en:PP12") == ("ru:PP12", "ru:PP13")
    assert a.partner("en:PP14") == ("ru:PP14",)


def test_one_sided_paragraph_has_no_counterpart(sample_comparison):
    en, ru = sample_comparison.en[0], sample_comparison.ru[0]
    paras = [p for p in ru.paragraphs if p.id != "PP9"]
    paras = [replace(p, index=i) for i, p in enumerate(paras)]
    ru_short = replace(ru, paragraphs=tuple(paras), _by_id={})
    a = align_documents(en, ru_short, "en", "ru")
    assert a.partner("en:PP9") == ()
    assert a.partner("en:PP10") == ("ru:PP10",)
    assert a.partner("en:PP8") == ("ru:PP8",)


def test_empty_side_and_progress_and_cancel(sample_comparison):
    en, ru = sample_comparison.en[0], sample_comparison.ru[0]
    empty = Document(path="x", sha256="0" * 64, format="markdown", language=ru.language, paragraphs=())
    a = align_documents(en, empty, "en", "ru")
    assert all(link.shape == "1-0" for link in a.links) and len(a.links) == len(en.paragraphs)
    seen = []
    align_documents(en, ru, "en", "ru", progress=lambda pct, msg: seen.append(pct))
    assert seen and seen[-1] == 100
    with pytest.raises(Cancelled):
        align_documents(en, ru, "en", "ru", should_cancel=lambda: True)


def test_every_alignment_is_a_monotone_partition():
    """Whatever the input (variants, pins), each paragraph is in exactly one link and links never cross."""
    from alignment.pins import make_pin
    from tests.variants import KINDS, make_variant, sample_pairs

    for kind in KINDS:
        for seed in range(3):
            for en, ru, extra in sample_pairs():
                v = make_variant(kind, seed, en, ru, extra)
                docs = {"en": v.en, "ru": v.ru}
                pins = [make_pin(docs.__getitem__, (f"en:{v.en.paragraphs[5].id}",), (f"ru:{v.ru.paragraphs[9].id}",))]
                for a in (align_documents(v.en, v.ru, "en", "ru"), align_documents(v.en, v.ru, "en", "ru", pins=pins)):
                    left = [q for link in a.links for q in link.left]
                    right = [q for link in a.links for q in link.right]
                    assert left == [f"en:{p.id}" for p in v.en.paragraphs]  # in order, each once
                    assert right == [f"ru:{p.id}" for p in v.ru.paragraphs]
                    assert all(link.left or link.right for link in a.links)
                    assert all(len(link.left) <= 2 and len(link.right) <= 2 for link in a.links)
