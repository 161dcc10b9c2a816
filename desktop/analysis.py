"""The jobs the window runs in workers, as plain functions of ``(progress, should_cancel)`` over the engine.

They only call the engine (reading, aligning, matching revisions, checks, translation) and package what it
returns; nothing is computed here. No Qt, so they run in any thread and in tests directly.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from alignment.comparison import Comparison
from alignment.document import Language
from alignment.errors import ModelError
from alignment.findings import Finding
from alignment.jobs import Progress, ShouldCancel, check_cancel

# (ru->en translator, en->ru translator or None, translation cache or None); raises ModelError when none
TranslatorProvider = Callable[[], tuple]


@dataclass(frozen=True)
class Analysis:
    """Everything the window draws for one set of files, computed in a worker."""

    comparison: Comparison
    findings: tuple[Finding, ...]
    checks_available: bool  # False while the engine's checks are not there
    checks_run: frozenset[str]
    pin_problems: tuple = ()
    seconds: float = 0.0
    notes: tuple[str, ...] = ()
    checked: bool = False  # the checks stage has run (the first stage only aligns, so the view paints sooner)


@dataclass(frozen=True)
class TranslationResult:
    status: str  # "done" | "skipped"
    findings: tuple[Finding, ...] = ()
    back_translations: Mapping[str, str] = field(default_factory=dict)  # RU qualified id -> English
    models: tuple[str, ...] = ()
    reason: str = ""


def split_inputs(files: Mapping[str, str | Path]) -> tuple[Path | None, Path | None, list[Path], list[Path]]:
    """Document keys (en, ru, en1, ru2 ...) to the arguments of ``Comparison.from_paths``."""

    def revs(lang: str) -> list[Path]:
        keys = sorted((int(k[2:]), Path(v)) for k, v in files.items() if k.startswith(lang) and k[2:])
        return [p for _, p in keys]

    en, ru = files.get("en"), files.get("ru")
    return (Path(en) if en else None, Path(ru) if ru else None, revs("en"), revs("ru"))


def input_keys(en: str | Path | None, ru: str | Path | None, en_revs: Sequence, ru_revs: Sequence) -> dict[str, Path]:
    out: dict[str, Path] = {}
    if en:
        out["en"] = Path(en)
    if ru:
        out["ru"] = Path(ru)
    out.update({f"en{i}": Path(p) for i, p in enumerate(en_revs, 1)})
    out.update({f"ru{i}": Path(p) for i, p in enumerate(ru_revs, 1)})
    return out


def engine_findings(comparison: Comparison, progress: Progress, should_cancel: ShouldCancel
                    ) -> tuple[list[Finding], bool, set[str]]:
    """The deterministic checks' findings for every bilingual draft; (findings, available, check names)."""
    findings_of = getattr(comparison, "findings", None)
    if findings_of is None:
        return [], False, set()
    out: list[Finding] = []
    revisions = list(comparison.bilingual_revisions)
    for i, rev in enumerate(revisions):
        check_cancel(should_cancel)
        progress(60 + int(35 * i / max(len(revisions), 1)), f"Checking {'the original' if rev == 0 else f'Rev.{rev}'}")
        if "should_cancel" in inspect.signature(findings_of).parameters:
            out += findings_of(rev, should_cancel=should_cancel)
        else:
            out += findings_of(rev)
    names = {f.check for f in out}
    try:
        # the registry: every check that ran, even those that found nothing
        from alignment.checks import CHECKS

        names |= {getattr(m, "NAME", m.__name__.rsplit(".", 1)[-1]) for m in CHECKS}
    except ImportError:
        pass
    return out, True, names


def load_and_analyse(files: Mapping[str, str | Path], pins: Sequence = (),
                     progress: Progress | None = None, should_cancel: ShouldCancel | None = None,
                     checks: bool = True) -> Analysis:
    """Read the files, align every draft, match every revision step and (with ``checks``) run the checks."""
    progress = progress or (lambda _p, _m: None)
    cancel = should_cancel or (lambda: False)
    started = time.perf_counter()
    en, ru, en_revs, ru_revs = split_inputs(files)
    comparison = Comparison.from_paths(en, ru, en_revs, ru_revs,
                                       progress=lambda p, m: progress(int(p * 0.3), m), should_cancel=cancel)
    if pins:
        comparison.set_pins(pins)
    return analyse(comparison, progress, cancel, started, checks)


def analyse(comparison: Comparison, progress: Progress, should_cancel: ShouldCancel,
            started: float | None = None, checks: bool = True) -> Analysis:
    started = time.perf_counter() if started is None else started
    for rev in comparison.bilingual_revisions:
        check_cancel(should_cancel)
        progress(30 + 5 * rev, f"Aligning English and Russian ({'original' if rev == 0 else f'Rev.{rev}'})")
        comparison.alignment(rev)
    for lang in Language:
        for step in comparison.revision_steps(lang):
            check_cancel(should_cancel)
            progress(45, f"Matching {lang.value.upper()} revisions ({step - 1} → {step})")
            comparison.revision_map(lang, step)
    problems = tuple(comparison.pin_problems()) if comparison.pins else ()
    notes = tuple(n for key in comparison.document_keys() for n in comparison.document(key).notes)
    aligned = Analysis(comparison, (), False, frozenset(), problems, time.perf_counter() - started, notes)
    return run_checks(aligned, progress, should_cancel) if checks else aligned


def run_checks(analysis: Analysis, progress: Progress, should_cancel: ShouldCancel) -> Analysis:
    """The checks stage: the same Analysis with the deterministic findings."""
    started = time.perf_counter()
    findings, available, names = engine_findings(analysis.comparison, progress, should_cancel)
    progress(100, f"{len(findings)} findings")
    return replace(analysis, findings=tuple(findings), checks_available=available, checks_run=frozenset(names),
                   seconds=analysis.seconds + time.perf_counter() - started, checked=True)


def realign(comparison: Comparison, pins: Sequence, progress: Progress, should_cancel: ShouldCancel,
            checks: bool = True) -> Analysis:
    """After the user changed the pins: recompute alignments, revision maps and findings around them."""
    comparison.set_pins(pins)
    return analyse(comparison, progress, should_cancel, checks=checks)


# ----- translation ---------------------------------------------------------------------------------------------
def installed_translators() -> tuple:
    """The installed models chosen as ``parity compare --model auto`` chooses them, with the shared cache."""
    from models.analysis import select_models
    from models.cache import TranslationCache

    ru_en, en_ru = select_models("auto")
    return ru_en.translator(), (en_ru.translator() if en_ru is not None else None), TranslationCache()


def translate(comparison: Comparison, provider: TranslatorProvider, progress: Progress,
              should_cancel: ShouldCancel) -> TranslationResult:
    """Translation findings for every draft, and the back-translation of each aligned Russian paragraph."""
    try:
        ru_en, en_ru, cache = provider()
    except ModelError as exc:
        return TranslationResult("skipped", reason=str(exc))
    revisions = list(comparison.bilingual_revisions)
    if not revisions:
        return TranslationResult("skipped", reason="they need both an English and a Russian text")
    findings: list[Finding] = []
    back: dict[str, str] = {}
    steps = 2 * len(revisions)
    for i, rev in enumerate(revisions):
        def sub(pct: int, msg: str, k: int = 2 * i) -> None:
            progress(int((k * 100 + pct) / steps), msg)

        findings += comparison.translation_findings(rev, ru_en, cache, en_ru, progress=sub, should_cancel=should_cancel)
        check_cancel(should_cancel)
        ru_ids = [q for link in comparison.alignment(rev).links for q in link.right]
        texts = [comparison.paragraph(q).text for q in ru_ids]
        translator = ru_en
        if cache is not None:
            from models.cache import CachedTranslator

            translator = CachedTranslator(ru_en, cache)
        done = translator.translate_batch(texts, lambda pct, msg, k=2 * i + 1: sub(pct, msg, k), should_cancel)
        back.update(zip(ru_ids, done, strict=True))
    progress(100, f"Translation checks: {len(findings)} findings")
    models = (ru_en.model_id,) + ((en_ru.model_id,) if en_ru is not None else ())
    return TranslationResult("done", tuple(findings), back, models)
