"""Text clean-up that keeps offsets into the original article text.

News text arrives with non-breaking and narrow spaces, curly apostrophes,
words glued together where markup was lost (``parTélévision``) and stray
boilerplate lines. The parser works on the cleaned text; every offset shown to
users is mapped back through :class:`CleanText` into the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# One-to-one replacements: same length, so offsets need no mapping.
_SAME_LENGTH = tuple(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2007": " ",  # figure space
        "\u200a": " ",  # hair space
        "\u2019": "'",  # right single quotation mark used as apostrophe
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2018": "'",  # left single quotation mark
        "\u00ad": " ",  # soft hyphen
        "\t": " ",
        "\r": "\n",
    }.items()
)
"""Characters replaced by one of the same length. Each is looked for and replaced on its own (``str.replace``
scans in C): ``str.translate`` looks up every character of the text in a table, ten times slower."""

# ``parTélévision``: a lower-case letter glued to a capitalised word, or a
# closing parenthesis glued to a word: ``(VTV)a souligné``.
_GLUED = re.compile(r"(?<=[a-zà-ÿ]{2})(?=[A-ZÀ-Ý][a-zà-ÿ]{3,})|(?<=\))(?=[a-zà-ÿ])")

# Lines that are page furniture rather than article text.
_BOILERPLATE = re.compile(
    r"^\s*(?:lire aussi|lire également|à lire aussi|voir aussi|publicité|advertisement|"
    r"partager(?: sur)?|tweet|abonnez-vous|newsletter|read more|see also)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)


# A wire dateline opening an article: "MOSCOU, 12 février (AFP) —".
_DATELINE = re.compile(r"^[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý' .-]+,\s+(?:\d{1,2}(?:er)?\s+\w+|\w+\s+\d{1,2})(?:\s+\d{4})?\s*(?:\([^)]{1,20}\))?\s*[—–-]\s", re.MULTILINE)


@dataclass(frozen=True)
class CleanText:
    """Cleaned text with a map from cleaned offsets back to original offsets.

    ``inserts`` lists, in order, the cleaned offsets where a character was
    inserted; every other character maps one to one.
    """

    original: str
    text: str
    inserts: tuple[int, ...]

    def to_original(self, offset: int) -> int:
        """Map an offset in the cleaned text to the original text."""
        return offset - bisect_right(self.inserts, offset - 1) if self.inserts else offset

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned ``[start, end)`` span to the original, trimmed of white space."""
        begin, finish = self.to_original(start), self.to_original(end)
        while begin < finish and self.original[begin].isspace():
            begin += 1
        while finish > begin and self.original[finish - 1].isspace():
            finish -= 1
        return begin, finish


_CONTROLS = re.compile("[\x01-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
"""Control characters that are not blanks (a scraper's leftovers, « Ottokar\\x01Kruger »): read as a space. Those
Python and spaCy take for blanks (tab, line and page breaks, \\x1c to \\x1f, \\x85) are left as they are."""


def clean(original: str) -> CleanText:
    """Normalise spaces and apostrophes, blank boilerplate lines, split glued words.

    Example:
        >>> cleaned = clean("diffusée parTélévision")
        >>> cleaned.text
        'diffusée par Télévision'
        >>> cleaned.to_original(13)
        12
    """
    text = original
    for character, replacement in _SAME_LENGTH:
        if character in text:
            text = text.replace(character, replacement)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    text = _BOILERPLATE.sub(lambda match: " " * len(match.group(0)), text)
    dateline = _DATELINE.search(text, 0, 400)
    if dateline is not None:
        text = text[: dateline.start()] + " " * len(dateline.group(0)) + text[dateline.end() :]
    pieces: list[str] = []
    inserts: list[int] = []
    last = 0
    for match in _GLUED.finditer(text):
        pieces.append(text[last : match.start()])
        inserts.append(match.start() + len(inserts))
        pieces.append(" ")
        last = match.start()
    pieces.append(text[last:])
    return CleanText(original=original, text="".join(pieces), inserts=tuple(inserts))
