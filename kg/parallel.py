"""Extraction in batches of articles: in this process, in worker processes, or on Dask workers.

An *engine* takes batches of articles, lazily, and gives back one
:class:`BatchResult` per batch, in input order, with at most a few batches in
flight (memory stays flat however long the input). A result holds, for each
article of the batch, its mention records as plain dicts (``Mention.to_dict``)
or a :class:`~kg.io.Problem`: spaCy objects never leave the process that
parsed them, and one bad article never sinks its batch nor its worker.

* :class:`InProcessEngine`: the pipeline of this process.
* :class:`ProcessEngine`: ``jobs`` worker processes, each loading the pipeline
  once (on its first batch).
* :class:`kg.cluster.DaskEngine`: the workers of a ``dask.distributed``
  cluster; a worker plugin loads the pipeline once per worker.

Example:
    >>> with ProcessEngine(jobs=2) as engine:
    ...     for tag, result in engine.map((i, batch) for i, batch in enumerate(batches)):
    ...         print(tag, result.outcomes)
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from time import perf_counter, process_time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from kg.cache import encode_mention
from kg.collector import collector_paused
from kg.io import Problem, language_of
from kg.records import Article
from kg.text import clean

if TYPE_CHECKING:
    from kg.nlp import MemoryZones

Tag = TypeVar("Tag")
Records = list[dict[str, Any]]


class EngineError(Exception):
    """Extraction cannot run at all: the model or resources cannot be loaded, a worker died, a cluster is unreachable."""


@dataclass(frozen=True)
class BatchResult:
    """What one batch gave: per article, its mention records or why it was skipped; and the time spent."""

    outcomes: tuple[Records | Problem, ...]
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0
    version: str | None = None  # the extraction version of the worker, checked by the client


def where(article: Article) -> str:
    """How a problem names an article: its file and id."""
    return f"{article.path} (article {article.id})" if article.path and article.path != article.id else f"article {article.id}"


def extract_batch(pipeline: Any, articles: Sequence[Article], zones: MemoryZones | None = None) -> BatchResult:
    """Parse a batch with ``nlp.pipe`` and extract every article's mentions.

    The parse is in the batch's own memory zone, or where ``zones`` puts it
    (:class:`kg.nlp.MemoryZones`: outside any zone while the model is new, then
    in a zone held over many batches). No spaCy object outlives the batch: the
    result holds plain dicts. An article whose extraction fails becomes a
    :class:`Problem`; if the parse of the batch fails, each article is tried alone.
    """
    from kg.nlp import warm_tokenizer  # (spaCy is loaded by now: a pipeline exists)

    nlp = pipeline.nlp
    cleaned = [clean(article.text) for article in articles]
    french = [index for index, article in enumerate(articles) if language_of(article) != "en"]  # English: no parse
    outcomes: list[Records | Problem] = []
    texts = [cleaned[index].text for index in french]
    if zones is not None:
        zones.enter(sum(map(len, texts)))
    with nlp.memory_zone() if zones is None else nullcontext():
        start = perf_counter()
        try:
            warm_tokenizer(nlp, texts)  # only for a parse outside any zone, whose words are kept anyway
            parsed_docs = list(nlp.pipe(texts, batch_size=max(1, len(french))))
            docs: list[Any] = [None] * len(articles)
            for index, doc in zip(french, parsed_docs):
                docs[index] = doc
            del parsed_docs
        except Exception as error:  # noqa: BLE001 (one bad text must not sink the batch)
            docs, failure = [], error
        parsed = perf_counter()
        # extraction makes many objects and no garbage cycles (a read document cuts its own): the collector's
        # passes would only walk the batch's documents and records
        with collector_paused():
            for article, doc, text in zip(articles, docs, cleaned):
                try:
                    found = pipeline.english.extract(text, article) if doc is None else pipeline.extractor.extract(doc, text, article)
                    outcomes.append([encode_mention(mention) for mention in found])
                except Exception as error:  # noqa: BLE001
                    outcomes.append(Problem(where(article), f"extraction failed ({describe(error)})"))
        del docs
    if len(outcomes) < len(articles):  # the parse failed: alone, each article gets its own outcome
        if len(articles) == 1:
            return BatchResult((Problem(where(articles[0]), f"cannot parse ({describe(failure)})"),))
        return _concat([extract_batch(pipeline, [article], zones) for article in articles])
    return BatchResult(tuple(outcomes), parsed - start, perf_counter() - parsed)


def _concat(results: Sequence[BatchResult]) -> BatchResult:
    return BatchResult(
        tuple(outcome for result in results for outcome in result.outcomes),
        sum(result.parse_seconds for result in results),
        sum(result.extract_seconds for result in results),
    )


def describe(error: BaseException) -> str:
    """One line naming an error: its type and the first line of its message."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def ordered(submit: Callable[[Sequence[Article]], Future], batches: Iterable[tuple[Tag, Sequence[Article]]],
            window: int) -> Iterator[tuple[Tag, BatchResult]]:
    """Submit batches lazily, at most ``window`` in flight, and yield their results in input order."""
    pending: deque[tuple[Tag, Future]] = deque()
    try:
        for tag, batch in batches:
            pending.append((tag, submit(batch)))
            while len(pending) >= window:
                tag_done, future = pending.popleft()
                yield tag_done, _result(future)
        while pending:
            tag_done, future = pending.popleft()
            yield tag_done, _result(future)
    finally:
        for _tag, future in pending:
            future.cancel()


def _result(future: Future) -> BatchResult:
    try:
        return future.result()
    except EngineError:
        raise
    except Exception as error:  # noqa: BLE001 (a worker that died or could not load the model)
        raise EngineError(f"extraction worker failed: {describe(error)}") from error


class Engine(Generic[Tag]):
    """Runs :func:`extract_batch` over batches; a context manager that releases its workers."""

    def map(self, batches: Iterable[tuple[Tag, Sequence[Article]]]) -> Iterator[tuple[Tag, BatchResult]]:
        raise NotImplementedError

    def close(self) -> None:
        """Release workers (nothing to do by default)."""

    def __enter__(self) -> Engine[Tag]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


class InProcessEngine(Engine[Tag]):
    """Extraction in this process, with a pipeline loaded on first use by ``load``."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self._load = load
        self.load_seconds = 0.0
        self.load_cpu_seconds = 0.0

    def map(self, batches: Iterable[tuple[Tag, Sequence[Article]]]) -> Iterator[tuple[Tag, BatchResult]]:
        """Results in input order. A memory zone is held over the batches and closed when the last is done
        (or the iteration is given up): while iterating, the caller must not parse with the pipeline (what it
        parsed would be freed with the zone); once done, nothing it parses is inside a zone."""
        pipeline, zones = None, None
        try:
            for tag, batch in batches:
                if pipeline is None:
                    start, start_cpu = perf_counter(), process_time()
                    try:
                        pipeline = self._load()
                    except (OSError, ValueError) as error:
                        raise EngineError(f"cannot load the pipeline: {describe(error)}") from error
                    self.load_seconds, self.load_cpu_seconds = perf_counter() - start, process_time() - start_cpu
                    from kg.nlp import MemoryZones

                    zones = MemoryZones(pipeline.nlp)
                yield tag, extract_batch(pipeline, batch, zones)
        finally:
            if zones is not None:
                zones.close()


# -- worker processes on this machine ------------------------------------------------------------

def load_worker(aliases: Path | None) -> tuple[Any, str, MemoryZones]:
    """What a worker process (or Dask worker) loads once: the pipeline, its extraction version, and the memory
    zones held over the worker's batches (nothing else parses there)."""
    from kg.cache import extraction_version
    from kg.nlp import MemoryZones
    from kg.pipeline import Pipeline

    pipeline = Pipeline.load(aliases=aliases)
    return pipeline, extraction_version(aliases), MemoryZones(pipeline.nlp)


_PROCESS_PIPELINES: dict[str | None, Any] = {}  # load_worker's result per worker process, made on its first batch


def _process_pipeline(aliases: str | None) -> tuple[Any, str, MemoryZones]:
    if aliases not in _PROCESS_PIPELINES:
        _PROCESS_PIPELINES[aliases] = load_worker(Path(aliases) if aliases else None)
    return _PROCESS_PIPELINES[aliases]


def _process_task(aliases: str | None, batch: Sequence[Article]) -> BatchResult:
    try:
        pipeline, version, zones = _process_pipeline(aliases)
    except (OSError, ValueError) as error:
        raise EngineError(f"cannot load the pipeline in a worker: {describe(error)}") from None
    return replace(extract_batch(pipeline, batch, zones), version=version)


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group: only the parent decides what to do."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessEngine(Engine[Tag]):
    """``jobs`` worker processes (spawned), each loading the pipeline once.

    Four batches per worker are in flight, so that a worker slowed down (by
    a long article, or another process on the machine) does not leave the
    others idle while results are taken in input order.
    """

    def __init__(self, jobs: int, aliases: Path | None = None) -> None:
        self.jobs = jobs
        self._aliases = str(Path(aliases).resolve()) if aliases else None
        self._executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_ignore_interrupts)

    def map(self, batches: Iterable[tuple[Tag, Sequence[Article]]]) -> Iterator[tuple[Tag, BatchResult]]:
        yield from ordered(lambda batch: self._executor.submit(_process_task, self._aliases, list(batch)),
                           batches, window=4 * self.jobs)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
