"""Translation-based findings: where a model says the English and the Russian of a paragraph pair differ.

Two signals from the same model, combined:

1. *Forced scoring* — ``score_batch`` gives log P(each token of the English original | the Russian) (and, with
   an en-ru model, the reverse). A run of improbable words is a place the Russian does not predict: a
   suspect span, explainable and without decoding.
2. *Back-translation* — the Russian translated into English, compared with the English original: chrF
   (sacrebleu) for the pair, and which English content words the translation does not cover (and which of
   its words the English does not have).

Round-trip chrF alone is a weak signal, so a span is reported as a warning only when both signals point at
it; one signal alone gives an informational finding only when it is strong. Thresholds are calibrated on
faithful pairs (``calibrate``); the defaults suit OPUS-MT class models.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from alignment.document import Language, Span
from alignment.findings import Finding, FindingKind, Severity, finding_id
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from alignment.textnorm import fold
from models.translator import ScoredText, Translator

CHECK = "translation"
_WORD = re.compile(r"\w+(?:[-/.']\w+)*")


@dataclass(frozen=True)
class PairText:
    """One aligned 1-1 paragraph pair (qualified ids) with its texts."""

    pair: str  # "original", "rev1", ...
    en_id: str
    ru_id: str
    en_text: str
    ru_text: str


@dataclass(frozen=True)
class Thresholds:
    """When a word, a run of words or a pair counts as divergent."""

    word_log_prob: float = -7.0  # a word whose least probable token is below this is improbable
    strong_word_log_prob: float = -11.0  # ... and below this it is reported even without back-translation support
    chrf_floor: float = 40.0  # a pair whose back-translation chrF is below this is suspect as a whole
    min_uncovered_run: int = 3  # uncovered content words in a run reported on back-translation alone


DEFAULT_THRESHOLDS = Thresholds()


@functools.cache
def stopwords(language: Language) -> frozenset[str]:
    text = resources.files("models").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    words: dict[str, set[str]] = {"en": set(), "ru": set()}
    current = None
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.strip() in ("en:", "ru:"):
            current = line.strip()[:2]
            continue
        if current:
            words[current].update(fold(w) for w in line.split())
    return frozenset(words[language.value])


def stem(word: str) -> str:
    """A crude language-independent stem: folded, first five letters; numbers, symbols ("64/178") and
    compounds ("twenty-first") are kept whole, since their ends carry the meaning."""
    w = fold(word)
    return w if any(c.isdigit() or c in "-/" for c in w) else w[:5]


@dataclass(frozen=True)
class Word:
    span: Span
    text: str
    content: bool  # not a function word


def words(text: str, language: Language) -> list[Word]:
    stop = stopwords(language)
    return [Word(Span(m.start(), m.end()), m.group(0), fold(m.group(0)) not in stop) for m in _WORD.finditer(text)]


def chrf(hypothesis: str, reference: str) -> float:
    """sacrebleu's sentence chrF (0..100)."""
    from sacrebleu.metrics import CHRF

    return _chrf_metric(CHRF).sentence_score(hypothesis, [reference]).score


@functools.cache
def _chrf_metric(cls):
    return cls()


def word_log_probs(text_words: Sequence[Word], scored: ScoredText) -> list[float | None]:
    """For each word, the lowest log-probability among the tokens that overlap it (None: no token)."""
    out: list[float | None] = []
    tokens = [t for t in scored.tokens if t.span.end > t.span.start]
    j = 0
    for w in text_words:
        while j < len(tokens) and tokens[j].span.end <= w.span.start:
            j += 1
        k = j
        lps = []
        while k < len(tokens) and tokens[k].span.start < w.span.end:
            lps.append(tokens[k].log_prob)
            k += 1
        out.append(min(lps) if lps else None)
    return out


@dataclass(frozen=True)
class SideAnalysis:
    """Evidence on one side (the text being checked) of a pair."""

    words: tuple[Word, ...]
    log_probs: tuple[float | None, ...]  # per word; None when not scored
    covered: tuple[bool, ...]  # per word: the back-translation has it
    chrf: float
    extra: tuple[str, ...]  # the longest run of back-translation content words the text does not have


def matched_words(a: Sequence[Word], b: Sequence[Word]) -> tuple[set[int], set[int]]:
    """Indexes of the content words of ``a`` and ``b`` that an in-order alignment of their stems pairs up
    (a word repeated elsewhere in the text does not cover a missing occurrence), plus any word whose stem
    occurs on the other side as often (reordered translations)."""
    ia = [i for i, w in enumerate(a) if w.content]
    ib = [i for i, w in enumerate(b) if w.content]
    sa, sb = [stem(a[i].text) for i in ia], [stem(b[i].text) for i in ib]
    ma: set[int] = set()
    mb: set[int] = set()
    for block in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_matching_blocks():
        ma.update(ia[block.a + k] for k in range(block.size))
        mb.update(ib[block.b + k] for k in range(block.size))
    ca, cb = Counter(sa), Counter(sb)
    ma.update(i for i, s in zip(ia, sa, strict=True) if ca[s] <= cb[s])
    mb.update(i for i, s in zip(ib, sb, strict=True) if cb[s] <= ca[s])
    return ma, mb


def analyse_side(text: str, language: Language, back_translation: str, scored: ScoredText | None) -> SideAnalysis:
    ws = words(text, language)
    bt = words(back_translation, language)
    in_text, in_bt = matched_words(ws, bt)
    covered = tuple((not w.content) or i in in_text for i, w in enumerate(ws))
    lps = tuple(word_log_probs(ws, scored)) if scored is not None else tuple(None for _ in ws)
    return SideAnalysis(tuple(ws), lps, covered, chrf(back_translation, text), _longest_extra_run(bt, in_bt))


def _longest_extra_run(bt: Sequence[Word], matched: set[int]) -> tuple[str, ...]:
    """The longest run of back-translation content words the text does not have (function words may sit
    inside): a block of added content, unlike the scattered single words of a paraphrase."""
    best: list[Word] = []
    run: list[Word] = []
    for i, w in enumerate(bt):
        if w.content and i not in matched:
            run.append(w)
        elif w.content:
            run = []
        if sum(1 for x in run if x.content) > sum(1 for x in best if x.content):
            best = list(run)
    return tuple(w.text for w in best)


@dataclass(frozen=True)
class SuspectSpan:
    span: Span
    both: bool  # both signals agree on at least one word
    improbable: int  # words below the word threshold
    uncovered: int  # content words not in the back-translation
    min_log_prob: float | None


def suspect_spans(side: SideAnalysis, t: Thresholds) -> list[SuspectSpan]:
    """Runs of flagged content words (function words may sit inside a run), kept when the evidence is enough."""
    flags = []
    for w, lp, cov in zip(side.words, side.log_probs, side.covered, strict=True):
        improbable = lp is not None and lp < t.word_log_prob and w.content
        flags.append((improbable, w.content and not cov))
    runs: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for i, (imp, unc) in enumerate(flags):
        if imp or unc:
            current.append(i)
            gap = 0
        elif current and not side.words[i].content and gap < 2:
            gap += 1
        else:
            if current:
                runs.append(current)
            current, gap = [], 0
    if current:
        runs.append(current)
    out = []
    for run in runs:
        imp = [i for i in run if flags[i][0]]
        unc = [i for i in run if flags[i][1]]
        both = any(flags[i][0] and flags[i][1] for i in run)
        lps = [side.log_probs[i] for i in run if side.log_probs[i] is not None]
        min_lp = min(lps) if lps else None
        strong_alone = min_lp is not None and min_lp < t.strong_word_log_prob
        unscored = all(side.log_probs[i] is None for i in run)
        long_uncovered = len(unc) >= t.min_uncovered_run and (unscored or side.chrf < t.chrf_floor + 20)
        if both or strong_alone or long_uncovered:
            span = Span(side.words[run[0]].span.start, side.words[run[-1]].span.end)
            out.append(SuspectSpan(span, both, len(imp), len(unc), min_lp))
    return out


def _quote(text: str, span: Span, limit: int = 60) -> str:
    s = span.slice(text)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def side_findings(p: PairText, side: SideAnalysis, language: Language, model_id: str, t: Thresholds,
                  reverse_extra: bool) -> list[Finding]:
    """Findings on the ``language`` side of a pair (spans into that side's text)."""
    text = p.en_text if language is Language.EN else p.ru_text
    other = "Russian" if language is Language.EN else "English"
    out: list[Finding] = []
    for s in suspect_spans(side, t):
        reasons = []
        if s.uncovered:
            reasons.append(f"absent from the back-translation of the {other}")
        if s.min_log_prob is not None and s.improbable:
            reasons.append(f"improbable given the {other} (log-prob {s.min_log_prob:.1f})")
        severity = Severity.WARNING if s.both else Severity.INFO
        quote = _quote(text, s.span)
        message = f'"{quote}" may have no counterpart in the {other}: {"; ".join(reasons)}; chrF {side.chrf:.0f} [{model_id}]'
        en_span = s.span if language is Language.EN else None
        ru_span = s.span if language is Language.RU else None
        fid = finding_id(CHECK, FindingKind.TRANSLATION.value, p.en_text, p.ru_text,
                         f"{language.value}:{s.span.start}-{s.span.end}")
        out.append(Finding(fid, FindingKind.TRANSLATION, severity, CHECK, p.pair, p.en_id, p.ru_id, en_span, ru_span,
                           message))
    if reverse_extra and len(side.extra) >= t.min_uncovered_run:
        said = " ".join(side.extra[:8])
        fid = finding_id(CHECK, FindingKind.TRANSLATION.value, p.en_text, p.ru_text, f"extra:{language.value}")
        out.append(Finding(fid, FindingKind.TRANSLATION, Severity.INFO, CHECK, p.pair, p.en_id, p.ru_id, None, None,
                           f"the {other} may say more than the {language_name(language)}: its back-translation has "
                           f'"{said}" [{model_id}]'))
    if not out and side.chrf < t.chrf_floor:
        fid = finding_id(CHECK, FindingKind.TRANSLATION.value, p.en_text, p.ru_text, f"pair:{language.value}")
        out.append(Finding(fid, FindingKind.TRANSLATION, Severity.INFO, CHECK, p.pair, p.en_id, p.ru_id, None, None,
                           f"the back-translation of the {other} differs throughout (chrF {side.chrf:.0f} < "
                           f"{t.chrf_floor:.0f}); check this pair is aligned and translated [{model_id}]"))
    return out


def language_name(language: Language) -> str:
    return "English" if language is Language.EN else "Russian"


def translation_findings(
    pairs: Sequence[PairText],
    ru_en: Translator,
    en_ru: Translator | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> list[Finding]:
    """Findings for aligned pairs; with ``en_ru`` too, spans are found on the Russian side as well."""
    progress = progress or no_progress
    pairs = [p for p in pairs if p.en_text.strip() and p.ru_text.strip()]
    if not pairs:
        return []
    steps = 2 if en_ru is None else 4

    def sub(i: int) -> Progress:
        return lambda pct, msg: progress(int((i * 100 + pct) / steps), msg)

    ru_texts = [p.ru_text for p in pairs]
    en_texts = [p.en_text for p in pairs]
    back_en = ru_en.translate_batch(ru_texts, sub(0), should_cancel)
    check_cancel(should_cancel)
    scores_en = ru_en.score_batch(ru_texts, en_texts, sub(1), should_cancel)
    back_ru: list[str] | None = None
    scores_ru: list[ScoredText] | None = None
    if en_ru is not None:
        back_ru = en_ru.translate_batch(en_texts, sub(2), should_cancel)
        scores_ru = en_ru.score_batch(en_texts, ru_texts, sub(3), should_cancel)
    findings: list[Finding] = []
    for i, p in enumerate(pairs):
        check_cancel(should_cancel)
        en_side = analyse_side(p.en_text, Language.EN, back_en[i], scores_en[i])
        findings += side_findings(p, en_side, Language.EN, ru_en.model_id, thresholds, reverse_extra=en_ru is None)
        if en_ru is not None and back_ru is not None and scores_ru is not None:
            ru_side = analyse_side(p.ru_text, Language.RU, back_ru[i], scores_ru[i])
            findings += side_findings(p, ru_side, Language.RU, en_ru.model_id, thresholds, reverse_extra=False)
    progress(100, f"Translation checks: {len(findings)} findings")
    return findings


# ----- calibration --------------------------------------------------------------------------------------------
def _quantile(values: Sequence[float], q: float) -> float:
    xs = sorted(values)
    if not xs:
        return math.nan
    pos = q * (len(xs) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def calibrate(
    faithful: Sequence[PairText], ru_en: Translator, base: Thresholds = DEFAULT_THRESHOLDS, quantile: float = 0.005
) -> Thresholds:
    """Thresholds under which (almost) nothing in known-faithful pairs would be flagged: the word threshold sits
    below the ``quantile`` of faithful content-word log-probs, the chrF floor below the faithful pairs' 2nd
    percentile. Never looser than needed, never stricter than ``base``."""
    ru = [p.ru_text for p in faithful]
    en = [p.en_text for p in faithful]
    back = ru_en.translate_batch(ru)
    scores = ru_en.score_batch(ru, en)
    lps: list[float] = []
    chrfs: list[float] = []
    for p, bt, sc in zip(faithful, back, scores, strict=True):
        side = analyse_side(p.en_text, Language.EN, bt, sc)
        lps += [lp for w, lp in zip(side.words, side.log_probs, strict=True) if w.content and lp is not None]
        chrfs.append(side.chrf)
    word = min(base.word_log_prob, _quantile(lps, quantile) - 0.5) if lps else base.word_log_prob
    strong = min(base.strong_word_log_prob, word - 3.0)
    floor = min(base.chrf_floor, _quantile(chrfs, 0.02) - 5.0) if chrfs else base.chrf_floor
    return Thresholds(word_log_prob=word, strong_word_log_prob=strong, chrf_floor=max(floor, 5.0),
                      min_uncovered_run=base.min_uncovered_run)


# ----- a signal for the paragraph aligner ----------------------------------------------------------------------
def translation_similarity(back_translation: str, en_text: str) -> float:
    """Similarity in [-1, 1] of an English text and a back-translation of a Russian one: chrF rescaled so that
    unrelated UN paragraphs (chrF ~20) score below 0 and faithful ones (chrF >= 45) near +1."""
    return max(-1.0, min(1.0, (chrf(back_translation, en_text) - 32.0) / 15.0))
