"""Detect whether a text is English or Russian from its letters (no network, no model)."""

from __future__ import annotations

from alignment.document import Language


def script_counts(text: str) -> tuple[int, int]:
    """(Latin letters, Cyrillic letters) in ``text``."""
    latin = cyr = 0
    for ch in text:
        if "a" <= ch <= "z" or "A" <= ch <= "Z":
            latin += 1
        elif "\u0400" <= ch <= "\u04ff":
            cyr += 1
    return latin, cyr


def detect_language(text: str) -> Language | None:
    """English, Russian, or None when the text has too few letters or no clear majority script.

    Russian UN texts keep document symbols and names in Latin script, so a Russian text is one whose
    letters are mostly Cyrillic; English texts have next to no Cyrillic.
    """
    latin, cyr = script_counts(text)
    total = latin + cyr
    if total < 20:
        return None
    if cyr / total >= 0.5:
        return Language.RU
    if cyr / total <= 0.05:
        return Language.EN
    return None
