"""kg.regex_cache: large patterns compiled once, reused from disk, and identical to what ``re`` builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from kg import regex_cache
from kg.regex_cache import compiled_regexes

ROOT = Path(__file__).resolve().parent.parent

WORDS = [f"mot{n}-trait-{n * 7}" for n in range(2_500)] + ["aujourd'hui", "peut-être", "c'est-à-dire"]
PATTERN = "(?iu)" + "|".join(f"(?:{re.escape(word)})" for word in WORDS) + r"|(?P<nombre>\d+[.,]\d+)"
PROBES = ["mot12-trait-84", "MOT12-TRAIT-84", "Aujourd'hui", "peut-être", "3,14", "mot12-trait-85", "rien", ""]


def _results(pattern: re.Pattern) -> list:
    return [(m.group(0), m.groupdict(), m.span()) if (m := pattern.match(probe)) else None for probe in PROBES]


def test_a_large_pattern_is_saved_then_rebuilt_identical(tmp_path: Path) -> None:
    assert len(PATTERN) >= regex_cache.MIN_LENGTH
    expected = re.compile(PATTERN)
    with compiled_regexes(tmp_path):
        first = regex_cache._compiler.compile(PATTERN, 0)
    files = list(tmp_path.glob("*.bin"))
    assert len(files) == 1
    with compiled_regexes(tmp_path):
        second = regex_cache._compiler.compile(PATTERN, 0)
    assert first is not second
    for pattern in (first, second):
        assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == \
            (expected.pattern, expected.flags, expected.groups, expected.groupindex)
        assert _results(pattern) == _results(expected)
    assert _results(expected)[0] is not None and _results(expected)[-2] is None


def test_small_patterns_and_other_flags_are_left_to_re(tmp_path: Path) -> None:
    original = regex_cache._compiler.compile
    with compiled_regexes(tmp_path):
        assert regex_cache._compiler.compile is not original
        regex_cache._compiler.compile(r"\d+", 0)
        regex_cache._compiler.compile(PATTERN, re.MULTILINE)
    assert len(list(tmp_path.glob("*.bin"))) == 1  # only the large one, keyed with its flags
    assert regex_cache._compiler.compile is original  # re is itself again after the block


def test_a_corrupt_or_truncated_file_is_compiled_again(tmp_path: Path) -> None:
    expected = re.compile(PATTERN)
    with compiled_regexes(tmp_path):
        regex_cache._compiler.compile(PATTERN, 0)
    saved = next(tmp_path.glob("*.bin"))
    for damage in (b"not json\n" + saved.read_bytes(), saved.read_bytes()[:-3], saved.read_bytes()[:-400] + b"\xff" * 400):
        saved.write_bytes(damage)
        with compiled_regexes(tmp_path):
            again = regex_cache._compiler.compile(PATTERN, 0)
        assert _results(again) == _results(expected)


def test_an_unwritable_folder_still_compiles(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with compiled_regexes(blocker / "regex"):
        pattern = regex_cache._compiler.compile(PATTERN, 0)
    assert _results(pattern) == _results(re.compile(PATTERN))


def test_the_model_tokenizes_the_same_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    """Two fresh processes: the first compiles spaCy's French token pattern and saves it, the second reuses it."""
    text = ("Aujourd'hui, le vice-ministre russe a-t-il dit qu'il viendrait peut-être à Saint-Pétersbourg ? "
            "« C'est-à-dire jusqu'au 15 mars », a précisé l'ex-porte-parole, e-mail à l'appui.")
    code = (f"from kg.nlp import load; print('|'.join(t.text for t in load().tokenizer({text!r})))")
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
            for _ in range(2)]
    assert list((tmp_path / "regex").glob("*.bin"))
    assert runs[0].stdout == runs[1].stdout
    tokens = runs[0].stdout.strip().split("|")
    assert "Aujourd'hui" in tokens and "vice-ministre" in tokens and "peut-être" in tokens
