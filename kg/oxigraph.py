"""Terms between rdflib and Oxigraph: the graph is built with Oxigraph terms, rdflib reads it for SHACL."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """The rdflib term for an Oxigraph term (a plain ``xsd:string`` literal has no datatype in rdflib)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")
