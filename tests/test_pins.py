"""Pins: a mis-pinned pair re-flows the rest, removing it restores the alignment, stale pins are reported,
pins survive a JSON round trip and carry into Rev.1, the CLI takes --pin."""

from __future__ import annotations

import json

import pytest

from alignment import serialize
from alignment.cli import main
from alignment.comparison import Comparison
from alignment.document import Language
from alignment.errors import ParityError
from alignment.links import ChangeType
from alignment.pins import (
    Pin,
    PinProblemKind,
    carry_alignment_pins,
    make_pin,
    parse_pin,
    pin_from_json,
    pin_to_json,
    scope_for,
)


def truth_links(truth, name) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [((e,), (r,)) for e, r in truth["alignment"][name]]


def links_of(alignment) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(link.left, link.right) for link in alignment.links]


@pytest.fixture()
def comparison():
    return Comparison.sample()  # pins change its state: a fresh one per test


def test_mis_pin_reflows_and_unpinning_restores(comparison, truth):
    expected = truth_links(truth, "original")
    assert links_of(comparison.alignment(0)) == expected
    pin = make_pin(comparison.document, *parse_pin("en:PP3=ru:PP4"))
    assert pin.scope == ("alignment", 0)
    comparison.set_pins([pin])
    got = comparison.alignment(0)
    pinned = [link for link in got.links if link.pinned]
    assert [(link.left, link.right, link.confidence) for link in pinned] == [(("en:PP3",), ("ru:PP4",), 1.0)]
    # the paragraphs the pin displaced have no counterpart now; everything else is exactly as before
    assert got.partner("ru:PP3") == () and got.partner("en:PP4") == ()
    touched = {"en:PP3", "en:PP4", "ru:PP3", "ru:PP4"}
    rest = [lk for lk in links_of(got) if not touched & set(lk[0] + lk[1])]
    assert rest == [lk for lk in expected if not touched & set(lk[0] + lk[1])]
    assert len(rest) == len(expected) - 2
    # monotonic still: a pin far from the diagonal drags nothing else out of order
    comparison.set_pins([])
    assert links_of(comparison.alignment(0)) == expected
    assert comparison.pin_problems() == []


def test_no_counterpart_and_split_pins(comparison, truth):
    comparison.set_pins([make_pin(comparison.document, *parse_pin("en:PP5=")),
                         make_pin(comparison.document, *parse_pin("en:OP5=ru:OP5+ru:OP6"))])
    a = comparison.alignment(0)
    assert a.partner("en:PP5") == () and a.partner("ru:PP5") == ()
    assert next(link for link in a.links if link.left == ("en:PP5",)).pinned
    assert a.partner("en:OP5") == ("ru:OP5", "ru:OP6")
    assert a.partner("en:OP6") == ()
    assert a.partner("en:OP7") == ("ru:OP7",) and a.partner("en:PP6") == ("ru:PP6",)


def test_stale_pins_are_reported_not_applied(comparison):
    good = make_pin(comparison.document, ("en:PP3",), ("ru:PP3",))
    changed = Pin(("alignment", 0), ("en:PP4",), ("ru:PP4",), ("0" * 16,), (good.right_hashes[0],))
    missing = Pin(("alignment", 0), ("en:PP40",), ("ru:PP4",))
    crossing = make_pin(comparison.document, ("en:PP2",), ("ru:PP6",))
    unloaded = Pin(("alignment", 3), ("en3:PP1",), ("ru3:PP1",))
    comparison.set_pins([good, changed, missing, crossing, unloaded])
    kinds = {p.pin: p.kind for p in comparison.pin_problems()}
    assert kinds == {changed: PinProblemKind.CHANGED, missing: PinProblemKind.MISSING,
                     crossing: PinProblemKind.CONFLICT, unloaded: PinProblemKind.MISSING}
    a = comparison.alignment(0)
    assert [link.left for link in a.links if link.pinned] == [("en:PP3",)]
    assert a.partner("en:PP4") == ("ru:PP4",)  # the changed pin is ignored, the aligner decides


def test_pins_survive_a_json_round_trip_and_carry_into_rev1(comparison):
    pins = [make_pin(comparison.document, ("en:PP4",), ("ru:PP5",)),  # both unchanged in Rev.1
            make_pin(comparison.document, ("en:OP1",), ("ru:OP1",))]  # en:OP1 reworded in Rev.1
    saved = json.dumps([pin_to_json(p) for p in pins])
    reopened = Comparison.sample()
    restored = [pin_from_json(d) for d in json.loads(saved)]
    assert restored == pins
    reopened.set_pins(restored)
    assert reopened.pin_problems() == []
    assert reopened.alignment(0).partner("en:PP4") == ("ru:PP5",)
    carried = carry_alignment_pins(restored, 0, reopened.revision_map, reopened.document)
    assert [(p.scope, p.left, p.right) for p in carried] == [(("alignment", 1), ("en1:PP4",), ("ru1:PP5",))]
    reopened.set_pins(restored + carried)
    assert reopened.alignment(1).partner("en1:PP4") == ("ru1:PP5",)


def test_revision_pins(comparison, truth):
    rmap = comparison.revision_map(Language.EN, 1)
    pin = make_pin(comparison.document, *parse_pin("en:OP7=en1:OP7"))
    assert pin.scope == ("revisions", "en", 1)
    comparison.set_pins([pin, make_pin(comparison.document, *parse_pin("en:PP11=en1:PP11"))])
    pinned = comparison.revision_map(Language.EN, 1)
    assert pinned.change_for_new("en1:OP7").old == "en:OP7"
    assert pinned.change_for_new("en1:PP11").old == "en:PP11"
    assert pinned.change_for_new("en1:PP11").has(ChangeType.MODIFIED)
    assert pinned.change_for_new("en1:OP9").old == "en:OP8"  # the rest is matched as before
    comparison.set_pins([])
    assert comparison.revision_map(Language.EN, 1) == rmap


def test_pin_syntax_and_scope_errors(comparison):
    assert parse_pin("en:PP3=ru:PP4") == (("en:PP3",), ("ru:PP4",))
    assert parse_pin("en:OP5=ru:OP5+ru:OP6") == (("en:OP5",), ("ru:OP5", "ru:OP6"))
    assert parse_pin("en:PP3=") == (("en:PP3",), ())
    assert scope_for("en1", "ru1") == ("alignment", 1) and scope_for("ru", "ru1") == ("revisions", "ru", 1)
    for bad in ("en:PP3", "=", "en:PP3=ru1:PP3", "PP3=ru:PP3"):
        with pytest.raises(ParityError):
            make_pin(comparison.document, *parse_pin(bad))
    with pytest.raises(ParityError, match="en:PP99"):
        make_pin(comparison.document, ("en:PP99",), ("ru:PP3",))


def test_cli_pin_option(tmp_path, capsys, truth):
    out = tmp_path / "c.json"
    assert main(["compare", "--sample", "--model", "none", "--pin", "en:PP3=ru:PP4", "--json", str(out)]) == 1  # 1: the sample has critical findings
    printed = capsys.readouterr().out
    assert "en:PP3  = ru:PP4  1.00  [pinned]" in printed and "Pins: 1 applied" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    serialize.validate(data)
    original = next(a for a in data["alignments"] if a["pair"] == "original")
    assert {"left": ["en:PP3"], "right": ["ru:PP4"], "shape": "1-1", "confidence": 1.0, "pinned": True,
            "low_confidence": False} in original["links"]
    assert data["pins"]["problems"] == []
    assert main(["compare", "--sample", "--model", "none", "--pin", "en:PP3=ru1:PP4"]) == 2
    assert "cannot pin en to ru1" in capsys.readouterr().err


def test_comparison_carries_an_original_pin_into_rev1_when_unchanged():
    """A correction made on the original draft also shapes Rev.1 while its paragraphs stay the same."""
    from alignment.comparison import Comparison
    from alignment.pins import make_pin

    comparison = Comparison.sample()
    # PP3 and PP4 are unchanged from the original to Rev.1 in English; PP4 in Russian too
    pin = make_pin(comparison.document, ["en:PP4"], ["ru:PP4"])
    mis = make_pin(comparison.document, ["en:PP5"], ["ru:PP6"])  # a deliberate mis-pin, PP5/PP6 unchanged too
    comparison.set_pins([pin, mis])
    carried = comparison.alignment_pins(1)
    assert {(p.left, p.right) for p in carried} == {(("en1:PP4",), ("ru1:PP4",)), (("en1:PP5",), ("ru1:PP6",))}
    assert comparison.alignment(1).partner("en1:PP5") == ("ru1:PP6",)
    # a pin the user sets on Rev.1 itself wins over the carried one
    own = make_pin(comparison.document, ["en1:PP5"], ["ru1:PP5"])
    comparison.set_pins([pin, mis, own])
    assert comparison.alignment(1).partner("en1:PP5") == ("ru1:PP5",)
    # a pin whose paragraph changed in Rev.1 is not carried (ru PP2 was corrected in Rev.1)
    changed = make_pin(comparison.document, ["en:PP2"], ["ru:PP2"])
    comparison.set_pins([changed])
    assert comparison.alignment_pins(1) == ()
