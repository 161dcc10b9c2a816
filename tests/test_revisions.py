"""Draft-to-draft matching: equals truth.json on the sample (pairs, change types, order); moves are minimal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from alignment.document import Document, Language
from alignment.errors import Cancelled
from alignment.links import ChangeType
from alignment.revisions import longest_increasing_positions, match_revisions


def as_truth(rmap) -> list[dict]:
    return [{"from": c.old, "to": c.new, "change": [t.value for t in c.types]} for c in rmap.changes]


@pytest.mark.parametrize("language", [Language.EN, Language.RU])
def test_revision_map_equals_truth(sample_comparison, truth, language):
    rmap = sample_comparison.revision_map(language, 1)
    assert rmap.old == language.value and rmap.new == f"{language.value}1"
    assert as_truth(rmap) == truth["revisions"][language.value]  # every pair, every type, in truth's order
    for c in rmap.changes:
        if c.old is not None and c.new is not None:
            assert (c.similarity < 1.0) == c.has(ChangeType.MODIFIED)
            assert 0.5 <= c.similarity <= 1.0
    counts = {t.value: sum(t in c.types for c in rmap.changes) for t in ChangeType}
    print(language.value, counts)


def test_moved_and_renumbered_paragraph_is_found_by_content(sample_comparison):
    rmap = sample_comparison.revision_map(Language.EN, 1)
    c = rmap.change_for_new("en1:OP6")
    assert c.old == "en:OP7" and c.types == (ChangeType.MOVED, ChangeType.RENUMBERED)
    # the paragraphs it jumped over are renumbered, not moved: the smallest set of moves
    assert sum(ch.has(ChangeType.MOVED) for ch in rmap.changes) == 1


def test_lis_gives_the_minimal_set_of_moves():
    seq = [0, 1, 2, 6, 3, 4, 5, 7]
    keep = longest_increasing_positions(seq)
    assert len(keep) == 7 and 3 not in keep
    assert len(longest_increasing_positions([5, 4, 3, 2, 1])) == 1
    assert longest_increasing_positions([]) == set()


def test_reversed_document_and_identical_paragraphs(sample_comparison):
    en = sample_comparison.en[0]
    rev = replace(en, paragraphs=tuple(replace(p, index=i) for i, p in enumerate(reversed(en.paragraphs))), _by_id={})
    rmap = match_revisions(en, rev, "en", "en1")
    assert all(c.old is not None and c.new is not None for c in rmap.changes)
    assert {c.old.split(":")[1] for c in rmap.changes} == {c.new.split(":")[1] for c in rmap.changes}
    assert all(c.old.split(":")[1] == c.new.split(":")[1] for c in rmap.changes)
    assert sum(c.has(ChangeType.MOVED) for c in rmap.changes) == len(en.paragraphs) - 1


def test_everything_deleted_or_inserted(sample_comparison):
    en = sample_comparison.en[0]
    empty = Document(path="x", sha256="0" * 64, format="markdown", language=en.language, paragraphs=())
    assert all(c.types == (ChangeType.DELETED,) for c in match_revisions(en, empty, "en", "en1").changes)
    assert all(c.types == (ChangeType.INSERTED,) for c in match_revisions(empty, en, "en", "en1").changes)


def test_revision_variants_are_matched(capsys):
    """Generated revisions (moves, insertions, deletions, rewordings, numbers removed): F1 of the pairs."""
    from tests.variants import measure_revisions

    scores = measure_revisions(seeds=10)
    for kind, f1 in scores.items():
        assert f1 >= 0.98, kind


def test_cancel(sample_comparison):
    with pytest.raises(Cancelled):
        match_revisions(sample_comparison.en[0], sample_comparison.en[1], "en", "en1", should_cancel=lambda: True)


def test_compare_json_carries_alignments_revisions_and_word_diffs(sample_comparison, truth):
    from alignment import serialize
    from alignment.report import comparison_json, render_report

    data = comparison_json(sample_comparison)
    serialize.validate(data)
    assert [a["pair"] for a in data["alignments"]] == ["original", "rev1"]
    assert [[*lk["left"], *lk["right"]] for lk in data["alignments"][0]["links"]] == truth["alignment"]["original"]
    en = next(r for r in data["revisions"] if r["language"] == "en" and r["step"] == 1)
    assert [{"from": c["old"], "to": c["new"], "change": c["types"]} for c in en["changes"]] == truth["revisions"]["en"]
    op1 = next(c for c in en["changes"] if c["new"] == "en1:OP1")
    old_text = sample_comparison.paragraph("en:OP1").text
    new_text = sample_comparison.paragraph("en1:OP1").text
    deleted = [s for s in op1["diff"] if s["op"] == "delete"]
    inserted = [s for s in op1["diff"] if s["op"] == "insert"]
    assert [old_text[s["a_start"]:s["a_end"]] for s in deleted] == ["Calls on"] == [s["text"] for s in deleted]
    assert [new_text[s["b_start"]:s["b_end"]] for s in inserted] == ["Urges"]
    assert all(c["diff"] is None for c in en["changes"] if "modified" not in c["types"])
    # the schema rejects a broken link (the new keys are validated, not just allowed)
    import jsonschema

    data["alignments"][0]["links"][0]["shape"] = "3-3"
    with pytest.raises(jsonschema.ValidationError):
        serialize.validate(data)
    text = render_report(sample_comparison).text
    assert "Alignment en <-> ru (original): 25 links, 25 one-to-one" in text
    assert "en:OP7  -> en1:OP6  moved, renumbered" in text
    assert "-[Calls on] +[Urges]" in text
