"""Name normalisation: one key for every spelling of a name.

Transliterations of the same Russian, Arabic or Chinese name differ by a few
regular letter patterns (*Riabkov / Ryabkov / Rjabkov*, *Sergueï / Sergey /
Sergei*, *Peskov / Peskow*). :func:`name_key` folds them with rules, not lists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NAME_PARTICLES = frozenset({"al", "el", "ben", "bin", "bint", "ibn", "abou", "abu", "ould", "van", "von", "der", "da", "dos"})
"""Lower-case words inside a person's name (« Khalid al-Aiser », « Mohamed Ould Ghazouani »)."""

# Ordered rewrites over an accent-free, lower-case name.
_RULES: tuple[tuple[str, str], ...] = (
    (r"[^a-z ]+", " "),
    (r"tch", "ch"),
    (r"dzh|dj", "j"),
    (r"kh", "h"),
    (r"sch", "sh"),
    (r"ch(?=[aeiou])", "sh"),
    (r"gu(?=[eiy])", "g"),
    (r"ou", "u"),
    (r"ey\b", "ei"),
    (r"ay\b", "ai"),
    (r"y", "i"),
    (r"j(?=[aeiou])", "i"),
    (r"w", "v"),
    (r"ff\b", "v"),
    (r"([a-z])\1", r"\1"),
    (r"ii", "i"),
    (r"ie\b", "i"),
    (r"\s+", " "),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in _RULES)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, punctuation as spaces: ``'Sergueï Riabkov'`` → ``'serguei riabkov'``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", stripped.casefold()).split())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A key shared by the transliteration variants of a personal name.

    Example:
        >>> name_key("Sergueï Riabkov") == name_key("Sergey Ryabkov") == name_key("Sergei Rjabkov")
        True
        >>> name_key("Peskow") == name_key("Peskov")
        True
    """
    key = fold(name).replace("-", " ")
    for pattern, replacement in _COMPILED:
        key = pattern.sub(replacement, key)
    return key.strip()


def slug(text: str) -> str:
    """A readable identifier part: ``'Nicolás Maduro'`` → ``'nicolas-maduro'``."""
    return "-".join(fold(text).split()) or "unnamed"
