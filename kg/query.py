"""Run SPARQL queries on a kg Turtle graph with Oxigraph, and format the results.

The graph is loaded into an in-memory pyoxigraph store. The kg prefixes
(``kg:``, ``kgt:``, ``actor:``, ``skos:``...) are predeclared, so a query may
use them without ``PREFIX`` lines. Results come back as column names and rows
of pyoxigraph terms (``None`` for an unbound variable); ``to_table``,
``to_csv`` and ``to_json`` turn them into a rich table, SPARQL 1.1 CSV and
SPARQL 1.1 JSON results.

Example:
    >>> columns, rows = run_query("ontology/queries/statements_per_type.rq", "out/graph.ttl")
    >>> print(to_csv(columns, rows))
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO, Union

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from kg.namespace import PREFIXES, RESOURCE_PREFIXES

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
Row = tuple[Term | None, ...]

QUERY_PREFIXES: dict[str, str] = {**PREFIXES, **RESOURCE_PREFIXES}
"""Prefixes every query may use without declaring them."""

_XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
_RDF_LANG_STRING = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


class QueryError(Exception):
    """A query that does not parse, or a graph that cannot be loaded: one readable line."""


def main(query: str, graph_path: Path | str, output_format: str = "table", *, out: TextIO | None = None) -> None:
    """Run a query and print its results as a table, CSV or JSON (what ``kg query`` does).

    Raises ``QueryError`` with a one-line message on an invalid query or graph.

    Example:
        >>> main("ontology/queries/stance_changes.rq", "out/graph.ttl", "csv")
        speakerName,targetName,before,beforeDate,after,afterDate
        Donald Trump,Venezuela,support,2025-09-01,threaten,2025-11-02
    """
    out = out or sys.stdout
    try:
        store = load_store(graph_path)
    except (SyntaxError, OSError) as error:
        raise QueryError(f"{graph_path}: cannot load the graph: {_first_line(error)}") from error
    try:
        columns, rows = query_store(store, read_query(query))
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL query: {_first_line(error)}") from error
    except OSError as error:
        raise QueryError(f"query failed: {_first_line(error)}") from error
    if output_format == "table":
        Console(file=out, highlight=False).print(to_table(columns, rows))
    elif output_format in FORMATTERS:
        out.write(FORMATTERS[output_format](columns, rows))
    else:
        raise QueryError(f"unknown format {output_format!r}: table, csv or json")


def run_query(query: str, graph_path: Path | str) -> tuple[list[str], list[Row]]:
    """Run a SPARQL query (a ``.rq`` file path or the query text) on a Turtle graph.

    A SELECT gives its variables and solutions, an ASK one column ``ask`` with
    one boolean row, a CONSTRUCT or DESCRIBE the columns ``subject``,
    ``predicate``, ``object``. Raises ``SyntaxError`` on an invalid query.

    Example:
        >>> columns, rows = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }", "out/graph.ttl")
        >>> columns, rows[0][0].value
        (['n'], '13')
    """
    store = load_store(graph_path)
    return query_store(store, read_query(query))


def read_query(query: str) -> str:
    """The query text: the content of ``query`` if it names a file, else ``query`` itself."""
    try:
        path = Path(query)
        if path.suffix in (".rq", ".sparql", ".txt") and path.is_file():
            return path.read_text(encoding="utf-8")
    except (OSError, ValueError):  # a long query string is not a valid path
        pass
    return query


def load_store(graph_path: Path | str) -> ox.Store:
    """An in-memory Oxigraph store holding the Turtle graph at ``graph_path``."""
    store = ox.Store()
    store.load(path=str(graph_path), format=ox.RdfFormat.TURTLE)
    return store


def query_store(store: ox.Store, query: str) -> tuple[list[str], list[Row]]:
    """Run ``query`` on ``store``; see ``run_query``."""
    result = store.query(query, prefixes=QUERY_PREFIXES)
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [(ox.Literal("true" if bool(result) else "false", datatype=_XSD_BOOLEAN),)]
    if isinstance(result, ox.QuerySolutions):
        columns = [variable.value for variable in result.variables]
        return columns, [tuple(solution[name] for name in columns) for solution in result]
    return ["subject", "predicate", "object"], [(triple.subject, triple.predicate, triple.object) for triple in result]


def to_table(columns: Sequence[str], rows: Sequence[Row], *, title: str | None = None) -> Table:
    """A rich table of the results, IRIs shortened with the kg prefixes.

    Example:
        >>> rich.print(to_table(*run_query("ontology/queries/who_criticized.rq", "out/graph.ttl")))
    """
    table = Table(title=title, caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_short(term) for term in row))
    return table


def to_csv(columns: Sequence[str], rows: Sequence[Row]) -> str:
    """SPARQL 1.1 CSV results: full IRIs, literal values without datatype or language.

    Example:
        >>> to_csv(["n"], [(ox.Literal("3"),)])
        'n\\r\\n3\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_plain(term) for term in row])
    return buffer.getvalue()


def to_json(columns: Sequence[str], rows: Sequence[Row]) -> str:
    """SPARQL 1.1 JSON results (``application/sparql-results+json``).

    Example:
        >>> json.loads(to_json(["n"], [(ox.Literal("3"),)]))["results"]["bindings"]
        [{'n': {'type': 'literal', 'value': '3'}}]
    """
    bindings = [
        {column: _json_term(term) for column, term in zip(columns, row) if term is not None}
        for row in rows
    ]
    document = {"head": {"vars": list(columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"csv": to_csv, "json": to_json}
"""The text formats by name; ``table`` is ``to_table``, printed by rich."""


def _first_line(error: BaseException) -> str:
    text = str(error.msg if isinstance(error, SyntaxError) and error.msg else error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype not in (_XSD_STRING, _RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {
        "subject": _json_term(term.subject), "predicate": _json_term(term.predicate), "object": _json_term(term.object),
    }}


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _short(term: Term | None) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in sorted(QUERY_PREFIXES.items(), key=lambda item: -len(item[1])):
            local = term.value[len(namespace):]
            if term.value.startswith(namespace) and local and "/" not in local and "#" not in local:
                return f"{prefix}:{local}"
    return _plain(term)
