"""``kg build``: inputs → mentions → merged statements → RDF and exports in one folder.

One article at a time, lazily: read (:mod:`kg.io`), looked up in the cache
(:mod:`kg.cache`), otherwise parsed and extracted in batches by an engine
(:mod:`kg.parallel`: this process, ``jobs`` worker processes, or Dask
workers). Each batch's mention records go to the cache as soon as they are
produced; the parse of a batch is freed before the next. Once every article
is in, mentions are resolved and merged here, and the outputs are written to
a staging folder and moved into place together: an interrupted build leaves
the previous outputs (or none), never a mix, and a cache the next build goes
on from.

Example:
    >>> report = build(None, ["data/"], Path("out"), jobs=2)
    >>> report.articles, report.parsed, report.cached
    (10, 10, 0)
"""

from __future__ import annotations

import ctypes
import gc
import os
import shutil
import signal
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Any

import orjson

from kg.atomic import atomic_open, write_bytes
from kg.cache import CACHE_DIR, MentionCache, article_key, decode_mention, extraction_version
from kg.collector import collector_paused
from kg.io import Problem, in_batches, read_inputs
from kg.merge import merge_mentions
from kg.parallel import BatchResult, Engine, EngineError, InProcessEngine, ProcessEngine, where
from kg.records import Article, Mention, Statement
from kg.resolve import resolve_mentions

if TYPE_CHECKING:
    from kg.pipeline import Pipeline

OUTPUTS = ("statements.jsonl", "graph.ttl", "graph.html", "graph.gexf", "nodes.csv", "edges.csv")
BATCH_SIZE = 16
STAGING_PREFIX = ".kg-staging-"


class BuildError(Exception):
    """A build that cannot run: resources, model or cluster unavailable, or a damaged cache entry (one line for
    the user)."""


class CacheDamaged(BuildError):
    """Cache entries could not be read (a cache file damaged outside kg): they are removed, so the next build
    parses their articles again."""


@dataclass
class BuildReport:
    """What a build read, skipped, parsed, took from the cache and wrote, and where the time went.

    ``timings`` holds seconds: ``load`` (model load in this process, and
    ``load_cpu``, its CPU time), ``parse`` and ``extract`` (summed over
    batches, in whichever process ran them), ``decode`` (the records taken
    from the cache, made mentions again), ``resolve_merge``, ``outputs`` and
    ``total``.
    """

    articles: int = 0
    mentions: int = 0
    statements: int = 0
    actors: int = 0
    parsed: int = 0
    cached: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def mention_line(mention: Mention, shared: dict[int, dict[str, Any]] | None = None) -> str:
    """One JSON Lines record of the mention contract (compact UTF-8 JSON, by orjson); ``shared`` as for
    :meth:`Mention.to_dict`."""
    return orjson.dumps(mention.to_dict(shared)).decode("utf-8")


def extract_inputs(pipeline: Pipeline, inputs: Iterable[str], report: BuildReport,
                   on_article: Callable[[Article], None] | None = None) -> Iterator[tuple[Article, list[Mention]]]:
    """Mentions of every readable article, in input order, parsed in batches in this process.

    Problems (unreadable inputs, articles whose extraction failed) are
    recorded in ``report`` and skipped.
    """
    engine: Engine = InProcessEngine(lambda: pipeline)
    for batch, result in engine.map((batch, batch) for batch in in_batches(_articles(inputs, report), BATCH_SIZE)):
        for article, outcome in zip(batch, result.outcomes):
            if isinstance(outcome, Problem):
                report.problems.append(outcome)
                continue
            mentions = [decode_mention(record) for record in outcome]
            report.articles += 1
            report.mentions += len(mentions)
            if on_article:
                on_article(article)
            yield article, mentions


def build(pipeline: Pipeline | None, inputs: Iterable[str], out_dir: Path,
          on_article: Callable[[Article], None] | None = None, *, aliases: Path | None = None, jobs: int = 1,
          use_cache: bool = True, dask: str | None = None, batch_size: int = BATCH_SIZE) -> BuildReport:
    """Build every output into ``out_dir``; each file appears whole or not at all.

    ``pipeline`` is used for extraction in this process (``jobs=1``); None
    loads it (with ``aliases``) only if an article needs parsing. ``jobs > 1``
    extracts in as many worker processes, ``dask`` (``local`` or a scheduler
    address) on Dask workers. ``use_cache=False`` parses every article again
    (and refreshes the cache). ``on_article`` is called once per article, in
    input order within a batch, after its mentions are cached. Nothing is
    written when no article could be read.

    Raises:
        BuildError: the gazetteer, aliases, model or cluster cannot be loaded.
        CacheDamaged: cache entries could not be read; they are removed, the outputs left as they were.
    """
    started = perf_counter()
    out_dir = Path(out_dir)
    _check_out_dir(out_dir)
    report = BuildReport()
    try:
        version = extraction_version(aliases)
        gazetteer = pipeline.gazetteer if pipeline is not None else _load_gazetteer(aliases)
    except (OSError, ValueError) as error:
        raise BuildError(str(error)) from error
    _remove_stale_staging(out_dir)
    with MentionCache.open(out_dir) as cache:
        collected = _Collected(cache, version, report, on_article, use_cache)
        batches = in_batches(collected.to_parse(_articles(inputs, report)), batch_size)
        with closing(_extract(batches, pipeline, aliases, gazetteer, jobs, dask, report)) as results:
            for batch, result in results:
                collected.add(batch, result)
        if pipeline is None:
            _release_memory()  # a model loaded here is gone: give its memory back before the graph is built
        if report.articles == 0:
            report.timings["total"] = perf_counter() - started
            return report
        with _collector_spares_records():
            start = perf_counter()
            found = collected.mentions()
            report.timings["decode"] = perf_counter() - start
            start = perf_counter()
            mentions = resolve_mentions(found, gazetteer)
            del found
            statements = merge_mentions(mentions)
            report.timings["resolve_merge"] = perf_counter() - start
            report.statements = len(statements)
            report.actors = len({m.speaker.id for m in mentions} | {t.actor.id for m in mentions for t in m.targets})
            start = perf_counter()
            write_outputs(mentions, statements, collected.articles, out_dir)
            report.timings["outputs"] = perf_counter() - start
        cache.keep_only(collected.keys)
    report.outputs = [out_dir / name for name in OUTPUTS if (out_dir / name).exists()]
    report.timings["total"] = perf_counter() - started
    return report


Job = tuple[Article, int, str]
"""An article to parse, its place in the input and its cache key."""


class _Collected:
    """The mentions of every article in input order, from the cache or from the engine (which caches them)."""

    def __init__(self, cache: MentionCache, version: str, report: BuildReport,
                 on_article: Callable[[Article], None] | None, use_cache: bool) -> None:
        self.cache, self.version, self.report = cache, version, report
        self.on_article, self.use_cache = on_article, use_cache
        self.articles: dict[str, Article] = {}  # without their text, for the graph
        self.keys: list[str] = []
        # Per article: its mentions, or its records as the cache holds them (JSON bytes), decoded by mentions().
        self._found: list[list[Mention] | bytes] = []

    def to_parse(self, articles: Iterable[Article]) -> Iterator[Job]:
        """The articles the cache does not have; the others are taken from it on the way.

        Cached records stay JSON bytes until :meth:`mentions`: bytes hold no
        references, so the cycle collector has nothing of them to walk while
        the model is loaded, used and let go, and they are decoded with the
        collector paused, in the graph stage.
        """
        for article in articles:
            key = article_key(article, self.version)
            index = len(self._found)
            self._found.append([])
            self.keys.append(key)
            self.articles[article.id] = Article(article.id, "", article.title, article.date, article.source,
                                                article.url, article.lang)
            stored = self.cache.get_json(key) if self.use_cache else None
            if stored is None:
                yield article, index, key
            else:
                self.report.cached += 1
                self._found[index] = stored
                self._counted(article)

    def add(self, batch: Sequence[Job], result: BatchResult) -> None:
        """Cache a batch's records (one transaction), then count them; failed articles become problems."""
        _check_version(result, self.version)
        outcomes = list(zip(batch, result.outcomes))
        with collector_paused():  # records in, mentions out: many objects, no cycles
            self.cache.put((key, article.id, outcome) for (article, _index, key), outcome in outcomes
                           if not isinstance(outcome, Problem))
            for (article, index, _key), outcome in outcomes:
                if isinstance(outcome, Problem):
                    self.report.problems.append(outcome)
                    self.articles.pop(article.id, None)
                else:
                    self.report.parsed += 1
                    self._done(index, article, outcome)

    def mentions(self) -> list[Mention]:
        """Every mention, in input order of the articles (the cached ones decoded now); the per-article lists are
        let go."""
        found, self._found = self._found, []
        mentions: list[Mention] = []
        unreadable: list[str] = []
        for index, (key, item) in enumerate(zip(self.keys, found)):
            found[index] = []  # let each article's bytes go once decoded
            if not isinstance(item, bytes):
                mentions.extend(item)
                continue
            try:
                records = orjson.loads(item)
                if not isinstance(records, list):
                    raise TypeError("not a list of records")
                mentions.extend([decode_mention(record) for record in records])
            except (ValueError, KeyError, TypeError, AttributeError):  # a cache file damaged outside kg
                unreadable.append(key)
        if unreadable:
            try:
                self.cache.remove(unreadable)
            except sqlite3.Error as error:
                raise BuildError(f"{self.cache.path}: {len(unreadable)} cached article(s) could not be read, nor "
                                 f"removed ({error}); build with --no-cache") from error
            raise CacheDamaged(f"{self.cache.path}: {len(unreadable)} cached article(s) could not be read and were "
                               "removed from the cache; run the build again to parse them anew")
        self.report.mentions = len(mentions)
        return mentions

    def _done(self, index: int, article: Article, records: list[dict[str, Any]]) -> None:
        self._found[index] = [decode_mention(record) for record in records]
        self._counted(article)

    def _counted(self, article: Article) -> None:
        self.report.articles += 1
        if self.on_article:
            self.on_article(article)


def _check_version(result: BatchResult, version: str) -> None:
    if result.version is not None and result.version != version:
        raise BuildError("the workers run a different kg, lexicon or model than this process "
                         f"(extraction version {result.version[:12]} ≠ {version[:12]}): install the same on both")


def _load_pipeline(aliases: Path | None, gazetteer: Any) -> Pipeline:
    """The pipeline, imported and loaded with what is alive so far out of the cycle collector's sight.

    Importing spaCy and loading the model make about a million long-lived
    objects; each full pass of the collector that this triggers would also walk
    every object already alive (kg's modules, the gazetteer, the articles read
    so far). Those are moved out of its sight first (``gc.freeze``), and the
    pipeline's own objects after it is loaded (it makes no garbage cycles);
    switching the collector off would not do, spaCy's loaders switch it back
    on. :func:`_release_memory` hands every object back before letting the
    model go.
    """
    gc.freeze()
    try:
        from kg.pipeline import Pipeline

        return Pipeline.load(aliases=aliases, gazetteer=gazetteer)
    finally:
        gc.freeze()


def _check_out_dir(out_dir: Path) -> None:
    """Refuse, before any parse, an output folder that cannot be one: a file, a path through a file, a folder
    that cannot be written in, or one whose cache is not a folder.

    Raises:
        BuildError: naming the path and the reason.
    """
    for path in (out_dir / CACHE_DIR, out_dir):
        if path.exists() and not path.is_dir():
            raise BuildError(f"{path}: exists and is not a folder")
    parent = out_dir
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise BuildError(f"{out_dir}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BuildError(f"{out_dir}: cannot write in {parent}")


def _load_gazetteer(aliases: Path | None) -> Any:
    from kg.gazetteer import Gazetteer

    return Gazetteer.load(extra=aliases) if aliases else Gazetteer.load()


def _articles(inputs: Iterable[str], report: BuildReport) -> Iterator[Article]:
    """The readable articles of ``inputs``, each id once: an article whose id was already read is skipped and
    reported, as unreadable inputs are (its mentions would take the identifiers of the first one's)."""
    first: dict[str, str] = {}
    for item in read_inputs(inputs):
        if isinstance(item, Problem):
            report.problems.append(item)
        elif item.id in first:
            report.problems.append(Problem(where(item), f"the id '{item.id}' was already read from {first[item.id]}"))
        else:
            first[item.id] = item.path or "standard input"
            yield item


def _extract(batches: Iterator[list[Job]], pipeline: Pipeline | None, aliases: Path | None, gazetteer: Any,
             jobs: int, dask: str | None, report: BuildReport) -> Iterator[tuple[list[Job], BatchResult]]:
    """Results of every batch, in order, from the engine the options ask for.

    No engine starts when nothing needs parsing, and worker processes only
    start when there is more than one batch to share between them.
    """
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None) if dask is None and jobs > 1 else None
    waiting = [batch for batch in (first, second) if batch is not None]
    tagged = ((batch, [article for article, _index, _key in batch]) for batch in _chain(waiting, batches))
    local = InProcessEngine(lambda: pipeline if pipeline is not None else _load_pipeline(aliases, gazetteer))
    try:
        engine: Engine = local
        if dask is not None:
            from kg.cluster import DaskEngine

            engine = DaskEngine(dask, jobs=jobs, aliases=aliases)
        elif jobs > 1 and second is not None:
            engine = ProcessEngine(jobs, aliases=aliases)
        with engine:
            for batch, result in engine.map(tagged):
                report.timings["parse"] = report.timings.get("parse", 0.0) + result.parse_seconds
                report.timings["extract"] = report.timings.get("extract", 0.0) + result.extract_seconds
                yield batch, result
    except EngineError as error:
        raise BuildError(str(error)) from error
    report.timings["load"] = local.load_seconds
    report.timings["load_cpu"] = local.load_cpu_seconds


def _chain(first: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from first
    yield from rest


def write_outputs(mentions: Sequence[Mention], statements: list[Statement], articles: dict[str, Article],
                  out_dir: Path) -> None:
    """Every output, written to a staging folder and then moved into ``out_dir`` together.

    Ctrl-C while the files are moved is held until the last one is in place.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    try:
        with atomic_open(staging / "statements.jsonl") as handle:
            shared: dict[int, dict[str, Any]] = {}  # the actors' records, made once each (``mentions`` keeps them alive)
            for mention in mentions:
                handle.write(mention_line(mention, shared) + "\n")
        write_graph_outputs(statements, articles, staging)
        names = sorted(path.name for path in staging.iterdir() if not path.name.startswith("."))
        with _interrupts_held():
            for name in names:
                os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_graph_outputs(statements: list[Statement], articles: dict[str, Article], out_dir: Path) -> None:
    """Turtle, HTML, GEXF and CSV from the same merged statements."""
    from kg.export.csv import write_csv
    from kg.export.gexf import write_gexf
    from kg.export.html import write_html
    from kg.export.turtle import graph_turtle
    from kg.graph import collect_graph
    from kg.network import actor_view

    write_bytes(out_dir / "graph.ttl", graph_turtle(collect_graph(statements, articles)))
    actors = actor_view(statements)  # shared by the HTML, GEXF and CSV exports
    write_html(statements, out_dir / "graph.html", actors=actors)
    write_gexf(statements, out_dir / "graph.gexf", actors=actors)
    write_csv(statements, out_dir, actors=actors)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Delay Ctrl-C until the block is over (main thread only; elsewhere signals cannot be caught)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt


def _release_memory() -> None:
    """Collect garbage (the model's too, frozen when it was loaded) and, with glibc, return freed heap pages to
    the system (``malloc_trim``)."""
    gc.unfreeze()
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc
        pass


@contextmanager
def _collector_spares_records() -> Iterator[None]:
    """Keep Python's cycle collector off during the graph stage, and the objects alive so far (the parsed
    articles' mentions) out of its sight until the block ends.

    The graph stage decodes the cached records and allocates hundreds of
    thousands of objects (mentions, statements, triples, export trees), and
    makes no reference cycles: what it drops is freed by reference counting,
    and each pass of the collector would walk every mention and triple for
    nothing. When the block ends, the block's own objects join the frozen
    ones before the collector is on again (``gc.freeze``), and all are then
    handed back to its oldest generation (``gc.unfreeze``): its first pass
    would otherwise walk all that the block made.
    """
    gc.freeze()
    try:
        with collector_paused():
            try:
                yield
            finally:
                gc.freeze()
    finally:
        gc.unfreeze()


def _remove_stale_staging(out_dir: Path) -> None:
    """Staging folders left by a build that was killed before it could clean up (not those of a running build)."""
    if out_dir.is_dir():
        for path in out_dir.glob(f"{STAGING_PREFIX}*"):
            if not _running(path.name[len(STAGING_PREFIX):].split("-")[0]):
                shutil.rmtree(path, ignore_errors=True)


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # another user's process
        return True
    return True
