"""The vocabularies of the kg graph as closed rdflib namespaces.

``KG`` holds the ontology terms of ``ontology/kg.ttl``, ``KGT`` the statement
type concepts and direct-edge predicates of ``ontology/types.ttl``. Both are
``DefinedNamespace`` classes with ``_fail = True``: a misspelt term raises
``AttributeError`` at once instead of minting a new IRI. ``tests/test_ontology.py``
checks that these classes and the Turtle files name the same terms.

Example:
    >>> from kg.namespace import KG, KGT
    >>> KG.speaker
    rdflib.term.URIRef('https://w3id.org/kg-diplo/ontology#speaker')
    >>> KGT.criticizes
    rdflib.term.URIRef('https://w3id.org/kg-diplo/type#criticizes')
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

KG_IRI = "https://w3id.org/kg-diplo/ontology#"
KGT_IRI = "https://w3id.org/kg-diplo/type#"
KGR_IRI = "https://w3id.org/kg-diplo/id/"
NIF_IRI = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
WD_IRI = "http://www.wikidata.org/entity/"

# Resources (actors, statements, mentions, articles) are minted, not defined: an open namespace.
KGR = Namespace(KGR_IRI)
# Wikidata entities, the objects of owl:sameAs.
WD = Namespace(WD_IRI)


class KG(DefinedNamespace):
    """kg ontology: actors, statements, mentions, articles and their properties."""

    _fail = True
    _NS = Namespace(KG_IRI)

    # classes
    Actor: URIRef  # someone who speaks or is spoken about
    Person: URIRef  # an actor who is a human being
    State: URIRef  # an actor that is a sovereign state, or its government speaking as the state
    Organisation: URIRef  # an international or national organisation, ministry, company, party
    Media: URIRef  # a news outlet or agency, often the relay of a statement
    Group: URIRef  # an informal or armed group, a movement, a population
    Statement: URIRef  # one statement of the merged graph, reported by one or more mentions
    Mention: URIRef  # one report of a statement in one article, with its evidence span
    Article: URIRef  # one input news article

    # statement properties
    speaker: URIRef  # the actor who made the statement
    target: URIRef  # an actor the statement is about or addressed to
    aboutTarget: URIRef  # an actor the statement is about
    addressee: URIRef  # an actor the statement is addressed to
    statementType: URIRef  # the statement's type, a concept of the kgt:statementTypes scheme
    topic: URIRef  # what the statement is about, in a few words
    quote: URIRef  # the statement's words as quoted
    content: URIRef  # the statement's content as reported (indirect speech)
    negated: URIRef  # true when the statement is negated
    hedged: URIRef  # true when the statement is hedged (conditional, reported doubt)
    date: URIRef  # the date of a statement (earliest mention) or of a mention
    relaySource: URIRef  # a media or actor through which the statement was relayed
    hasMention: URIRef  # a mention reporting the statement
    mentionOf: URIRef  # the statement a mention reports

    # mention properties
    inArticle: URIRef  # the article a mention occurs in
    mode: URIRef  # how the statement is reported: direct, indirect, mixed, floating, nested, nominal
    cue: URIRef  # lemma of the reporting word
    confidence: URIRef  # the extractor's confidence in the mention, from 0 to 1

    # actor properties
    role: URIRef  # an actor's office or function
    country: URIRef  # the country an actor belongs to or represents
    affiliation: URIRef  # an actor another actor belongs to (a minister to a state)

    # type scheme properties
    family: URIRef  # the family of a statement type, a concept of the kgt:families scheme
    cameoCode: URIRef  # a CAMEO event code of a statement type
    ploverCode: URIRef  # a PLOVER event category of a statement type
    statementEdge: URIRef  # super-property of the direct speaker-to-target edges
    edgePredicate: URIRef  # the direct-edge predicate of a statement type
    edgeType: URIRef  # the statement type a direct-edge predicate stands for


class KGT(DefinedNamespace):
    """kg statement types: SKOS concepts, families and direct-edge predicates (generated from types.tsv)."""

    _fail = True
    _NS = Namespace(KGT_IRI)

    # concept schemes
    statementTypes: URIRef  # the scheme of the 15 statement types
    families: URIRef  # the scheme of the 5 statement type families

    # families
    positive: URIRef  # family: support, cooperation, promises
    request: URIRef  # family: appeals and demands
    neutral: URIRef  # family: declarations, considerations, acknowledgements, refusals to comment
    negative: URIRef  # family: denials and rejections
    hostile: URIRef  # family: warnings, threats, criticism, accusations

    # statement types
    declare: URIRef  # states a fact or a position, neutrally
    support: URIRef  # praises, endorses or expresses solidarity
    cooperate: URIRef  # reports or announces cooperation, contacts or talks
    promise: URIRef  # pledges or commits to a future action
    appeal: URIRef  # calls for, urges or asks
    demand: URIRef  # demands or insists
    consider: URIRef  # considers a course of action or does not rule it out
    acknowledge: URIRef  # admits or confirms
    deny: URIRef  # denies a claim or a responsibility
    decline: URIRef  # declines to comment or avoids a question
    reject: URIRef  # rejects a proposal, a demand or an accusation
    warn: URIRef  # warns of consequences
    threaten: URIRef  # threatens
    criticize: URIRef  # criticizes, condemns or denounces
    accuse: URIRef  # accuses of a wrongdoing

    # direct-edge predicates, speaker -> target
    declares: URIRef  # edge of a declare statement
    supports: URIRef  # edge of a support statement
    cooperatesWith: URIRef  # edge of a cooperate statement
    promises: URIRef  # edge of a promise statement
    appealsTo: URIRef  # edge of an appeal statement
    demands: URIRef  # edge of a demand statement
    considers: URIRef  # edge of a consider statement
    acknowledges: URIRef  # edge of an acknowledge statement
    denies: URIRef  # edge of a deny statement
    declinesToComment: URIRef  # edge of a decline statement
    rejects: URIRef  # edge of a reject statement
    warns: URIRef  # edge of a warn statement
    threatens: URIRef  # edge of a threaten statement
    criticizes: URIRef  # edge of a criticize statement
    accuses: URIRef  # edge of an accuse statement


class NIF(DefinedNamespace):
    """The NIF 2.0 Core terms kg uses for evidence offsets."""

    _fail = True
    _NS = Namespace(NIF_IRI)

    String: URIRef  # a string of a text, with offsets into its context
    Context: URIRef  # the whole text the strings are taken from
    beginIndex: URIRef  # offset of the first character of the string
    endIndex: URIRef  # offset just after the last character of the string
    anchorOf: URIRef  # the exact text of the string
    referenceContext: URIRef  # the context (article) the string is taken from


PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "kg": KG_IRI,
    "kgr": KGR_IRI,
    "kgt": KGT_IRI,
    "nif": NIF_IRI,
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": WD_IRI,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""The prefixes of every kg Turtle file and SPARQL query, by name."""

RESOURCE_PREFIXES: dict[str, str] = {
    "actor": f"{KGR_IRI}actor/",
    "article": f"{KGR_IRI}article/",
    "mention": f"{KGR_IRI}mention/",
    "statement": f"{KGR_IRI}statement/",
}
"""Short prefixes for minted resources, so Turtle reads ``actor:russia`` not ``kgr:actor\\/russia``."""


def new_graph() -> Graph:
    """An empty rdflib graph bound to the kg prefixes."""
    graph = Graph()
    for prefix, namespace in {**PREFIXES, **RESOURCE_PREFIXES}.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
