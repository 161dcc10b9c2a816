"""Tracked-changes export: accepting everything gives draft N+1, rejecting everything gives draft N (read back on
the XML), the revision markup is well formed and valid against the Open XML schema, and files are written
safely."""

from __future__ import annotations

import getpass
import os
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from alignment.comparison import Comparison
from alignment.document import Document, Language
from alignment.errors import Cancelled, ExportError
from alignment.export import layout
from alignment.export.tracked import export_tracked
from tests import ooxml_reader as rd
from tests.conftest import CORPUS
from tests.export_helpers import truth_findings, use_truth


@pytest.fixture(scope="module")
def truth_comparison(truth):
    return use_truth(Comparison.sample(), truth)


def expected_texts(doc: Document, key: str, header: bool = True) -> list[str]:
    lines = [b.display for b in layout.header_blocks(doc, key)] if header else []
    # in the clean layout numbers are text; a .docx base keeps automatic numbering (not text)
    lines += [f"{p.label} {p.text}" if p.label and header else p.text for p in doc.paragraphs]
    return [rd.normalise(t) for t in lines]


def round_trip(path: Path, comparison: Comparison, language: Language, step: int, header: bool = True) -> None:
    root = rd.document_xml(path)
    docs = comparison.documents(language)
    for mode, doc, key in (("accept", docs[step], f"{language.value}{step}"),
                           ("reject", docs[step - 1], f"{language.value}{step - 1 or ''}")):
        want = expected_texts(doc, key, header)
        got = [rd.normalise(t) for t in rd.paragraph_texts(root, mode)]
        if not header:  # the .docx base keeps its own header lines, untracked: compare the body
            got = got[len(got) - len(want):]
        assert got == want, f"{mode}: {path.name}"


def schema_errors(path: Path) -> list[str]:
    """Errors of the Open XML SDK's schema and semantic rules (openxml-audit, pure Python)."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=200).validate(str(path))
    return [str(e) for e in result.errors]


@pytest.mark.parametrize("moves", ["native", "delete-insert"])
@pytest.mark.parametrize("maps", ["engine", "truth"])
@pytest.mark.parametrize("language", list(Language))
def test_accept_gives_new_draft_reject_gives_old(tmp_path, sample_comparison, truth_comparison, language, maps, moves):
    comparison = sample_comparison if maps == "engine" else truth_comparison
    for step in comparison.revision_steps(language):
        out = export_tracked(comparison, language, step, tmp_path / f"{language}-{step}.docx", moves=moves)
        round_trip(out, comparison, language, step)
        root = rd.document_xml(out)
        assert rd.structure_problems(root) == []
        counts = rd.revision_counts(root)
        print(language.value, maps, moves, dict(counts))
        assert counts["ins"] and counts["del"] and counts["ins-mark"] and counts["del-mark"]
        if moves == "native":
            assert counts["moveFrom"] and counts["moveTo"] and counts["moveFrom-mark"] == counts["moveTo-mark"] == 1
        else:
            assert not counts["moveFrom"] and not counts["moveTo"]
        assert schema_errors(out) == []


@pytest.mark.parametrize("seed", range(4))
def test_round_trip_on_generated_long_revisions(tmp_path, seed):
    """Moves, insertions, deletions and rewordings about once per 10 paragraphs of a generated long draft."""
    from tests.variants import scaled_revision, scaled_variant

    variant = scaled_variant(150, seed)
    rev = scaled_revision(variant.en, seed)
    c = Comparison(en=[variant.en, rev.new], ru=[])
    for moves in ("native", "delete-insert"):
        out = export_tracked(c, Language.EN, 1, tmp_path / f"long-{moves}.docx", moves=moves)
        round_trip(out, c, Language.EN, 1)
        root = rd.document_xml(out)
        assert rd.structure_problems(root) == []
        print(seed, moves, dict(rd.revision_counts(root)))
    assert rd.revision_counts(root)["del-mark"] and rd.revision_counts(root)["ins-mark"]


def test_revisions_carry_author_and_date(tmp_path, sample_comparison):
    when = datetime(2011, 4, 13, 9, 30, 15, 123456, tzinfo=UTC)
    out = export_tracked(sample_comparison, "ru", 1, tmp_path / "a.docx", author="Tatiana Ivanova", date=when)
    root = rd.document_xml(out)
    revs = list(root.iter(*rd.REVISIONS))
    assert revs
    assert {r.get(rd.w("author")) for r in revs} == {"Tatiana Ivanova"}
    assert {r.get(rd.w("date")) for r in revs} == {"2011-04-13T09:30:15Z"}
    out = export_tracked(sample_comparison, "en", 1, tmp_path / "b.docx")
    revs = list(rd.document_xml(out).iter(*rd.REVISIONS))
    assert {r.get(rd.w("author")) for r in revs} == {getpass.getuser() or "Parity"}
    stamp = datetime.strptime(revs[0].get(rd.w("date")), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 120


def test_word_level_changes_and_moves_are_where_the_drafts_differ(tmp_path, sample_comparison):
    out = export_tracked(sample_comparison, "en", 1, tmp_path / "en.docx")
    root = rd.document_xml(out)

    def texts(tag: str) -> list[str]:
        return ["".join(t.text or "" for t in el.iter(rd.w("t"), rd.w("delText"))) for el in root.iter(rd.w(tag))
                if el.getparent().tag != rd.w("rPr")]

    assert "Calls on" in " ".join(texts("del")) and "Urges" in texts("ins")  # OP1: the amendment, word level
    assert "Requests" in texts("del") and "Invites" in texts("ins")  # old OP5 -> new OP7
    moved = " ".join(texts("moveTo"))
    assert moved == " ".join(texts("moveFrom")) and moved  # the moved paragraph carries the same text
    # the number of the moved paragraph is revised as text next to the move: "7." -> "6."
    starts = root.findall(f".//{rd.w('moveToRangeStart')}")
    assert len(starts) == 1
    assert starts[0].get(rd.w("name")) == root.find(f".//{rd.w('moveFromRangeStart')}").get(rd.w("name"))
    # spaces at run edges are preserved
    edge = [t for t in root.iter(rd.w("t"), rd.w("delText")) if t.text and t.text != t.text.strip()]
    assert edge and all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in edge)


def test_clean_layout_from_markdown(tmp_path, sample_comparison):
    out = export_tracked(sample_comparison, "en", 1, tmp_path / "en.docx")
    root = rd.document_xml(out)
    ps = rd.body_paragraphs(root)
    title = next(p for p in ps if "Implementation of the United Nations Global Plan" in rd._text(p, set())
                 and p.find(f".//{rd.w('b')}") is not None)
    assert title is not None
    italic = ["".join(t.text for t in r.iter(rd.w("t"))) for r in root.iter(rd.w("r")) if r.find(f"{rd.w('rPr')}/{rd.w('i')}") is not None]
    assert "Welcoming" in italic and "Recalling also" in italic  # leads from Paragraph.emphasis
    assert any(rd.normalise(rd.paragraph_texts(root, "accept")[k]).startswith("9. Requests") for k in range(len(ps)))
    styles = zipfile.ZipFile(out).read("word/styles.xml").decode()
    assert "Times New Roman" in styles


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> dict[str, Path]:
    from tests.docx_sample_builder import build_docx

    out = tmp_path_factory.mktemp("docx")
    return {n: build_docx(CORPUS / n, out / n.replace(".md", ".docx")) for n in ("en.md", "en-rev1.md", "ru.md", "ru-rev1.md")}


@pytest.mark.parametrize("language", list(Language))
def test_docx_draft_keeps_its_styles_numbering_and_footnotes(tmp_path, sample_docx, language):
    lang = language.value
    c = Comparison.from_paths(sample_docx["en.md"], sample_docx["ru.md"], [sample_docx["en-rev1.md"]], [sample_docx["ru-rev1.md"]])
    out = export_tracked(c, language, 1, tmp_path / "t.docx")
    round_trip(out, c, language, 1, header=False)
    root = rd.document_xml(out)
    assert rd.structure_problems(root) == []
    new_doc = c.documents(language)[1]
    # numbering stays automatic (numbering.xml), so renumbering needs no revision of the numbers
    numbered = [p for p in rd.body_paragraphs(root) if p.find(f"{rd.w('pPr')}/{rd.w('numPr')}") is not None]
    assert len(numbered) >= sum(1 for p in new_doc.paragraphs if p.kind.value == "operative")
    refs = len(list(root.iter(rd.w("footnoteReference"))))
    assert refs == sum(len(p.footnote_refs) for p in new_doc.paragraphs)
    assert rd.revision_counts(root)["moveTo"]
    # no schema error that the delegation's own file did not already have
    def kinds(errors):
        return {re.sub(r"\[\d+\]", "", e) for e in errors}
    assert kinds(schema_errors(out)) <= kinds(schema_errors(sample_docx[f"{lang}-rev1.md"]))


@pytest.mark.parametrize("language", list(Language))
def test_findings_become_comments_on_their_spans(tmp_path, sample_comparison, truth, language):
    findings = truth_findings(sample_comparison, truth)
    out = export_tracked(sample_comparison, language, 1, tmp_path / "c.docx", comments=True, findings=findings)
    root = rd.document_xml(out)
    assert rd.structure_problems(root) == []
    comments = rd.part_xml(out, "word/comments.xml")
    mine = [f for f in findings if f.pair == "rev1"]
    assert comments is not None and len(comments.findall(rd.w("comment"))) == len(mine) == 4
    # the text between each comment's range markers, accepted, is the finding's span in this language
    anchored = {}
    for p in rd.body_paragraphs(root):
        open_ids: dict[str, list[str]] = {}
        for el in p.iter(rd.w("commentRangeStart"), rd.w("commentRangeEnd"), rd.w("t")):
            if el.tag == rd.w("commentRangeStart"):
                open_ids[el.get(rd.w("id"))] = []
            elif el.tag == rd.w("commentRangeEnd"):
                anchored[el.get(rd.w("id"))] = "".join(open_ids.pop(el.get(rd.w("id"))))
            elif not any(a.tag in rd.DROP["accept"] for a in el.iterancestors()):
                for parts in open_ids.values():
                    parts.append(el.text or "")
    spans = sorted((f.en_span if language is Language.EN else f.ru_span).slice(
        sample_comparison.paragraph(f.en_id if language is Language.EN else f.ru_id).text) for f in mine)
    print(language.value, sorted(anchored.values()))
    assert sorted(anchored.values()) == spans
    texts = [c.xpath("string(.)") for c in comments.findall(rd.w("comment"))]
    assert any("July rendered as June" in t for t in texts)
    assert schema_errors(out) == []


@pytest.mark.parametrize("language", list(Language))
def test_comments_from_the_comparisons_own_findings(tmp_path, sample_comparison, language):
    findings = [f for f in sample_comparison.findings(1)
                if ((f.en_id if language is Language.EN else f.ru_id) or "").startswith(f"{language.value}1:")]
    out = export_tracked(sample_comparison, language, 1, tmp_path / "own.docx", comments=True)
    comments = rd.part_xml(out, "word/comments.xml")
    texts = [c.xpath("string(.)") for c in comments.findall(rd.w("comment"))]
    print(language.value, f"{len(texts)} comments for {len(findings)} findings")
    assert findings and len(texts) == len(findings)
    assert all(any(f.message in t for t in texts) for f in findings)
    root = rd.document_xml(out)
    assert rd.structure_problems(root) == []
    assert len(list(root.iter(rd.w("commentRangeStart")))) == len(list(root.iter(rd.w("commentReference")))) == len(findings)


# ----- bad paths ------------------------------------------------------------------------------------------------
def test_refuses_to_write_over_an_input(tmp_path):
    src = {n: tmp_path / n for n in ("en.md", "en-rev1.md", "ru.md", "ru-rev1.md")}
    for n, p in src.items():
        p.write_bytes((CORPUS / n).read_bytes())
    c = Comparison.from_paths(src["en.md"], src["ru.md"], [src["en-rev1.md"]], [src["ru-rev1.md"]])
    before = src["en-rev1.md"].read_bytes()
    with pytest.raises(ExportError, match="input"):
        export_tracked(c, "en", 1, src["en-rev1.md"])
    os.link(src["ru.md"], tmp_path / "hardlink.docx")
    with pytest.raises(ExportError, match="input"):
        export_tracked(c, "ru", 1, tmp_path / "hardlink.docx")
    assert src["en-rev1.md"].read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*src, "hardlink.docx"])


def test_existing_output_is_replaced_atomically(tmp_path, sample_comparison):
    out = tmp_path / "tracked.docx"
    out.write_text("an older export")
    inode = out.stat().st_ino
    export_tracked(sample_comparison, "en", 1, out)
    assert zipfile.is_zipfile(out) and out.stat().st_ino != inode  # a new file renamed over the old one
    assert [p.name for p in tmp_path.iterdir()] == ["tracked.docx"]


def test_a_failure_mid_write_leaves_no_partial_file(tmp_path, sample_comparison, monkeypatch):
    import docx.document

    def broken_save(self, path):
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    out = tmp_path / "new.docx"
    with pytest.raises(RuntimeError):
        export_tracked(sample_comparison, "en", 1, out)
    assert list(tmp_path.iterdir()) == []
    keep = tmp_path / "old.docx"
    keep.write_text("previous export")
    with pytest.raises(RuntimeError):
        export_tracked(sample_comparison, "en", 1, keep)
    assert keep.read_text() == "previous export" and [p.name for p in tmp_path.iterdir()] == ["old.docx"]


def test_cancel_and_bad_arguments(tmp_path, sample_comparison):
    with pytest.raises(Cancelled):
        export_tracked(sample_comparison, "en", 1, tmp_path / "c.docx", should_cancel=lambda: True)
    with pytest.raises(ExportError, match="step"):
        export_tracked(sample_comparison, "en", 2, tmp_path / "c.docx")
    with pytest.raises(ExportError, match="moves"):
        export_tracked(sample_comparison, "en", 1, tmp_path / "c.docx", moves="sideways")
    with pytest.raises(ExportError, match="folder"):
        export_tracked(sample_comparison, "en", 1, tmp_path / "missing" / "c.docx")
    assert list(tmp_path.iterdir()) == []


def test_saved_files_get_ordinary_permissions(tmp_path):
    """Atomic saves go through a private temporary file, but the result is readable like any saved file."""
    import os
    import stat

    from alignment.safety import atomic_write_text

    out = tmp_path / "new.json"
    atomic_write_text(out, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    atomic_write_text(out, "[]")  # replacing keeps the file's mode
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
