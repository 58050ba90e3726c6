"""Find quotations in text: « », “ ”, " ", ‹ ›, tolerant of unbalanced marks.

A quote left open at the end of a paragraph is closed there (and flagged), so a
missing closing mark costs one quote, never the rest of the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPENERS = {"«": "»", "“": "”", "‹": "›", "„": "“"}
CLOSERS = frozenset("»”›")
STRAIGHT = '"'
_MARKS = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + STRAIGHT) + "\n]")
"""The characters :func:`_scan` acts on (the others it passes over)."""


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``inner`` is the quoted text span."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


def find_quotes(text: str) -> list[Quote]:
    """Top-level quotations of ``text``, in order.

    Example:
        >>> text = "« Oui », a-t-il dit."
        >>> [text[q.inner_start:q.inner_end] for q in find_quotes(text)]
        [' Oui ']
    """
    return [quote for quote in _scan(text) if quote.inner_end > quote.inner_start]


def _scan(text: str) -> Iterator[Quote]:
    depth = 0
    start = 0
    straight_open = False
    for mark in _MARKS.finditer(text):
        index = mark.start()
        char = text[index]
        if char == "\n" and depth:
            end = index
            while end > start and text[end - 1].isspace():
                end -= 1
            yield Quote(start, end, start + 1, end, closed=False)
            depth, straight_open = 0, False
        elif char in OPENERS and not (char == "“" and depth and text[start] == "„"):
            if depth == 0:
                start = index
            depth += 1
        elif char in CLOSERS and depth:
            depth -= 1
            if depth == 0:
                yield Quote(start, index + 1, start + 1, index, closed=True)
        elif char == STRAIGHT:
            if depth == 0 and not straight_open:
                start, depth, straight_open = index, 1, True
            elif straight_open and depth == 1:
                depth, straight_open = 0, False
                yield Quote(start, index + 1, start + 1, index, closed=True)
    if depth:
        end = len(text.rstrip())
        yield Quote(start, end, start + 1, end, closed=False)
