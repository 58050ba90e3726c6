"""A spaCy parse read once into plain Python objects, for the extractor's many small questions.

Every ``token.head``, ``doc[i]`` or ``token.lower_`` on a spaCy document
makes a new Python object or looks a string up again: the extractor asks
millions of them per thousand articles, and a quarter of its time went into
making Token objects. :class:`ParsedDoc` reads the document's columns in one
call (``Doc.to_array``) and makes one :class:`ParsedToken` per token, with its
attributes as plain fields and its head and children linked once. The
document is the list of its tokens (so ``doc[i]``, ``len(doc)`` and ``doc[i:j]``
cost what they cost on a list; a slice is a plain list), and its spans
(:class:`ParsedSpan`: sentences, entities, ``doc.span(i, j)``) slice that list. They answer the questions the
extractor asks with the same values as spaCy's own objects (``Span.root``,
``Token.subtree``, ``Doc.char_span`` and the order of ``Token.children``
included); what is rare is asked of the spaCy document (``left_edge``, the
morphology's values). :func:`reading` frees them when the article is done.

Example:
    >>> doc = ParsedDoc(nlp("Lavrov a dit non."))
    >>> doc[1].head.lemma_, [t.text for t in doc[2].children]
    ('dire', ['Lavrov', 'a', 'non', '.'])
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START, SPACY
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from kg.collector import collector_paused
from kg.nlp import text_of

COLUMNS = [ORTH, LOWER, LEMMA, DEP, ENT_TYPE, MORPH, POS, IDX, HEAD, SENT_START, ENT_IOB, IS_PUNCT, IS_SPACE, SPACY]
"""Read in this order: five strings (by hash), the morphology's hash, then numbers."""
IOB = ("", "I", "O", "B")
SENT_STARTS = {1: True, -1: False, 0: None}
MAX_STRINGS = 200_000
"""Distinct strings remembered by hash before the memory is emptied (a long build meets ever more words)."""

_STRINGS: dict[int, str] = {}


class ParsedToken:
    """One token: the attributes of spaCy's ``Token`` that the extractor reads, as plain fields."""

    __slots__ = ("doc", "i", "text", "lower_", "lemma_", "dep_", "ent_type_", "morph_key", "pos_", "idx", "head",
                 "is_punct", "is_space", "children")

    doc: ParsedDoc
    i: int
    text: str
    lower_: str
    lemma_: str
    dep_: str
    ent_type_: str
    morph_key: int
    pos_: str
    idx: int
    head: ParsedToken
    is_punct: bool
    is_space: bool
    children: tuple[ParsedToken, ...]

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    # spaCy orders tokens by their character offset
    def __lt__(self, other: ParsedToken) -> bool:
        return self.idx < other.idx

    def __le__(self, other: ParsedToken) -> bool:
        return self.idx <= other.idx

    def __gt__(self, other: ParsedToken) -> bool:
        return self.idx > other.idx

    def __ge__(self, other: ParsedToken) -> bool:
        return self.idx >= other.idx

    @property
    def is_sent_start(self) -> bool | None:
        return SENT_STARTS[int(self.doc.table[self.i, 9])]

    @property
    def ent_iob_(self) -> str:
        return IOB[int(self.doc.table[self.i, 10])]

    @property
    def lefts(self) -> Iterator[ParsedToken]:
        return (child for child in self.children if child.i < self.i)

    @property
    def rights(self) -> Iterator[ParsedToken]:
        return (child for child in self.children if child.i > self.i)

    @property
    def subtree(self) -> Iterator[ParsedToken]:
        """The token and its descendants, in spaCy's order (left subtrees, the token, right subtrees)."""
        found: list[ParsedToken] = []
        _subtree_into(self, found)
        return iter(found)

    @property
    def left_edge(self) -> ParsedToken:
        return self.doc[self.doc.spacy[self.i].left_edge.i]

    @property
    def morph(self) -> Any:
        return self.doc.spacy[self.i].morph

    @property
    def sent(self) -> ParsedSpan:
        return self.doc.sentence_at(self.i)

    def nbor(self, offset: int = 1) -> ParsedToken:
        return self.doc[self.i + offset]


class ParsedSpan:
    """A span of a :class:`ParsedDoc` (a sentence, an entity, ``doc.span(i, j)``), like spaCy's ``Span``."""

    __slots__ = ("doc", "start", "end", "label_", "start_char", "end_char")

    def __init__(self, doc: ParsedDoc, start: int, end: int, label: str = "") -> None:
        self.doc, self.start, self.end, self.label_ = doc, start, end, label
        self.start_char = doc[start].idx if start < len(doc) else len(doc.text)
        if end > start:
            last = doc[end - 1]
            self.end_char = last.idx + len(last.text)
        else:
            self.end_char = self.start_char

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[ParsedToken]:
        return iter(self.doc[self.start:self.end])

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, end = _bounds(key, len(self))
            return ParsedSpan(self.doc, self.start + start, self.start + end)
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(f"index {key} out of a span of {len(self)} tokens")
        return self.doc[self.start + key]

    def __repr__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    @property
    def root(self) -> ParsedToken:
        """The token with the shortest path to the sentence's root (the first of equals), as spaCy's ``Span.root``."""
        tokens = self.doc
        for token in tokens[self.start:self.end]:
            if token.head is token:
                return token
        best, best_depth = None, len(tokens)
        for token in tokens[self.start:self.end]:
            if self.start <= token.head.i < self.end:
                continue
            depth = _words_to_root(token, len(tokens))
            if depth < best_depth:
                best, best_depth = token, depth
        return best if best is not None else tokens[self.start]

    @property
    def sent(self) -> ParsedSpan:
        return self.doc.sentence_at(self.start)


class ParsedDoc(list):
    """The tokens of a spaCy ``Doc`` (the list's items), with its sentences and entities, read once; ``spacy`` is
    the document itself.

    Being a list, it is indexed, measured and walked at C speed (``doc[i]``,
    ``len(doc)``, ``for t in doc``), the extractor's commonest questions; a
    slice (``doc[i:j]``) is a plain list of tokens, and :meth:`span` the
    :class:`ParsedSpan` of the same tokens, like spaCy's ``doc[i:j]``.
    Equality and hashing are by identity, as for spaCy's documents.
    ``user_data`` is this object's own (what is kept there describes these
    objects, not spaCy's).
    """

    __slots__ = ("spacy", "vocab", "user_data", "hashes", "table", "_offsets", "_reaches", "_sentences", "_starts")
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__  # type: ignore[assignment]

    def __init__(self, doc: Doc) -> None:
        self.spacy = doc
        self.vocab = doc.vocab
        self.user_data: dict[str, Any] = {}
        self.hashes: dict[str, list[int]] = {}  # spaCy attribute name → its column of string hashes
        self.table: Any = None  # the columns as read (``COLUMNS``): sentences, entities, is_sent_start, ent_iob_
        self._offsets: list[int] = []  # each token's first character
        self._reaches: list[int] = []  # the character after each token and its trailing blank
        super().__init__(_tokens(self, doc))
        self._sentences: tuple[ParsedSpan, ...] | None = None
        self._starts: list[int] = []

    def span(self, start: int, end: int, label: str = "") -> ParsedSpan:
        """The tokens ``doc[start:end]`` as a span, the slice read as spaCy reads it (clipped, never reversed)."""
        start, end = _bounds(slice(start, end), len(self))
        return ParsedSpan(self, start, end, label)

    @property
    def text(self) -> str:
        return text_of(self.spacy)

    @property
    def sents(self) -> tuple[ParsedSpan, ...]:
        """spaCy's ``Doc.sents``, read from the sentence-start column; spaCy's own for an empty document, when a
        hook makes them, or when no sentence start is set (spaCy then raises its error)."""
        if self._sentences is None:
            if self.table is None or "sents" in self.spacy.user_hooks or not self.spacy.has_annotation("SENT_START"):
                bounds = [(s.start, s.end) for s in self.spacy.sents]  # (spaCy raises where it must)
            else:
                starts = [0, *(numpy.flatnonzero(self.table[1:, 9] == 1) + 1).tolist()]
                bounds = list(zip(starts, [*starts[1:], len(self)]))
            self._sentences = tuple(ParsedSpan(self, start, end) for start, end in bounds)
            self._starts = [s.start for s in self._sentences]
        return self._sentences

    @property
    def ents(self) -> tuple[ParsedSpan, ...]:
        """spaCy's ``Doc.ents``, read from the entity columns: a span opens on a B with a type, goes on over the Is."""
        if self.table is None:
            return ()
        iob, kind = self.table[:, 10], self.table[:, 4]
        opened = (iob == 3) & (kind != 0)
        # an I right after no entity (O, missing, or a B without a type) is an error spaCy reports: let it say so
        closed = (iob[:-1] == 0) | (iob[:-1] == 2) | ((iob[:-1] == 3) & (kind[:-1] == 0))
        if iob[0] == 1 or numpy.any((iob[1:] == 1) & closed):
            return tuple(ParsedSpan(self, e.start, e.end, e.label_) for e in self.spacy.ents)
        inside = (iob == 1).tolist()
        found = []
        for start in numpy.flatnonzero(opened).tolist():
            end = start + 1
            while end < len(inside) and inside[end]:
                end += 1
            found.append(ParsedSpan(self, start, end, self[start].ent_type_))
        return tuple(found)

    def sentence_at(self, index: int) -> ParsedSpan:
        sentences = self.sents
        return sentences[bisect_right(self._starts, index) - 1]

    def char_span(self, start_char: int, end_char: int, alignment_mode: str = "strict") -> ParsedSpan | None:
        """The tokens of ``text[start_char:end_char]``, aligned as spaCy's ``Doc.char_span`` aligns them."""
        tokens = self
        start = self._token_at(start_char)
        if start < 0 or alignment_mode == "strict" and start_char != tokens[start].idx:
            return None
        end = self._token_at(end_char - 1)
        if end < 0 or alignment_mode == "strict" and end_char != tokens[end].idx + len(tokens[end].text):
            return None
        if alignment_mode == "contract":
            if tokens[start].idx < start_char:
                start += 1
            if end_char < tokens[end].idx + len(tokens[end].text):
                end -= 1
            if end < start:
                return None
        elif alignment_mode == "expand" and start_char == tokens[start].idx + len(tokens[start].text):
            start += 1  # the blank after a token is not part of it
        if end + 1 < start:  # spaCy refuses such a span: let it say so
            self.spacy.char_span(start_char, end_char, alignment_mode=alignment_mode)
        return ParsedSpan(self, start, end + 1)

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing blank holds the character ``char``, or -1."""
        index = bisect_right(self._offsets, char) - 1
        return index if index >= 0 and char < self._reaches[index] else -1

    def to_array(self, attributes: Any) -> Any:
        return self.spacy.to_array(attributes)

    def release(self) -> None:
        """Cut the links between these objects (no token, span or cached value is usable after)."""
        for token in self:
            del token.head, token.children
        self.clear()
        self.table = None
        self._sentences = None
        self.user_data.clear()


@contextmanager
def reading(doc: Doc) -> Iterator[ParsedDoc]:
    """``doc`` read once for the block, with Python's cycle collector paused meanwhile; on the way out the
    objects' links are cut (:meth:`ParsedDoc.release`), so that reference counting frees them at once.

    A read document is a web of reference cycles (tokens and their heads,
    children and document): thousands of objects per article that would
    otherwise survive to the collector's older generations and be walked by
    its passes before being freed.
    """
    with collector_paused():
        view = ParsedDoc(doc)
        try:
            yield view
        finally:
            view.release()


def _tokens(owner: ParsedDoc, doc: Doc) -> list[ParsedToken]:
    if not len(doc):
        return []
    table = doc.to_array(COLUMNS).astype(numpy.int64)
    strings = doc.vocab.strings
    if len(_STRINGS) > MAX_STRINGS:
        _STRINGS.clear()
    hashed = table[:, :6].view(numpy.uint64)
    # each distinct string looked up once, then spread over the five columns by numpy (an object array's take)
    distinct, where = numpy.unique(hashed[:, :5], return_inverse=True)
    names = []
    for value in distinct.tolist():
        name = _STRINGS.get(value)
        if name is None:
            name = _STRINGS[value] = strings[value]
        names.append(name)
    texts = numpy.array(names, dtype=object)[where.reshape(-1, 5)].T.tolist()
    *columns, morphs = hashed[:, [0, 1, 2, 5]].T.tolist()
    owner.hashes = dict(zip(("ORTH", "LOWER", "LEMMA"), columns))
    owner.table = table
    owner._offsets = offsets = table[:, 7].tolist()
    owner._reaches = (table[:, 7] + numpy.fromiter(map(len, texts[0]), numpy.int64, len(doc)) + table[:, 13]).tolist()
    pos, heads, flags = table[:, 6], table[:, 8], table[:, 11:13] != 0
    tokens = list(map(object.__new__, repeat(ParsedToken, len(doc))))
    # one loop that sets every field: a third of the time of calling a constructor per token
    for token, i, text, lower, lemma, dep, ent_type, morph_key, pos_, idx, (punct, space) in zip(
            tokens, range(len(doc)), *texts, morphs, map(POS_NAMES.__getitem__, pos.tolist()), offsets, flags.tolist()):
        token.doc, token.i, token.text, token.lower_, token.lemma_, token.dep_ = owner, i, text, lower, lemma, dep
        token.ent_type_, token.morph_key, token.pos_, token.idx, token.is_punct, token.is_space = (
            ent_type, morph_key, pos_, idx, punct, space)
    children: list[list[ParsedToken]] = [[] for _ in tokens]
    for token, offset in zip(tokens, heads.tolist()):
        head = token.head = tokens[token.i + offset]
        if offset:
            children[head.i].append(token)
    for token, kids in zip(tokens, children):
        token.children = tuple(kids)
    return tokens


def _subtree_into(token: ParsedToken, found: list[ParsedToken]) -> None:
    """Append ``token``'s subtree to ``found`` in spaCy's order (its children are in text order)."""
    i = token.i
    for child in token.children:
        if child.i < i:
            _subtree_into(child, found)
    found.append(token)
    for child in token.children:
        if child.i > i:
            _subtree_into(child, found)


def _bounds(key: slice, length: int) -> tuple[int, int]:
    """spaCy's reading of a slice: clipped to the sequence, never ending before it starts, no step."""
    start, end, _step = key.indices(length)
    return start, max(start, end)


def _words_to_root(token: ParsedToken, limit: int) -> int:
    """Steps up to the sentence's root; a punctuation mark or a blank without children counts as far (spaCy's rule)."""
    if (token.is_space or token.is_punct) and not token.children:
        return limit - 1
    steps = 0
    while token.head is not token and steps < limit:
        token = token.head
        steps += 1
    return steps
