"""Extraction on Dask workers gives the same records as extraction in this process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build
from scale_helpers import build_while_edited

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [str(ROOT / "data" / "samples"), str(ROOT / "tests" / "data" / "dev" / "d01_ukraine_energie.txt")]


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def local_build(pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    report = build(pipeline, INPUTS, out, use_cache=False)
    assert report.articles == 9 and not report.problems
    return out


def test_a_local_cluster_of_two_workers_gives_the_same_mentions(local_build: Path, tmp_path: Path) -> None:
    report = build_while_edited(None, INPUTS, tmp_path / "dask", dask="local", jobs=2, use_cache=False, batch_size=2)
    assert report.parsed == 9 and not report.problems
    assert records(tmp_path / "dask") == records(local_build)
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (local_build / "graph.ttl").read_bytes()


def test_an_existing_cluster_by_its_address(local_build: Path, tmp_path: Path) -> None:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = build_while_edited(None, INPUTS, tmp_path / "dask", dask=cluster.scheduler_address, use_cache=False, batch_size=3)
    assert cluster.scheduler_address.startswith("tcp://")
    assert report.parsed == 9
    assert records(tmp_path / "dask") == records(local_build)
