"""Export the actor view as two CSV files in Gephi's spreadsheet-import conventions.

``nodes.csv`` has the columns ``Id`` and ``Label`` that Gephi recognises, then
``kind``, ``country``, ``wikidata``, ``role``, ``statements_spoken`` and
``statements_received``. ``edges.csv`` has ``Source``, ``Target``, ``Type``
(always ``Directed``), ``Id``, ``Label`` (the verb) and ``Weight`` (the
number of statements), then ``statement_type``, ``family``, ``first_date``,
``last_date``, ``topics`` and ``articles``. UTF-8 without BOM, comma
separated, one edge per (speaker, target, type) as in the GEXF export.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import atomic_open
from kg.network import actor_view
from kg.records import Statement

#: (column, node attribute in :func:`kg.network.actor_view`)
NODE_COLUMNS = (
    ("Id", None),
    ("Label", "label"),
    ("kind", "kind"),
    ("country", "country"),
    ("wikidata", "qid"),
    ("role", "role"),
    ("statements_spoken", "statements_spoken"),
    ("statements_received", "statements_received"),
)
#: (column, edge attribute in :func:`kg.network.actor_view`)
EDGE_COLUMNS = (
    ("Source", None),
    ("Target", None),
    ("Type", None),
    ("Id", None),
    ("Label", "verb"),
    ("statement_type", "type"),
    ("family", "family"),
    ("Weight", "weight"),
    ("first_date", "first_date"),
    ("last_date", "last_date"),
    ("topics", "topics"),
    ("articles", "articles"),
)


def write_csv(statements: Sequence[Statement], out_dir: Path | str, *,
              actors: nx.MultiDiGraph | None = None) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``out_dir``, atomically; return their paths.

    ``actors`` is ``kg.network.actor_view(statements)`` when the caller has it already.

    Example:
        >>> nodes, edges = write_csv(statements, "out")
        >>> edges.read_text(encoding="utf-8").splitlines()[0]
        'Source,Target,Type,Id,Label,statement_type,family,Weight,first_date,last_date,topics,articles'
    """
    folder = Path(out_dir)
    view = actor_view(statements) if actors is None else actors
    node_rows = [
        [actor_id] + [_cell(attrs[key]) for _, key in NODE_COLUMNS[1:]]
        for actor_id, attrs in view.nodes(data=True)
    ]
    edge_rows = [
        [source, target, "Directed", str(index)] + [_cell(attrs[key]) for _, key in EDGE_COLUMNS[4:]]
        for index, (source, target, attrs) in enumerate(view.edges(data=True))
    ]
    nodes_path, edges_path = folder / "nodes.csv", folder / "edges.csv"
    _write(nodes_path, [name for name, _ in NODE_COLUMNS], node_rows)
    _write(edges_path, [name for name, _ in EDGE_COLUMNS], edge_rows)
    return nodes_path, edges_path


def _cell(value: Any) -> str:
    """A CSV cell: empty for None, lists joined with ``"; "``."""
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with atomic_open(path, "w") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
