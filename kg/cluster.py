"""Extraction on a Dask cluster: one task per partition of articles, one pipeline per worker.

``kg build --dask tcp://scheduler:8786`` connects to a running cluster;
``--dask local`` starts a ``LocalCluster`` of ``--jobs`` worker processes.
A :class:`PipelinePlugin` is registered on every worker: it loads the model,
lexicons and gazetteer on the worker's first task and keeps them for the
next ones. Tasks return plain records (:class:`kg.parallel.BatchResult`);
resolution, merge and exports stay on the client.

The workers need the same ``kg`` and model installed as the client: each
result carries the worker's extraction version, and the build stops if it
differs from the client's.

Example:
    >>> with DaskEngine("local", jobs=2) as engine:
    ...     for tag, result in engine.map(enumerate(batches)):
    ...         print(tag, len(result.outcomes))
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from kg.parallel import BatchResult, Engine, EngineError, Tag, describe, extract_batch, load_worker, ordered
from kg.records import Article

PLUGIN_NAME = "kg-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Holds one pipeline per Dask worker, loaded on the worker's first task.

    The ``--aliases`` file travels inside the plugin (its bytes), so that
    remote workers need no shared file system.
    """

    name = PLUGIN_NAME

    def __init__(self, aliases: bytes | None = None, aliases_suffix: str = ".yaml") -> None:
        self.aliases = aliases
        self.aliases_suffix = aliases_suffix

    def setup(self, worker: Any) -> None:
        self._lock = threading.Lock()
        self._loaded: tuple[Any, str, Any] | None = None

    def teardown(self, worker: Any) -> None:
        with self._lock:
            if self._loaded is not None:
                self._loaded[2].close()

    def extract(self, batch: Sequence[Article]) -> BatchResult:
        """Parse and extract one partition (one at a time per worker: a pipeline is not shared by threads), in the
        memory zones held over the worker's partitions (:class:`kg.nlp.MemoryZones`)."""
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
            pipeline, version, zones = self._loaded
            return replace(extract_batch(pipeline, batch, zones), version=version)

    def _load(self) -> tuple[Any, str, Any]:
        aliases = None
        if self.aliases is not None:
            handle, name = tempfile.mkstemp(prefix="kg-aliases-", suffix=self.aliases_suffix)
            with os.fdopen(handle, "wb") as file:
                file.write(self.aliases)
            aliases = Path(name)
        try:
            return load_worker(aliases)
        except (OSError, ValueError) as error:
            raise EngineError(f"cannot load the pipeline on a Dask worker: {describe(error)}") from None


def extract_partition(batch: Sequence[Article]) -> BatchResult:
    """The Dask task: this worker's plugin extracts the partition."""
    return get_worker().plugins[PLUGIN_NAME].extract(batch)


class DaskEngine(Engine[Tag]):
    """Extraction on Dask workers: ``address`` is a scheduler (``tcp://host:8786``) or ``local``.

    ``local`` starts a ``LocalCluster`` of ``jobs`` worker processes with one
    thread each, and stops it on :meth:`close`. At most four partitions per
    worker thread are in flight; results come back in input order.
    """

    def __init__(self, address: str, jobs: int = 2, aliases: Path | None = None) -> None:
        self._cluster: LocalCluster | None = None
        self.client: Client | None = None
        try:
            if address == "local":
                self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self._cluster)
            else:
                self.client = Client(address, timeout="20s")
        except (OSError, TimeoutError, ValueError) as error:
            self.close()
            raise EngineError(f"cannot reach the Dask scheduler at {address}: {describe(error)}") from error
        aliases_bytes = Path(aliases).read_bytes() if aliases else None
        self.client.register_plugin(PipelinePlugin(aliases_bytes, Path(aliases).suffix if aliases else ".yaml"),
                                    name=PLUGIN_NAME)
        self._threads = max(1, sum(self.client.nthreads().values()))

    def map(self, batches: Iterable[tuple[Tag, Sequence[Article]]]) -> Iterator[tuple[Tag, BatchResult]]:
        assert self.client is not None
        client = self.client
        yield from ordered(lambda batch: client.submit(extract_partition, tuple(batch), pure=False),
                           batches, window=4 * self._threads)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
