"""The RDF graph of merged statements: as Oxigraph triples for the exports, as an rdflib graph on demand.

Every IRI is derived from an id (actor id, statement id, article id and the
evidence offsets), there are no blank nodes and no timestamps: the same
statements always give the same triples, in the same order. The graph also
holds the statement type scheme (``ontology/types.ttl``), so that it can be
queried and validated on its own.

``collect_graph`` gathers the triples grouped by subject (``rdf:type``
first): as Oxigraph terms, except for the nodes made once each (statements
and their mentions, most of a large graph), which it keeps as
:class:`NodeBlock` s of plain strings. ``kg build`` writes the Turtle from that
(:func:`kg.export.turtle.graph_turtle`, those blocks as text) without an
rdflib store in between; ``graph_triples`` gives every triple as Oxigraph
terms, and ``build_rdf`` wraps them in an rdflib graph for SHACL validation,
rdflib SPARQL and the tests.

Example:
    >>> from kg.merge import merge_mentions
    >>> graph = build_rdf(merge_mentions(mentions), {a.id: a for a in articles})
    >>> len(graph) > 0
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from itertools import groupby
from types import SimpleNamespace
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.namespace import KG, KGR_IRI, KGT_IRI, NIF, WD_IRI, new_graph
from kg.oxigraph import converted, to_rdflib
from kg.records import Actor, Article, Mention, Statement, day
from kg.type_scheme import type_scheme
from kg.types import statement_types

KIND_CLASSES: dict[str, URIRef] = {
    "person": KG.Person,
    "state": KG.State,
    "organisation": KG.Organisation,
    "media": KG.Media,
    "group": KG.Group,
}
"""The class of each ``Actor.kind``."""

_QID = re.compile(r"Q[1-9][0-9]*")

# The constant IRIs of the graph as Oxigraph terms, made once.
_T = SimpleNamespace(**{name: ox.NamedNode(str(term)) for name, term in {
    "type": RDF.type, "label": RDFS.label, "see_also": RDFS.seeAlso, "same_as": OWL.sameAs,
    "actor": KG.Actor, "statement": KG.Statement, "mention": KG.Mention, "article": KG.Article,
    "affiliation": KG.affiliation, "role": KG.role, "country": KG.country,
    "speaker": KG.speaker, "attributed_to": PROV.wasAttributedTo, "statement_type": KG.statementType,
    "addressee": KG.addressee, "about": KG.aboutTarget, "target": KG.target, "topic": KG.topic,
    "quote": KG.quote, "content": KG.content, "negated": KG.negated, "hedged": KG.hedged, "date": KG.date,
    "has_mention": KG.hasMention, "derived_from": PROV.wasDerivedFrom, "mention_of": KG.mentionOf,
    "in_article": KG.inArticle, "context": NIF.referenceContext, "begin": NIF.beginIndex, "end": NIF.endIndex,
    "anchor": NIF.anchorOf, "mode": KG.mode, "confidence": KG.confidence, "cue": KG.cue,
    "relay": KG.relaySource, "identifier": DCTERMS.identifier, "title": DCTERMS.title,
    "issued": DCTERMS.date, "source": DCTERMS.source, "language": DCTERMS.language,
    "xsd_date": XSD.date, "xsd_integer": XSD.integer, "xsd_decimal": XSD.decimal, "xsd_boolean": XSD.boolean,
}.items()})
_P = SimpleNamespace(**{name: node.value for name, node in vars(_T).items()})  # the same IRIs as strings
_KIND_NODES = {kind: ox.NamedNode(str(iri)) for kind, iri in KIND_CLASSES.items()}


@lru_cache(maxsize=65536)
def _local(identifier: str) -> str:
    """An id made safe for an IRI path segment (percent-encoded UTF-8); a final dot is encoded too (Turtle
    writes it escaped, ``article:fin\\.``, which rdflib's parser rejects)."""
    local = quote(identifier, safe="-._~")
    return local[:-1] + "%2E" if local.endswith(".") else local


def _actor(actor_id: str) -> str:
    return f"{KGR_IRI}actor/{_local(actor_id)}"


def _statement(statement_id: str) -> str:
    return f"{KGR_IRI}statement/{_local(statement_id)}"


def _article(article_id: str) -> str:
    return f"{KGR_IRI}article/{_local(article_id)}"


def _mention(statement_id: str, mention: Mention) -> str:
    span = f"{mention.article}-{mention.sentence.start}-{mention.sentence.end}"
    return f"{KGR_IRI}mention/{_local(statement_id)}-{_local(span)}"


def actor_iri(actor_id: str) -> URIRef:
    """The IRI of an actor: ``kgr:actor/<id>``.

    Example:
        >>> actor_iri("russia")
        rdflib.term.URIRef('https://w3id.org/kg-diplo/id/actor/russia')
    """
    return URIRef(_actor(actor_id))


def statement_iri(statement_id: str) -> URIRef:
    """The IRI of a statement: ``kgr:statement/<id>``."""
    return URIRef(_statement(statement_id))


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article: ``kgr:article/<id>``."""
    return URIRef(_article(article_id))


def mention_iri(statement_id: str, mention: Mention) -> URIRef:
    """The IRI of a mention: its statement, article and evidence offsets.

    Example:
        >>> mention_iri("st-1", mention)  # evidence 120-180 in article 000_3b6d
        rdflib.term.URIRef('https://w3id.org/kg-diplo/id/mention/st-1-000_3b6d-120-180')
    """
    return URIRef(_mention(statement_id, mention))


def _date(value: str | None) -> ox.Literal | None:
    """The ``xsd:date`` of an ISO date or date-time string, or None when it has no date."""
    found = day(value)
    return None if found is None else ox.Literal(found, datatype=_T.xsd_date)


def build_rdf(statements: Sequence[Statement], articles: Mapping[str, Article] | None = None) -> Graph:
    """The kg graph of ``statements`` as an rdflib graph (see ``graph_triples``).

    ``articles`` maps article ids to their records (for title, date, source);
    an article only named by a mention still gets a node with its identifier.

    Example:
        >>> graph = build_rdf(statements, {article.id: article})
        >>> write_turtle(graph, "out/graph.ttl")
    """
    return BuiltGraph(graph_triples(statements, articles))


def graph_triples(statements: Sequence[Statement], articles: Mapping[str, Article] | None = None) -> list[ox.Triple]:
    """The kg graph of ``statements`` as Oxigraph triples: type scheme, actors, statements, mentions, articles.

    Each triple appears once; triples are grouped by subject, subjects in the
    order first met, ``rdf:type`` first within a subject: the order depends
    on the statements only, not on their order in the input. A statement gets
    one direct edge ``speaker kgt:<verb> target`` per target, unless it is negated.

    Example:
        >>> write_bytes("out/graph.ttl", oxigraph_turtle(graph_triples(statements, articles)))
    """
    return collect_graph(statements, articles).triples()


def collect_graph(statements: Sequence[Statement], articles: Mapping[str, Article] | None = None) -> GraphTriples:
    """The triples of ``graph_triples``, grouped by subject, statements and mentions kept as :class:`NodeBlock` s.

    Example:
        >>> write_bytes("out/graph.ttl", graph_turtle(collect_graph(statements, articles)))
    """
    triples = GraphTriples()
    for triple in _scheme_triples():
        triples.add(*triple)
    actors = _canonical_actors(_all_actors(statements))
    known = {actor.id for actor in actors}
    for actor in actors:
        _add_actor(triples, actor)
        for body in sorted({actor.affiliation, actor.country} - {None, actor.id}):
            if body in known:  # a person or an institution linked to the state or body it speaks for
                triples.add(ox.NamedNode(_actor(actor.id)), _T.affiliation, ox.NamedNode(_actor(body)))
    article_ids: set[str] = set(articles or {})
    for _id, same in groupby(sorted(statements, key=lambda s: s.id), key=lambda s: s.id):
        same = list(same)  # one statement, unless a caller passes two under one id: one node for both
        _add_statements(triples, same)
        article_ids.update(mention.article for statement in same for mention in statement.mentions)
    for article_id in sorted(article_ids):
        _add_article(triples, article_id, (articles or {}).get(article_id))
    return triples


@dataclass(frozen=True, slots=True)
class NodeBlock:
    """The triples of a node met once, as plain strings: ``rows`` of (predicate IRI, kind, value), ``rdf:type``
    first, no row twice. ``kind`` is ``iri`` or the literal's: ``string``, ``integer``, ``decimal``, ``date``,
    ``boolean``.

    Oxigraph terms are only made when asked for (:meth:`triples`); the Turtle
    export writes the block as text.
    """

    subject: str
    rows: tuple[tuple[str, str, str], ...]

    def triples(self) -> list[ox.Triple]:
        subject = ox.NamedNode(self.subject)
        return [ox.Triple(subject, _named(predicate), _TERM_MAKERS[kind](value)) for predicate, kind, value in self.rows]


@lru_cache(maxsize=256)
def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


_TERM_MAKERS = {
    "iri": ox.NamedNode,
    "string": ox.Literal,
    "integer": lambda value: ox.Literal(value, datatype=_T.xsd_integer),
    "decimal": lambda value: ox.Literal(value, datatype=_T.xsd_decimal),
    "date": lambda value: ox.Literal(value, datatype=_T.xsd_date),
    "boolean": lambda value: ox.Literal(value, datatype=_T.xsd_boolean),
}
"""How each kind of a :class:`NodeBlock` row becomes an Oxigraph term."""


class GraphTriples:
    """Triples, each once, grouped by subject in the order subjects are first met, ``rdf:type`` first."""

    def __init__(self) -> None:
        self._subjects: dict[ox.NamedNode | str, tuple[list[ox.Triple], list[ox.Triple]] | NodeBlock] = {}
        self._seen: set[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = set()

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, value: ox.NamedNode | ox.Literal) -> None:
        key = (subject, predicate, value)
        if key in self._seen:
            return
        self._seen.add(key)
        rows = self._subjects.get(subject)
        if rows is None:
            rows = self._subjects[subject] = ([], [])
        rows[0 if predicate == _T.type else 1].append(ox.Triple(subject, predicate, value))  # type: ignore[index]

    def add_block(self, block: NodeBlock) -> None:
        """The triples of a subject met for the first time, all different (a mention: no check for repeats,
        the costly part of ``add`` on a large graph; no Oxigraph term made either)."""
        if block.subject in self._subjects or ox.NamedNode(block.subject) in self._subjects:
            raise ValueError(f"subject already in the graph: {block.subject}")
        self._subjects[block.subject] = block

    def add_rows(self, subject: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """The triples of a subject met for the first time, as :class:`NodeBlock` rows (``rdf:type`` first),
        repeats dropped (the first kept)."""
        self.add_block(NodeBlock(subject, tuple(dict.fromkeys(rows))))

    def groups(self) -> Iterator[list[ox.Triple] | NodeBlock]:
        """Each subject's triples in order: a list of Oxigraph triples, or the subject's :class:`NodeBlock`."""
        for group in self._subjects.values():
            yield group if isinstance(group, NodeBlock) else group[0] + group[1]

    def triples(self) -> list[ox.Triple]:
        return [triple for group in self.groups() for triple in (group.triples() if isinstance(group, NodeBlock) else group)]


@cache
def _scheme_triples() -> tuple[ox.Triple, ...]:
    """The statement type scheme as Oxigraph triples, in a fixed order."""
    return tuple(converted(sorted(type_scheme(), key=lambda t: tuple(node.n3() for node in t))))


class BuiltGraph(Graph):
    """The rdflib graph of ``build_rdf``; it keeps the Oxigraph triples it was made from (subject by
    subject, in build order) for a fast, deterministic Turtle export, until it is edited."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        super().__init__()
        for prefix, namespace in new_graph().namespaces():
            self.bind(prefix, namespace, override=True, replace=True)
        terms: dict = {}

        def term(node: ox.NamedNode | ox.Literal) -> object:
            found = terms.get(node)
            if found is None:
                found = terms[node] = to_rdflib(node)
            return found

        super().addN((term(t.subject), term(t.predicate), term(t.object), self) for t in triples)
        self._triples: list[ox.Triple] | None = triples

    def add(self, triple: tuple) -> Graph:
        if triple not in self:
            self._triples = None  # the recorded triples no longer describe the graph
        return super().add(triple)

    def addN(self, quads: Iterable[tuple]) -> Graph:  # noqa: N802 (rdflib's name)
        self._triples = None
        return super().addN(quads)

    def remove(self, triple: tuple) -> Graph:
        self._triples = None
        return super().remove(triple)

    def oxigraph_triples(self) -> list[ox.Triple] | None:
        """The graph's triples as Oxigraph terms, grouped by subject, or None once the graph was edited."""
        if self._triples is None or len(self._triples) != len(self):
            return None
        return self._triples


def _all_actors(statements: Iterable[Statement]) -> Iterable[Actor]:
    for statement in statements:
        yield statement.speaker
        yield from (target.actor for target in statement.targets)
        yield from (mention.source for mention in statement.mentions if mention.source)


def _canonical_actors(actors: Iterable[Actor]) -> list[Actor]:
    """One record per actor id, whatever the input order: the most complete, missing fields filled in."""
    by_id: dict[str, set[Actor]] = {}
    for actor in actors:
        by_id.setdefault(actor.id, set()).add(actor)
    canonical = []
    for actor_id, variants in sorted(by_id.items()):
        ranked = sorted(variants, key=_completeness)
        best = ranked[0]
        canonical.append(
            Actor(
                name=best.name,
                id=actor_id,
                kind=best.kind,
                role=next((a.role for a in ranked if a.role), None),
                country=next((a.country for a in ranked if a.country), None),
                qid=next((a.qid for a in ranked if a.qid), None),
                affiliation=next((a.affiliation for a in ranked if a.affiliation), None),
            )
        )
    return canonical


def _completeness(actor: Actor) -> tuple:
    filled = sum(bool(value) for value in (actor.role, actor.country, actor.qid))
    return (-filled, -len(actor.name), actor.name, actor.kind, actor.role or "", actor.country or "", actor.qid or "")


def _add_actor(triples: GraphTriples, actor: Actor) -> None:
    node = ox.NamedNode(_actor(actor.id))
    triples.add(node, _T.type, _T.actor)
    if actor.kind in _KIND_NODES:
        triples.add(node, _T.type, _KIND_NODES[actor.kind])
    triples.add(node, _T.label, ox.Literal(actor.name))
    if actor.role:
        triples.add(node, _T.role, ox.Literal(actor.role))
    if actor.country:
        triples.add(node, _T.country, ox.Literal(actor.country))
    if actor.qid and _QID.fullmatch(actor.qid):
        triples.add(node, _T.same_as, ox.NamedNode(f"{WD_IRI}{actor.qid}"))


def _add_statements(triples: GraphTriples, statements: Sequence[Statement]) -> None:
    """The node of statements that share an id (one, from ``merge_mentions``), then their mentions' nodes, as
    blocks of plain strings (each node is met here only), and each speaker's direct edges to its targets."""
    rows: list[tuple[str, str, str]] = []
    mentions: list[NodeBlock] = []
    for statement in statements:
        mentions += _statement_rows(statement, rows)
    triples.add_rows(_statement(statements[0].id), rows)
    for block in mentions:
        triples.add_block(block)
    for statement in statements:
        _add_direct_edges(triples, statement)


def _statement_rows(statement: Statement, rows: list[tuple[str, str, str]]) -> list[NodeBlock]:
    """Add the statement's rows to ``rows``; return its mentions' blocks."""
    node = _statement(statement.id)
    speaker = _actor(statement.speaker.id)
    rows += [(_P.type, "iri", _P.statement), (_P.speaker, "iri", speaker), (_P.attributed_to, "iri", speaker),
             (_P.statement_type, "iri", f"{KGT_IRI}{statement.type}")]  # unknown ids too: SHACL reports them
    for target in statement.targets:
        actor = _actor(target.actor.id)
        rows.append((_P.addressee if target.role == "addressee" else _P.about, "iri", actor))
        rows.append((_P.target, "iri", actor))
    if statement.topic:
        rows.append((_P.topic, "string", statement.topic))
        rows.append((_P.label, "string", statement.topic))
    if statement.quote:
        rows.append((_P.quote, "string", statement.quote))
    if statement.content:
        rows.append((_P.content, "string", statement.content))
    rows.append((_P.negated, "boolean", "true" if statement.negated else "false"))
    rows.append((_P.hedged, "boolean", "true" if statement.hedged else "false"))
    if (found := day(statement.date)) is not None:
        rows.append((_P.date, "date", found))
    mentions: list[NodeBlock] = []
    seen: set[str] = set()
    for mention in sorted(statement.mentions, key=lambda m: (m.article, m.sentence.start, m.sentence.end, m.date or "")):
        iri = _mention(statement.id, mention)
        if iri not in seen:  # the same sentence reported twice is one mention
            seen.add(iri)
            article = _article(mention.article)
            source = _actor(mention.source.id) if mention.source else None
            rows.append((_P.has_mention, "iri", iri))
            rows.append((_P.derived_from, "iri", article))
            if source is not None:
                rows.append((_P.relay, "iri", source))
            mentions.append(_mention_block(node, iri, article, source, mention))
    return mentions


def _mention_block(statement: str, iri: str, article: str, source: str | None, mention: Mention) -> NodeBlock:
    date = day(mention.date)
    return NodeBlock(iri, (
        (_P.type, "iri", _P.mention),
        (_P.mention_of, "iri", statement),
        (_P.in_article, "iri", article),
        (_P.context, "iri", article),
        (_P.derived_from, "iri", article),
        (_P.begin, "integer", str(mention.sentence.start)),
        (_P.end, "integer", str(mention.sentence.end)),
        (_P.anchor, "string", mention.sentence.text),
        (_P.mode, "string", mention.mode),
        (_P.confidence, "decimal", _confidence(round(mention.confidence, 3))),
        *([(_P.cue, "string", mention.cue)] if mention.cue else []),
        *([(_P.date, "date", date)] if date is not None else []),
        *([(_P.relay, "iri", source)] if source is not None else []),
    ))


@lru_cache(maxsize=1024)
def _confidence(value: float) -> str:
    """The ``xsd:decimal`` lexical form of a confidence."""
    return format(Decimal(str(value)), "f")


def _add_direct_edges(triples: GraphTriples, statement: Statement) -> None:
    statement_type = statement_types().get(statement.type)
    if statement_type is None or statement.negated:
        return
    predicate = ox.NamedNode(f"{KGT_IRI}{statement_type.verb}")
    speaker = ox.NamedNode(_actor(statement.speaker.id))
    for target in statement.targets:
        triples.add(speaker, predicate, ox.NamedNode(_actor(target.actor.id)))


def _add_article(triples: GraphTriples, article_id: str, article: Article | None) -> None:
    node = ox.NamedNode(_article(article_id))
    triples.add(node, _T.type, _T.article)
    triples.add(node, _T.identifier, ox.Literal(article_id))
    if article is None:
        return
    if article.title:
        triples.add(node, _T.title, ox.Literal(article.title))
    if (date := _date(article.date)) is not None:
        triples.add(node, _T.issued, date)
    if article.source:
        triples.add(node, _T.source, ox.Literal(article.source))
    if article.lang:
        triples.add(node, _T.language, ox.Literal(article.lang))
    if (url := _web_address(article.url)) is not None:
        triples.add(node, _T.see_also, url)


def _web_address(url: str | None) -> ox.NamedNode | None:
    """The article's address as an IRI, when it is a valid http(s) IRI (anything else is left out)."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return ox.NamedNode(url)
    except ValueError:
        return None
