"""Turtle export: deterministic bytes, serialised by Oxigraph.

rdflib's Turtle serializer is slow on large graphs and orders its output by
hash; here the triples are sorted (subject, then ``rdf:type`` first, then
predicate and object) and written by pyoxigraph, with the kg prefixes in
alphabetical order. The same graph always gives the same bytes, provided it
has no blank nodes (kg graphs have none).

Example:
    >>> write_turtle(build_rdf(statements), "out/graph.ttl")
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.atomic import write_bytes
from kg.oxigraph import converted
from kg.namespace import PREFIXES, RESOURCE_PREFIXES

_PREFIX_LINES = re.compile(rb"\A(?:@prefix [^\n]*\n)*")

TURTLE_PREFIXES: dict[str, str] = dict(sorted({**PREFIXES, **RESOURCE_PREFIXES}.items()))
"""Every prefix declared at the top of a kg Turtle file."""


def write_turtle(graph: Graph, path: Path | str, *, comment: str | None = None) -> None:
    """Write ``graph`` to ``path`` as Turtle, atomically and deterministically.

    ``comment`` lines, if given, are written first as ``#`` comments.

    Example:
        >>> write_turtle(graph, "out/graph.ttl")
        >>> Graph().parse("out/graph.ttl").isomorphic(graph)  # rdflib.compare.isomorphic
        True
    """
    write_bytes(path, turtle_bytes(graph, comment=comment))


def turtle_bytes(graph: Iterable[tuple], *, comment: str | None = None, prefixes: Mapping[str, str] = TURTLE_PREFIXES) -> bytes:
    """The Turtle serialisation of ``graph`` (any iterable of rdflib triples) as bytes.

    Example:
        >>> turtle_bytes(graph).startswith(b"@prefix dcterms:")
        True
    """
    recorded = getattr(graph, "oxigraph_triples", None)
    triples = recorded() if callable(recorded) else None
    if triples is None:
        # Not a graph from kg.graph.build_rdf (which keeps its triples in build order, grouped by subject):
        # sort on plain strings (cheap), then convert each distinct rdflib term to Oxigraph once.
        keyed = sorted((_key(s), _key(p), _key(o), s, p, o) for s, p, o in graph)
        triples = converted((s, p, o) for _, _, _, s, p, o in keyed)
    return oxigraph_turtle(triples, comment=comment, prefixes=prefixes)


def oxigraph_turtle(triples: Sequence[ox.Triple], *, comment: str | None = None,
                    prefixes: Mapping[str, str] = TURTLE_PREFIXES) -> bytes:
    """Oxigraph triples as Turtle bytes, in their order (``kg.graph.graph_triples`` groups them by subject).

    Example:
        >>> oxigraph_turtle(graph_triples(statements)).startswith(b"@prefix dcterms:")
        True
    """
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes))
    body = _PREFIX_LINES.sub(b"", body, count=1)  # Oxigraph's prefix order is its own: written sorted below
    header = [f"# {line}".rstrip() for line in comment.splitlines()] + [""] if comment else []
    header += [f"@prefix {name}: <{iri}> ." for name, iri in sorted(prefixes.items())]
    # Oxigraph writes one statement a line (newlines in literals are escaped), and ends each subject's block with
    # « .» and a newline: a blank line goes before each subject.
    blocks = b"\n" + body.replace(b" .\n", b" .\n\n")[:-1] if body else b""
    return "\n".join(header).encode("utf-8") + b"\n" + blocks


def _key(term: object) -> tuple[str, ...]:
    """A sort key: IRIs, then blank nodes, then literals; ``rdf:type`` before any other predicate."""
    if isinstance(term, URIRef):
        return ("0", "") if term == RDF.type else ("1", str(term))
    if isinstance(term, BNode):
        return ("2", str(term))
    if isinstance(term, Literal):
        return ("3", str(term), str(term.datatype or ""), term.language or "")
    raise TypeError(f"not an RDF term: {term!r}")
