"""Extraction in batches and in worker processes: same records, input order, bad articles skipped."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.build import build
from scale_helpers import build_while_edited
from kg.cache import decode_mention
from kg.io import Problem
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
