"""Bilingual reports: the Word table and the self-contained HTML, one row per aligned pair, finding spans marked
(readable without colour), findings under their row; the CLI writes all three exports and refuses inputs."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree
from lxml import html as lxml_html

from alignment.cli import main
from alignment.comparison import Comparison
from alignment.errors import ExportError
from alignment.export.bilingual import bilingual_rows, export_bilingual
from alignment.export.html import export_html, render_html
from tests import ooxml_reader as rd
from tests.conftest import CORPUS
from tests.export_helpers import truth_findings, use_truth


@pytest.fixture(scope="module")
def truth_comparison(truth):
    return use_truth(Comparison.sample(), truth)


@pytest.mark.parametrize("revision", [0, 1])
def test_rows_follow_the_alignment_and_carry_their_findings(truth_comparison, truth, revision):
    findings = truth_findings(truth_comparison, truth)
    rows = bilingual_rows(truth_comparison, revision, findings)
    assert len(rows) == len(truth["alignment"]["original" if revision == 0 else "rev1"])
    attached = [f for r in rows for f in r.findings]
    assert sorted(f.id for f in attached) == sorted(f.id for f in findings if f.pair == ("original" if revision == 0 else "rev1"))
    for row in rows:
        for f in row.findings:  # the marked text of each finding is its span
            marked = "".join(p.text for p in row.en.paragraphs[0] if p.severity is not None)
            assert f.en_span.slice(truth_comparison.paragraph(f.en_id).text) in marked


def test_bilingual_docx_table(tmp_path, truth_comparison, truth):
    findings = truth_findings(truth_comparison, truth)
    out = export_bilingual(truth_comparison, tmp_path / "b.docx", revision=1, findings=findings)
    root = rd.document_xml(out)
    table = root.find(f".//{rd.w('tbl')}")
    rows = table.findall(rd.w("tr"))
    n_links, n_with = len(truth["alignment"]["rev1"]), len({f.en_id for f in findings if f.pair == "rev1"})
    assert len(rows) == 1 + n_links + n_with  # header, pairs, one findings row under each pair with findings
    assert rows[0].find(f".//{rd.w('tblHeader')}") is not None
    first = rows[1].findall(rd.w("tc"))
    assert len(first) == 2 and "Implementation of the United Nations" in first[0].xpath("string(.)")
    assert "Осуществление" in first[1].xpath("string(.)")
    # critical spans: double underline, bold, shading — visible in black and white
    double = ["".join(r.itertext()) for r in root.iter(rd.w("r")) if r.find(f"{rd.w('rPr')}/{rd.w('u')}") is not None
              and r.find(f"{rd.w('rPr')}/{rd.w('u')}").get(rd.w("val")) == "double"]
    assert "25 July 2008" in double and "25 июня 2008 года" in double
    assert root.find(f".//{rd.w('shd')}") is not None
    text = etree.tostring(root, encoding="unicode", method="text")
    assert "CRITICAL · date: July rendered as June" in text
    assert zipfile.is_zipfile(out)


def test_html_is_self_contained_escaped_and_labelled(tmp_path, truth_comparison, truth):
    findings = truth_findings(truth_comparison, truth)
    out = export_html(truth_comparison, tmp_path / "r.html", revision=1, findings=findings)
    page = out.read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    assert doc.get("lang") == "en"
    assert not doc.xpath("//script|//link|//img|//iframe|//*[@src]|//*[@href]")
    assert "url(" not in page and "http" not in page.split("<body>")[0]
    cells = doc.xpath("//td[@lang='ru']")
    assert len(cells) == len(truth["alignment"]["rev1"])
    assert doc.xpath("//mark[@class='critical']")
    assert "July rendered as June" in doc.xpath("string(//td[@class='findings'])") or \
        any("July rendered as June" in li.text_content() for li in doc.xpath("//li"))


def test_html_escapes_text(tmp_path):
    src = {}
    for name in ("en.md", "ru.md"):
        text = (CORPUS / name).read_text(encoding="utf-8")
        if name == "en.md":
            text = text.replace("and underlining the importance", "and <script>alert('x')</script> & underlining the importance")
        src[name] = tmp_path / name
        src[name].write_text(text, encoding="utf-8")
    c = Comparison.from_paths(src["en.md"], src["ru.md"])
    page = render_html(c, 0, findings=[])
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; underlining" in page


def test_reports_refuse_inputs_and_missing_revisions(tmp_path, sample_comparison):
    en = sample_comparison.en[0].path
    with pytest.raises(ExportError, match="input"):
        export_html(sample_comparison, en, findings=[])
    with pytest.raises(ExportError, match="input"):
        export_bilingual(sample_comparison, en, findings=[])
    with pytest.raises(ExportError, match="revision"):
        export_html(sample_comparison, tmp_path / "x.html", revision=5, findings=[])
    assert list(tmp_path.iterdir()) == []


def test_cli_export(tmp_path, capsys):
    out = tmp_path / "en.docx"
    assert main(["export", "tracked", "--sample", "--language", "en", "--step", "1", "--out", str(out),
                 "--author", "CLI Author", "--moves", "delete-insert"]) == 0
    root = rd.document_xml(out)
    assert rd.structure_problems(root) == [] and not rd.revision_counts(root)["moveTo"]
    assert {r.get(rd.w("author")) for r in root.iter(*rd.REVISIONS)} == {"CLI Author"}
    assert main(["export", "bilingual", "--sample", "--revision", "1", "--out", str(tmp_path / "b.docx")]) == 0
    assert main(["export", "html", "--sample", "--out", str(tmp_path / "r.html")]) == 0
    assert "wrote" in capsys.readouterr().out
    # over an input: a one-line error naming the file, exit 2, input untouched
    src = tmp_path / "en.md"
    src.write_bytes((CORPUS / "en.md").read_bytes())
    for name in ("ru.md", "en-rev1.md", "ru-rev1.md"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    before = src.read_bytes()
    code = main(["export", "html", str(src), str(tmp_path / "ru.md"), "--out", str(src)])
    err = capsys.readouterr().err
    assert code == 2 and "refusing to write over an input" in err and str(src) in err
    assert src.read_bytes() == before
    code = main(["export", "tracked", str(src), str(tmp_path / "ru.md"), "--step", "1", "--out", str(tmp_path / "t.docx")])
    assert code == 2 and "no revision step 1" in capsys.readouterr().err
    code = main(["export", "tracked", str(src), str(tmp_path / "ru.md"), "--en-rev", str(tmp_path / "en-rev1.md"),
                 "--ru-rev", str(tmp_path / "ru-rev1.md"), "--language", "ru", "--out", str(tmp_path / "t.docx")])
    assert code == 0 and zipfile.is_zipfile(tmp_path / "t.docx")


def test_reports_use_the_comparisons_own_findings(sample_comparison):
    rows = bilingual_rows(sample_comparison, 1)
    own = [f for f in sample_comparison.findings(1) if f.pair == "rev1"]
    attached = [f.id for r in rows for f in r.findings]
    print(f"rev1: {len(own)} findings, {len(attached)} listed under rows")
    assert own and sorted(attached) == sorted(f.id for f in own)
    page = render_html(sample_comparison, 1)
    assert all(escape_text(f.message) in page for f in own)


def escape_text(s: str) -> str:
    from html import escape

    return escape(s)
