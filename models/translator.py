"""The translation interface the engine uses, independent of any inference library.

``models.ct2_translator.CT2Translator`` implements it with CTranslate2 + SentencePiece; tests use a fixed
translation table. Whatever implements it translates whole paragraphs (splitting them as it needs) and scores a
given target text token by token, with each token's character span in that text, so the divergence logic never
sees a tokenizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from alignment.document import Language, Span
from alignment.jobs import Progress, ShouldCancel


@dataclass(frozen=True)
class TokenScore:
    """One target token: its text, its span in the scored target text, and log P(token | source, prefix)."""

    token: str
    span: Span
    log_prob: float


@dataclass(frozen=True)
class ScoredText:
    """Forced-decoding scores of one target text given one source text."""

    tokens: tuple[TokenScore, ...]

    @property
    def mean_log_prob(self) -> float:
        return sum(t.log_prob for t in self.tokens) / len(self.tokens) if self.tokens else 0.0


@runtime_checkable
class Translator(Protocol):
    """Translates paragraphs from ``source_language`` to ``target_language`` with one model."""

    @property
    def model_id(self) -> str: ...

    @property
    def source_language(self) -> Language: ...

    @property
    def target_language(self) -> Language: ...

    def translate_batch(
        self, texts: Sequence[str], progress: Progress | None = None, should_cancel: ShouldCancel | None = None
    ) -> list[str]:
        """One translation per text, in order; raises ``alignment.errors.Cancelled`` when asked to stop."""
        ...

    def score_batch(
        self,
        sources: Sequence[str],
        targets: Sequence[str],
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> list[ScoredText]:
        """For each (source, target) pair, the log-probability of every target token given the source."""
        ...


def direction(translator: Translator) -> str:
    """``"ru-en"``: the key the cache and the report use for a translator's direction."""
    return f"{translator.source_language.value}-{translator.target_language.value}"
