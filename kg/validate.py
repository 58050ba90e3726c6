"""Validate a kg graph against the SHACL shapes of ``ontology/shapes.ttl``.

The core constraints run in pyshacl. The SHACL-SPARQL constraints
(``sh:sparql``) are run differently, with the same results: pyshacl runs one
rdflib query per focus node, which takes minutes on a graph of a few
thousand statements, so here each constraint's query runs once over the
whole graph in Oxigraph, with ``$this`` bound to every instance of the
shape's target class.

Example:
    >>> conforms, lines = validate("out/graph.ttl")
    >>> conforms
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from kg.export.turtle import turtle_bytes
from kg.namespace import PREFIXES, RESOURCE_PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
"""``ontology/`` of the source tree: kg.ttl, types.ttl, shapes.ttl, queries/."""

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint of a node shape targeting a class."""

    target_class: URIRef
    select: str
    message: str
    prefixes: tuple[tuple[str, str], ...]


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
    shapes, constraints = split_sparql_constraints(load_graph(ontology_dir / "shapes.ttl"))
    ontology = load_graph(ontology_dir / "kg.ttl") + load_graph(ontology_dir / "types.ttl")
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True,
    )
    lines = report_lines(results)
    if constraints:
        store = ox.Store()
        if isinstance(graph_path, Graph):
            store.load(turtle_bytes(graph_path), format=ox.RdfFormat.TURTLE)
        else:
            store.load(path=str(graph_path), format=ox.RdfFormat.TURTLE)
        for constraint in constraints:
            lines += sparql_violations(store, constraint)
    return bool(conforms) and not lines, sorted(lines)


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


def split_sparql_constraints(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without their ``sh:sparql`` constraints, and those constraints.

    Only constraints of shapes with an ``sh:targetClass`` are taken out; any
    other stays for pyshacl to run.
    """
    prefixes = tuple(sorted(
        (str(shapes.value(declaration, SH.prefix)), str(shapes.value(declaration, SH.namespace)))
        for declaration in shapes.objects(None, SH.declare)
    ))
    core = Graph(namespace_manager=shapes.namespace_manager)
    core += shapes
    constraints = []
    for shape, node in sorted(shapes.subject_objects(SH.sparql)):
        target_class = shapes.value(shape, SH.targetClass)
        if target_class is None:
            continue
        constraints.append(SparqlConstraint(
            target_class=target_class,
            select=str(shapes.value(node, SH.select)),
            message=str(shapes.value(node, SH.message) or "SPARQL constraint failed"),
            prefixes=prefixes,
        ))
        core.remove((shape, SH.sparql, node))
    return core, constraints


def sparql_violations(store: ox.Store, constraint: SparqlConstraint) -> list[str]:
    """Run one SPARQL constraint over the whole store: one report line per solution."""
    query = constraint.select.replace("$this", "?this")
    where = re.search(r"\bWHERE\s*\{", query, flags=re.IGNORECASE)
    if where is None:
        raise ValueError(f"a sh:select without WHERE: {constraint.select[:80]}")
    target = f" ?this <{_RDF_TYPE}>/<{_SUBCLASS_OF}>* <{constraint.target_class}> ."
    query = query[: where.end()] + target + query[where.end():]
    header = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in constraint.prefixes)
    solutions = store.query(header + query)
    lines = []
    for solution in solutions:
        terms = {variable.value: solution[variable] for variable in solutions.variables}
        message = re.sub(
            r"\{[?$](\w+)\}", lambda match: _show_ox(terms.get(match.group(1))), constraint.message,
        )
        path = terms.get("path")
        lines.append(f"Violation  {_show_ox(terms.get('this'))}  {_show_ox(path) if path else '-'}: {message}")
    return lines


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
        return _curie(str(node))
    if isinstance(node, Literal):
        text = str(node)
        if node.datatype not in (None, XSD.string):
            return text
        return repr(text if len(text) <= 60 else text[:57] + "...")
    # a blank node path: an inverse path or a sequence
    inverse = graph.value(node, SH.inversePath)
    return f"^{_show(graph, inverse)}" if inverse is not None else "[path]"


def _show_ox(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return _curie(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return "-" if term is None else str(term)


def _curie(iri: str) -> str:
    """``actor:russia`` for a kg resource IRI, ``<iri>`` when no prefix fits."""
    for prefix, namespace in sorted({**PREFIXES, **RESOURCE_PREFIXES}.items(), key=lambda item: -len(item[1])):
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and re.fullmatch(r"[\w.%-]+", local) and not local.endswith("."):
            return f"{prefix}:{local}"
    return f"<{iri}>"


def _local_name(iri: Node | None) -> str:
    return str(iri).rsplit("#", 1)[-1] if iri is not None else "Violation"
