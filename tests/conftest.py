"""Shared fixtures: the model is loaded once per test session, and data/ is extracted once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # test helper modules (rdf_samples, export_samples)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def pipeline():
    from kg.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def data_articles():
    from kg.io import Article, read_inputs

    return [item for item in read_inputs([str(ROOT / "data")]) if isinstance(item, Article)]


@pytest.fixture(scope="session")
def pipeline_mentions(pipeline, data_articles):
    """Every mention of data/, after cross-article resolution (the real extraction)."""
    from kg.resolve import resolve_mentions

    mentions = []
    for _article, found in pipeline.run(data_articles):
        mentions.extend(found)
    return resolve_mentions(mentions, pipeline.gazetteer)


@pytest.fixture(scope="session")
def pipeline_statements(pipeline_mentions):
    """The merged statements of data/ (the real extraction)."""
    from kg.merge import merge_mentions

    return merge_mentions(pipeline_mentions)


@pytest.fixture
def one_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """The extraction version of the code as it is when the test starts, for every build of the test.

    kg's files may change while the suite runs (an editor saving one): each
    build would then see a new version and parse everything again.
    """
    import kg.build
    from kg.cache import extraction_version

    version = extraction_version()
    monkeypatch.setattr(kg.build, "extraction_version", lambda aliases=None: version)
