"""The revision markup helpers, checked against compact XML."""

from __future__ import annotations

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement, parse_xml
from lxml import etree

from alignment.export.plan import Block, Step, build_plan
from alignment.export.revision_xml import (
    CT_DelText,
    CT_MoveBookmark,
    CT_RunTrackChange,
    Revision,
    RevisionIds,
    Stamp,
    make_run,
    mark_paragraph,
    move_range_end,
    move_range_start,
    revised_run,
    wrap_runs,
)

STAMP = Stamp("A. Author", "2011-04-13T09:00:00Z")
W = nsdecls("w")


def xml(el) -> str:
    s = etree.tostring(el, encoding="unicode")
    return s.replace(f' xmlns:w="{etree.QName(qn("w:p")).namespace}"', "")


def test_runs_preserve_edge_spaces_and_turn_tabs_into_elements():
    assert xml(make_run(" of the ")) == '<w:r><w:t xml:space="preserve"> of the </w:t></w:r>'
    assert xml(make_run("5.\tRequests")) == "<w:r><w:t>5.</w:t><w:tab/><w:t>Requests</w:t></w:r>"
    assert xml(make_run("gone ", deleted=True)) == '<w:r><w:delText xml:space="preserve">gone </w:delText></w:r>'
    rpr = parse_xml(f"<w:rPr {W}><w:i/></w:rPr>")
    assert xml(make_run("Urges", rpr)) == "<w:r><w:rPr><w:i/></w:rPr><w:t>Urges</w:t></w:r>"


def test_revision_containers_carry_id_author_date_and_are_registered_classes():
    ids = RevisionIds()
    ins = revised_run(Revision.INS, "Urges", None, ids, STAMP)
    dele = revised_run(Revision.DEL, "Calls on", None, ids, STAMP)
    assert xml(ins) == ('<w:ins w:id="1" w:author="A. Author" w:date="2011-04-13T09:00:00Z">'
                        "<w:r><w:t>Urges</w:t></w:r></w:ins>")
    assert xml(dele) == ('<w:del w:id="2" w:author="A. Author" w:date="2011-04-13T09:00:00Z">'
                         "<w:r><w:delText>Calls on</w:delText></w:r></w:del>")
    assert isinstance(ins, CT_RunTrackChange) and ins.id == 1 and ins.author == "A. Author"
    assert isinstance(dele.find(f"{qn('w:r')}/{qn('w:delText')}"), CT_DelText)
    moved = wrap_runs(Revision.MOVE_FROM, [make_run("text", deleted=True)], ids, STAMP)
    assert moved.tag == qn("w:moveFrom") and moved.id == 3
    assert xml(revised_run(None, "same", None, ids, STAMP)) == "<w:r><w:t>same</w:t></w:r>"


def test_move_ranges_pair_by_id_and_name():
    start = move_range_start(Revision.MOVE_TO, 7, "move1", STAMP)
    assert isinstance(start, CT_MoveBookmark)
    assert xml(start) == ('<w:moveToRangeStart w:id="7" w:author="A. Author" w:date="2011-04-13T09:00:00Z" '
                          'w:name="move1"/>')
    assert xml(move_range_end(Revision.MOVE_FROM, 7)) == '<w:moveFromRangeEnd w:id="7"/>'


def test_paragraph_mark_revision_goes_first_in_the_marks_properties_before_sectPr():  # noqa: N802
    p = parse_xml(f'<w:p {W}><w:pPr><w:pStyle w:val="Body"/><w:sectPr/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>')
    mark_paragraph(p, Revision.DEL, RevisionIds(5), STAMP)
    assert xml(p) == ('<w:p><w:pPr><w:pStyle w:val="Body"/><w:rPr><w:del w:id="5" w:author="A. Author" '
                      'w:date="2011-04-13T09:00:00Z"/></w:rPr><w:sectPr/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>')
    bare = OxmlElement("w:p")
    mark_paragraph(bare, Revision.INS, RevisionIds(), STAMP)
    assert bare.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None


def _blocks(texts: list[str]) -> list[Block]:
    return [Block(f"k:{i}", "preambular", "", t) for i, t in enumerate(texts)]


def test_plan_orders_old_only_before_new_only_between_anchors_and_finds_moves():
    old = _blocks(["A", "B", "C", "D", "E"])
    new = _blocks(["A", "X", "D", "C", "E"])  # B deleted, X inserted, C and D swapped
    plan = build_plan(old, new, [(0, 0), (2, 3), (3, 2), (4, 4)])
    steps = [(i.step, (i.old or i.new).text) for i in plan]
    # one of C/D stays (an anchor), the other is moved; B is deleted before X is inserted
    assert steps[:3] == [(Step.SAME, "A"), (Step.DELETE, "B"), (Step.INSERT, "X")] and steps[-1] == (Step.SAME, "E")
    moved = [t for s, t in steps if s is Step.MOVE_FROM]
    assert len(moved) == 1 and [t for s, t in steps if s is Step.MOVE_TO] == moved
    assert plan[[s for s, _ in steps].index(Step.MOVE_TO)].move == plan[[s for s, _ in steps].index(Step.MOVE_FROM)].move
    accept = [i.new.text for i in plan if i.new is not None]
    reject = [i.old.text for i in plan if i.old is not None]
    assert accept == ["A", "X", "D", "C", "E"] and reject == ["A", "B", "C", "D", "E"]
    plain = build_plan(old, new, [(0, 0), (2, 3), (3, 2), (4, 4)], native_moves=False)
    assert {i.step for i in plain} == {Step.SAME, Step.DELETE, Step.INSERT}
