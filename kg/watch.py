"""``kg build --watch``: build, then build again whenever the inputs change, with the model kept loaded.

A collection that grows by a few articles at a time (a folder the wire copy
lands in) is rebuilt from the cache: only new or changed articles are parsed.
A fresh ``kg build`` pays for starting Python, importing spaCy and loading the
model on every run, which at a few thousand articles costs more than parsing
the new ones; a watcher pays for it once. The first build uses ``jobs``
worker processes like ``kg build``; later ones parse in this process, with the
pipeline loaded once.

The inputs are polled: a build starts when a file has been added, removed,
resized or touched, and then left alone for one more poll (a file still being
copied is not read half-written). Every build writes its outputs atomically,
so stopping the watcher (Ctrl-C) at any time leaves the last complete outputs
and the cache. The model stays loaded through the graph stage, so a watcher
needs more memory than a single build; with ``dask``, only the first build
runs on the cluster.

Example:
    >>> watcher = Watcher(["inbox/"], Path("out"))
    >>> watcher.run(interval=5.0, on_report=print)  # until Ctrl-C
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build import BuildError, BuildReport, CacheDamaged, _load_gazetteer, _load_pipeline, build
from kg.io import input_state

if TYPE_CHECKING:
    from kg.pipeline import Pipeline


class Watcher:
    """Builds ``inputs`` into ``out_dir`` when they change; the pipeline stays loaded between builds."""

    def __init__(self, inputs: Sequence[str], out_dir: Path, *, aliases: Path | None = None, jobs: int = 1,
                 dask: str | None = None, pipeline: Pipeline | None = None, use_cache: bool = True) -> None:
        """Raises ValueError for inputs that cannot be watched: standard input, or a folder holding ``out_dir``
        (each build would change what it watches)."""
        if "-" in inputs:
            raise ValueError("standard input cannot be watched: give files or folders")
        out = Path(out_dir).resolve()
        for name in inputs:
            folder = Path(name).resolve()
            if Path(name).is_dir() and (out == folder or folder in out.parents):
                raise ValueError(f"{name}: the output folder {out_dir} is inside it; each build would set off the next")
        self.inputs, self.out_dir, self.aliases = list(inputs), Path(out_dir), aliases
        self.jobs, self.dask, self.use_cache = jobs, dask, use_cache
        self.pipeline = pipeline
        self.builds = 0
        self.last: BuildReport | None = None
        self._state: tuple | None = None
        self._seen: tuple | None = None  # the state met at the last poll, built once it stays so for a poll

    def changed(self) -> bool:
        """Whether the inputs differ from what the last build read (always, before the first)."""
        return input_state(self.inputs) != self._state

    def build(self) -> BuildReport:
        """One build now. The first may use worker processes; the model is then loaded here and kept."""
        state = input_state(self.inputs)
        first = self.builds == 0
        try:
            report = self._build(first)
        except CacheDamaged:  # the damaged entries are gone: this time their articles are parsed again
            report = self._build(first)
        self._state = self._seen = state
        self.builds += 1
        self.last = report
        return report

    def _build(self, first: bool) -> BuildReport:
        if first and self.pipeline is None and (self.jobs > 1 or self.dask is not None):
            return build(None, self.inputs, self.out_dir, aliases=self.aliases, jobs=self.jobs, dask=self.dask,
                         use_cache=self.use_cache)
        return build(self.resident_pipeline(), self.inputs, self.out_dir, aliases=self.aliases, jobs=1,
                     use_cache=self.use_cache or not first)

    def resident_pipeline(self) -> Pipeline:
        """The pipeline of later builds, loaded on first use.

        Raises:
            BuildError: the model, lexicons, gazetteer or aliases cannot be loaded.
        """
        if self.pipeline is None:
            try:
                self.pipeline = _load_pipeline(self.aliases, _load_gazetteer(self.aliases))
            except (OSError, ValueError) as error:
                raise BuildError(str(error)) from error
        return self.pipeline

    def tidy(self) -> None:
        """Housekeeping while nothing changes: collect garbage once, then move what lives on (the model, the
        gazetteer) out of the cycle collector's sight (``gc.freeze``), so that the collections of the next
        build do not walk it again. Everything is handed back to the collector first, so no garbage stays
        frozen."""
        gc.unfreeze()  # a build that read nothing handed nothing back: let its garbage be found too
        gc.collect()
        gc.freeze()

    def settled(self) -> bool:
        """Whether the inputs changed since the last build and have stayed as they are since the last poll."""
        state = input_state(self.inputs)
        steady = state == self._seen
        self._seen = state
        return steady and state != self._state

    def run(self, interval: float, on_report: Callable[[BuildReport], None],
            should_stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep) -> None:
        """Build, load the model, then poll every ``interval`` seconds and build once a change has settled,
        until ``should_stop()`` (or Ctrl-C, which the caller handles)."""
        if not should_stop():
            on_report(self.build())
            self.resident_pipeline()  # loaded while nothing changes, not when the next article lands
            self.tidy()
        while not should_stop():
            sleep(interval)
            try:
                ready = self.settled()
            except OSError:  # a folder removed while it was walked: look again at the next poll
                continue
            if ready:
                on_report(self.build())
                self.tidy()
