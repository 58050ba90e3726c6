"""Build the rdflib graph, the source of truth, from merged statements.

Every IRI is derived from an id (actor id, statement id, article id and the
evidence offsets), there are no blank nodes and no timestamps: the same
statements always give the same triples. The graph also holds the statement
type scheme (``ontology/types.ttl``), so that it can be queried and validated
on its own.

Example:
    >>> from kg.merge import merge_mentions
    >>> graph = build_rdf(merge_mentions(mentions), {a.id: a for a in articles})
    >>> len(graph) > 0
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.namespace import KG, KGR, KGT, NIF, WD, new_graph
from kg.oxigraph import to_ox
from kg.records import Actor, Article, Mention, Statement
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
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _local(identifier: str) -> str:
    """An id made safe for an IRI path segment (percent-encoded UTF-8)."""
    return quote(identifier, safe="-._~")


def actor_iri(actor_id: str) -> URIRef:
    """The IRI of an actor: ``kgr:actor/<id>``.

    Example:
        >>> actor_iri("russia")
        rdflib.term.URIRef('https://w3id.org/kg-diplo/id/actor/russia')
    """
    return KGR[f"actor/{_local(actor_id)}"]


def statement_iri(statement_id: str) -> URIRef:
    """The IRI of a statement: ``kgr:statement/<id>``."""
    return KGR[f"statement/{_local(statement_id)}"]


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article: ``kgr:article/<id>``."""
    return KGR[f"article/{_local(article_id)}"]


def mention_iri(statement_id: str, mention: Mention) -> URIRef:
    """The IRI of a mention: its statement, article and evidence offsets.

    Example:
        >>> mention_iri("st-1", mention)  # evidence 120-180 in article 000_3b6d
        rdflib.term.URIRef('https://w3id.org/kg-diplo/id/mention/st-1-000_3b6d-120-180')
    """
    span = f"{mention.article}-{mention.sentence.start}-{mention.sentence.end}"
    return KGR[f"mention/{_local(statement_id)}-{_local(span)}"]


def type_iri(type_id: str) -> URIRef:
    """The concept of a statement type: ``kgt:<id>`` (unknown ids too, so that SHACL reports them)."""
    return URIRef(f"{KGT._NS}{type_id}")


def date_literal(value: str | None) -> Literal | None:
    """The ``xsd:date`` of an ISO date or date-time string, or None when it has no date."""
    if value and _DATE.match(value):
        return Literal(value[:10], datatype=XSD.date)
    return None


def build_rdf(statements: Sequence[Statement], articles: Mapping[str, Article] | None = None) -> Graph:
    """The kg graph of ``statements``: actors, statements, mentions, articles, direct edges and type scheme.

    ``articles`` maps article ids to their records (for title, date, source);
    an article only named by a mention still gets a node with its identifier.
    A statement gets one direct edge ``speaker kgt:<verb> target`` per target,
    unless it is negated.

    Example:
        >>> graph = build_rdf(statements, {article.id: article})
        >>> write_turtle(graph, "out/graph.ttl")
    """
    graph = BuiltGraph()
    for triple in sorted(type_scheme(), key=lambda t: tuple(node.n3() for node in t)):
        graph.add(triple)
    actors = _canonical_actors(_all_actors(statements))
    known = {actor.id for actor in actors}
    for actor in actors:
        _add_actor(graph, actor)
        for body in sorted({actor.affiliation, actor.country} - {None, actor.id}):
            if body in known:  # a person or an institution linked to the state or body it speaks for
                graph.add((actor_iri(actor.id), KG.affiliation, actor_iri(body)))
    article_ids: set[str] = set(articles or {})
    for statement in sorted(statements, key=lambda s: s.id):
        _add_statement(graph, statement)
        article_ids.update(mention.article for mention in statement.mentions)
    for article_id in sorted(article_ids):
        _add_article(graph, article_id, (articles or {}).get(article_id))
    return graph


class BuiltGraph(Graph):
    """The rdflib graph of ``build_rdf``, which also keeps its triples as Oxigraph terms, subject by
    subject in the order they were built (``rdf:type`` first), for a fast, deterministic Turtle export."""

    def __init__(self) -> None:
        super().__init__()
        for prefix, namespace in new_graph().namespaces():
            self.bind(prefix, namespace, override=True, replace=True)
        self._subjects: dict | None = {}
        self._terms: dict = {}

    def add(self, triple: tuple) -> Graph:
        if self._subjects is not None and triple not in self:
            subject, predicate, value = triple
            rows = self._subjects.setdefault(subject, ([], []))
            rows[0 if predicate == RDF.type else 1].append(ox.Triple(self._ox(subject), self._ox(predicate), self._ox(value)))
        return super().add(triple)

    def remove(self, triple: tuple) -> Graph:
        self._subjects = None  # the recorded order no longer describes the graph
        return super().remove(triple)

    def oxigraph_triples(self) -> list[ox.Triple] | None:
        """The graph's triples as Oxigraph terms, grouped by subject, or None once the graph was edited."""
        if self._subjects is None:
            return None
        triples = [triple for types, others in self._subjects.values() for triple in types + others]
        return triples if len(triples) == len(self) else None

    def _ox(self, term: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
        found = self._terms.get(term)
        if found is None:
            found = self._terms[term] = to_ox(term)
        return found


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


def _add_actor(graph: Graph, actor: Actor) -> None:
    node = actor_iri(actor.id)
    graph.add((node, RDF.type, KG.Actor))
    if actor.kind in KIND_CLASSES:
        graph.add((node, RDF.type, KIND_CLASSES[actor.kind]))
    graph.add((node, RDFS.label, Literal(actor.name)))
    if actor.role:
        graph.add((node, KG.role, Literal(actor.role)))
    if actor.country:
        graph.add((node, KG.country, Literal(actor.country)))
    if actor.qid and _QID.fullmatch(actor.qid):
        graph.add((node, OWL.sameAs, WD[actor.qid]))


def _add_statement(graph: Graph, statement: Statement) -> None:
    node = statement_iri(statement.id)
    speaker = actor_iri(statement.speaker.id)
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, KG.speaker, speaker))
    graph.add((node, PROV.wasAttributedTo, speaker))
    graph.add((node, KG.statementType, type_iri(statement.type)))
    for target in statement.targets:
        role = KG.addressee if target.role == "addressee" else KG.aboutTarget
        graph.add((node, role, actor_iri(target.actor.id)))
        graph.add((node, KG.target, actor_iri(target.actor.id)))
    if statement.topic:
        graph.add((node, KG.topic, Literal(statement.topic)))
        graph.add((node, RDFS.label, Literal(statement.topic)))
    if statement.quote:
        graph.add((node, KG.quote, Literal(statement.quote)))
    if statement.content:
        graph.add((node, KG.content, Literal(statement.content)))
    graph.add((node, KG.negated, Literal(statement.negated)))
    graph.add((node, KG.hedged, Literal(statement.hedged)))
    if (date := date_literal(statement.date)) is not None:
        graph.add((node, KG.date, date))
    seen: set[URIRef] = set()
    for mention in sorted(statement.mentions, key=lambda m: (m.article, m.sentence.start, m.sentence.end, m.date or "")):
        mention_node = mention_iri(statement.id, mention)
        if mention_node not in seen:  # the same sentence reported twice is one mention
            seen.add(mention_node)
            _add_mention(graph, node, mention_node, mention)
    _add_direct_edges(graph, statement)


def _add_mention(graph: Graph, statement_node: URIRef, node: URIRef, mention: Mention) -> None:
    article = article_iri(mention.article)
    graph.add((statement_node, KG.hasMention, node))
    graph.add((statement_node, PROV.wasDerivedFrom, article))
    graph.add((node, RDF.type, KG.Mention))
    graph.add((node, KG.mentionOf, statement_node))
    graph.add((node, KG.inArticle, article))
    graph.add((node, NIF.referenceContext, article))
    graph.add((node, PROV.wasDerivedFrom, article))
    graph.add((node, NIF.beginIndex, Literal(mention.sentence.start, datatype=XSD.integer)))
    graph.add((node, NIF.endIndex, Literal(mention.sentence.end, datatype=XSD.integer)))
    graph.add((node, NIF.anchorOf, Literal(mention.sentence.text)))
    graph.add((node, KG.mode, Literal(mention.mode)))
    graph.add((node, KG.confidence, Literal(Decimal(str(round(mention.confidence, 3))), datatype=XSD.decimal)))
    if mention.cue:
        graph.add((node, KG.cue, Literal(mention.cue)))
    if (date := date_literal(mention.date)) is not None:
        graph.add((node, KG.date, date))
    if mention.source:
        graph.add((node, KG.relaySource, actor_iri(mention.source.id)))
        graph.add((statement_node, KG.relaySource, actor_iri(mention.source.id)))


def _add_direct_edges(graph: Graph, statement: Statement) -> None:
    statement_type = statement_types().get(statement.type)
    if statement_type is None or statement.negated:
        return
    predicate = URIRef(f"{KGT._NS}{statement_type.verb}")
    for target in statement.targets:
        graph.add((actor_iri(statement.speaker.id), predicate, actor_iri(target.actor.id)))


def _add_article(graph: Graph, article_id: str, article: Article | None) -> None:
    node = article_iri(article_id)
    graph.add((node, RDF.type, KG.Article))
    graph.add((node, DCTERMS.identifier, Literal(article_id)))
    if article is None:
        return
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if (date := date_literal(article.date)) is not None:
        graph.add((node, DCTERMS.date, date))
    if article.source:
        graph.add((node, DCTERMS.source, Literal(article.source)))
    if article.lang:
        graph.add((node, DCTERMS.language, Literal(article.lang)))
    if article.url:
        graph.add((node, RDFS.seeAlso, URIRef(article.url)))
