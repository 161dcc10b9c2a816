"""The operative and preambular phrase tables (alignment/data/phrases/*.tsv), lemmatised once.

English phrases are matched on lower-case words, Russian renderings on pymorphy3 lemmas; the words
also/further/again/once (также/далее/вновь) are left out of both and compared separately.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from alignment.checks.words import lemma_sequence

EN_MODIFIERS = frozenset({"also", "further", "again", "once"})
RU_MODIFIERS = frozenset({"также", "далее", "вновь", "еще", "раз"})


@dataclass(frozen=True)
class Phrase:
    english: str  # "calls upon"
    kind: str  # "operative" | "preambular"
    family: str  # "directive"
    rank: int  # 1 = strongest; 0 = no order inside the family
    meaning: str  # "call", shown in messages
    russian: tuple[tuple[str, ...], ...]  # acceptable renderings as lemma sequences
    russian_text: tuple[str, ...] = ()  # the same renderings as written in the table

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.english.split())


@dataclass(frozen=True)
class Phrasebook:
    phrases: tuple[Phrase, ...]
    by_english: dict  # tuple of words -> Phrase
    by_russian: dict  # lemma sequence -> tuple of Phrases listing it
    max_en: int
    max_ru: int


def _read(name: str, kind: str) -> list[Phrase]:
    text = (resources.files("alignment") / "data" / "phrases" / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    out = []
    for english, family, rank, meaning, russian in rows[1:]:
        seqs, texts = [], []
        for alt in russian.split("|"):
            seq = tuple(w for w in lemma_sequence(alt.strip(), russian=True) if w not in RU_MODIFIERS)
            if seq:
                seqs.append(seq)
                texts.append(alt.strip())
        out.append(Phrase(english.strip().lower(), kind, family, int(rank), meaning, tuple(seqs), tuple(texts)))
    return out


def load_phrasebook() -> Phrasebook:
    phrases = _read("operative.tsv", "operative") + _read("preambular.tsv", "preambular")
    by_ru: dict = defaultdict(list)
    for p in phrases:
        for seq in p.russian:
            by_ru[seq].append(p)
    return Phrasebook(
        phrases=tuple(phrases),
        by_english={p.words: p for p in phrases},
        by_russian={k: tuple(v) for k, v in by_ru.items()},
        max_en=max(len(p.words) for p in phrases),
        max_ru=max(len(s) for s in by_ru),
    )
