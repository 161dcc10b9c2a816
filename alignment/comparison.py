"""The Comparison: one draft family (English and Russian, each with its revisions) and everything computed
from it — alignments, revision maps, word diffs, findings — lazily and cached.

The CLI, the desktop app and the tests all drive this one object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from alignment.document import Document, Language, Paragraph
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from alignment.links import Alignment, RevisionMap, split_qualified


def doc_key(language: Language, revision: int) -> str:
    """``en`` for the original English, ``en1`` for its Rev.1, ``ru2`` for the Russian Rev.2 ..."""
    return f"{language.value}{revision or ''}"


def pair_name(revision: int) -> str:
    return "original" if revision == 0 else f"rev{revision}"


@dataclass
class Comparison:
    """Documents of one draft family; ``en[0]``/``ru[0]`` are the originals, ``en[k]`` is Rev.k."""

    en: list[Document]
    ru: list[Document]
    pins: list = field(default_factory=list)  # user alignment constraints (see alignment.pins)
    glossaries: list = field(default_factory=list)  # user glossary files (TSV/CSV/TBX) for the terminology check
    _cache: dict = field(default_factory=dict, repr=False)

    # ----- loading -------------------------------------------------------------------------------------
    @classmethod
    def from_paths(
        cls,
        en: str | Path | None,
        ru: str | Path | None,
        en_revisions: Sequence[str | Path] = (),
        ru_revisions: Sequence[str | Path] = (),
        progress: Progress = no_progress,
        should_cancel: ShouldCancel | None = None,
    ) -> Comparison:
        """Read and structure every file; a file in the wrong language is an error naming it."""
        from alignment.reading import read_document

        jobs: list[tuple[Language, Path]] = []
        if en is not None:
            jobs += [(Language.EN, Path(p)) for p in (en, *en_revisions)]
        if ru is not None:
            jobs += [(Language.RU, Path(p)) for p in (ru, *ru_revisions)]
        docs: dict[Language, list[Document]] = {Language.EN: [], Language.RU: []}
        for i, (lang, path) in enumerate(jobs):
            check_cancel(should_cancel)
            progress(int(100 * i / max(len(jobs), 1)), f"Reading {path.name}")
            docs[lang].append(read_document(path, expected=lang))
        progress(100, "Read all documents")
        return cls(en=docs[Language.EN], ru=docs[Language.RU])

    @classmethod
    def sample(cls, **kw) -> Comparison:
        from alignment.sample import sample_paths

        s = sample_paths()
        return cls.from_paths(s["en"], s["ru"], [s["en1"]], [s["ru1"]], **kw)

    # ----- documents -------------------------------------------------------------------------------------
    def documents(self, language: Language) -> list[Document]:
        return self.en if language is Language.EN else self.ru

    def document(self, key: str) -> Document:
        lang = Language(key[:2])
        rev = int(key[2:] or 0)
        return self.documents(lang)[rev]

    def document_keys(self) -> list[str]:
        return [doc_key(Language.EN, i) for i in range(len(self.en))] + [
            doc_key(Language.RU, i) for i in range(len(self.ru))
        ]

    def paragraph(self, qid: str) -> Paragraph:
        key, pid = split_qualified(qid)
        return self.document(key).paragraph(pid)

    @property
    def bilingual_revisions(self) -> range:
        """Revisions for which both languages are loaded (so an EN<->RU alignment exists)."""
        return range(min(len(self.en), len(self.ru)))

    def revision_steps(self, language: Language) -> range:
        """Steps k = 1.. for which draft k-1 -> draft k can be compared in ``language``."""
        return range(1, len(self.documents(language)))

    def invalidate(self) -> None:
        """Forget computed results (after pins change)."""
        self._cache.clear()

    # ----- computed, cached --------------------------------------------------------------------------------
    def alignment(self, revision: int = 0) -> Alignment:
        """EN <-> RU paragraph alignment of one draft."""
        key = ("alignment", revision)
        if key not in self._cache:
            from alignment.bilingual import align_documents

            en, ru = self.en[revision], self.ru[revision]
            self._cache[key] = align_documents(
                en, ru, doc_key(Language.EN, revision), doc_key(Language.RU, revision),
                pins=self.alignment_pins(revision),
            )
        return self._cache[key]

    def revision_map(self, language: Language, step: int) -> RevisionMap:
        """Draft ``step-1`` -> draft ``step`` of one language."""
        key = ("revisions", language.value, step)
        if key not in self._cache:
            from alignment.revisions import match_revisions

            docs = self.documents(language)
            self._cache[key] = match_revisions(
                docs[step - 1],
                docs[step],
                doc_key(language, step - 1),
                doc_key(language, step),
                pins=self._pins_for(key),
            )
        return self._cache[key]

    def translation_findings(
        self,
        revision: int,
        translator,
        cache=None,
        en_ru=None,
        thresholds=None,
        progress: Progress = no_progress,
        should_cancel: ShouldCancel | None = None,
    ) -> list:
        """Findings of the translation model (``models.divergence``) on the 1-1 aligned pairs of one draft.

        ``translator`` translates Russian into English (a ``models.translator.Translator``); ``en_ru``, when
        given, adds spans on the Russian side; ``cache`` (``models.cache.TranslationCache``) makes a second run
        translate nothing. Kept apart from the deterministic ``findings``: the report merges both.
        """
        from models.cache import CachedTranslator
        from models.divergence import DEFAULT_THRESHOLDS, PairText, translation_findings

        ids = (translator.model_id, en_ru.model_id if en_ru is not None else None)
        key = ("translation", revision, ids)
        if key not in self._cache:
            en_key, ru_key = doc_key(Language.EN, revision), doc_key(Language.RU, revision)
            pairs = [
                PairText(pair_name(revision), link.left[0], link.right[0], self.paragraph(link.left[0]).text,
                         self.paragraph(link.right[0]).text)
                for link in self.alignment(revision).links
                if len(link.left) == 1 and len(link.right) == 1
                and link.left[0].startswith(f"{en_key}:") and link.right[0].startswith(f"{ru_key}:")
            ]
            if cache is not None:
                translator = CachedTranslator(translator, cache)
                en_ru = CachedTranslator(en_ru, cache) if en_ru is not None else None
            self._cache[key] = translation_findings(
                pairs, translator, en_ru, thresholds or DEFAULT_THRESHOLDS, progress, should_cancel
            )
        return self._cache[key]

    def check_context(self):
        """Language data and glossaries for the divergence checks, loaded once per Comparison."""
        key = ("check_context", tuple(str(g) for g in self.glossaries))
        if key not in self._cache:
            from alignment.checks.base import CheckContext

            self._cache[key] = CheckContext(user_glossaries=tuple(self.glossaries)).warm()
        return self._cache[key]

    def aligned_pairs(self, revision: int = 0) -> list:
        """The EN/RU paragraph pairs of one draft (``alignment.checks.AlignedPair``), in link order."""
        key = ("pairs", revision)
        if key not in self._cache:
            from alignment.checks.base import pairs_from_alignment

            self._cache[key] = pairs_from_alignment(self.alignment(revision), self.paragraph, pair_name(revision))
        return self._cache[key]

    def one_sided_changes(self, revision: int) -> list:
        """Paragraphs that changed in one language only between draft ``revision-1`` and ``revision``."""
        key = ("one_sided", revision)
        if key not in self._cache:
            from alignment.consistency import one_sided_changes

            found = {}
            for rev in (revision - 1, revision):
                for f in self._check_findings(rev):
                    found.setdefault((f.pair, f.en_id, f.ru_id), []).append(f)
            def findings_of(p) -> list:  # a finding names one paragraph of each side of its (1-2, 2-1) link
                return [f for e in (p.en_ids or (None,)) for r in (p.ru_ids or (None,))
                        for f in found.get((p.pair, e, r), [])]

            self._cache[key] = one_sided_changes(
                self.aligned_pairs(revision - 1), self.aligned_pairs(revision),
                self.revision_map(Language.EN, revision), self.revision_map(Language.RU, revision),
                self.check_context(), findings_of)
        return self._cache[key]

    def _check_findings(self, revision: int) -> list:
        key = ("check_findings", revision)
        if key not in self._cache:
            from alignment.checks.base import run_checks

            self._cache[key] = run_checks(self.aligned_pairs(revision), self.check_context())
        return self._cache[key]

    def findings(self, revision: int = 0, progress: Progress = no_progress,
                 should_cancel: ShouldCancel | None = None) -> list:
        """Deterministic findings of one draft, most severe first: the divergence checks on every aligned pair
        and, from Rev.1 on, the cross-revision consistency findings (an amendment not carried over replaces the
        check finding it explains)."""
        key = ("findings", revision)
        if key not in self._cache:
            from alignment.checks.base import run_checks, sort_findings
            from alignment.consistency import (
                bracket_revision_findings,
                consistency_findings,
                replaced_findings,
            )

            ck = ("check_findings", revision)
            if ck not in self._cache:
                self._cache[ck] = run_checks(self.aligned_pairs(revision), self.check_context(), progress,
                                             should_cancel)
            found = list(self._cache[ck])
            if revision >= 1 and revision < len(self.en) and revision < len(self.ru):
                changes = self.one_sided_changes(revision)
                dropped = replaced_findings(changes)
                found = [f for f in found if f.id not in dropped] + consistency_findings(changes)
                found += bracket_revision_findings(
                    self.aligned_pairs(revision - 1), self.aligned_pairs(revision),
                    self.revision_map(Language.EN, revision), self.revision_map(Language.RU, revision))
            self._cache[key] = sort_findings(found)
        return self._cache[key]

    def all_findings(self) -> list:
        """``findings`` of every draft loaded in both languages."""
        return [f for rev in self.bilingual_revisions for f in self.findings(rev)]

    def _pins_for(self, key: tuple) -> tuple:
        return tuple(p for p in self.pins if getattr(p, "scope", None) == key)

    def alignment_pins(self, revision: int) -> tuple:
        """The pins that shape the EN<->RU alignment of draft ``revision``: the user's own for that draft, plus
        those of the previous draft carried over where their paragraphs did not change in either language
        (a pin the user made on this draft wins over a carried one touching the same paragraphs)."""
        own = self._pins_for(("alignment", revision))
        if revision == 0 or revision - 1 not in self.bilingual_revisions:
            return own
        from alignment.pins import carry_alignment_pins

        previous = self.alignment_pins(revision - 1)
        carried = carry_alignment_pins(previous, revision - 1, self.revision_map, self.document)
        taken = {q for p in own for q in (*p.left, *p.right)}
        return own + tuple(p for p in carried if not taken & {*p.left, *p.right})

    def set_pins(self, pins: Sequence) -> None:
        """Replace the user's alignment constraints (``alignment.pins.Pin``) and recompute lazily."""
        self.pins = list(pins)
        self.invalidate()

    def pin_problems(self) -> list:
        """Pins that no longer apply (paragraph gone or changed, crossing another pin), as ``PinProblem``s."""
        from alignment.pins import PinProblem, PinProblemKind, resolve_pins

        scopes = {("alignment", r): (self.en[r], self.ru[r], doc_key(Language.EN, r), doc_key(Language.RU, r), True)
                  for r in self.bilingual_revisions}
        for lang in Language:
            docs = self.documents(lang)
            for step in self.revision_steps(lang):
                scopes[("revisions", lang.value, step)] = (
                    docs[step - 1], docs[step], doc_key(lang, step - 1), doc_key(lang, step), False)
        problems = [PinProblem(p, PinProblemKind.MISSING, f"{p.describe()}: those drafts are not loaded")
                    for p in self.pins if tuple(p.scope) not in scopes]
        for key, (left, right, lk, rk, monotonic) in scopes.items():
            problems += resolve_pins(self._pins_for(key), left, right, lk, rk, monotonic).problems
        return problems
