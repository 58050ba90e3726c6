"""Extraction in batches and in worker processes: same records, input order, bad articles skipped."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import orjson
import pytest
import spacy

import kg.nlp
from kg.build import build
from scale_helpers import build_while_edited
from kg.cache import decode_mention
from kg.io import Problem
from kg.nlp import MemoryZones
from kg.parallel import BatchResult, extract_batch, ordered
from kg.records import Article

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [str(ROOT / "data"), str(ROOT / "tests" / "data" / "dev")]


def test_a_batch_gives_the_mentions_of_the_pipeline(pipeline, data_articles: list[Article]) -> None:
    result = extract_batch(pipeline, data_articles)
    expected = [mentions for _article, mentions in pipeline.run(data_articles)]
    assert [[decode_mention(record) for record in outcome] for outcome in result.outcomes] == expected
    assert result.parse_seconds > 0 and result.extract_seconds > 0


def test_one_failing_article_does_not_sink_its_batch(pipeline, data_articles: list[Article],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    extract = pipeline.extractor.extract
    bad = data_articles[1].id

    def fragile(doc, cleaned, article):
        if article.id == bad:
            raise IndexError("token index out of range")
        return extract(doc, cleaned, article)

    monkeypatch.setattr(pipeline.extractor, "extract", fragile)
    outcomes = extract_batch(pipeline, data_articles[:3]).outcomes
    assert isinstance(outcomes[1], Problem) and "IndexError" in str(outcomes[1]) and bad in str(outcomes[1])
    assert "\n" not in str(outcomes[1])
    assert not isinstance(outcomes[0], Problem) and not isinstance(outcomes[2], Problem)


def test_a_text_that_cannot_be_parsed_is_skipped_alone(pipeline, data_articles: list[Article],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = pipeline.nlp.pipe
    bad = data_articles[2]

    def fragile(texts, **options):
        texts = list(texts)
        if any(text.startswith(bad.text[:40]) for text in texts):
            raise ValueError("[E088] Text of length 3000000 exceeds maximum of 2100000")
        return pipe(texts, **options)

    monkeypatch.setattr(pipeline.nlp, "pipe", fragile)
    outcomes = extract_batch(pipeline, data_articles[:4]).outcomes
    assert [isinstance(outcome, Problem) for outcome in outcomes] == [False, False, True, False]
    assert "cannot parse" in str(outcomes[2]) and "E088" in str(outcomes[2])


def test_ordered_keeps_input_order_and_a_bounded_window() -> None:
    submitted: list[int] = []
    lock = threading.Lock()

    def work(batch: list[int]) -> BatchResult:
        time.sleep(0.02 * (5 - batch[0] % 5))  # later batches finish first
        return BatchResult(tuple(batch))

    def batches():
        for number in range(12):
            with lock:
                submitted.append(number)
            yield number, [number]

    with ThreadPoolExecutor(4) as pool:
        seen = []
        for tag, result in ordered(lambda batch: pool.submit(work, batch), batches(), window=3):
            assert len(submitted) <= tag + 3  # never more than the window ahead of what was consumed
            seen.append((tag, result.outcomes))
    assert seen == [(number, (number,)) for number in range(12)]


def test_jobs_2_gives_the_same_outputs_as_jobs_1(pipeline, tmp_path: Path) -> None:
    one = build(pipeline, INPUTS, tmp_path / "one", use_cache=False, batch_size=4)
    two = build_while_edited(None, INPUTS, tmp_path / "two", jobs=2, use_cache=False, batch_size=4)
    assert (one.articles, two.articles) == (25, 25) and two.parsed == 25
    for name in ("statements.jsonl", "graph.ttl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_the_cli_checks_jobs() -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "data"), "--jobs", "0"],
                            capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    helped = subprocess.run([sys.executable, "-m", "kg", "build", "--help"], capture_output=True, cwd=ROOT, timeout=120)
    for option in (b"--jobs", b"--no-cache", b"--dask", b"--out", b"--aliases", b"--quiet"):
        assert option in helped.stdout


def _odd_article(number: int, word: str) -> Article:
    return Article(f"zone-{number}", f"« Le {word} est inacceptable », a déclaré Sergueï Lavrov devant les {word}iens.")


def test_memory_zones_hold_over_batches_and_forget_their_words(pipeline) -> None:
    strings = pipeline.nlp.vocab.strings
    first, second = _odd_article(1, "zorglubisme"), _odd_article(2, "quintroplexe")
    alone = [extract_batch(pipeline, [article]).outcomes for article in (first, second)]
    before = len(strings)
    assert "zorglubisme" not in strings and "quintroplexe" not in strings  # a batch's own zone forgot them

    zones = MemoryZones(pipeline.nlp, characters=10_000, warm=0)
    held = [extract_batch(pipeline, [article], zones).outcomes for article in (first, second)]
    assert held == alone and any(held[0])  # the same records, whichever zone the parse was in
    assert "zorglubisme" in strings and "quintroplexe" in strings  # one zone over both batches
    zones.close()
    assert "zorglubisme" not in strings and "quintroplexe" not in strings and len(strings) == before

    small = MemoryZones(pipeline.nlp, characters=len(first.text) + 1, warm=0)  # full after one article
    for article in (first, second):
        extract_batch(pipeline, [article], small)
    assert "zorglubisme" not in strings and "quintroplexe" in strings
    small.close()
    assert len(strings) == before


def test_a_batch_parsed_outside_any_zone_has_its_new_words_cached_by_the_tokenizer(
        pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = pipeline.nlp
    tokenizer = nlp.tokenizer
    shown: set[str] = set()  # the chunks warm_tokenizer gives this model: none yet, whatever ran before
    monkeypatch.setitem(kg.nlp._CHUNKS_SEEN, nlp, (tokenizer, shown))
    asked: list[str] = []
    rule = tokenizer.token_match
    monkeypatch.setattr(tokenizer, "token_match", lambda chunk: asked.append(chunk) or rule(chunk))
    text = "Le ministre a parlé.\nIl a jugé la proposition zorglubesque et les pourparlers quintroplexes."
    outside = MemoryZones(nlp, warm=10**9)  # a new model: this batch is parsed outside any zone
    extract_batch(pipeline, [Article("warm-1", text)], outside)
    assert {"zorglubesque", "quintroplexes."} <= shown
    asked.clear()
    tokenizer(text)
    assert "zorglubesque" not in asked and "quintroplexes." not in asked  # after the line break, yet cached
    inside = MemoryZones(nlp, warm=0)
    try:
        extract_batch(pipeline, [Article("warm-2", text.replace("zorglub", "brontoglyph"))], inside)
    finally:
        inside.close()
    assert "brontoglyphesque" not in shown  # parsed in a zone: nothing shown, nothing learnt


def test_a_new_model_parses_its_first_characters_outside_any_zone() -> None:
    nlp = spacy.blank("fr")
    strings = nlp.vocab.strings
    zones = MemoryZones(nlp, characters=1_000, warm=40)

    def parse(text: str) -> None:
        zones.enter(len(text))
        assert nlp(text)[1].text in strings

    parse("Le zorglubisme recule.")  # 22 characters: learnt for good
    parse("La quintroplexie avance.")  # 46 in all, more than 40: in a zone
    parse("Un brontoglyphe.")  # would have fitted in the 40, but zones have begun
    zones.close()
    assert "zorglubisme" in strings and "quintroplexie" not in strings and "brontoglyphe" not in strings
    again = MemoryZones(nlp, characters=1_000, warm=40)  # a later build of the same model
    again.enter(5)
    assert nlp("Un pluviomancien.")[1].text in strings
    again.close()
    assert "pluviomancien" not in strings


def test_a_build_in_this_process_leaves_none_of_its_words_in_the_vocabulary(pipeline, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.nlp, "WARM_CHARACTERS", 0)  # the session's model has learnt its common words already
    source = tmp_path / "in.jsonl"
    source.write_text(orjson.dumps({"id": "z1", "text": _odd_article(3, "brontoglyphe").text}).decode() + "\n",
                      encoding="utf-8")
    report = build(pipeline, [str(source)], tmp_path / "out")
    assert report.parsed == 1 and report.mentions >= 1
    assert "brontoglyphe" not in pipeline.nlp.vocab.strings
