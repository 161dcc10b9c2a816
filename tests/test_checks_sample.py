"""The divergence checks on the sample (trafficking-2011): every divergence truth.json lists is reported on the
right pair with the right kind, and the faithful pairs stay quiet (at most one false finding per 20 pairs).

Measured twice: on the alignment and revision maps truth.json gives, and end to end on the real Comparison.
"""

from __future__ import annotations

import pytest

from alignment.checks.base import CheckContext, pairs_from_alignment, run_checks, sort_findings
from alignment.consistency import consistency_findings, one_sided_changes, replaced_findings
from alignment.findings import FindingKind, Severity
from tests.checks_helpers import truth_alignment, truth_revision_map


def _truth_findings(sample_comparison, truth) -> list:
    """Checks + consistency on pairs built from truth.json's alignment (the aligner not involved)."""
    ctx = CheckContext()
    lookup = sample_comparison.paragraph
    old = pairs_from_alignment(truth_alignment(truth, "original"), lookup, "original")
    new = pairs_from_alignment(truth_alignment(truth, "rev1"), lookup, "rev1")
    changes = one_sided_changes(old, new, truth_revision_map(truth, "en"), truth_revision_map(truth, "ru"), ctx)
    found = run_checks(old, ctx) + run_checks(new, ctx)
    dropped = replaced_findings(changes)
    return sort_findings([f for f in found if f.id not in dropped] + consistency_findings(changes))


def _score(findings, truth) -> tuple[float, float, list, list]:
    expected = {(d["pair"], d["en"], d["ru"], d["kind"]) for d in truth["divergences"]}
    divergent_pairs = {(d["pair"], d["en"], d["ru"]) for d in truth["divergences"]}
    got = {(f.pair, f.en_id, f.ru_id, f.kind.value) for f in findings}
    missed = sorted(expected - got)
    false = [f for f in findings if (f.pair, f.en_id, f.ru_id) not in divergent_pairs]
    recall = 1 - len(missed) / len(expected)
    precision = 1 - len(false) / max(len(findings), 1)
    return recall, precision, missed, false


@pytest.mark.parametrize("source", ["truth alignment", "comparison"])
def test_every_visible_divergence_is_found_and_faithful_pairs_stay_quiet(source, sample_comparison, truth):
    if source == "comparison":
        findings = sample_comparison.all_findings()
    else:
        findings = _truth_findings(sample_comparison, truth)
    recall, precision, missed, false = _score(findings, truth)
    n_pairs = sum(len(v) for v in truth["alignment"].values())
    faithful = n_pairs - len({(d["pair"], d["en"]) for d in truth["divergences"]})
    print(f"\n[{source}] {len(findings)} findings on {n_pairs} pairs: recall {recall:.2f} "
          f"({len(truth['divergences']) - len(missed)}/{len(truth['divergences'])}), precision {precision:.2f}; "
          f"false findings {len(false)} on {faithful} faithful pairs")
    for f in findings:
        print(f"    [{f.severity.value}] {f.pair} {f.en_id} <-> {f.ru_id} {f.kind.value}: {f.message}")
    assert not missed, f"not reported: {missed}"
    assert len(false) <= faithful / 20, [f.message for f in false]


def test_findings_explain_themselves_with_spans_on_both_sides(sample_comparison, truth):
    by_key = {(f.pair, f.en_id, f.kind.value): f for f in sample_comparison.all_findings()}
    for d in truth["divergences"]:
        f = by_key[(d["pair"], d["en"], d["kind"])]
        en_text = sample_comparison.paragraph(d["en"]).text
        ru_text = sample_comparison.paragraph(d["ru"]).text
        assert f.en_span is not None, f
        assert f.en_span.end <= len(en_text)
        if f.ru_span is not None:
            assert f.ru_span.end <= len(ru_text)
        assert f.message and "\n" not in f.message
    verb = by_key[("original", "en:OP5", "verb_strength")]
    assert verb.message == "English *Requests* (request) vs Russian *предлагает* (invitation): weaker in Russian"
    assert verb.severity is Severity.CRITICAL
    assert sample_comparison.paragraph("ru:OP5").text[verb.ru_span.start : verb.ru_span.end] == "предлагает"
    date = by_key[("rev1", "en1:PP3", "date")]
    assert "25 July 2008" in date.message and "25 июня 2008 года" in date.message
    number = by_key[("original", "en:PP2", "number")]
    assert "64/178" in number.message and "64/187" in number.message
    omission = by_key[("original", "en:OP3", "omission")]
    assert "especially women and children" in omission.message


def test_finding_ids_are_stable_across_runs_and_revisions(sample_comparison):
    from alignment.comparison import Comparison

    again = Comparison.sample()
    assert [f.id for f in again.all_findings()] == [f.id for f in sample_comparison.all_findings()]
    # the hedge finding of OP8 would keep its id in a Rev.2 where neither paragraph changed
    ids = {f.id for f in sample_comparison.findings(1)}
    assert len(ids) == len(sample_comparison.findings(1))


def test_unpropagated_amendment_replaces_the_verb_finding_it_explains(sample_comparison):
    rev1 = sample_comparison.findings(1)
    op1 = [f for f in rev1 if f.en_id == "en1:OP1"]
    assert [f.kind for f in op1] == [FindingKind.UNPROPAGATED_AMENDMENT]
    assert "'Calls on' -> 'Urges'" in op1[0].message and "призывает" in op1[0].message
