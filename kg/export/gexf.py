"""Export the actor view as GEXF 1.3, for Gephi.

Our own writer rather than networkx's: networkx writes a misspelt XML Schema
instance namespace in 1.3 (a ``name`` attribute on ``graph`` in 1.2draft),
fails on list and None attribute values, and writes an edge attribute called
``type`` into GEXF's own edge ``type`` (only directed/undirected/mutual are
allowed). Here the statement type travels as ``statement_type``.

Content: actors as nodes (attributes ``kind``, ``country``, ``wikidata``,
``role``, ``statements_spoken``, ``statements_received``), one directed edge
per (speaker, target, type) with ``statement_type``, ``verb``, ``family``,
``first_date``, ``last_date``, ``topics``, ``articles`` and the number of
statements as GEXF's own ``weight``. Colours and sizes go in the ``viz``
namespace; article dates become spells (``mode="dynamic"``,
``timeformat="date"``) so Gephi's timeline works.

Note on validation: the official XSDs (gexf.net, 1.2draft and 1.3) declare
the viz elements in the main GEXF namespace, while Gephi, networkx and
graphology read them in the viz namespace written here, as Gephi itself
writes them. The tests validate a copy with the viz namespace folded into the
GEXF one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import write_bytes
from kg.export.palette import FAMILY_COLORS, KIND_COLORS, UNKNOWN_FAMILY_COLOR, UNKNOWN_KIND_COLOR
from kg.network import actor_view
from kg.records import Statement

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"

#: (attribute id and title, GEXF type, node attribute in :func:`kg.network.actor_view`)
NODE_ATTRIBUTES = (
    ("kind", "string", "kind"),
    ("country", "string", "country"),
    ("wikidata", "string", "qid"),
    ("role", "string", "role"),
    ("statements_spoken", "integer", "statements_spoken"),
    ("statements_received", "integer", "statements_received"),
)
#: (attribute id and title, GEXF type, edge attribute in :func:`kg.network.actor_view`)
EDGE_ATTRIBUTES = (
    ("statement_type", "string", "type"),
    ("verb", "string", "verb"),
    ("family", "string", "family"),
    ("first_date", "string", "first_date"),
    ("last_date", "string", "last_date"),
    ("topics", "string", "topics"),
    ("articles", "string", "articles"),
)
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_gexf(statements: Sequence[Statement], path: Path | str, *, actors: nx.MultiDiGraph | None = None) -> None:
    """Write the actor view of ``statements`` to ``path`` as GEXF 1.3, atomically.

    Example:
        >>> write_gexf(statements, "out/graph.gexf")
        >>> networkx.read_gexf("out/graph.gexf", version="1.3").number_of_edges()
        18
    """
    write_bytes(path, gexf_bytes(statements, actors=actors))


def gexf_bytes(statements: Sequence[Statement], *, actors: nx.MultiDiGraph | None = None) -> bytes:
    """The GEXF document as UTF-8 bytes; the same statements always give the same bytes.

    ``actors`` is ``kg.network.actor_view(statements)`` when the caller has it already.
    """
    root = _document(actor_view(statements) if actors is None else actors)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode("utf-8")


def _document(view: nx.MultiDiGraph) -> ET.Element:
    dates = sorted({d for _, attrs in view.nodes(data=True) for d in attrs["dates"]})
    root = ET.Element("gexf", {
        "xmlns": GEXF_NS,
        "xmlns:viz": VIZ_NS,
        "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": SCHEMA_LOCATION,
        "version": "1.3",
    })
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "kg"
    ET.SubElement(meta, "description").text = (
        "Attributed diplomatic statements: actors, one edge per speaker, target and statement type."
    )
    graph_attrs = {"defaultedgetype": "directed", "mode": "static"}
    if dates:
        graph_attrs = {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date",
                       "start": dates[0], "end": dates[-1]}
    graph = ET.SubElement(root, "graph", graph_attrs)
    _declare(graph, "node", NODE_ATTRIBUTES)
    _declare(graph, "edge", EDGE_ATTRIBUTES)

    nodes = ET.SubElement(graph, "nodes", {"count": str(view.number_of_nodes())})
    for actor_id, attrs in view.nodes(data=True):
        node = ET.SubElement(nodes, "node", {"id": _clean(actor_id), "label": _clean(attrs["label"])})
        _values(node, NODE_ATTRIBUTES, attrs)
        _spells(node, attrs["dates"])
        _color(node, KIND_COLORS.get(attrs["kind"], UNKNOWN_KIND_COLOR))
        spoken_received = attrs["statements_spoken"] + attrs["statements_received"]
        ET.SubElement(node, "viz:size", {"value": _number(8.0 + 6.0 * spoken_received ** 0.5)})

    edges = ET.SubElement(graph, "edges", {"count": str(view.number_of_edges())})
    for index, (source, target, attrs) in enumerate(view.edges(data=True)):
        edge = ET.SubElement(edges, "edge", {
            "id": str(index),
            "source": _clean(source),
            "target": _clean(target),
            "label": _clean(attrs["label"]),
            "weight": str(attrs["weight"]),
        })
        _values(edge, EDGE_ATTRIBUTES, attrs)
        _spells(edge, attrs["dates"])
        _color(edge, FAMILY_COLORS.get(attrs["family"], UNKNOWN_FAMILY_COLOR))
        ET.SubElement(edge, "viz:thickness", {"value": _number(1.0 + 2.0 * (attrs["weight"] - 1) ** 0.5)})
    return root


def _declare(graph: ET.Element, cls: str, attributes: Iterable[tuple[str, str, str]]) -> None:
    declared = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
    for name, gexf_type, _ in attributes:
        ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": gexf_type})


def _values(element: ET.Element, attributes: Iterable[tuple[str, str, str]], attrs: dict[str, Any]) -> None:
    """One ``attvalue`` per non-empty value; lists are joined with ``"; "``."""
    values = ET.SubElement(element, "attvalues")
    for name, _, key in attributes:
        value = attrs.get(key)
        if isinstance(value, (tuple, list)):
            value = "; ".join(str(v) for v in value)
        if value is None or value == "":
            continue
        ET.SubElement(values, "attvalue", {"for": name, "value": _clean(str(value))})
    if not len(values):
        element.remove(values)


def _spells(element: ET.Element, dates: Sequence[str]) -> None:
    """One spell per day the actor or relation appears in an article."""
    if not dates:
        return
    spells = ET.SubElement(element, "spells")
    for date in dates:
        ET.SubElement(spells, "spell", {"start": date, "end": date})


def _color(element: ET.Element, hex_color: str) -> None:
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    ET.SubElement(element, "viz:color", {"r": str(red), "g": str(green), "b": str(blue)})


def _number(value: float) -> str:
    return f"{value:.2f}"


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("", text)
