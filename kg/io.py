"""Read articles from ``.txt`` files, JSON Lines (plain or gzipped), folders and stdin.

Inputs are read lazily: :func:`read_inputs` yields one :class:`Article` or one
:class:`Problem` at a time, so a batch goes on past a bad file and memory does
not grow with the collection.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from kg.cache import CACHE_DIR
from kg.records import Article

MAX_ARTICLE_CHARS = 200_000
"""The longest article read, in characters: ten times a long news article. Extraction compares each statement
with what the whole article names, so its time grows with the square of the length: 96,000 characters of
dense quotes took 2.5 s beyond the parse, two million would take a quarter of an hour."""
SUFFIXES = (".txt", ".jsonl", ".jsonl.gz")
SUPPORTED_LANGS = ("fr", "en")

_SURROGATE = re.compile("[\ud800-\udfff]")
"""A UTF-16 surrogate code point: what JSON's ``\\ud800`` escapes give when their pair is missing (no text holds one)."""

T = TypeVar("T")

_FRENCH = frozenset("le la les des du de et est une un que qui dans pour pas sur au aux a ont été il elle".split())
_ENGLISH = frozenset("the of and to in is that for on was with as by said are has have it from".split())
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, and why (one line, for the user)."""

    where: str
    reason: str

    def __str__(self) -> str:
        where = self.where.replace("\n", "\\n").replace("\r", "\\r")  # a file name may hold a line break
        return f"{where}: {self.reason}"


def guess_language(text: str) -> str | None:
    """``fr``, ``en`` or None from the share of common function words."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 5:
        return None
    french = sum(w in _FRENCH for w in words) / len(words)
    english = sum(w in _ENGLISH for w in words) / len(words)
    if max(french, english) < 0.08:
        return None
    return "fr" if french >= english else "en"


def in_batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def language_of(article: Article) -> str:
    """The article's language: its own ``lang`` field, else the one its words show (``fr`` when unsure)."""
    return (article.lang or guess_language(article.text) or "fr").lower()[:2]


def _check(article: Article, where: str) -> Article | Problem:
    if not article.text.strip():
        return Problem(where, "empty article")
    if len(article.text) > MAX_ARTICLE_CHARS:
        return Problem(where, f"article too large ({len(article.text):,} characters, limit {MAX_ARTICLE_CHARS:,}; "
                              "split it)")
    if "\x00" in article.text:
        return Problem(where, "binary content (NUL bytes), not text")
    lang = (article.lang or guess_language(article.text) or "").lower()[:2]
    if lang not in SUPPORTED_LANGS:
        reads = ", ".join(SUPPORTED_LANGS)
        if not (article.lang or lang):
            return Problem(where, f"language not recognised as French or English (kg reads: {reads})")
        return Problem(where, f"language '{article.lang or lang}' is not supported (kg reads: {reads})")
    return article


def _decode(data: bytes, where: str) -> str | Problem:
    if not data.strip():
        return Problem(where, "empty file")
    if b"\x00" in data[:8192]:
        return Problem(where, _utf16(data) or "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Problem(where, _not_utf8(data, error))
    return text[1:] if text.startswith("\ufeff") else text


def _utf16(data: bytes) -> str | None:
    """The reason to give for UTF-16 text (it starts with its byte-order mark), else None."""
    return "UTF-16 text; kg reads UTF-8 (convert it, e.g. with iconv -f UTF-16 -t UTF-8)" if data[:2] in (
        b"\xff\xfe", b"\xfe\xff") else None


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    return f"not valid UTF-8 (byte {error.start}: {data[error.start:error.start + 1]!r})"


def read_txt(path: Path) -> Article | Problem:
    """One article from a UTF-8 text file; its id is the file stem."""
    try:
        if path.stat().st_size > MAX_ARTICLE_CHARS * 4:
            return Problem(str(path), f"file too large ({path.stat().st_size:,} bytes)")
        data = path.read_bytes()
    except OSError as error:
        return Problem(str(path), f"cannot read: {error.strerror or error}")
    text = _decode(data, str(path))
    if isinstance(text, Problem):
        return text
    return _check(Article(id=path.stem, text=text, path=str(path)), str(path))


def _article_from_json(line: str, where: str) -> Article | Problem:
    try:
        record = json.loads(line.rstrip("\r\n"))  # (with its newline, an error at its end would be « line 2, column 1 »)
    except json.JSONDecodeError as error:
        return Problem(where, f"malformed JSON ({error.msg}, column {error.colno})")
    except RecursionError:
        return Problem(where, "malformed JSON (nested too deeply)")
    except ValueError:  # Python refuses integers of more than 4,300 digits
        return Problem(where, "malformed JSON (a number too long to read)")
    if not isinstance(record, dict):
        return Problem(where, "a JSON object with 'id' and 'text' was expected")
    text, ident = record.get("text"), record.get("id")
    if not isinstance(text, str) or ident is None or isinstance(ident, (dict, list)) or not str(ident).strip():
        return Problem(where, "missing 'id' or 'text' (a string)")
    ident = str(ident)
    fields = {key: record.get(key) for key in ("title", "date", "source", "url", "lang")}
    fields = {key: str(value).strip() or None if value is not None else None for key, value in fields.items()}
    for name, value in {"text": text, "id": ident, **fields}.items():
        stray = _SURROGATE.search(value) if value else None
        if stray:  # a \\ud800 escape without its pair: not a character, and no file can hold it
            return Problem(where, f"'{name}' is not valid Unicode (a lone surrogate, U+{ord(stray.group()):04X}, "
                                  f"at character {stray.start() + 1})")
    return _check(Article(id=ident, text=text, path=where.split(":")[0], **fields), where)


def read_jsonl_stream(stream: IO[bytes], name: str) -> Iterator[Article | Problem]:
    """Articles from JSON Lines, one per line; a bad line is reported and skipped. A stream that breaks off
    (a truncated or damaged ``.gz``) gives the articles before the break, then the problem, naming the last
    line read."""
    seen_any = False
    number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            seen_any = True
            where = f"{name}:{number}"
            if b"\x00" in raw:
                yield Problem(where, _utf16(raw) or "binary content (NUL bytes), not text")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield Problem(where, _not_utf8(raw, error))
                continue
            yield _article_from_json(line[1:] if number == 1 and line.startswith("\ufeff") else line, where)
    except (OSError, EOFError, zlib.error) as error:
        after = f" after line {number}" if number else ""
        yield Problem(name, f"cannot read{after}: {getattr(error, 'strerror', None) or error}")
        return
    if not seen_any:
        yield Problem(name, "empty file")


def read_jsonl(path: Path) -> Iterator[Article | Problem]:
    """Articles from a ``.jsonl`` or ``.jsonl.gz`` file (see :func:`read_jsonl_stream`)."""
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as stream:
            yield from read_jsonl_stream(stream, str(path))
    except OSError as error:  # (the file cannot be opened; what breaks while it is read is said above)
        yield Problem(str(path), f"cannot read: {error.strerror or error}")


def _files(root: Path) -> Iterator[Path]:
    """Article files below ``root``, skipping hidden files and folders inside it (``../data`` itself is fine) and
    the output folders of kg builds (those holding a ``.kg-cache``: ``kg build .`` must not read its own
    ``statements.jsonl``)."""
    found = sorted(root.rglob("*"))
    outputs = {path.parent for path in found if path.name == CACHE_DIR and path.is_dir()}
    for path in found:
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if path.is_file() and path.name.endswith(SUFFIXES) and not hidden and outputs.isdisjoint(path.parents):
            yield path


def read_inputs(inputs: Iterable[str], stdin: IO[bytes] | None = None) -> Iterator[Article | Problem]:
    """Articles from every input: files, folders (recursively) and ``-`` for stdin.

    Example:
        >>> for item in read_inputs(["data/"]):
        ...     print(item.id if isinstance(item, Article) else f"skipped {item}")
    """
    for name in inputs:
        if name == "-":
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            paths = list(_files(path))
            if not paths:
                yield Problem(name, "no .txt or .jsonl files in this folder")
            for file in paths:
                yield from _read_file(file)
        elif path.is_file():
            yield from _read_file(path)
        else:
            yield Problem(name, "no such file or folder")


def input_state(inputs: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """What the inputs hold on disk now: each file :func:`read_inputs` would read, with its size and modification
    time (nanoseconds); a file or folder that is missing is listed with -1, -1. Standard input has no state.

    Example:
        >>> input_state(["data/"]) == input_state(["data/"])
        True
    """
    state: list[tuple[str, int, int]] = []
    for name in inputs:
        path = Path(name)
        files = list(_files(path)) if path.is_dir() else [path] if name != "-" else []
        for file in files:
            try:
                info = file.stat()
            except OSError:
                state.append((str(file), -1, -1))
            else:
                state.append((str(file), info.st_size, info.st_mtime_ns))
    return tuple(state)


def _read_file(path: Path) -> Iterator[Article | Problem]:
    if _SURROGATE.search(str(path)):  # bytes that are not UTF-8 in the name, kept by Python as lone surrogates
        yield Problem(str(path), "file name is not valid UTF-8 (rename the file)")
    elif path.name.endswith((".jsonl", ".jsonl.gz")):
        yield from read_jsonl(path)
    elif path.suffix == ".txt":
        yield read_txt(path)
    else:
        yield Problem(str(path), "unsupported file type (expected .txt, .jsonl or .jsonl.gz)")
