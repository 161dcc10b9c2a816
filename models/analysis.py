"""Run the translation-based checks for a Comparison, or explain plainly why they were skipped.

Nothing here raises for a model problem: a missing, damaged or mislabelled model turns into a skipped outcome
with a message, and the deterministic checks go on without it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from alignment.document import Language
from alignment.errors import ModelError
from alignment.findings import Finding
from alignment.jobs import Progress, ShouldCancel, no_progress

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "to install one, download the OPUS-MT ru-en release zip (and en-ru for spans on the Russian side) on a machine "
    "with internet, then run `parity models import opus-2020-02-26.zip` (see README, 'Translation models')"
)


@dataclass(frozen=True)
class TranslationOutcome:
    """What the translation checks did: ``status`` is "done", "skipped" or "canceled"."""

    status: str
    findings: tuple[Finding, ...] = ()
    models: tuple[str, ...] = ()  # model ids used (ru-en first)
    reason: str = ""  # why the checks were skipped
    notes: tuple[str, ...] = ()  # e.g. the cache was damaged and rebuilt
    warning: str = ""  # the findings were withheld because the model's output looks unusable
    translated: int = 0  # paragraphs the model had to translate (cache misses)
    cache_hits: int = 0
    seconds: float = 0.0

    @property
    def hit_rate(self) -> float:
        total = self.translated + self.cache_hits
        return self.cache_hits / total if total else 1.0

    def summary_lines(self) -> list[str]:
        if self.status == "skipped":
            return [f"Translation-based checks were skipped: {self.reason}."]
        if self.status == "canceled":
            return ["Translation-based checks were canceled."]
        lines = [
            f"Translation-based checks with {', '.join(self.models)}: {len(self.findings)} findings; "
            f"{self.translated} paragraphs translated, {self.cache_hits} from the cache "
            f"({100 * self.hit_rate:.0f}% hit rate), {self.seconds:.1f} s"
        ]
        if self.warning:
            lines.append(f"WARNING: {self.warning}")
        return lines + [f"note: {n}" for n in self.notes]


def select_models(model: str, store=None):
    """(ru-en model, en-ru model or None) for ``--model NAME|auto``; raises ``ModelError`` with the reason."""
    from models.store import ModelStore

    store = store or ModelStore.default()
    if model == "auto":
        ru_en = store.find(Language.RU, Language.EN)
        en_ru = store.find(Language.EN, Language.RU)
        if ru_en is None:
            damaged = [m for m in store.models() if not m.usable]
            if damaged:
                m = damaged[0]
                raise ModelError(f"the installed model {m.id!r} cannot be used ({m.problem}); remove it with "
                                 f"`parity models remove {m.id}` and import it again")
            if en_ru is not None:
                raise ModelError(f"only an English -> Russian model is installed ({en_ru.id}); the checks need a "
                                 "Russian -> English one; " + INSTALL_HINT)
            raise ModelError("no Russian -> English translation model is installed; " + INSTALL_HINT)
        return ru_en, en_ru
    chosen = store.get(model)
    if not chosen.usable:
        raise ModelError(f"model {chosen.id!r} cannot be used ({chosen.problem}); remove it with "
                         f"`parity models remove {chosen.id}` and import it again")
    assert chosen.manifest is not None
    if chosen.manifest.source_language == "ru":
        return chosen, store.find(Language.EN, Language.RU)
    ru_en = store.find(Language.RU, Language.EN)
    if ru_en is None:
        raise ModelError(f"model {chosen.id!r} translates English -> Russian; the checks need a Russian -> English "
                         "model too; " + INSTALL_HINT)
    return ru_en, chosen


def run_translation_checks(
    comparison,
    model: str = "auto",
    store=None,
    cache=None,
    translator_options: dict | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> TranslationOutcome:
    """Translation findings for every bilingual draft of ``comparison``, or a skipped outcome saying why."""
    from alignment.errors import Cancelled
    from models.cache import CachedTranslator, TranslationCache

    progress = progress or no_progress
    if not comparison.bilingual_revisions:
        return TranslationOutcome("skipped", reason="they need both an English and a Russian text")
    if model == "none":
        return TranslationOutcome("skipped", reason="--model none was given")
    started = time.perf_counter()
    try:
        ru_en_model, en_ru_model = select_models(model, store)
        options = translator_options or {}
        ru_en = ru_en_model.translator(**options)
        en_ru = en_ru_model.translator(**options) if en_ru_model is not None else None
        cache = cache if cache is not None else TranslationCache()
        ru_en_c = CachedTranslator(ru_en, cache)
        en_ru_c = CachedTranslator(en_ru, cache) if en_ru is not None else None
        findings: list[Finding] = []
        revisions = list(comparison.bilingual_revisions)
        for i, rev in enumerate(revisions):
            def sub(pct: int, msg: str, i: int = i) -> None:
                progress(int((i * 100 + pct) / len(revisions)), msg)

            findings += comparison.translation_findings(rev, ru_en_c, None, en_ru_c, None, sub, should_cancel)
    except ModelError as exc:
        log.info("translation checks skipped: %s", exc)
        return TranslationOutcome("skipped", reason=str(exc))
    except Cancelled:
        return TranslationOutcome("canceled")
    stats = [ru_en_c.translation_stats] + ([en_ru_c.translation_stats] if en_ru_c is not None else [])
    notes = tuple(n for n in (cache.note,) if n)
    warning = unusable_model_warning(back_translation_chrfs(comparison, ru_en.model_id, cache))
    return TranslationOutcome(
        "done",
        () if warning else tuple(findings),
        tuple(m.id for m in (ru_en_model, en_ru_model) if m is not None),
        notes=notes,
        warning=warning,
        translated=sum(s.misses for s in stats),
        cache_hits=sum(s.hits for s in stats),
        seconds=time.perf_counter() - started,
    )


# A real ru-en model back-translates faithful UN paragraphs at chrF ~50-70 against the English; unrelated
# paragraphs score ~20. A median below this means the model is not translating these documents at all.
USABLE_MEDIAN_CHRF = 20.0


def back_translation_chrfs(comparison, model_id: str, cache) -> list[float]:
    """chrF of each 1-1 aligned pair's cached back-translation against its English paragraph."""
    from models.divergence import chrf

    out = []
    for rev in comparison.bilingual_revisions:
        pairs = [(link.left[0], link.right[0]) for link in comparison.alignment(rev).links
                 if len(link.left) == 1 and len(link.right) == 1]
        ru = [comparison.paragraph(r).text for _, r in pairs]
        back = cache.get_translations(model_id, "ru-en", ru)
        out += [chrf(back[t], comparison.paragraph(e).text) for (e, _), t in zip(pairs, ru, strict=True) if t in back]
    return out


def unusable_model_warning(chrfs: list[float], minimum_pairs: int = 5) -> str:
    """A message when the back-translations do not resemble the English at all (a wrong or broken model):
    hundreds of findings from such a model would only bury the real ones."""
    if len(chrfs) < minimum_pairs:
        return ""
    median = sorted(chrfs)[len(chrfs) // 2]
    if median >= USABLE_MEDIAN_CHRF:
        return ""
    return (f"the model's translations do not resemble the documents (median back-translation chrF {median:.0f} "
            f"over {len(chrfs)} pairs, below {USABLE_MEDIAN_CHRF:.0f}); its findings were withheld. Is it a working "
            "Russian -> English model? Check `parity models list --verify`, or import another one")
