"""The ``kg`` command line: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs of attributed diplomatic statements from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
PROGRESS_THRESHOLD = 5


def _fail(message: str, code: int = 1) -> None:
    err.print(f"kg: {message}", markup=False)
    raise typer.Exit(code)


def _load_pipeline(aliases: Path | None):
    from kg.pipeline import Pipeline

    try:
        return Pipeline.load(aliases=aliases)
    except (OSError, ValueError) as error:
        _fail(str(error), 2)


def _report_problems(problems: list) -> None:
    for problem in problems:
        err.print(f"kg: skipped {problem}", markup=False)


InputsArg = Annotated[list[str], typer.Argument(help="Articles: .txt files, folders, .jsonl(.gz) files, or - for JSON Lines on stdin.")]
AliasesOpt = Annotated[Optional[Path], typer.Option("--aliases", help="YAML or CSV file adding or correcting actors.")]


@app.command()
def build(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    aliases: AliasesOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, show_default="number of cores",
                                                help="Worker processes that parse and extract.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every article again (the cache in OUT/.kg-cache is refreshed).")] = False,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS",
                                                help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) "
                                                     "or 'local' to start a LocalCluster of --jobs workers.")] = None,
    watch: Annotated[Optional[float], typer.Option("--watch", metavar="SECONDS", min=0.1,
                                                   help="After the build, keep the model loaded and build again whenever "
                                                        "the inputs change, looking every SECONDS (Ctrl-C stops).")] = None,
) -> None:
    """Build statements.jsonl, graph.ttl, graph.html, graph.gexf and CSVs from articles.

    Articles already parsed by an earlier build into the same --out folder
    (same text, same kg version) are taken from its cache.

    Example: kg build data/ --out out/ --jobs 2
    """
    import os

    if aliases is not None and not aliases.is_file():
        _fail(f"{aliases}: no such file", 2)
    jobs = jobs or os.cpu_count() or 1
    if watch is not None:
        _watch(inputs, out, aliases, quiet, jobs, dask, watch, not no_cache)
        return

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg.build import BuildError
    from kg.build import build as run_build

    progress = Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                        console=err, transient=True, disable=quiet or not err.is_terminal)  # (no blank line in a log)
    try:
        with progress:
            task = progress.add_task("", total=None)
            report = run_build(None, inputs, out, on_article=lambda a: progress.update(task, advance=1, description=a.id[:40]),
                               aliases=aliases, jobs=jobs, use_cache=not no_cache, dask=dask)
    except BuildError as error:
        _fail(str(error), 2)
    except OSError as error:  # the output folder failed under the build (disk full, a folder removed, …)
        _fail(f"{error.filename or out}: {error.strerror or error}; the outputs are as they were", 2)
    _report_problems(report.problems)
    if report.articles == 0:
        _fail("no article could be read; nothing was written", 1)
    _summary(report, out, quiet)
    if report.problems:
        raise typer.Exit(1)


def _summary(report, out: Path, quiet: bool) -> None:
    if not quiet:
        err.print(f"kg: {report.articles} articles ({report.cached} from the cache), {report.actors} actors, "
                  f"{report.statements} statements ({report.mentions} mentions) → {out}/", markup=False)
        for path in report.outputs:
            err.print(f"  {path}", markup=False)
    if report.problems:
        err.print(f"kg: {len(report.problems)} input(s) skipped", markup=False)


def _watch(inputs: list[str], out: Path, aliases: Path | None, quiet: bool, jobs: int, dask: str | None,
           interval: float, use_cache: bool) -> None:
    """``kg build --watch``: build on every settled change of the inputs until Ctrl-C (see :mod:`kg.watch`).

    Exits 0 when the last build skipped nothing, 1 when it skipped some input, read no article or was the
    first and was interrupted, 2 when a build cannot run.
    """
    from kg.build import BuildError
    from kg.watch import Watcher

    try:
        watcher = Watcher(inputs, out, aliases=aliases, jobs=jobs, dask=dask, use_cache=use_cache)
    except ValueError as error:
        _fail(str(error), 2)

    def reported(report) -> None:
        _report_problems(report.problems)
        if report.articles == 0:
            err.print("kg: no article could be read; nothing was written", markup=False)
        else:
            _summary(report, out, quiet)
        if not quiet:
            err.print(f"kg: watching {', '.join(inputs)} (Ctrl-C stops)", markup=False)

    try:
        watcher.run(interval, reported)
    except BuildError as error:
        _fail(str(error), 2)
    except KeyboardInterrupt:
        if watcher.last is None:
            _fail("interrupted before the first build was complete", 1)
        err.print(f"kg: stopped watching; {out}/ holds the last complete build", markup=False)
    if watcher.last is not None and (watcher.last.problems or watcher.last.articles == 0):
        raise typer.Exit(1)


@app.command()
def extract(inputs: InputsArg, aliases: AliasesOpt = None) -> None:
    """Print statement mentions as JSON Lines on stdout (no graph).

    Example: kg extract data/seeds/000_3b6d5156006e4ac0.txt | head -1
    """
    from kg.build import BuildReport, extract_inputs, mention_line
    from kg.resolve import resolve_mentions

    pipeline = _load_pipeline(aliases)
    report = BuildReport()
    for _article, mentions in extract_inputs(pipeline, inputs, report):
        for mention in resolve_mentions(mentions, pipeline.gazetteer):
            sys.stdout.write(mention_line(mention) + "\n")
    sys.stdout.flush()
    _report_problems(report.problems)
    if report.problems:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold statements (JSON Lines, GOLD.md format).")],
    articles_dir: Annotated[Path, typer.Argument(help="Folder holding the articles the gold names.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses, wrong pairs and extras.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score extraction against gold: attribution P/R/F1, target and type accuracy, triple F1.

    Example: kg eval tests/data/gold/seeds.jsonl data/seeds
    """
    from kg.evaluate import GoldError, read_gold, report, score
    from kg.io import Article, read_inputs
    from kg.resolve import resolve_mentions

    try:
        records = read_gold(gold)
    except GoldError as error:
        _fail(str(error), 2)
    if not articles_dir.is_dir():
        _fail(f"{articles_dir}: not a folder", 2)
    wanted = {r["article"] for r in records}
    found: dict[str, Article] = {}
    for item in read_inputs([str(articles_dir)]):
        if isinstance(item, Article) and item.id in wanted:
            found[item.id] = item
    missing = sorted(wanted - set(found))
    if missing:
        _fail(f"{articles_dir}: articles named in the gold are missing: {', '.join(missing[:5])}", 2)
    pipeline = _load_pipeline(None)
    mentions = []
    for _article, extracted in pipeline.run(found[i] for i in sorted(found)):
        mentions.extend(resolve_mentions(extracted, pipeline.gazetteer))
    result = score(records, mentions, {i: a.text for i, a in found.items()})
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        print(report(result, verbose=verbose))


@app.command()
def validate(graph: Annotated[Path, typer.Argument(help="A graph.ttl built by kg.")]) -> None:
    """Check a graph against the SHACL shapes of ontology/shapes.ttl.

    Example: kg validate out/graph.ttl
    """
    from kg.validate import validate as run_validate

    if not graph.is_file():
        _fail(f"{graph}: no such file", 2)
    try:
        conforms, lines = run_validate(graph)
    except Exception as error:  # a malformed Turtle file: one line, no traceback
        _fail(f"{graph}: cannot validate ({str(error).splitlines()[0] if str(error) else type(error).__name__})", 2)
    for line in lines:
        print(line)
    print("conforms" if conforms else f"{len(lines)} violation(s)")
    if not conforms:
        raise typer.Exit(1)


@app.command()
def query(
    query_text: Annotated[str, typer.Argument(metavar="QUERY", help="A .rq file or a SPARQL query string.")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The graph to query.")] = Path("out/graph.ttl"),
    output: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL query on a built graph.

    Example: kg query ontology/queries/top_pairs.rq --format csv
    """
    from kg import query as query_module

    if output not in ("table", "csv", "json"):
        _fail(f"unknown format '{output}' (table, csv or json)", 2)
    if not graph.is_file():
        _fail(f"{graph}: no such file (run kg build first)", 2)
    path = Path(query_text)
    text = path.read_text(encoding="utf-8") if query_text.endswith(".rq") and path.is_file() else query_text
    try:
        query_module.main(text, graph, output)
    except query_module.QueryError as error:
        _fail(str(error), 2)


@app.command()
def serve(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The graph to serve.")] = Path("out/graph.ttl"),
    port: Annotated[int, typer.Option("--port", "-p", help="Port on 127.0.0.1.")] = 7878,
) -> None:
    """Serve a graph read-only over the SPARQL 1.1 protocol (Oxigraph), with a query page.

    Example: kg serve --graph out/graph.ttl --port 7878
    """
    from kg import serve as serve_module

    if not graph.is_file():
        _fail(f"{graph}: no such file (run kg build first)", 2)
    serve_module.main(graph, port)


def main() -> None:
    """Entry point of the ``kg`` script."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("kg: interrupted", markup=False)
        sys.exit(130)
