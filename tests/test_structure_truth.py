"""The structure of every sample file equals truth.json: same paragraphs in order, kinds, numbers, footnotes."""

from __future__ import annotations

import pytest

from alignment.document import Language
from alignment.reading import read_document
from tests.conftest import CORPUS, strip_markup

FILES = ["en.md", "ru.md", "en-rev1.md", "ru-rev1.md"]


def assert_matches_truth(doc, truth_doc) -> None:
    expected = truth_doc["paragraphs"]
    assert [p.id for p in doc.paragraphs] == [q["id"].split(":", 1)[1] for q in expected]
    for p, q in zip(doc.paragraphs, expected, strict=True):
        assert p.kind.value == q["kind"], p.id
        assert p.number == q["number"], p.id
        assert p.text.startswith(strip_markup(q["starts"])), (p.id, p.text[:60])
        assert p.text.endswith(strip_markup(q["ends"])), (p.id, p.text[-60:])
    fns = truth_doc["footnotes"]
    assert [f.marker for f in doc.footnotes] == [str(f["number"]) for f in fns]
    for f, q in zip(doc.footnotes, fns, strict=True):
        assert f.text.startswith(strip_markup(q["starts"]))
        assert f.text.endswith(strip_markup(q["ends"]))
    # footnote texts are separated from the body, and markers are not left in the text
    assert all("<sup>" not in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("name", FILES)
def test_markdown_structure_equals_truth(name, truth):
    doc = read_document(CORPUS / name)
    truth_doc = truth["documents"][name]
    assert doc.language.value == truth_doc["language"]
    assert_matches_truth(doc, truth_doc)
    assert doc.warnings == ()


@pytest.mark.parametrize("name", FILES)
def test_page_break_split_paragraph_is_joined(name):
    doc = read_document(CORPUS / name)
    pp5 = doc.paragraph("PP5")
    # PP5 is split by a page break and its two footnotes sit on both pages
    assert [r.marker for r in pp5.footnote_refs] == ["2", "3"]
    assert "---" not in pp5.text


def test_lead_phrases_and_markers():
    en = read_document(CORPUS / "en.md")
    ru = read_document(CORPUS / "ru.md")
    assert en.paragraph("OP5").lead.slice(en.paragraph("OP5").text) == "Requests"
    assert ru.paragraph("OP5").lead.slice(ru.paragraph("OP5").text) == "предлагает"
    assert ru.paragraph("PP10").lead.slice(ru.paragraph("PP10").text) == "выражая серьезную обеспокоенность"
    op1 = en.paragraph("OP1")
    marker = op1.footnote_refs[0]
    assert marker.marker == "5" and op1.text[marker.offset - 1] == ","  # EN: after punctuation
    ru_op1 = ru.paragraph("OP1")
    assert ru_op1.text[ru_op1.footnote_refs[0].offset] == ","  # RU: before punctuation


def test_header_block():
    en = read_document(CORPUS / "en-rev1.md")
    assert en.header_value("body") == "Economic and Social Council"
    assert en.header_value("date") == "13 April 2011"
    assert en.header_value("distribution") == "Limited"
    assert en.header_value("original") == "English and Russian"
    assert en.header_value("session") == "Twentieth session"
    assert en.header_value("agenda_item") == "Agenda item 5"
    assert en.header_value("sponsors") == "Belarus"
    assert en.header_value("revised") == "yes"
    ru = read_document(CORPUS / "ru.md")
    assert ru.header_value("session") == "Двадцатая сессия"
    assert ru.header_value("agenda_item") == "Пункт 5 повестки дня"
    assert ru.header_value("revised") == "no"


def test_wrong_language_in_slot_is_an_error():
    from alignment.errors import WrongLanguageError

    with pytest.raises(WrongLanguageError) as err:
        read_document(CORPUS / "ru.md", expected=Language.EN)
    assert "ru.md" in str(err.value) and "Russian" in str(err.value)
