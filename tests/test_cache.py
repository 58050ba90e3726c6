"""Incremental builds: the per-article mention cache, its keys, and builds that are interrupted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

import kg.build
from kg.build import OUTPUTS, build
from kg.cache import MentionCache, article_key, decode_mention, encode_mention, extraction_files, extraction_version
from kg.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"
ADDED = "« Nous ne reconnaîtrons jamais ce référendum », a déclaré mardi le ministre ukrainien des Affaires étrangères.\n"


pytestmark = pytest.mark.usefixtures("one_version")  # tests/conftest.py


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The ten articles of data/ (eight .txt files and a .jsonl of two), copied so that tests may change them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted((ROOT / "data").rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".jsonl"):
            shutil.copy(path, folder / path.name)
    return folder


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def articles_in(out: Path) -> set[str]:
    import json

    return {json.loads(line)["article"] for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()}


# -- keys ----------------------------------------------------------------------------------------

def test_the_key_depends_on_the_text_and_the_version() -> None:
    article = Article("a1", "« Non », a dit Lavrov.", date="2025-03-01")
    key = article_key(article, "v1")
    assert article_key(Article("a1", "« Non », a dit Lavrov.", date="2025-03-01", path="elsewhere.txt"), "v1") == key
    assert article_key(Article("a1", "« Oui », a dit Lavrov.", date="2025-03-01"), "v1") != key
    assert article_key(Article("a1", "« Non », a dit Lavrov.", date="2025-03-02"), "v1") != key
    assert article_key(article, "v2") != key


def test_a_changed_lexicon_changes_the_extraction_version(tmp_path: Path) -> None:
    package = tmp_path / "kg"
    shutil.copytree(ROOT / "kg", package, ignore=shutil.ignore_patterns("__pycache__"))
    assert extraction_version(package_dir=package) == extraction_version(package_dir=package)
    before = extraction_version(package_dir=package)
    cues = package / "resources" / "lexicon" / "cues.tsv"
    cues.write_text(cues.read_text(encoding="utf-8") + "marmonner\tdeclare\n", encoding="utf-8")
    assert extraction_version(package_dir=package) != before


def test_extraction_code_changes_the_version_and_export_code_does_not(tmp_path: Path) -> None:
    package = tmp_path / "kg"
    shutil.copytree(ROOT / "kg", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = extraction_version(package_dir=package)
    html = package / "export" / "html.py"
    html.write_text(html.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert extraction_version(package_dir=package) == before  # the graph and exports come after the cache
    speakers = package / "extract" / "speakers.py"
    speakers.write_text(speakers.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert extraction_version(package_dir=package) != before


def test_every_module_extraction_imports_is_in_the_version() -> None:
    """A module that extraction uses but the version leaves out would let stale mentions out of the cache."""
    code = ("import sys, kg.pipeline, kg.cache, kg.parallel; "
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n == 'kg' or n.startswith('kg.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    imported = {Path(line).resolve() for line in done.stdout.split()}
    hashed = {path.resolve() for path in extraction_files(ROOT / "kg")}
    assert imported - hashed == set()
    assert len(imported) > 10


def test_aliases_change_the_extraction_version(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("- name: Jean Dupont\n  kind: person\n", encoding="utf-8")
    assert extraction_version(aliases) != extraction_version()


def test_records_give_back_equal_mentions(pipeline_mentions: list) -> None:
    assert pipeline_mentions
    for mention in pipeline_mentions:
        again = decode_mention(encode_mention(mention))
        assert again == mention and again.to_dict() == mention.to_dict()
        assert again.extra == mention.extra and again.confidence == mention.confidence


def test_decoded_records_share_equal_actors_and_keep_different_ones_apart(pipeline_mentions: list) -> None:
    speakers = {}
    for mention in pipeline_mentions:
        speakers.setdefault(mention.speaker, []).append(decode_mention(encode_mention(mention)).speaker)
    repeated = [decoded for decoded in speakers.values() if len(decoded) > 1]
    assert repeated, "some speaker of data/ speaks twice"
    for decoded in repeated:
        assert all(actor is decoded[0] for actor in decoded)
    lavrov = {"name": "Lavrov", "id": "sergei-lavrov", "kind": "person"}
    first = decode_mention({**encode_mention(pipeline_mentions[0]), "speaker": lavrov})
    minister = decode_mention({**encode_mention(pipeline_mentions[0]), "speaker": {**lavrov, "role": "ministre"}})
    assert first.speaker.role is None and minister.speaker.role == "ministre"


# -- incremental builds ------------------------------------------------------------------------

def test_added_changed_and_removed_articles(pipeline, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(pipeline, [str(corpus)], out)
    assert (first.parsed, first.cached) == (10, 0) and not first.problems
    built = outputs(out)

    again = build(pipeline, [str(corpus)], out)
    assert (again.parsed, again.cached) == (0, 10)
    assert outputs(out) == built
    assert (again.articles, again.mentions, again.statements) == (first.articles, first.mentions, first.statements)

    shutil.copy(DEV / "d01_ukraine_energie.txt", corpus / "d01_ukraine_energie.txt")
    added = build(pipeline, [str(corpus)], out)
    assert (added.parsed, added.cached) == (1, 10)
    assert "d01_ukraine_energie" in articles_in(out)

    changed_file = corpus / "s01_quote_after.txt"
    changed_file.write_text(changed_file.read_text(encoding="utf-8") + "\n" + ADDED, encoding="utf-8")
    changed = build(pipeline, [str(corpus)], out)
    assert (changed.parsed, changed.cached) == (1, 10)
    assert "ce référendum" in (out / "statements.jsonl").read_text(encoding="utf-8")

    (corpus / "s02_quote_before.txt").unlink()
    removed = build(pipeline, [str(corpus)], out)
    assert (removed.parsed, removed.cached) == (0, 10)
    assert "s02_quote_before" not in articles_in(out)
    assert "s02_quote_before" not in (out / "graph.ttl").read_text(encoding="utf-8")
    with MentionCache.open(out) as cache:
        assert len(cache) == 10  # the entries of the removed article and of the old text are gone

    full = tmp_path / "full"
    scratch = build(pipeline, [str(corpus)], full, use_cache=False)
    assert scratch.parsed == 10
    assert outputs(full) == outputs(out)


def test_a_new_extraction_version_parses_everything_again(pipeline, corpus: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert build(pipeline, [str(corpus)], out).parsed == 10
    version = kg.build.extraction_version()
    monkeypatch.setattr(kg.build, "extraction_version", lambda aliases=None: "lexicon changed " + version)
    report = build(pipeline, [str(corpus)], out)
    assert (report.parsed, report.cached) == (10, 0)


def test_no_cache_parses_everything_and_refreshes_the_cache(pipeline, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pipeline, [str(corpus)], out)
    report = build(pipeline, [str(corpus)], out, use_cache=False)
    assert (report.parsed, report.cached) == (10, 0)
    assert build(pipeline, [str(corpus)], out).cached == 10


def test_a_damaged_cache_entry_stops_the_build_with_one_line_and_is_parsed_on_the_next(pipeline, corpus: Path,
                                                                                     tmp_path: Path) -> None:
    import sqlite3

    out = tmp_path / "out"
    first = build(pipeline, [str(corpus)], out)
    built = outputs(out)
    cache_file = MentionCache.open(out).path
    with closing(sqlite3.connect(cache_file)) as db, db:
        key = db.execute("SELECT key FROM mentions ORDER BY key LIMIT 1").fetchone()[0]
        db.execute("UPDATE mentions SET records = ? WHERE key = ?", ('[{"speaker": ', key))
    with pytest.raises(kg.build.BuildError, match="1 cached article.* could not be read") as raised:
        build(pipeline, [str(corpus)], out)
    assert "\n" not in str(raised.value) and str(cache_file) in str(raised.value)
    assert outputs(out) == built  # the previous outputs stay
    again = build(pipeline, [str(corpus)], out)
    assert (again.parsed, again.cached, again.mentions) == (1, 9, first.mentions)
    assert outputs(out) == built


def test_nothing_readable_writes_nothing(pipeline, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    report = build(pipeline, [str(tmp_path / "in")], tmp_path / "out")
    assert report.articles == 0 and len(report.problems) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# -- interrupted builds ------------------------------------------------------------------------

def interrupt_after(count: int):
    seen: list[str] = []

    def on_article(article: Article) -> None:
        seen.append(article.id)
        if len(seen) == count:
            raise KeyboardInterrupt

    return on_article


def assert_no_leftovers(out: Path) -> None:
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".kg-staging-*"))


def test_an_interrupted_first_build_writes_no_output_and_keeps_what_it_parsed(pipeline, corpus: Path,
                                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        build(pipeline, [str(corpus)], out, on_article=interrupt_after(5), batch_size=2)
    assert outputs(out) == {}
    assert_no_leftovers(out)
    with MentionCache.open(out) as cache:
        cached = len(cache)
    assert 5 <= cached < 10  # every batch finished before Ctrl-C is in the cache

    resumed = build(pipeline, [str(corpus)], out, batch_size=2)
    assert (resumed.cached, resumed.parsed) == (cached, 10 - cached)
    full = build(pipeline, [str(corpus)], tmp_path / "full", use_cache=False)
    assert full.parsed == 10 and outputs(tmp_path / "full") == outputs(out)


def test_an_interrupted_rebuild_leaves_the_previous_outputs(pipeline, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(pipeline, [str(corpus)], out)
    previous = outputs(out)
    for name in ("d01_ukraine_energie.txt", "d02_mali_cedeao.txt", "d03_rdc_rwanda.txt"):
        shutil.copy(DEV / name, corpus / f"z_{name}")  # read last: the ten cached articles come first
    with pytest.raises(KeyboardInterrupt):  # at the second new article, once it is parsed
        build(pipeline, [str(corpus)], out, on_article=interrupt_after(12), batch_size=1)
    assert outputs(out) == previous
    assert_no_leftovers(out)
    resumed = build(pipeline, [str(corpus)], out, batch_size=1)
    assert resumed.parsed == 1 and resumed.cached == 12


def test_an_interrupt_while_writing_outputs_leaves_the_previous_ones(pipeline, corpus: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(pipeline, [str(corpus)], out)
    previous = outputs(out)
    (corpus / "s03_coordinated_relay.txt").unlink()
    real = kg.build.write_graph_outputs

    def write_then_interrupt(statements, articles, folder):  # the Turtle file is written, then Ctrl-C
        from kg.export.turtle import write_turtle
        from kg.graph import build_rdf

        write_turtle(build_rdf(statements, articles), folder / "graph.ttl")
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.build, "write_graph_outputs", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(pipeline, [str(corpus)], out)
    assert outputs(out) == previous
    assert_no_leftovers(out)
    monkeypatch.setattr(kg.build, "write_graph_outputs", real)
    report = build(pipeline, [str(corpus)], out)
    assert report.parsed == 0 and "s03_coordinated_relay" not in articles_in(out)


def test_a_rebuild_that_loads_its_own_model_gives_the_same_outputs_and_hands_objects_back(
        pipeline, corpus: Path, tmp_path: Path) -> None:
    import gc

    shared, own = tmp_path / "shared", tmp_path / "own"
    first = sorted(corpus.iterdir())[0]
    held = corpus.parent / "held"
    held.mkdir()
    shutil.move(str(first), held / first.name)  # one article arrives later
    for out in (shared, own):
        build(pipeline, [str(corpus)], out)
    shutil.move(str(held / first.name), corpus / first.name)
    build(pipeline, [str(corpus)], shared)
    report = build(None, [str(corpus)], own)  # cached articles are read before the model loads in this process
    assert report.parsed >= 1 and report.cached >= 1
    assert outputs(own) == outputs(shared)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the frozen objects are handed back to the collector


# -- what a build reads ---------------------------------------------------------------------------

def test_an_article_whose_id_was_already_read_is_skipped_and_reported(pipeline, tmp_path: Path) -> None:
    import json

    first = "« Nous refusons ce plan », a déclaré Sergueï Lavrov lundi à Moscou."
    other = "« Nous soutenons ce plan », a affirmé le ministre chinois des Affaires étrangères."
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": "same", "text": text}, ensure_ascii=False) + "\n"
                              for text in (first, other)), encoding="utf-8")
    report = build(pipeline, [str(source)], tmp_path / "out")
    assert report.articles == 1 and report.mentions >= 1
    [problem] = report.problems
    assert problem.reason == f"the id 'same' was already read from {source}" and "same" in problem.where
    quotes = (tmp_path / "out" / "statements.jsonl").read_text(encoding="utf-8")
    assert "refusons" in quotes and "soutenons" not in quotes  # the first article, whole; nothing of the second


def test_a_folder_built_into_itself_is_read_without_its_outputs(pipeline, corpus: Path) -> None:
    first = build(pipeline, [str(corpus)], corpus / "out")
    again = build(pipeline, [str(corpus)], corpus / "out")
    assert first.articles == again.articles == 10 and again.cached == 10
    assert not first.problems and not again.problems  # out/statements.jsonl is not read as articles
