"""rdflib terms as Oxigraph terms, for the Turtle export."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef


def to_ox(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype and not term.language else None
        return ox.Literal(str(term), language=term.language, datatype=datatype)
    raise TypeError(f"not an RDF term: {term!r}")


def converted(triples: Iterable[tuple]) -> list[ox.Triple]:
    """Oxigraph triples for rdflib triples, each distinct term converted once."""
    cache: dict = {}

    def term(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = cache.get(node)
        if found is None:
            found = cache[node] = to_ox(node)
        return found

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in triples]
