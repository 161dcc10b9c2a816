"""Ground truth for the export tests: revision maps, alignments and findings built from the sample's truth.json,
so the exports are tested on known inputs independent of the engine's matchers and checks."""

from __future__ import annotations

from alignment.comparison import Comparison, pair_name
from alignment.document import Language, Span
from alignment.findings import Finding, FindingKind, Severity, finding_id
from alignment.links import Alignment, Change, ChangeType, Link, RevisionMap
from tests.conftest import strip_markup

SEVERITY = {"number": Severity.CRITICAL, "date": Severity.CRITICAL, "verb_strength": Severity.CRITICAL,
            "unpropagated_amendment": Severity.CRITICAL, "omission": Severity.WARNING, "hedge": Severity.WARNING}


def truth_revision_map(truth: dict, language: Language) -> RevisionMap:
    lang = language.value
    changes = tuple(Change(c["from"], c["to"], tuple(ChangeType(t) for t in c["change"]))
                    for c in truth["revisions"][lang])
    return RevisionMap(old=lang, new=f"{lang}1", changes=changes)


def truth_alignment(truth: dict, revision: int) -> Alignment:
    pairs = truth["alignment"][pair_name(revision)]
    key = "" if revision == 0 else str(revision)
    return Alignment(f"en{key}", f"ru{key}", tuple(Link((a,), (b,), 1.0) for a, b in pairs))


def use_truth(comparison: Comparison, truth: dict) -> Comparison:
    """Pre-fill the comparison's cache with the ground truth's revision maps and alignments."""
    for lang in Language:
        comparison._cache[("revisions", lang.value, 1)] = truth_revision_map(truth, lang)
    for rev in (0, 1):
        comparison._cache[("alignment", rev)] = truth_alignment(truth, rev)
    return comparison


def _span(comparison: Comparison, qid: str, quoted: str) -> Span:
    p = comparison.paragraph(qid)
    text = strip_markup(quoted)
    if p.label and text.startswith(p.label):
        text = text[len(p.label):].lstrip()
    start = p.text.find(text)
    assert start >= 0, f"{text!r} not in {qid}"
    return Span(start, start + len(text))


def truth_findings(comparison: Comparison, truth: dict) -> list[Finding]:
    """The sample's deliberate divergences as Findings with spans on both sides."""
    out = []
    for d in truth["divergences"]:
        en_span, ru_span = _span(comparison, d["en"], d["en_span"]), _span(comparison, d["ru"], d["ru_span"])
        fid = finding_id("truth", d["kind"], comparison.paragraph(d["en"]).text, comparison.paragraph(d["ru"]).text,
                         d["description"])
        out.append(Finding(fid, FindingKind(d["kind"]), SEVERITY[d["kind"]], "truth", d["pair"], d["en"], d["ru"],
                           en_span, ru_span, d["description"]))
    return out
