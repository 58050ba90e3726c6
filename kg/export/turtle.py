"""Turtle export: deterministic bytes, serialised by Oxigraph.

rdflib's Turtle serializer is slow on large graphs and orders its output by
hash; here the triples are sorted (subject, then ``rdf:type`` first, then
predicate and object) and written by pyoxigraph, with the kg prefixes in
alphabetical order. The same graph always gives the same bytes, provided it
has no blank nodes (kg graphs have none). ``kg build`` goes faster still
(:func:`graph_turtle`): it writes each mention's block as text, in the layout
Oxigraph gives it, and leaves the rest to Oxigraph.

Example:
    >>> write_turtle(build_rdf(statements), "out/graph.ttl")
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.atomic import write_bytes
from kg.graph import GraphTriples, NodeBlock
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
    return _document(_oxigraph_blocks(triples, prefixes), comment, prefixes)


def graph_turtle(graph: GraphTriples, *, comment: str | None = None, prefixes: Mapping[str, str] = TURTLE_PREFIXES) -> bytes:
    """The Turtle of ``kg.graph.collect_graph``: the bytes ``oxigraph_turtle(graph.triples())`` gives, made faster.

    Statements and their mentions are most of a large graph, and making their
    Oxigraph triples costs more than the rest of the export: their blocks are
    written as text instead, in Oxigraph's layout, with the prefixed names Oxigraph
    chooses (asked of Oxigraph once per name or namespace). A block with an
    IRI or a value this writer does not handle exactly as Oxigraph does goes
    through Oxigraph, and if Oxigraph's output ever differs from this writer's on its
    check (a new pyoxigraph), every block does.

    Example:
        >>> write_bytes("out/graph.ttl", graph_turtle(collect_graph(statements, articles)))
    """
    writer = _writer(tuple(sorted(prefixes.items())))
    triples: list[ox.Triple] = []
    pieces: list[bytes | None] = []  # a block written here, or None: the next block of Oxigraph's output
    for group in graph.groups():
        text = writer.block(group) if isinstance(group, NodeBlock) else None
        if text is None:
            triples.extend(group.triples() if isinstance(group, NodeBlock) else group)
        pieces.append(text)
    written = iter(_oxigraph_blocks(triples, prefixes))
    return _document([next(written) if piece is None else piece for piece in pieces], comment, prefixes)


def _oxigraph_blocks(triples: Sequence[ox.Triple], prefixes: Mapping[str, str]) -> list[bytes]:
    """Oxigraph's Turtle of ``triples``, one block per subject (the triples of a subject are consecutive), each
    ending with « .» and a newline. Oxigraph writes one triple a line (newlines in literals are escaped)."""
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes))
    body = _PREFIX_LINES.sub(b"", body, count=1)  # Oxigraph's prefix order is its own: written sorted below
    return [block + b" .\n" for block in body.split(b" .\n")[:-1]]


def _document(blocks: Sequence[bytes], comment: str | None, prefixes: Mapping[str, str]) -> bytes:
    """The comment, the prefixes sorted by name, then the subjects' blocks with a blank line before each."""
    header = [f"# {line}".rstrip() for line in comment.splitlines()] + [""] if comment else []
    header += [f"@prefix {name}: <{iri}> ." for name, iri in sorted(prefixes.items())]
    return "\n".join(header).encode("utf-8") + b"\n" + b"".join(b"\n" + block for block in blocks)


_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)} | {
    ord("\b"): "\\b", ord("\t"): "\\t", ord("\n"): "\\n", ord("\f"): "\\f", ord("\r"): "\\r",
    ord('"'): '\\"', ord("\\"): "\\\\"}
"""How a character of a string literal is escaped in Oxigraph's Turtle (checked by ``_BlockWriter.agrees``)."""
_TO_ESCAPE = re.compile("[\x00-\x1f\x7f\"\\\\]")
MAX_REMEMBERED = 200_000
"""IRIs a writer keeps written before it forgets them all."""

_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
"""Local names written after a prefix as they are: a safe subset of Turtle's (no escapes, no final dot)."""

_INTEGER = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class _BlockWriter:
    """A :class:`NodeBlock` as Turtle text, byte for byte as Oxigraph writes it with these prefixes."""

    def __init__(self, prefixes: tuple[tuple[str, str], ...]) -> None:
        self.prefixes = dict(prefixes)
        self._names: dict[tuple[str, bool], str] = {}  # (IRI, as a predicate) → how Oxigraph writes it
        self._predicates: dict[str, str] = {}
        self._spaces: dict[str, str | None] = {}  # namespace → its prefix and colon, or None: left to Oxigraph
        self._objects: dict[str, str | None] = {}  # IRIs met as objects (articles, statements, actors), written
        self.enabled = True
        self.enabled = self.agrees(_SAMPLE)

    def block(self, block: NodeBlock) -> bytes | None:
        """The block's Turtle, or None when it must go through Oxigraph."""
        if not self.enabled:
            return None
        lines = []
        previous = None
        for predicate, kind, value in block.rows:
            term = self._value(kind, value)
            if term is None:
                return None
            if predicate == previous:
                lines[-1] += f" , {term}"
            else:
                name = self._predicates.get(predicate)
                if name is None:
                    name = self._predicates[predicate] = self._name(predicate, True)
                lines.append(f"{name} {term}")
            previous = predicate
        subject = self._iri(block.subject)
        if subject is None or not lines:
            return None
        return (subject + " " + " ;\n\t".join(lines) + " .\n").encode("utf-8")

    def agrees(self, block: NodeBlock) -> bool:
        """Whether this writer writes ``block`` exactly as Oxigraph does."""
        return self.block(block) == _oxigraph_blocks(block.triples(), self.prefixes)[0]

    def _value(self, kind: str, value: str) -> str | None:
        if kind == "iri":
            if value not in self._objects:
                if len(self._objects) > MAX_REMEMBERED:
                    self._objects.clear()
                self._objects[value] = self._iri(value)
            return self._objects[value]
        if kind == "string":
            return f'"{value.translate(_ESCAPES)}"' if _TO_ESCAPE.search(value) else f'"{value}"'
        if kind == "integer" and _INTEGER.fullmatch(value):
            return value
        if kind == "decimal" and _DECIMAL.fullmatch(value):
            return value
        if kind == "boolean" and value in ("true", "false"):
            return value
        if kind == "date" and '"' not in value and "\\" not in value and value.isascii() and value.isprintable():
            return f'"{value}"^^{self._name(_XSD + "date", False)}'
        return None

    def _iri(self, iri: str) -> str | None:
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1
        local = iri[cut:]
        if not _LOCAL_NAME.fullmatch(local):
            return None
        space = iri[:cut]
        if space not in self._spaces:
            probe = self._name(space + "x0", False)
            self._spaces[space] = probe[:-2] if probe.endswith(":x0") and not probe.startswith("<") else None
        prefix = self._spaces[space]
        return None if prefix is None else prefix + local

    def _name(self, iri: str, predicate: bool) -> str:
        """How Oxigraph writes the IRI ``iri`` as a predicate (``rdf:type`` is ``a``) or as a subject or object."""
        key = (iri, predicate)
        if key not in self._names:
            node, other = ox.NamedNode(iri), ox.NamedNode("urn:kg:x")
            triple = ox.Triple(other, node, other) if predicate else ox.Triple(node, other, other)
            line = _oxigraph_blocks([triple], self.prefixes)[0].decode("utf-8")
            self._names[key] = line.split(" ")[1 if predicate else 0]
        return self._names[key]


_SAMPLE = NodeBlock("https://w3id.org/kg-diplo/id/mention/st-0a1-x_2.b-0-12", (
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "iri", "https://w3id.org/kg-diplo/ontology#Mention"),
    ("https://w3id.org/kg-diplo/ontology#inArticle", "iri", "https://w3id.org/kg-diplo/id/article/0_a-b.c"),
    ("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex", "integer", "0"),
    ("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf", "string",
     'Il a dit « non »\u00a0: "oui" \\ \n\r\t\b\f\x01\x1f\x7f é 😀\u2028'),
    ("https://w3id.org/kg-diplo/ontology#confidence", "decimal", "0.85"),
    ("https://w3id.org/kg-diplo/ontology#date", "date", "2025-03-14"),
    ("https://w3id.org/kg-diplo/ontology#negated", "boolean", "false"),
))
"""A block with every kind of value, written both ways when a writer is made."""


@lru_cache(maxsize=8)
def _writer(prefixes: tuple[tuple[str, str], ...]) -> _BlockWriter:
    return _BlockWriter(prefixes)


def _key(term: object) -> tuple[str, ...]:
    """A sort key: IRIs, then blank nodes, then literals; ``rdf:type`` before any other predicate."""
    if isinstance(term, URIRef):
        return ("0", "") if term == RDF.type else ("1", str(term))
    if isinstance(term, BNode):
        return ("2", str(term))
    if isinstance(term, Literal):
        return ("3", str(term), str(term.datatype or ""), term.language or "")
    raise TypeError(f"not an RDF term: {term!r}")
