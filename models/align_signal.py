"""The translation model as one more signal for the paragraph aligner (``alignment.align_signals.Signal``).

The aligner scores many candidate beads, so Russian paragraphs are back-translated once, in one batch
(``prepare``), and looked up afterwards; a paragraph not prepared is translated on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from alignment.document import Paragraph
from models.divergence import translation_similarity
from models.translator import Translator


@dataclass
class TranslationSimilarity:
    """chrF between the back-translation of the Russian paragraphs and the English ones, in [-1, 1]."""

    translator: Translator  # Russian -> English (wrap it in models.cache.CachedTranslator to persist)
    name: str = "translation"
    weight: float = 2.0
    _back: dict[str, str] = field(default_factory=dict, repr=False)

    def prepare(self, ru_paragraphs: Sequence[Paragraph], progress=None, should_cancel=None) -> None:
        todo = list(dict.fromkeys(p.text for p in ru_paragraphs if p.text not in self._back))
        if todo:
            self._back.update(zip(todo, self.translator.translate_batch(todo, progress, should_cancel), strict=True))

    def score(self, en: Sequence[Paragraph], ru: Sequence[Paragraph]) -> float:
        if not en or not ru:
            return 0.0
        self.prepare(ru)
        back = " ".join(self._back[p.text] for p in ru)
        return translation_similarity(back, " ".join(p.text for p in en))
