"""The project file without Qt: inputs and hashes, decisions, save-as, reopening, changed inputs, the
carry-forward rule, pins."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from alignment.comparison import Comparison
from alignment.document import Language
from alignment.findings import Finding, FindingKind, Severity, finding_id
from alignment.links import split_qualified
from alignment.project import (
    InputState,
    Project,
    ProjectError,
    ReviewStatus,
    decisions_for,
    status_of,
)
from alignment.sample import sample_paths


def make_finding(en_text: str, ru_text: str, pair: str = "original", en_id="en:OP1", ru_id="ru:OP1",
                 detail: str = "shall/should") -> Finding:
    fid = finding_id("verb", FindingKind.VERB_STRENGTH.value, en_text, ru_text, detail)
    return Finding(fid, FindingKind.VERB_STRENGTH, Severity.CRITICAL, "verb", pair, en_id, ru_id, None, None,
                   f"verb differs ({detail})")


@pytest.fixture()
def sample_copy(tmp_path):
    out = {}
    for key, p in sample_paths().items():
        dst = tmp_path / p.name
        shutil.copy(p, dst)
        out[key] = dst
    return out


def test_decisions_survive_reopen_and_save_as(tmp_path, sample_copy):
    proj = Project.new()
    assert not proj.saved
    proj.set_inputs(list(sample_copy.items()))
    f = make_finding("The Commission shall report.", "Комиссия может представить доклад.")
    proj.decide(f, ReviewStatus.DISMISSED, "stylistic")
    proj.set_view_state(comparison=["bilingual", 0], finding=f.id)
    target = tmp_path / "review.parity"
    proj.save_as(target)
    assert proj.saved and target.is_file()
    assert not list(tmp_path.glob(".review.parity.*"))  # no temporary file left behind
    # after save-as, changes go straight to the file (autosave)
    g = make_finding("Requests the Secretariat", "просит Секретариат", detail="other")
    proj.decide(g, ReviewStatus.CONFIRMED)
    proj.close()

    again = Project.open(target)
    d = again.decisions()
    assert d[f.id].status is ReviewStatus.DISMISSED and d[f.id].note == "stylistic"
    assert d[f.id].pair == "original" and d[f.id].check == "verb" and d[f.id].updated
    assert d[g.id].status is ReviewStatus.CONFIRMED
    assert again.view_state() == {"comparison": ["bilingual", 0], "finding": f.id}
    assert [i.key for i in again.inputs()] == list(sample_copy)
    assert all(c.state is InputState.SAME for c in again.check_inputs())
    # a note alone keeps the status; changing the status keeps the note
    again.decide(g, ReviewStatus.CONFIRMED, "fix in Rev.2")
    again.decide(f, ReviewStatus.OPEN)
    assert again.decisions()[f.id].note == "stylistic"
    assert again.decisions()[g.id].note == "fix in Rev.2"


def test_changed_and_missing_inputs_are_reported(tmp_path, sample_copy):
    proj = Project.new()
    proj.set_inputs(list(sample_copy.items()))
    proj.save_as(tmp_path / "p.parity")
    sample_copy["ru1"].write_text(sample_copy["ru1"].read_text(encoding="utf-8") + "\nДобавлено.\n", encoding="utf-8")
    sample_copy["en1"].unlink()
    states = {c.input.key: c for c in proj.check_inputs()}
    assert states["en"].state is InputState.SAME
    assert states["ru1"].state is InputState.CHANGED and "changed on disk" in states["ru1"].describe()
    assert states["en1"].state is InputState.MISSING and "missing" in states["en1"].describe()
    proj.update_hashes([states["ru1"].input])
    assert {c.input.key: c.state for c in proj.check_inputs()}["ru1"] is InputState.SAME


def test_reanalysis_keeps_decisions_whose_findings_still_exist():
    proj = Project.new()
    kept = make_finding("A shall.", "А должен.")
    gone = make_finding("B shall.", "Б может.")
    translated = Finding("t" * 16, FindingKind.TRANSLATION, Severity.WARNING, "translation", "original",
                         "en:OP2", "ru:OP2", None, None, "back-translation differs")
    for f in (kept, gone, translated):
        proj.decide(f, ReviewStatus.DISMISSED)
    # the Russian of B was fixed: its finding is gone; the translation checks did not run this time
    dropped = proj.prune_decisions([kept], checks_run={"verb"})
    assert [d.finding_id for d in dropped] == [gone.id]
    assert set(proj.decisions()) == {kept.id, translated.id}


def test_carry_forward_rule_same_texts_same_decision():
    """A decision on draft N applies in draft N+1 iff neither language version of the paragraph changed."""
    decisions = {}
    en, ru = "Urges Member States to ratify the Protocol;", "призывает государства-члены ратифицировать Протокол;"
    original = make_finding(en, ru, pair="original", en_id="en:OP3", ru_id="ru:OP3")
    decisions[original.id] = Project.new().decide(original, ReviewStatus.DISMISSED, "fine")
    # Rev.1: the paragraph moved and was renumbered, its texts did not change -> same id, decision applies
    moved = make_finding(en, ru, pair="rev1", en_id="en1:OP4", ru_id="ru1:OP4")
    assert moved.id == original.id
    assert status_of(moved, decisions) is ReviewStatus.DISMISSED
    assert decisions_for([moved], decisions)[moved.id].note == "fine"
    # English reworded -> new finding, open again
    en_changed = make_finding(en.replace("Urges", "Calls upon"), ru, pair="rev1")
    # Russian reworded -> new finding, open again
    ru_changed = make_finding(en, ru.replace("призывает", "предлагает"), pair="rev1")
    for f in (en_changed, ru_changed):
        assert status_of(f, decisions) is ReviewStatus.OPEN
        assert decisions_for([f], decisions) == {}


def test_carry_forward_on_the_sample_revision(sample_comparison):
    """On the sample: paragraphs the revision matcher reports unchanged in both languages keep their finding
    ids (hence their decisions) in Rev.1; a modified one does not."""
    c: Comparison = sample_comparison
    links0 = [lk for lk in c.alignment(0).links if len(lk.left) == 1 and len(lk.right) == 1]
    en_map, ru_map = c.revision_map(Language.EN, 1), c.revision_map(Language.RU, 1)
    same = changed = 0
    for lk in links0:
        en_ch, ru_ch = en_map.change_for_old(lk.left[0]), ru_map.change_for_old(lk.right[0])
        if en_ch is None or ru_ch is None or en_ch.new is None or ru_ch.new is None:
            continue
        old = make_finding(c.paragraph(lk.left[0]).text, c.paragraph(lk.right[0]).text)
        new = make_finding(c.paragraph(en_ch.new).text, c.paragraph(ru_ch.new).text, pair="rev1")
        decisions = {old.id: Project.new().decide(old, ReviewStatus.CONFIRMED)}
        unchanged = "modified" not in en_ch.types and "modified" not in ru_ch.types
        assert (status_of(new, decisions) is ReviewStatus.CONFIRMED) == unchanged, (lk, en_ch, ru_ch)
        same += unchanged
        changed += not unchanged
    print(f"sample original->rev1: {same} pairs carry their decisions, {changed} pairs reopen")
    assert same >= 10 and changed >= 1


def test_pins_round_trip(tmp_path, sample_comparison):
    from alignment.pins import make_pin

    c = sample_comparison
    pin = make_pin(c.document, ["en:PP3"], ["ru:PP4"])
    proj = Project.new()
    proj.set_pins([pin])
    proj.save_as(tmp_path / "pins.parity")
    proj.close()
    assert Project.open(tmp_path / "pins.parity").pins() == [pin]
    assert split_qualified(pin.left[0]) == ("en", "PP3")


def test_not_a_project_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.parity"
    bad.write_text("just some text, not a database " * 100, encoding="utf-8")
    with pytest.raises(ProjectError, match="not a Parity project"):
        Project.open(bad)
    with pytest.raises(ProjectError, match="not found"):
        Project.open(tmp_path / "missing.parity")


def test_save_as_refuses_to_overwrite_an_input(sample_copy):
    from alignment.errors import ExportError

    proj = Project.new()
    proj.set_inputs(list(sample_copy.items()))
    with pytest.raises(ExportError):
        proj.save_as(sample_copy["en"])


def test_a_failed_write_leaves_the_previous_state(tmp_path):
    proj = Project.new()
    proj.save_as(tmp_path / "p.parity")
    f = make_finding("x shall", "x может")
    proj.decide(f, ReviewStatus.CONFIRMED)

    class Boom(Exception):
        pass

    from alignment import project as project_mod

    with pytest.raises(Boom), project_mod._transaction(proj._db):
        proj._db.execute("DELETE FROM decisions")
        raise Boom()
    assert f.id in proj.decisions()
    # the file on disk is a plain SQLite database with the decision committed
    with sqlite3.connect(tmp_path / "p.parity") as db:
        assert db.execute("SELECT status FROM decisions").fetchall() == [("confirmed",)]
