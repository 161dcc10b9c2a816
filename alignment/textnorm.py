"""The one text normalisation of the engine, and a length-preserving fold for matching.

``normalize_text`` is applied once, at reading: every offset in the engine (emphasis, findings, diffs) is an
offset into its result. ``fold`` maps each character to exactly one character, so offsets found in folded text
are valid in the normalised text too.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that carry no text: soft hyphen, zero-width space/joiners, word joiner, BOM, bidi marks.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
    None,
)
# Space-like characters become a plain space (NBSP in "483 918", narrow NBSP, figure space, ...).
# The second string holds the rest of what str.isspace() calls space, so strip() and the offset map agree.
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000\t\r\n\v\f"
        "\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2008\u2028\u2029\u205f"),
    " ",
)
_MULTISPACE = re.compile(r" {2,}")


def normalize_text(text: str) -> str:
    """NFC, invisible characters dropped, every space-like character a single space, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLE).translate(_SPACES)
    return _MULTISPACE.sub(" ", text).strip()


_FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "ё": "е", "Ё": "Е",
    }
)

# Cyrillic letters that look like Latin ones; typed by mistake inside document symbols (E/CN.15/...).
_CYR_TO_LAT = str.maketrans("АВЕКМНОРСТУХаеорсух", "ABEKMHOPCTYXaeopcyx")


def fold(text: str) -> str:
    """Lower-case, quotes/dashes unified, ё→е; one character out for one character in."""
    folded = text.translate(_FOLD_TABLE)
    lowered = folded.lower()
    # str.lower() can change length for a few characters (e.g. "İ"); fall back per character then.
    if len(lowered) != len(folded):
        lowered = "".join(c.lower()[0] if c.lower() else c for c in folded)
    return lowered


def latinize_lookalikes(text: str) -> str:
    """Replace Cyrillic look-alike letters with Latin ones (for document symbols, subparagraph letters)."""
    return text.translate(_CYR_TO_LAT)


def normalize_mapped(text: str) -> tuple[str, list[int]]:
    """Like ``normalize_text`` (NFC already applied by the caller) but also return an offset map.

    ``mapping[i]`` is the offset in the result where original offset ``i`` lands (``len(mapping) ==
    len(text) + 1``), so readers can carry emphasis and footnote offsets through normalisation.
    """
    out: list[str] = []
    mapping: list[int] = []
    pending_space = False
    for ch in text:
        if ord(ch) in _INVISIBLE:
            mapping.append(len(out) + (1 if pending_space and out else 0))
            continue
        if ch == " " or ord(ch) in _SPACES:
            mapping.append(len(out) + (1 if pending_space and out else 0))
            pending_space = True
            continue
        if pending_space and out:
            out.append(" ")
        pending_space = False
        mapping.append(len(out))
        out.append(ch)
    mapping.append(len(out))
    result = "".join(out)
    return result, [min(m, len(result)) for m in mapping]
