"""``kg build --watch``: a build on every change of the inputs, the model loaded once."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import OUTPUTS, BuildError, build
from kg.io import input_state
from kg.watch import Watcher

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
KG = [sys.executable, "-m", "kg"]


pytestmark = pytest.mark.usefixtures("one_version")  # tests/conftest.py


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("s01_quote_after.txt", "s02_quote_before.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_input_state_sees_added_changed_and_removed_files(inbox: Path) -> None:
    before = input_state([str(inbox)])
    assert [Path(path).name for path, _size, _mtime in before] == ["s01_quote_after.txt", "s02_quote_before.txt"]
    assert input_state([str(inbox)]) == before
    (inbox / "notes.md").write_text("not an article", encoding="utf-8")  # not read by kg: no change
    assert input_state([str(inbox)]) == before
    shutil.copy(SAMPLES / "s03_coordinated_relay.txt", inbox)
    added = input_state([str(inbox)])
    assert len(added) == 3
    (inbox / "s01_quote_after.txt").write_text("« Non », a dit Sergueï Lavrov.", encoding="utf-8")
    assert input_state([str(inbox)]) != added
    (inbox / "s02_quote_before.txt").unlink()
    assert len(input_state([str(inbox)])) == 2
    assert input_state([str(inbox / "gone.txt")]) == ((str(inbox / "gone.txt"), -1, -1),)


def test_each_change_is_built_from_the_cache_and_gives_what_a_full_build_gives(pipeline, inbox: Path,
                                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    watcher = Watcher([str(inbox)], out, pipeline=pipeline)
    assert watcher.changed()
    first = watcher.build()
    assert (first.parsed, first.cached) == (2, 0)
    assert not watcher.changed()

    shutil.copy(SAMPLES / "s03_coordinated_relay.txt", inbox)
    assert watcher.changed()
    added = watcher.build()
    assert (added.parsed, added.cached) == (1, 2)
    full = tmp_path / "full"
    build(pipeline, [str(inbox)], full, use_cache=False)
    assert outputs(out) == outputs(full)

    (inbox / "s02_quote_before.txt").unlink()
    removed = watcher.build()
    assert (removed.articles, removed.parsed, removed.cached) == (2, 0, 2)
    assert "s02_quote_before" not in (out / "statements.jsonl").read_text(encoding="utf-8")
    assert watcher.pipeline is pipeline  # never loaded again


def test_a_damaged_cache_entry_is_parsed_again_without_stopping_the_watcher(pipeline, inbox: Path,
                                                                            tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from kg.cache import MentionCache

    out = tmp_path / "out"
    watcher = Watcher([str(inbox)], out, pipeline=pipeline)
    watcher.build()
    with closing(sqlite3.connect(MentionCache.open(out).path)) as db, db:
        db.execute("UPDATE mentions SET records = '{}'")  # valid JSON, but no list of records
    shutil.copy(SAMPLES / "s03_coordinated_relay.txt", inbox)
    rebuilt = watcher.build()
    assert (rebuilt.parsed, rebuilt.cached) == (2, 1)  # the new article was cached by the try that stopped
    full = tmp_path / "full"
    build(pipeline, [str(inbox)], full, use_cache=False)
    assert outputs(out) == outputs(full)


def test_run_polls_and_builds_once_per_change(pipeline, inbox: Path, tmp_path: Path) -> None:
    watcher = Watcher([str(inbox)], tmp_path / "out", pipeline=pipeline)
    reports, sleeps = [], []

    def sleep(seconds: float) -> None:  # the first wait brings a new article, the second nothing
        sleeps.append(seconds)
        if len(sleeps) == 1:
            shutil.copy(SAMPLES / "s03_coordinated_relay.txt", inbox)

    watcher.run(0.25, reports.append, should_stop=lambda: len(sleeps) >= 3, sleep=sleep)
    # built at once, then once the new file has stayed as it is for one poll
    assert [(r.articles, r.parsed) for r in reports] == [(2, 2), (3, 1)]
    assert sleeps == [0.25, 0.25, 0.25]


def test_a_change_is_built_once_it_has_settled(pipeline, inbox: Path, tmp_path: Path) -> None:
    watcher = Watcher([str(inbox)], tmp_path / "out", pipeline=pipeline)
    watcher.build()
    assert not watcher.settled()
    shutil.copy(SAMPLES / "s03_coordinated_relay.txt", inbox)
    assert not watcher.settled()  # just changed: perhaps still being written
    assert watcher.settled()
    watcher.build()
    assert not watcher.settled()


def test_an_output_folder_inside_a_watched_folder_is_refused(inbox: Path) -> None:
    with pytest.raises(ValueError, match="inside it"):
        Watcher([str(inbox)], inbox / "out")
    done = subprocess.run([*KG, "build", str(inbox), "--out", str(inbox / "out"), "--watch", "1"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().endswith("is inside it; each build would set off the next")
    assert "Traceback" not in done.stderr


def test_a_model_or_resource_that_cannot_load_is_a_build_error(inbox: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("- alias: [unclosed\n", encoding="utf-8")
    watcher = Watcher([str(inbox)], tmp_path / "out", aliases=aliases)
    with pytest.raises(BuildError):
        watcher.resident_pipeline()
    done = subprocess.run([*KG, "build", str(inbox), "--out", str(tmp_path / "out"), "--aliases", str(aliases),
                           "--watch", "1", "--jobs", "1"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("kg: ")


def test_standard_input_cannot_be_watched(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="standard input"):
        Watcher(["-"], tmp_path / "out")
    done = subprocess.run([*KG, "build", "-", "--out", str(tmp_path / "out"), "--watch", "1"], capture_output=True,
                          text=True, cwd=ROOT, input="", timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == "kg: standard input cannot be watched: give files or folders"


def test_the_command_builds_rebuilds_and_stops_cleanly_on_ctrl_c(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    # SIGINT reaches the child even when this run ignores it (a test run started in the background)
    process = subprocess.Popen([*KG, "build", str(inbox), "--out", str(out), "--watch", "0.2", "--jobs", "1"],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        lines = []

        def wait_for(count: int) -> None:
            deadline = time.monotonic() + 120
            while sum("kg: watching" in line for line in lines) < count:
                assert time.monotonic() < deadline, "".join(lines)
                lines.append(process.stderr.readline())

        wait_for(1)
        assert "kg: 2 articles (0 from the cache)" in "".join(lines)
        shutil.copy(SAMPLES / "s03_coordinated_relay.txt", inbox)
        wait_for(2)
        assert "kg: 3 articles (2 from the cache)" in "".join(lines)
        os.kill(process.pid, signal.SIGINT)
        _, rest = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, rest
    assert "Traceback" not in rest
    assert rest.strip().endswith("holds the last complete build")
    assert sorted(path.name for path in out.iterdir() if not path.name.startswith(".")) == sorted(OUTPUTS)


def test_tidy_freezes_what_lives_on_and_the_next_build_hands_it_back(pipeline, inbox: Path, tmp_path: Path) -> None:
    watcher = Watcher([str(inbox)], tmp_path / "out", pipeline=pipeline)
    watcher.build()
    try:
        watcher.tidy()
        assert gc.get_freeze_count() > 0
        shutil.copy(SAMPLES / "s03_coordinated_relay.txt", inbox)
        assert watcher.build().parsed == 1
        assert gc.get_freeze_count() == 0 and gc.isenabled()
    finally:
        gc.unfreeze()
