"""Unit tests of each check on small hand-made pairs: what must fire and what must stay quiet."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alignment.checks import CHECKS, anchors, brackets, hedges, structure, terminology, verbs
from alignment.checks.base import AlignedPair, CheckContext, join_paragraphs, run_checks
from alignment.checks.brackets import bracket_changes
from alignment.checks.glossary import parse_tbx, read_glossary
from alignment.document import FootnoteRef, Paragraph, ParagraphKind
from alignment.errors import ParityError
from alignment.findings import FindingKind, Severity
from alignment.jobs import Cancelled

CTX = CheckContext()


def pair(en: str | None, ru: str | None, kind=ParagraphKind.OPERATIVE, en_kw=None, ru_kw=None) -> AlignedPair:
    en_p = Paragraph("OP1", kind, en, **(en_kw or {})) if en is not None else None
    ru_p = Paragraph("OP1", kind, ru, **(ru_kw or {})) if ru is not None else None
    return AlignedPair("original", ("en:OP1",) if en_p else (), ("ru:OP1",) if ru_p else (), en_p, ru_p)


def kinds(findings) -> list[str]:
    return [f.kind.value for f in findings]


# ----- operative and preambular phrases -------------------------------------------------------------------
@pytest.mark.parametrize("en,ru", [
    ("Requests the Secretary-General to report", "просит Генерального секретаря представить доклад"),
    ("Also requests the Secretary-General to report", "просит также Генерального секретаря представить доклад"),
    ("Urges States to act", "настоятельно призывает государства действовать"),
    ("Strongly urges States to act", "настоятельно призывает государства действовать"),
    ("Encourages States to act", "призывает государства действовать"),
    ("Encourages States to act", "рекомендует государствам действовать"),
    ("Takes note of the report and requests the Office to act", "принимает к сведению доклад и просит Управление"),
    ("Welcoming the adoption of the Plan", "приветствуя принятие Плана"),
    ("Recalling its resolution 19/4", "ссылаясь на свою резолюцию 19/4"),
    ("Notes with concern the increase", "с обеспокоенностью отмечает рост"),
])
def test_acceptable_renderings_are_quiet(en, ru):
    assert verbs.check(pair(en, ru), CTX) == []


def test_weaker_verb_says_which_side_is_stronger():
    [f] = verbs.check(pair("Requests the Office to act", "предлагает Управлению действовать"), CTX)
    assert f.severity is Severity.CRITICAL
    assert f.message == "English *Requests* (request) vs Russian *предлагает* (invitation): weaker in Russian"
    [f] = verbs.check(pair("Invites States to act", "просит государства действовать"), CTX)
    assert "stronger in Russian" in f.message


def test_one_rank_apart_is_a_warning_and_another_family_is_critical():
    [f] = verbs.check(pair("Urges States to act", "призывает государства действовать"), CTX)
    assert f.severity is Severity.WARNING and "weaker in Russian" in f.message
    [f] = verbs.check(pair("Welcomes the report", "принимает к сведению доклад"), CTX)
    assert f.severity is Severity.CRITICAL and "neutral note" in f.message


def test_every_operative_verb_of_a_paragraph_is_compared():
    en = "Takes note of the report and requests the Office to act"
    [f] = verbs.check(pair(en, "принимает к сведению доклад и предлагает Управлению действовать"), CTX)
    assert "*requests*" in f.message and "предлагает" in f.message


def test_missing_also_is_information_only():
    [f] = verbs.check(pair("Also requests the Office to act", "просит Управление действовать"), CTX)
    assert f.severity is Severity.INFO


# ----- anchors --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("en,ru", [
    ("483,918 persons", "483 918 человек"),
    ("0.75 of the total", "0,75 от общего"),
    ("22.2 per cent", "22,2 процента"),
    ("$4.8 million", "4,8 млн. долл. США"),
    ("on 20 December 2006", "20 декабря 2006 года"),
    ("at its twenty-first session", "на ее двадцать первой сессии"),
    ("at its sixty-ninth session", "на ее шестьдесят девятой сессии"),
    ("resolution 61/180", "резолюция 61/180"),
    ("document E/CN.15/2011/L.5", "документ E/CN.15/2011/L.5"),
    ("Treaty Series, vol. 2225, No. 39574", "Серия договоров, т. 2225, № 39574"),
    ("from 29 to 31 July 2014", "29 - 31 июля 2014 года"),
    ("at 3 p.m.", "в 15 ч. 00 м."),
    ("reports biennially", "доклады раз в два года"),
])
def test_equal_anchors_are_quiet(en, ru):
    assert anchors.check(pair(en, ru), CTX) == []


@pytest.mark.parametrize("en,ru,kind", [
    ("resolution 64/178", "резолюция 64/187", "number"),
    ("on 25 July 2008", "25 июня 2008 года", "date"),
    ("in 2008", "в 2009 году", "date"),
    ("at its twenty-first session", "на ее двадцать второй сессии", "number"),
    ("document A/RES/64/293", "документ A/RES/64/298", "symbol"),
    ("22.2 per cent", "22,3 процента", "number"),
    ("$4.8 million", "4,8 млрд. долл. США", "number"),
    ("483,918 persons", "483 981 человек", "number"),
])
def test_different_anchors_are_reported_with_both_spans(en, ru, kind):
    found = anchors.check(pair(en, ru), CTX)
    assert kind in kinds(found), found
    f = found[0]
    assert f.en_span is not None and f.ru_span is not None


def test_missing_number_names_the_english_side():
    [f] = anchors.check(pair("within 30 days", "в течение дней"), CTX)
    assert f.message == "Number 30 is missing in Russian" and f.ru_span is None


def test_cyrillic_lookalike_inside_a_symbol_is_normalised_and_noted():
    found = anchors.check(pair("document E/CN.15/2011/L.5", "документ Е/СN.15/2011/L.5"), CTX)  # Cyrillic Е, С
    assert [(f.kind.value, f.severity.value) for f in found] == [("symbol", "info")]


# ----- hedges ---------------------------------------------------------------------------------------------
def test_dropped_hedge_is_reported_and_shall_is_not():
    [f] = hedges.check(pair("to act, as a matter of priority, within existing resources",
                            "в рамках имеющихся ресурсов действовать"), CTX)
    assert f.kind is FindingKind.HEDGE and "as a matter of priority" in f.message
    assert hedges.check(pair("States shall submit reports", "государства представляют доклады"), CTX) == []
    assert hedges.check(pair("as appropriate", "в надлежащих случаях"), CTX) == []


def test_may_rendered_as_must_is_reported():
    [f] = hedges.check(pair("States may submit reports", "государства должны представлять доклады"), CTX)
    assert "stronger in Russian" in f.message


# ----- terminology ----------------------------------------------------------------------------------------
def test_glossary_term_missing_in_any_inflected_form():
    en = "to counter trafficking in persons, especially women and children, for the purposes"
    [f] = terminology.check(pair(en, "для противодействия торговле людьми в целях"), CTX)
    assert f.kind is FindingKind.OMISSION and "especially women and children" in f.message
    ok = "для противодействия торговле людьми, особенно женщинами и детьми, в целях"
    assert terminology.check(pair(en, ok), CTX) == []
    assert terminology.check(pair("Member States", "государствами-членами"), CTX) == []


def test_user_glossaries_tsv_csv_tbx(tmp_path):
    tsv = tmp_path / "g.tsv"
    tsv.write_text("english\trussian\nblue helmets\tголубые каски | миротворцы\n", encoding="utf-8")
    csv_ = tmp_path / "g.csv"
    csv_.write_text("English,Russian\n\"peace, security\",мир и безопасность\n", encoding="utf-8")
    tbx = tmp_path / "g.tbx"
    tbx.write_text("""<?xml version="1.0"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>road map</term></termSec></langSec>
<langSec xml:lang="ru"><termSec><term>дорожная карта</term></termSec></langSec></conceptEntry>
</body></text></tbx>""", encoding="utf-8")
    assert read_glossary(tsv)[0].russian == ("голубые каски", "миротворцы")
    assert read_glossary(csv_)[0].english == "peace, security"
    assert read_glossary(tbx)[0].russian == ("дорожная карта",)
    ctx = CheckContext(user_glossaries=(tsv, tbx))
    found = terminology.check(pair("Endorses the road map", "одобряет план"), ctx)
    assert "road map" in found[0].message
    assert terminology.check(pair("Endorses the road map", "одобряет дорожную карту"), ctx) == []


def test_tbx_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    evil = f"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>x &xxe; &b;</term></tig></langSet>
<langSet xml:lang="ru"><tig><term>икс</term></tig></langSet></termEntry></body></text></martif>"""
    terms = parse_tbx(evil.encode(), "evil.tbx")
    assert all("SECRET" not in t.english and "aaaa" not in t.english for t in terms)


def test_bad_glossary_is_a_user_error(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("nothing here\n", encoding="utf-8")
    with pytest.raises(ParityError, match="empty.tsv"):
        read_glossary(empty)
    broken = tmp_path / "broken.tbx"
    broken.write_text("<tbx><unclosed>", encoding="utf-8")
    with pytest.raises(ParityError, match="broken.tbx"):
        read_glossary(broken)
    with pytest.raises(ParityError, match="missing.tsv"):
        read_glossary(tmp_path / "missing.tsv")


# ----- brackets -------------------------------------------------------------------------------------------
def test_brackets_must_match_across_languages():
    assert brackets.check(pair("[Decides] to act", "[постановляет] действовать"), CTX) == []
    [f] = brackets.check(pair("[Decides] to act", "постановляет действовать"), CTX)
    assert f.severity is Severity.CRITICAL and f.en_span is not None


def test_bracket_changes_across_revisions():
    changes = bracket_changes("to act [within existing resources] now [soon]",
                              "to act within existing resources now [later] [and more]")
    assert [c.kind for c in changes] == ["agreed", "changed", "added"]


# ----- structure ------------------------------------------------------------------------------------------
def test_structure_findings():
    [f] = structure.check(pair("An English paragraph", None), CTX)
    assert f.kind is FindingKind.STRUCTURE and "no Russian counterpart" in f.message
    numbered = pair("text", "текст", en_kw={"number": 5}, ru_kw={"number": 6})
    assert "Operative number differs" in structure.check(numbered, CTX)[0].message
    letters = pair("text", "текст", kind=ParagraphKind.SUBPARAGRAPH, en_kw={"letter": "c"}, ru_kw={"letter": "с"})
    assert structure.check(letters, CTX) == []  # Cyrillic "с" typed for Latin "c"
    notes = pair("text", "текст", en_kw={"footnote_refs": (FootnoteRef("1", 2),)})
    assert [f.kind for f in structure.check(notes, CTX)] == [FindingKind.FOOTNOTE]
    long_en = "word " * 60
    [f] = structure.check(pair(long_en, "слово " * 10), CTX)
    assert f.kind is FindingKind.LENGTH and f.severity is Severity.INFO


def test_joined_paragraphs_keep_footnote_offsets():
    a = Paragraph("OP1", ParagraphKind.OPERATIVE, "first", footnote_refs=(FootnoteRef("1", 5),))
    b = Paragraph("OP2", ParagraphKind.OPERATIVE, "second", footnote_refs=(FootnoteRef("2", 6),))
    joined = join_paragraphs([a, b])
    assert joined.text == "first second" and [r.offset for r in joined.footnote_refs] == [5, 12]


# ----- pipeline -------------------------------------------------------------------------------------------
def test_run_checks_reports_progress_and_can_be_cancelled():
    pairs = [pair("Requests the Office", "предлагает Управлению")] * 30
    seen = []
    found = run_checks(pairs, CTX, progress=lambda p, m: seen.append(p))
    assert seen[-1] == 100 and len(found) == 1  # the same finding on the same texts is reported once
    with pytest.raises(Cancelled):
        run_checks(pairs, CTX, should_cancel=lambda: True)
    assert {m.NAME for m in CHECKS} == {"structure", "verbs", "anchors", "hedges", "terminology", "brackets"}


def test_cli_prints_findings_writes_json_and_exits_1_on_critical(tmp_path):
    out = tmp_path / "out.json"
    glossary = tmp_path / "g.tsv"
    glossary.write_text("Global Plan of Action\tГлобальный план действий\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "alignment.cli", "compare", "--sample", "--model", "none",
                           "--glossary", str(glossary), "--json", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    text = proc.stdout
    assert "Findings (original): 2 critical" in text
    assert text.index("[critical]", text.index("Findings (original)")) < text.index("[warning]",
                                                                                    text.index("Findings (original)"))
    data = json.loads(out.read_text(encoding="utf-8"))
    from alignment import serialize

    serialize.validate(data)
    assert {f["kind"] for f in data["findings"]} >= {"verb_strength", "number", "date", "hedge", "omission",
                                                    "unpropagated_amendment"}
    bad = subprocess.run([sys.executable, "-m", "alignment.cli", "compare", "--sample", "--model", "none",
                          "--glossary", str(tmp_path / "nope.tsv")], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "nope.tsv" in bad.stderr


def test_findings_on_a_split_link_name_the_paragraph_they_fall_in():
    from alignment.checks.base import pairs_from_alignment
    from alignment.links import Alignment, Link

    paras = {
        "en:OP5": Paragraph("OP5", ParagraphKind.OPERATIVE, "Requests the Office to report on resolution 61/180"),
        "ru:OP5": Paragraph("OP5", ParagraphKind.OPERATIVE, "просит Управление представить доклад"),
        "ru:OP6": Paragraph("OP6", ParagraphKind.OPERATIVE, "о резолюции 61/181"),
    }
    alignment = Alignment("en", "ru", (Link(("en:OP5",), ("ru:OP5", "ru:OP6"), 0.9),))
    [p] = pairs_from_alignment(alignment, paras.__getitem__, "original")
    assert p.ru.text == "просит Управление представить доклад о резолюции 61/181"
    [f] = run_checks([p], CTX, checks=[anchors])
    assert (f.en_id, f.ru_id) == ("en:OP5", "ru:OP6")
    assert paras["ru:OP6"].text[f.ru_span.start : f.ru_span.end] == "61/181"
