"""Validate a kg graph against the SHACL shapes of ``ontology/shapes.ttl``.

Example:
    >>> conforms, lines = validate("out/graph.ttl")
    >>> conforms
    True
"""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from kg.namespace import PREFIXES, RESOURCE_PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
"""``ontology/`` of the source tree: kg.ttl, types.ttl, shapes.ttl, queries/."""


def validate(graph_path: Path | str | Graph, *, ontology_dir: Path | str = ONTOLOGY_DIR) -> tuple[bool, list[str]]:
    """Check a Turtle graph (a path, or an rdflib Graph) against ``shapes.ttl``.

    Returns whether it conforms and one readable line per violation,
    ``Violation  <focus node>  <path>: <message> (value: <value>)``, sorted.

    Example:
        >>> conforms, lines = validate("out/graph.ttl")
        >>> print("\\n".join(lines) or "ok")
        Violation  statement:st-0a1b  kg:speaker: a statement has exactly one speaker, an actor
    """
    data = graph_path if isinstance(graph_path, Graph) else load_graph(graph_path)
    ontology_dir = Path(ontology_dir)
    shapes = load_graph(ontology_dir / "shapes.ttl")
    ontology = load_graph(ontology_dir / "kg.ttl") + load_graph(ontology_dir / "types.ttl")
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True,
    )
    return bool(conforms), report_lines(results)


def load_graph(path: Path | str) -> Graph:
    """Parse a Turtle file with Oxigraph's parser (much faster than rdflib's).

    Oxigraph gives simple literals an explicit ``xsd:string`` datatype, which
    rdflib compares unequal to the plain literals of built graphs and of
    ``sh:in`` lists: they are made plain again.
    """
    parsed = Graph()
    parsed.parse(Path(path), format="ox-turtle")
    graph = Graph(namespace_manager=parsed.namespace_manager)
    graph.addN(
        (s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o, graph)
        for s, p, o in parsed
    )
    return graph


def report_lines(results: Graph) -> list[str]:
    """One line per SHACL result of a pyshacl results graph, sorted."""
    for prefix, namespace in {**PREFIXES, **RESOURCE_PREFIXES}.items():
        results.bind(prefix, namespace, override=True, replace=True)
    lines = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        line = f"{_local_name(severity)}  {_show(results, focus)}  {_show(results, path)}: {message or 'constraint failed'}"
        if value is not None and value != focus:
            line += f" (value: {_show(results, value)})"
        lines.append(line)
    return sorted(lines)


def _show(graph: Graph, node: Node | None) -> str:
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.curie(node, generate=False)
        except (KeyError, ValueError):
            return f"<{node}>"
    if isinstance(node, Literal):
        text = str(node)
        if node.datatype not in (None, XSD.string):
            return text
        return repr(text if len(text) <= 60 else text[:57] + "...")
    # a blank node path: an inverse path or a sequence
    inverse = graph.value(node, SH.inversePath)
    return f"^{_show(graph, inverse)}" if inverse is not None else "[path]"


def _local_name(iri: Node | None) -> str:
    return str(iri).rsplit("#", 1)[-1] if iri is not None else "Violation"
