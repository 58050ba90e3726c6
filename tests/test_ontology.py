"""ontology/: the OWL vocabulary, the generated SKOS type scheme, the SHACL shapes and kg.namespace agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.graph import build_rdf
from kg.namespace import KG, KGT, PREFIXES
from kg.types import TYPE_IDS, statement_types
from rdf_samples import sample_articles, sample_statements

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"


@pytest.fixture(scope="module")
def kg_ttl() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def types_ttl() -> Graph:
    return Graph().parse(ONTOLOGY / "types.ttl", format="turtle")


def _terms(namespace_class: type) -> set[URIRef]:
    return {namespace_class[name] for name in namespace_class.__annotations__}


def _defined(graph: Graph, namespace: str) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(namespace)}


def test_kg_namespace_matches_kg_ttl(kg_ttl: Graph) -> None:
    assert _terms(KG) == _defined(kg_ttl, PREFIXES["kg"])


def test_kgt_namespace_matches_types_ttl(types_ttl: Graph) -> None:
    assert _terms(KGT) == _defined(types_ttl, PREFIXES["kgt"])


def test_namespaces_fail_on_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        KG.speeker  # noqa: B018 - a typo must fail
    with pytest.raises(AttributeError):
        KGT.praises  # noqa: B018


@pytest.mark.parametrize("path", sorted(ONTOLOGY.glob("shapes.ttl")) + sorted((ONTOLOGY / "queries").glob("*.rq")),
                         ids=lambda path: path.name)
def test_shapes_and_queries_use_only_defined_terms(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for prefix, namespace_class in (("kg", KG), ("kgt", KGT)):
        used = set(re.findall(rf"(?<![\w-]){prefix}:(\w+)", text))
        unknown = {name for name in used if name not in namespace_class.__annotations__}
        assert not unknown, f"{path.name} uses undefined {prefix}: terms {sorted(unknown)}"


def test_every_kg_term_has_english_and_french_labels_and_comments(kg_ttl: Graph) -> None:
    for term in _terms(KG):
        for predicate in (RDFS.label, RDFS.comment):
            languages = sorted(o.language for o in kg_ttl.objects(term, predicate) if isinstance(o, Literal))
            assert languages == ["en", "fr"], (term, predicate, languages)


def test_ontology_structure(kg_ttl: Graph) -> None:
    for kind in (KG.Person, KG.State, KG.Organisation, KG.Media, KG.Group):
        assert (kind, RDFS.subClassOf, KG.Actor) in kg_ttl
    assert (KG.aboutTarget, RDFS.subPropertyOf, KG.target) in kg_ttl
    assert (KG.addressee, RDFS.subPropertyOf, KG.target) in kg_ttl
    assert (KG.speaker, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) in kg_ttl
    assert (KG.hasMention, OWL.inverseOf, KG.mentionOf) in kg_ttl
    assert (KG.statementType, RDFS.range, SKOS.Concept) in kg_ttl


def test_types_ttl_is_generated_from_the_table() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_types_ttl.py"), "--check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("type_id", TYPE_IDS)
def test_types_ttl_agrees_with_types_tsv(types_ttl: Graph, type_id: str) -> None:
    row = statement_types()[type_id]
    concept = KGT[type_id]
    assert (concept, RDF.type, SKOS.Concept) in types_ttl
    assert (concept, SKOS.inScheme, KGT.statementTypes) in types_ttl
    assert (concept, SKOS.prefLabel, Literal(row.label_fr, lang="fr")) in types_ttl
    assert (concept, SKOS.prefLabel, Literal(row.label_en, lang="en")) in types_ttl
    assert (concept, SKOS.definition, Literal(row.definition_en, lang="en")) in types_ttl
    assert (concept, SKOS.definition, Literal(row.definition_fr, lang="fr")) in types_ttl
    assert {str(code) for code in types_ttl.objects(concept, KG.cameoCode)} == set(row.cameo)
    assert {str(code) for code in types_ttl.objects(concept, KG.ploverCode)} == set(row.plover)
    assert (concept, KG.family, KGT[row.family]) in types_ttl
    predicate = KGT[row.verb]
    assert (concept, KG.edgePredicate, predicate) in types_ttl
    assert (predicate, RDF.type, OWL.ObjectProperty) in types_ttl
    assert (predicate, RDFS.subPropertyOf, KG.statementEdge) in types_ttl
    assert (predicate, KG.edgeType, concept) in types_ttl


def test_type_scheme_has_the_15_types(types_ttl: Graph) -> None:
    assert len(set(types_ttl.subjects(SKOS.inScheme, KGT.statementTypes))) == 15
    assert len(set(types_ttl.objects(KGT.statementTypes, SKOS.hasTopConcept))) == 15
    assert len(set(types_ttl.subjects(SKOS.inScheme, KGT.families))) == 5


def test_shapes_are_valid_shacl() -> None:
    """pyshacl's meta-shapes (SHACL-SHACL) check shapes.ttl itself while validating a built graph."""
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")
    conforms, _, text = shacl_validate(build_rdf(sample_statements(), sample_articles()), shacl_graph=shapes,
                                       meta_shacl=True)
    assert conforms, text
