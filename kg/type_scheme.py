"""The SKOS scheme of the statement types, built from ``kg/resources/types.tsv``.

``scripts/make_types_ttl.py`` writes it to ``ontology/types.ttl``;
``kg.graph.build_rdf`` adds it to every graph, so that a graph can be queried
(labels, families, CAMEO codes) and validated on its own.

Example:
    >>> from kg.namespace import KG, KGT
    >>> (KGT.criticize, KG.edgePredicate, KGT.criticizes) in type_scheme()
    True
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespace import KG, KGT, new_graph
from kg.types import statement_types

FAMILY_LABELS: dict[str, tuple[str, str, str, str]] = {
    # family: (label en, label fr, definition en, definition fr)
    "positive": ("positive", "positive", "Support, cooperation and promises.", "Soutien, coopération et promesses."),
    "request": ("request", "demande", "Appeals and demands.", "Appels et exigences."),
    "neutral": (
        "neutral", "neutre", "Declarations, considerations, acknowledgements and refusals to comment.",
        "Déclarations, intentions envisagées, reconnaissances et refus de commenter.",
    ),
    "negative": ("negative", "négative", "Denials and rejections.", "Démentis et rejets."),
    "hostile": (
        "hostile", "hostile", "Warnings, threats, criticism and accusations.",
        "Mises en garde, menaces, critiques et accusations.",
    ),
}

def type_scheme() -> Graph:
    """The SKOS scheme of the statement types and families, with their direct-edge predicates.

    Generated from ``kg/resources/types.tsv``; ``scripts/make_types_ttl.py``
    writes it to ``ontology/types.ttl``.

    Example:
        >>> (KGT.criticize, KG.edgePredicate, KGT.criticizes) in type_scheme()
        True
    """
    graph = new_graph()
    for scheme, label_en, label_fr in (
        (KGT.statementTypes, "kg statement types", "types de déclaration de kg"),
        (KGT.families, "kg statement type families", "familles de types de déclaration de kg"),
    ):
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, SKOS.prefLabel, Literal(label_en, lang="en")))
        graph.add((scheme, SKOS.prefLabel, Literal(label_fr, lang="fr")))
    for family, (label_en, label_fr, definition_en, definition_fr) in FAMILY_LABELS.items():
        _add_concept(graph, URIRef(f"{KGT._NS}{family}"), KGT.families, (label_en, label_fr, definition_en, definition_fr))
    for statement_type in statement_types().values():
        concept = URIRef(f"{KGT._NS}{statement_type.id}")
        _add_concept(
            graph, concept, KGT.statementTypes,
            (statement_type.label_en, statement_type.label_fr, statement_type.definition_en, statement_type.definition_fr),
        )
        graph.add((concept, KG.family, URIRef(f"{KGT._NS}{statement_type.family}")))
        for code in statement_type.cameo:
            graph.add((concept, KG.cameoCode, Literal(code)))
        for code in statement_type.plover:
            graph.add((concept, KG.ploverCode, Literal(code)))
        predicate = URIRef(f"{KGT._NS}{statement_type.verb}")
        graph.add((concept, KG.edgePredicate, predicate))
        graph.add((predicate, RDF.type, OWL.ObjectProperty))
        graph.add((predicate, RDFS.subPropertyOf, KG.statementEdge))
        graph.add((predicate, KG.edgeType, concept))
        graph.add((predicate, RDFS.label, Literal(_words(statement_type.verb), lang="en")))
        graph.add((predicate, RDFS.label, Literal(statement_type.label_fr, lang="fr")))
        graph.add((predicate, RDFS.comment, Literal(
            f"Direct edge from the speaker to each target of a non-negated '{statement_type.id}' statement.", lang="en")))
        graph.add((predicate, RDFS.comment, Literal(
            f"Arête directe du locuteur vers chaque cible d'une déclaration non niée de type « {statement_type.label_fr} ».",
            lang="fr")))
    return graph


def _add_concept(graph: Graph, concept: URIRef, scheme: URIRef, labels: tuple[str, str, str, str]) -> None:
    label_en, label_fr, definition_en, definition_fr = labels
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((concept, SKOS.topConceptOf, scheme))
    graph.add((scheme, SKOS.hasTopConcept, concept))
    graph.add((concept, SKOS.prefLabel, Literal(label_en, lang="en")))
    graph.add((concept, SKOS.prefLabel, Literal(label_fr, lang="fr")))
    graph.add((concept, SKOS.definition, Literal(definition_en, lang="en")))
    graph.add((concept, SKOS.definition, Literal(definition_fr, lang="fr")))


def _words(camel: str) -> str:
    """``declinesToComment`` -> ``declines to comment``."""
    return re.sub(r"(?<!^)([A-Z])", lambda match: " " + match.group(1).lower(), camel)
