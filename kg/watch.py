"""``kg build --watch``: build, then build again whenever the inputs change, with the model kept loaded.

A collection that grows by a few articles at a time (a folder the wire copy
lands in) is rebuilt from the cache: only new or changed articles are parsed.
A fresh ``kg build`` pays for starting Python, importing spaCy and loading the
model on every run, which at a few thousand articles costs more than parsing
the new ones; a watcher pays for it once. The first build uses ``jobs``
worker processes like ``kg build``; later ones parse in this process, with the
pipeline loaded once.

The inputs are polled: a build starts when a file is added, removed, resized
or touched. Every build writes its outputs atomically, so stopping the watcher
(Ctrl-C) at any time leaves the last complete outputs and the cache.

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

from kg.build import BuildReport, _load_gazetteer, _load_pipeline, build
from kg.io import input_state

if TYPE_CHECKING:
    from kg.pipeline import Pipeline


class Watcher:
    """Builds ``inputs`` into ``out_dir`` when they change; the pipeline stays loaded between builds."""

    def __init__(self, inputs: Sequence[str], out_dir: Path, *, aliases: Path | None = None, jobs: int = 1,
                 dask: str | None = None, pipeline: Pipeline | None = None) -> None:
        if "-" in inputs:
            raise ValueError("standard input cannot be watched: give files or folders")
        self.inputs, self.out_dir, self.aliases = list(inputs), Path(out_dir), aliases
        self.jobs, self.dask = jobs, dask
        self.pipeline = pipeline
        self.builds = 0
        self._state: tuple | None = None

    def changed(self) -> bool:
        """Whether the inputs differ from what the last build read (always, before the first)."""
        return input_state(self.inputs) != self._state

    def build(self) -> BuildReport:
        """One build now. The first may use worker processes; the model is then loaded here and kept."""
        state = input_state(self.inputs)
        if self.builds == 0 and self.pipeline is None and (self.jobs > 1 or self.dask is not None):
            report = build(None, self.inputs, self.out_dir, aliases=self.aliases, jobs=self.jobs, dask=self.dask)
        else:
            report = build(self.resident_pipeline(), self.inputs, self.out_dir, aliases=self.aliases, jobs=1)
        self._state = state
        self.builds += 1
        gc.freeze()  # the pipeline and what else lasts from build to build: no collector pass walks them again
        return report

    def resident_pipeline(self) -> Pipeline:
        """The pipeline of later builds, loaded on first use."""
        if self.pipeline is None:
            self.pipeline = _load_pipeline(self.aliases, _load_gazetteer(self.aliases))
        return self.pipeline

    def run(self, interval: float, on_report: Callable[[BuildReport], None],
            should_stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep) -> None:
        """Build, load the model, then poll every ``interval`` seconds and build on each change, until
        ``should_stop()`` (or Ctrl-C, which the caller handles)."""
        while not should_stop():
            if self.changed():
                on_report(self.build())
                self.resident_pipeline()  # loaded while nothing changes, not when the next article lands
            else:
                sleep(interval)
