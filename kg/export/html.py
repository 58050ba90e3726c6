"""Export the statements as one self-contained, offline, interactive HTML page.

The page inlines vis-network (read from the installed pyvis package) and its
own script and style from ``kg/export/templates/``: it makes no network
request. The data travels as JSON inside ``<script type="application/json">``
with ``<``, ``>`` and ``&`` escaped, and the page builds every tooltip and
detail panel as DOM text, so article text can never run as markup.

Two switchable views are drawn from :mod:`kg.network`: the actor view (one
edge per speaker, target and type, weighted by count) and the statement view
(speaker → statement labelled with its topic → target).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.atomic import write_text
from kg.export.layout import spring_positions
from kg.export.palette import FAMILY_COLORS, KIND_COLORS, UNKNOWN_FAMILY_COLOR
from kg.network import actor_view, build_network
from kg.records import Statement
from kg.types import FAMILIES, statement_types

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

#: A view with more nodes than this gets positions computed here, with a
#: seeded spring layout, and the page turns its physics off.
LAYOUT_THRESHOLD = 300
LAYOUT_SEED = 7
VIS_VERSION = "vis-9.1.2"


def write_html(statements: Sequence[Statement], path: Path | str, *, title: str = "Diplomatic statements",
               actors: nx.MultiDiGraph | None = None) -> None:
    """Write the interactive graph page of ``statements`` to ``path``, atomically.

    Example:
        >>> write_html(statements, "out/graph.html", title="Venezuela, septembre 2025")
    """
    write_text(path, render_html(statements, title=title, actors=actors))


def render_html(statements: Sequence[Statement], *, title: str = "Diplomatic statements",
                actors: nx.MultiDiGraph | None = None) -> str:
    """The page as a string; the same statements always give the same bytes.

    ``actors`` is ``kg.network.actor_view(statements)`` when the caller has it already.
    """
    return _render(_template("graph.html"), {
        "title": html.escape(title),
        "vis_css": _vis_asset("vis-network.css"),
        "page_css": _template("graph.css"),
        "data_json": script_json(graph_data(statements, title=title, actors=actors)),
        "vis_js": _inline_script(_vis_asset("vis-network.min.js")),
        "page_js": _inline_script(_template("graph.js")),
    })


def graph_data(statements: Sequence[Statement], *, title: str = "", actors: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """Everything the page draws, as plain JSON-ready data (``actors``: the actor view, if already built)."""
    actors = actor_view(statements) if actors is None else actors
    network = build_network(statements)
    counts: dict[str, int] = {}
    for statement in statements:
        counts[statement.type] = counts.get(statement.type, 0) + 1
    known = statement_types()
    extra_types = sorted(set(counts) - set(known))
    data: dict[str, Any] = {
        "title": title,
        "families": [{"id": family, "color": FAMILY_COLORS.get(family, UNKNOWN_FAMILY_COLOR)} for family in FAMILIES],
        "kinds": [{"id": kind, "color": color} for kind, color in KIND_COLORS.items()],
        "types": [
            {"id": t.id, "verb": t.verb, "family": t.family, "label": t.label_en, "count": counts.get(t.id, 0)}
            for t in known.values()
        ] + [{"id": t, "verb": t, "family": "neutral", "label": t, "count": counts[t]} for t in extra_types],
        "actors": [_actor(node, attrs) for node, attrs in actors.nodes(data=True)],
        "statements": [_statement(network, node, attrs) for node, attrs in network.nodes(data=True)
                       if attrs["node_type"] == "statement"],
        "actorEdges": [_actor_edge(source, target, attrs) for source, target, attrs in actors.edges(data=True)],
        "positions": None,
    }
    large = {name: graph for name, graph in (("actors", actors), ("statements", network))
             if graph.number_of_nodes() > LAYOUT_THRESHOLD}
    if large:
        data["positions"] = {name: _layout(graph) for name, graph in large.items()}
    return data


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` become ``\\u003c`` etc.

    Example:
        >>> script_json({"quote": "</script>"})
        '{"quote": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _actor(node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": node,
        "label": attrs["label"],
        "kind": attrs["kind"],
        "country": attrs["country"],
        "qid": attrs["qid"],
        "role": attrs["role"],
        "spoken": attrs["statements_spoken"],
        "received": attrs["statements_received"],
    }


def _statement(network: nx.MultiDiGraph, node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    targets = [[target, key] for _, target, key in network.out_edges(node, keys=True)]
    return {
        "id": node,
        "label": attrs["label"],
        "topic": attrs["topic"],
        "type": attrs["type"],
        "speaker": attrs["speaker"],
        "targets": targets,
        "text": attrs["text"],
        "quoted": attrs["quote"] is not None,
        "date": attrs["date"],
        "articles": list(attrs["articles"]),
        "mentions": attrs["mentions"],
        "negated": attrs["negated"],
        "hedged": attrs["hedged"],
    }


def _actor_edge(source: str, target: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {
        "from": source,
        "to": target,
        "type": attrs["type"],
        "weight": attrs["weight"],
        "first": attrs["first_date"],
        "last": attrs["last_date"],
        "statements": list(attrs["statements"]),
    }


def _layout(graph: nx.MultiDiGraph) -> dict[str, list[float]]:
    """Seeded spring-layout positions in vis-network pixels, about 110 px apart."""
    scale = 55.0 * max(graph.number_of_nodes(), 1) ** 0.5
    positions = spring_positions(list(graph.nodes), graph.edges(), seed=LAYOUT_SEED, scale=scale)
    return {str(node): [x, y] for node, (x, y) in positions.items()}


def _template(name: str) -> str:
    return resources.files("kg.export").joinpath("templates", name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """A file of the vis-network build that the pyvis package ships, read without importing pyvis (whose
    ``__init__`` imports IPython: a twentieth of a second for nothing)."""
    return _pyvis_folder().joinpath("templates", "lib", VIS_VERSION, name).read_text(encoding="utf-8")


@cache
def _pyvis_folder() -> Traversable:
    spec = find_spec("pyvis")
    if spec is None:
        raise ModuleNotFoundError("No module named 'pyvis'", name="pyvis")
    folder = Path(next(iter(spec.submodule_search_locations or [""]), ""))
    if folder.name and folder.is_dir():  # an installed folder: found, not run
        return folder
    return resources.files("pyvis")  # some other kind of installation (a zip file): import it


def _inline_script(code: str) -> str:
    """Script text that cannot close its ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def _render(template: str, values: dict[str, str]) -> str:
    """Fill ``{{ name }}`` slots in one pass, so inserted text is never re-scanned."""
    out: list[str] = []
    rest = template
    while (start := rest.find("{{ ")) >= 0:
        end = rest.index(" }}", start)
        out.append(rest[:start])
        out.append(values[rest[start + 3:end]])
        rest = rest[end + 3:]
    out.append(rest)
    return "".join(out)
