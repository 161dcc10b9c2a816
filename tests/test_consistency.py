"""Cross-revision consistency: each one-sided change of truth.json is classified as truth says."""

from __future__ import annotations

import pytest

from alignment.checks.base import CheckContext, pairs_from_alignment
from alignment.consistency import OneSidedKind, describe_edit, one_sided_changes
from alignment.document import Language
from tests.checks_helpers import truth_alignment, truth_revision_map


def _expected(note: str) -> OneSidedKind:
    note = note.lower()
    if "unpropagated amendment" in note:
        return OneSidedKind.NOT_CARRIED_OVER
    if "introduced" in note:
        return OneSidedKind.INTRODUCED
    if "already said" in note:
        return OneSidedKind.ALREADY_SAID
    if "a fix" in note:
        return OneSidedKind.FIX
    raise AssertionError(f"unknown note {note!r}")


@pytest.mark.parametrize("source", ["truth maps", "comparison"])
def test_one_sided_changes_are_told_apart(source, sample_comparison, truth):
    if source == "comparison":
        changes = sample_comparison.one_sided_changes(1)
    else:
        ctx = CheckContext()
        old = pairs_from_alignment(truth_alignment(truth, "original"), sample_comparison.paragraph, "original")
        new = pairs_from_alignment(truth_alignment(truth, "rev1"), sample_comparison.paragraph, "rev1")
        changes = one_sided_changes(old, new, truth_revision_map(truth, "en"), truth_revision_map(truth, "ru"), ctx)
    got = {(c.old_id, c.new_id): c for c in changes}
    print(f"\n[{source}] one-sided changes:")
    for c in changes:
        print(f"    {c.old_id} -> {c.new_id}: {c.kind.value}: {c.message}")
    expected = {(t["from"], t["to"]): _expected(t["note"]) for t in truth["one_sided_changes"]}
    assert set(got) == set(expected)
    kinds = {OneSidedKind(k) for k in expected.values()}
    assert {OneSidedKind.NOT_CARRIED_OVER, OneSidedKind.FIX, OneSidedKind.ALREADY_SAID} <= kinds
    for key, kind in expected.items():
        assert got[key].kind is kind, (key, got[key].message)


def test_the_amendment_not_carried_over_is_a_finding_on_the_rev1_pair(sample_comparison, truth):
    [t] = [d for d in truth["divergences"] if d["kind"] == "unpropagated_amendment"]
    found = [f for f in sample_comparison.findings(1) if f.kind.value == "unpropagated_amendment"]
    assert [(f.en_id, f.ru_id) for f in found] == [(t["en"], t["ru"])]
    assert found[0].check == "consistency"


def test_fixes_and_harmless_changes_are_not_findings(sample_comparison):
    rev1 = sample_comparison.findings(1)
    assert not [f for f in rev1 if f.ru_id in ("ru1:PP2", "ru1:OP4") or f.en_id == "en1:OP7"]


def test_describe_edit_names_the_words():
    assert describe_edit("Calls on all States to act", "Urges all States to act") == "'Calls on' -> 'Urges'"
    assert describe_edit("a b c", "a b x c").startswith("added 'x'")


def test_consistency_needs_both_languages_revised(sample_comparison):
    from alignment.comparison import Comparison

    only_en = Comparison(en=list(sample_comparison.en), ru=[sample_comparison.ru[0]])
    assert only_en.findings(0)  # original pair still checked
    assert list(only_en.bilingual_revisions) == [0]
    assert sample_comparison.revision_map(Language.RU, 1)
