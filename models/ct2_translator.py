"""The real Translator: a CTranslate2 sequence-to-sequence model with SentencePiece tokenisation.

CTranslate2 and SentencePiece are imported when the model is first used, never at import time, so opening the
app or running deterministic checks costs nothing. Paragraphs are split into sentences (and long sentences
into clauses) so no input exceeds the model's length, translated in batches with progress and cancellation
between batches, and joined back per paragraph. The end-of-sentence token is added by CTranslate2 itself when
the model's config asks for it (``add_source_eos``, set by the OPUS-MT converter), so we pass bare pieces.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignment.document import Language, Span
from alignment.errors import ModelError
from alignment.jobs import Progress, ShouldCancel, check_cancel, no_progress
from models.sentences import split_for_model
from models.translator import ScoredText, TokenScore

log = logging.getLogger(__name__)

SPM_SPACE = "\u2581"


def machine_threads() -> int:
    """CPU cores this process may use (the affinity mask in containers, else the core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class DecodingOptions:
    """How CTranslate2 searches; the defaults favour speed on a laptop CPU (greedy-ish, beam 2)."""

    beam_size: int = 2
    max_decoding_length: int = 256
    min_decoding_length: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


class Tokenizer:
    """A SentencePiece model: pieces with their character offsets, and detokenisation."""

    def __init__(self, path: Path) -> None:
        import sentencepiece as spm

        self.path = path
        self._sp = spm.SentencePieceProcessor()
        try:
            self._sp.load(str(path))
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"the SentencePiece model cannot be loaded ({exc})", path) from None

    def pieces(self, text: str) -> list[str]:
        return self._sp.encode(text, out_type=str)

    def pieces_with_spans(self, text: str) -> list[tuple[str, Span]]:
        """Pieces and the character span each covers in ``text`` (spaces before a word are not included)."""
        if hasattr(self._sp, "encode_as_offset_mapping"):
            m = self._sp.encode_as_offset_mapping(text)
            out = []
            for piece, (a, b) in zip(m["pieces"], m["offsets"], strict=False):
                while a < b and text[a].isspace():
                    a += 1
                out.append((piece, Span(a, max(a, b))))
            return out
        return _align_pieces(text, self.pieces(text))

    def detokenize(self, pieces: Sequence[str]) -> str:
        return self._sp.decode(list(pieces))

    def vocab(self) -> list[str]:
        return [self._sp.id_to_piece(i) for i in range(self._sp.get_piece_size())]


def _align_pieces(text: str, pieces: list[str]) -> list[tuple[str, Span]]:
    """Fallback for old SentencePiece: find each piece's surface in the text, left to right."""
    out = []
    pos = 0
    for p in pieces:
        surface = p.replace(SPM_SPACE, " ").strip()
        while pos < len(text) and text[pos].isspace():
            pos += 1
        at = text.find(surface, pos) if surface else -1
        if at < 0 or at - pos > 3:
            out.append((p, Span(pos, pos)))
            continue
        out.append((p, Span(at, at + len(surface))))
        pos = at + len(surface)
    return out


class CT2Translator:
    """``models.translator.Translator`` on CTranslate2 (int8 on CPU by default)."""

    def __init__(
        self,
        model_dir: str | Path,
        source_spm: str | Path,
        target_spm: str | Path,
        *,
        model_id: str,
        source_language: Language,
        target_language: Language,
        compute_type: str = "int8",
        device: str = "cpu",
        intra_threads: int | None = None,
        max_input_tokens: int = 200,
        batch_size: int = 16,
        decoding: DecodingOptions | None = None,
    ) -> None:
        self.model_dir = Path(model_dir)
        self.source_spm = Path(source_spm)
        self.target_spm = Path(target_spm)
        self._model_id = model_id
        self._source_language = source_language
        self._target_language = target_language
        self.compute_type = compute_type
        self.device = device
        self.intra_threads = intra_threads or machine_threads()
        self.max_input_tokens = max_input_tokens
        self.batch_size = batch_size
        self.decoding = decoding or DecodingOptions()
        self._model = None
        self._src_tok: Tokenizer | None = None
        self._tgt_tok: Tokenizer | None = None

    # ----- Translator protocol ----------------------------------------------------------------------------
    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def source_language(self) -> Language:
        return self._source_language

    @property
    def target_language(self) -> Language:
        return self._target_language

    def translate_batch(
        self, texts: Sequence[str], progress: Progress | None = None, should_cancel: ShouldCancel | None = None
    ) -> list[str]:
        progress = progress or no_progress
        model, src, tgt = self.load()
        segments: list[tuple[int, list[str]]] = []  # (paragraph index, source pieces)
        for i, text in enumerate(texts):
            for span in self._split(text, src):
                segments.append((i, src.pieces(span.slice(text))))
        outputs: list[list[str]] = [[] for _ in texts]
        for start in range(0, len(segments), self.batch_size):
            check_cancel(should_cancel)
            progress(int(100 * start / max(len(segments), 1)), f"Translating {self.direction} ({start}/{len(segments)} sentences)")
            chunk = segments[start : start + self.batch_size]
            results = self._run(
                model.translate_batch,
                [pieces for _, pieces in chunk],
                beam_size=self.decoding.beam_size,
                max_decoding_length=self.decoding.max_decoding_length,
                min_decoding_length=self.decoding.min_decoding_length,
                max_input_length=self.max_input_tokens + 8,
                **self.decoding.extra,
            )
            for (i, _), res in zip(chunk, results, strict=True):
                outputs[i].append(tgt.detokenize(res.hypotheses[0]))
        progress(100, f"Translated {len(texts)} paragraphs")
        return [" ".join(s.strip() for s in parts if s.strip()) for parts in outputs]

    def score_batch(
        self,
        sources: Sequence[str],
        targets: Sequence[str],
        progress: Progress | None = None,
        should_cancel: ShouldCancel | None = None,
    ) -> list[ScoredText]:
        progress = progress or no_progress
        model, src, tgt = self.load()
        jobs: list[tuple[int, list[str], list[tuple[str, Span]]]] = []
        for i, (source, target) in enumerate(zip(sources, targets, strict=True)):
            for s_span, t_span in self._score_segments(source, target, src, tgt):
                pieces = tgt.pieces_with_spans(t_span.slice(target))
                shifted = [(p, Span(sp.start + t_span.start, sp.end + t_span.start)) for p, sp in pieces]
                jobs.append((i, src.pieces(s_span.slice(source)), shifted))
        scored: list[list[TokenScore]] = [[] for _ in sources]
        for start in range(0, len(jobs), self.batch_size):
            check_cancel(should_cancel)
            progress(int(100 * start / max(len(jobs), 1)), f"Scoring {self.direction} ({start}/{len(jobs)})")
            chunk = [j for j in jobs[start : start + self.batch_size] if j[1] and j[2]]
            if not chunk:
                continue
            results = self._run(
                model.score_batch, [j[1] for j in chunk], [[p for p, _ in j[2]] for j in chunk], max_input_length=0
            )
            for (i, _, pieces), res in zip(chunk, results, strict=True):
                # CTranslate2 also scores the end token; we keep only the text's own pieces
                for (piece, span), lp in zip(pieces, res.log_probs, strict=False):
                    scored[i].append(TokenScore(piece, span, float(lp)))
        progress(100, f"Scored {len(sources)} pairs")
        return [ScoredText(tuple(s)) for s in scored]

    # ----- loading ------------------------------------------------------------------------------------------
    @property
    def direction(self) -> str:
        return f"{self._source_language.value}-{self._target_language.value}"

    def load(self):
        """Load the model and tokenizers once; a broken model is a ``ModelError`` naming its folder."""
        if self._model is None:
            import ctranslate2

            self._src_tok = Tokenizer(self.source_spm)
            self._tgt_tok = self._src_tok if self.target_spm == self.source_spm else Tokenizer(self.target_spm)
            try:
                self._model = ctranslate2.Translator(
                    str(self.model_dir),
                    device=self.device,
                    compute_type=self.compute_type,
                    inter_threads=1,
                    intra_threads=self.intra_threads,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"the CTranslate2 model cannot be loaded ({exc})", self.model_dir) from None
            log.info("loaded %s (%s, %d threads)", self.model_dir, self.compute_type, self.intra_threads)
        assert self._src_tok is not None and self._tgt_tok is not None
        return self._model, self._src_tok, self._tgt_tok

    def _run(self, fn, *args, **kwargs):
        """Call CTranslate2; a failure inside it (damaged weights, bad vocabulary) is a ``ModelError``."""
        try:
            return fn(*args, **kwargs)
        except (RuntimeError, ValueError, IndexError) as exc:
            raise ModelError(f"the model failed while translating ({exc})", self.model_dir) from None

    def unload(self) -> None:
        self._model = None

    # ----- splitting ----------------------------------------------------------------------------------------
    def _split(self, text: str, tok: Tokenizer) -> list[Span]:
        if not text.strip():
            return []
        return split_for_model(text, lambda s: len(tok.pieces(s)), self.max_input_tokens)

    def _score_segments(self, source: str, target: str, src: Tokenizer, tgt: Tokenizer) -> list[tuple[Span, Span]]:
        """Pairs of (source span, target span) to score; whole texts when both fit the model."""
        if not source.strip() or not target.strip():
            return []
        if len(src.pieces(source)) <= self.max_input_tokens and len(tgt.pieces(target)) <= self.max_input_tokens:
            return [(Span(0, len(source)), Span(0, len(target)))]
        s_spans = self._split(source, src)
        t_spans = self._split(target, tgt)
        return pair_segments(s_spans, len(source), t_spans, len(target))


def pair_segments(s_spans: list[Span], s_len: int, t_spans: list[Span], t_len: int) -> list[tuple[Span, Span]]:
    """Give each target segment the source segments at the same relative position (sentence counts may differ
    between a text and its translation)."""
    if len(s_spans) == len(t_spans):
        return list(zip(s_spans, t_spans, strict=True))
    groups: list[list[Span]] = [[] for _ in t_spans]
    for s in s_spans:
        mid = (s.start + s.end) / 2 / max(s_len, 1)
        j = min(range(len(t_spans)), key=lambda k: _distance(mid, t_spans[k], t_len))
        groups[j].append(s)
    out = []
    for t, g in zip(t_spans, groups, strict=True):
        if not g:
            mid = (t.start + t.end) / 2 / max(t_len, 1)
            g = [min(s_spans, key=lambda s: _distance(mid, s, s_len))]
        out.append((Span(g[0].start, g[-1].end), t))
    return out


def _distance(rel: float, span: Span, length: int) -> float:
    a, b = span.start / max(length, 1), span.end / max(length, 1)
    return 0.0 if a <= rel <= b else min(abs(rel - a), abs(rel - b))
