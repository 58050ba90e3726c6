"""``kg build``: inputs → mentions → merged statements → RDF and exports in one folder."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import atomic_open
from kg.io import Problem, read_inputs
from kg.merge import merge_mentions
from kg.pipeline import Pipeline
from kg.records import Article, Mention, Statement
from kg.resolve import resolve_mentions

OUTPUTS = ("statements.jsonl", "graph.ttl", "graph.html", "graph.gexf", "nodes.csv", "edges.csv")


@dataclass
class BuildReport:
    """What a build read, skipped and wrote."""

    articles: int = 0
    mentions: int = 0
    statements: int = 0
    actors: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)


def mention_line(mention: Mention) -> str:
    """One JSON Lines record of the mention contract."""
    return json.dumps(mention.to_dict(), ensure_ascii=False)


def extract_inputs(pipeline: Pipeline, inputs: Iterable[str], report: BuildReport,
                   on_article: Callable[[Article], None] | None = None) -> Iterator[tuple[Article, list[Mention]]]:
    """Mentions of every readable article; problems are recorded and skipped."""

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs):
            if isinstance(item, Problem):
                report.problems.append(item)
                continue
            yield item

    for article, mentions in pipeline.run(articles()):
        report.articles += 1
        report.mentions += len(mentions)
        if on_article:
            on_article(article)
        yield article, mentions


def build(pipeline: Pipeline, inputs: Iterable[str], out_dir: Path,
          on_article: Callable[[Article], None] | None = None) -> BuildReport:
    """Build every output into ``out_dir``; each file appears whole or not at all."""
    report = BuildReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    articles: dict[str, Article] = {}
    mentions: list[Mention] = []
    for article, found in extract_inputs(pipeline, inputs, report, on_article):
        articles[article.id] = Article(article.id, "", article.title, article.date, article.source, article.url, article.lang)
        mentions.extend(found)
    if report.articles == 0:
        return report  # nothing could be read: leave any previous outputs as they were
    mentions = resolve_mentions(mentions, pipeline.gazetteer)
    statements = merge_mentions(mentions)
    report.statements = len(statements)
    report.actors = len({m.speaker.id for m in mentions} | {t.actor.id for m in mentions for t in m.targets})
    with atomic_open(out_dir / "statements.jsonl") as handle:
        for mention in mentions:
            handle.write(mention_line(mention) + "\n")
    write_graph_outputs(statements, articles, out_dir)
    report.outputs = [out_dir / name for name in OUTPUTS if (out_dir / name).exists()]
    return report


def write_graph_outputs(statements: list[Statement], articles: dict[str, Article], out_dir: Path) -> None:
    """Turtle, HTML, GEXF and CSV from the same merged statements."""
    from kg.export.csv import write_csv
    from kg.export.gexf import write_gexf
    from kg.export.html import write_html
    from kg.export.turtle import write_turtle
    from kg.graph import build_rdf

    write_turtle(build_rdf(statements, articles), out_dir / "graph.ttl")
    write_html(statements, out_dir / "graph.html")
    write_gexf(statements, out_dir / "graph.gexf")
    write_csv(statements, out_dir)
