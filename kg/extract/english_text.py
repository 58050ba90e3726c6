"""Plain-text helpers of the English reader (:mod:`kg.extract.english`): sentence bounds, quotations, runs of
names, roles and topic labels, all on character offsets of the cleaned text.

Example:
    >>> text = '"We are ready," Lavrov said. Talks resumed.'
    >>> [text[a:b] for a, b in sentences(text)]
    ['"We are ready," Lavrov said.', 'Talks resumed.']
"""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.-]*")
ABBREVIATIONS = frozenset("mr mrs ms dr st gen lt col sen rep gov prof jr sr no vs etc inc ltd corp co jan feb mar apr "
                          "aug sept sep oct nov dec u.s u.n u.k e.u".split())
PARTICLES = frozenset("al al- bin ben de del da van von der ibn abu el".split())


def without_trailing(words: str, dropped: frozenset[str]) -> str:
    """``words`` without the words of ``dropped`` at its end (and the blanks before them)."""
    parts = words.rstrip().split(" ")
    while parts and parts[-1].lower() in dropped:
        parts.pop()
    return " ".join(parts).rstrip() + (" " if parts else "")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: a full stop, ? or ! (and a closing quote) before a capital or an opening quote, not
    after an abbreviation or an initial, nor inside a quotation the paragraph closes, nor at a « ?" » or
    « !" » that its attribution follows (« "Why?" Lavrov asked. »); a line break always ends one."""
    bounds = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        body = paragraph.group(0)
        balanced = body.count('"') % 2 == 0 and body.count("“") == body.count("”")  # else quotes tell nothing
        depth, seen = 0, 0
        for stop in re.finditer(r"[.!?][\"”’»']?(?=\s+[\"“«‘'A-Z])", body):
            for char in body[seen:stop.start()]:  # quotation marks between the last stop and this one
                if char == "“" or char == '"' and depth == 0:
                    depth += 1
                elif char == "”" or char == '"':
                    depth = max(0, depth - 1)
            seen = stop.start()
            mark = stop.group(0)
            if balanced and (depth > 0 and len(mark) == 1 or mark[0] in "?!" and len(mark) > 1):
                continue
            end = paragraph.start() + stop.end()
            word = re.search(r"([\w.]+)[.!?][\"”’»']?$", text[max(start, end - 40):end])
            if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            bounds.append((start, end))
            start = end + 1
        if paragraph.end() > start:
            bounds.append((start, paragraph.end()))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"|‘(?:[^’\n]|’(?=\w)){1,400}’(?!\w)"
                    r"|(?<![\w'])'(?=\S)(?:[^'\n]|'(?=\w)){0,400}?[,.!?…]'(?!\w)")
"""Quotations: “…”, «…», straight "…" in pairs, and the British ‘…’ and '…' (of 400 characters at most, so that
a text full of apostrophes costs no more than a few passes). An apostrophe inside a word (« Russia’s ») does not
close a single quote; a straight one closes after a comma, full stop, ? or ! (« 'This is dangerous,' the
minister said »), so that « the countries' leaders » is no quotation."""


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted spans in ``text[start:end]`` (their marks included), as :data:`QUOTED` finds them."""
    found = []
    for match in QUOTED.finditer(text[start:end]):
        if len(match.group(0)) > 3:
            found.append((start + match.start(), start + match.end()))
    return found


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved past blanks and punctuation at either end, and past a quotation mark that closes
    a quote the span does not open (« expressed "serious concern" over the incident »: the cue ended inside it)."""
    while start < end and text[start] in " ,:;\n":
        start += 1
    if start < end and (text[start] == "”" or text[start] == '"' and text.count('"', start, end) % 2 == 1):
        start += 1
        while start < end and text[start] in " ,:;\n":
            start += 1
    while end > start and text[end - 1] in " ,:;.\n":
        end -= 1
    return start, end


NAME = re.compile(r"\b(?:U\.S\.|[A-Z][\w’'-]+|(?:al|bin|ben|de|del|da|van|von|der|ibn|abu|el)-?)(?:\s+(?:[A-Z]\.(?=\s+[A-Z])|"
                  r"[A-Z][\w’'-]+|(?:al|bin|ben|de|del|da|van|von|der|ibn|abu|el)\b-?))*")


LEADING_WORDS = frozenset("the a an but and in on its their his her our this that".split())


def names_in(text: str) -> list[str]:
    """Runs of capitalised words (with name particles): candidate names, the first word of a sentence left out
    when it is a common word."""
    found = []
    for match in NAME.finditer(text):
        words = match.group(0).split()
        while words and (words[0].lower() in PARTICLES or words[0].lower() in LEADING_WORDS):
            words = words[1:]
        while words and words[-1].lower() in PARTICLES:
            words = words[:-1]
        if words:
            found.append(" ".join(w.rstrip("’'") for w in words))
    return found


def role_of(words: str, name: str) -> str | None:
    """The words of a speaker phrase that are not the name: its role (« Russian Foreign Minister »)."""
    role = " ".join(words.replace(name, " ").split()).strip(" ,")
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE)
    return role.lower() or None if len(role.split()) <= 8 else None


def topic_of(content: str) -> str | None:
    """A short label: the first noun phrase of what was said that an article or a possessive opens (« a new round
    of talks » → « new round »), else one a preposition opens (« open to serious negotiations » → « serious
    negotiations »), else its first three words that are not function words. A phrase that opens on a capital
    names a place or an actor, not a topic (« in the Sahel »).

    Example:
        >>> topic_of("it was deeply concerned by the escalation")
        'escalation'
    """
    words = WORD.findall(content)
    lowered = [word.lower() for word in words]
    for openers in (DETERMINERS, PREPOSITIONS):
        for index in range(1, len(words)):
            if lowered[index - 1] in openers and lowered[index] not in FUNCTION_WORDS and not words[index][:1].isupper():
                phrase = [lowered[index]]
                for word in lowered[index + 1:index + 3]:
                    if word in FUNCTION_WORDS or word in PREPOSITIONS or word.endswith(("ed", "ing")):
                        break  # « the exercises tested … »: the phrase ends where a verb begins
                    phrase.append(word)
                return " ".join(phrase)
    kept = [word for word in lowered if word not in FUNCTION_WORDS]
    return " ".join(kept[:3]) or None


DETERMINERS = frozenset("the a an its their his her our any all every new".split())
PREPOSITIONS = frozenset("of on over about against for with by into towards toward between among from".split())


FUNCTION_WORDS = frozenset("the a an of to in on for and or but that this these those it its is are was were be been has "
                      "have had will would could should may might not no with by from as at we our they their he she his "
                      "her i you there which who what".split())
