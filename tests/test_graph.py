"""kg.graph and kg.export.turtle: the graph built from statement records, its Turtle and its SHACL validity."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
import rdflib.namespace as ns
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

from kg.export.turtle import turtle_bytes, write_turtle
from kg.graph import actor_iri, article_iri, build_rdf, mention_iri, statement_iri
from kg.namespace import KG, KGT, NIF, WD
from kg.records import Actor, Statement
from kg.validate import validate
from rdf_samples import (
    ARTICLE_D, INTERFAX, MADURO, MELIK, TRUMP, VENEZUELA, get_statement_set, sample_articles, sample_statements,
    statement_sets,
)


@pytest.fixture(scope="module")
def statements() -> list[Statement]:
    return sample_statements()


@pytest.fixture(scope="module")
def graph(statements: list[Statement]) -> Graph:
    return build_rdf(statements, sample_articles())


def _find(statements: list[Statement], speaker: Actor, type_id: str) -> Statement:
    return next(s for s in statements if s.speaker.id == speaker.id and s.type == type_id)


# --- the graph passes SHACL -------------------------------------------------------------------------


@pytest.mark.parametrize("statement_set", statement_sets())
def test_built_graph_conforms_to_shapes(request: pytest.FixtureRequest, statement_set: str, tmp_path: Path) -> None:
    statements, articles = get_statement_set(request, statement_set)
    path = tmp_path / "graph.ttl"
    write_turtle(build_rdf(statements, articles), path)
    conforms, lines = validate(path)
    assert lines == []
    assert conforms


def test_graph_without_article_records_conforms(statements: list[Statement]) -> None:
    graph = build_rdf(statements)
    conforms, lines = validate(graph)
    assert conforms, lines
    assert (article_iri(ARTICLE_D), DCTERMS.identifier, Literal(ARTICLE_D)) in graph
    assert graph.value(article_iri(ARTICLE_D), DCTERMS.title) is None


def _drop_speaker(graph: Graph, statements: list[Statement]) -> None:
    graph.remove((statement_iri(_find(statements, MELIK, "cooperate").id), KG.speaker, None))


def _start_after_end(graph: Graph, statements: list[Statement]) -> None:
    statement = _find(statements, TRUMP, "threaten")
    mention = mention_iri(statement.id, statement.mentions[0])
    graph.set((mention, NIF.beginIndex, Literal(500, datatype=ns.XSD.integer)))


def _web_page_as_wikidata(graph: Graph, statements: list[Statement]) -> None:
    graph.set((actor_iri("venezuela"), OWL.sameAs, URIRef("https://www.wikidata.org/wiki/Q717")))


def _second_label(graph: Graph, statements: list[Statement]) -> None:
    graph.add((actor_iri("venezuela"), RDFS.label, Literal("Caracas")))


def _no_kind(graph: Graph, statements: list[Statement]) -> None:
    graph.remove((actor_iri("venezuela"), RDF.type, KG.State))


def _empty_evidence(graph: Graph, statements: list[Statement]) -> None:
    statement = _find(statements, TRUMP, "threaten")
    graph.set((mention_iri(statement.id, statement.mentions[0]), NIF.anchorOf, Literal("")))


def _no_mention(graph: Graph, statements: list[Statement]) -> None:
    statement = _find(statements, TRUMP, "threaten")
    graph.remove((statement_iri(statement.id), KG.hasMention, None))


@pytest.mark.parametrize(
    ("break_graph", "expected"),
    [
        (_drop_speaker, ["kg:speaker: a statement has exactly one speaker"]),
        (_start_after_end, ["nif:beginIndex: a mention has exactly one start offset", "less than its end (value: 500)",
                            "nif:anchorOf: the evidence text is 67 characters long but its offsets span -433"]),
        (_web_page_as_wikidata, ["actor:venezuela  owl:sameAs: owl:sameAs objects are Wikidata entity IRIs"]),
        (_second_label, ["actor:venezuela  rdfs:label: an actor has exactly one rdfs:label"]),
        (_no_kind, ["actor:venezuela  rdf:type: an actor has exactly one kind"]),
        (_empty_evidence, ["nif:anchorOf: a mention has exactly one evidence text, non-empty"]),
        (_no_mention, ["kg:hasMention: a statement has at least one mention"]),
    ],
    ids=lambda value: getattr(value, "__name__", "")[1:] or None,
)
def test_broken_graph_fails_with_readable_lines(statements: list[Statement], break_graph, expected: list[str]) -> None:
    graph = build_rdf(statements, sample_articles())
    break_graph(graph, statements)
    conforms, lines = validate(graph)
    assert not conforms
    for fragment in expected:
        assert any(fragment in line for line in lines), (fragment, lines)
    assert all(line.startswith("Violation  ") and "\n" not in line for line in lines)


def test_broken_turtle_file_fails(tmp_path: Path, statements: list[Statement]) -> None:
    graph = build_rdf(statements, sample_articles())
    _drop_speaker(graph, statements)
    path = tmp_path / "broken.ttl"
    write_turtle(graph, path)
    conforms, lines = validate(path)
    assert not conforms
    statement = statement_iri(_find(statements, MELIK, "cooperate").id)
    assert any(line.startswith(f"Violation  statement:{statement.rsplit('/', 1)[1]}  kg:speaker") for line in lines)


def test_unknown_statement_type_is_reported(statements: list[Statement]) -> None:
    odd = dataclasses.replace(statements[0], type="praise")
    conforms, lines = validate(build_rdf([odd], sample_articles()))
    assert not conforms
    assert any("kg:statementType: a statement has exactly one type, a concept of kgt:statementTypes" in l for l in lines)


# --- what the graph says ------------------------------------------------------------------------------


def test_statement_triples(graph: Graph, statements: list[Statement]) -> None:
    threat = statement_iri(_find(statements, TRUMP, "threaten").id)
    trump, venezuela = actor_iri(TRUMP.id), actor_iri(VENEZUELA.id)
    assert (threat, RDF.type, KG.Statement) in graph
    assert (threat, KG.speaker, trump) in graph
    assert (threat, PROV.wasAttributedTo, trump) in graph
    assert (threat, KG.statementType, KGT.threaten) in graph
    assert (threat, KG.addressee, venezuela) in graph
    assert (threat, KG.aboutTarget, venezuela) not in graph
    assert (threat, KG.target, venezuela) in graph
    assert (threat, KG.quote, Literal("conséquences très graves")) in graph
    assert (threat, KG.negated, Literal(False)) in graph
    assert (threat, KG.date, Literal("2025-11-02", datatype=ns.XSD.date)) in graph
    assert (trump, KGT.threatens, venezuela) in graph
    criticism = statement_iri(next(s for s in statements if s.topic).id)
    assert graph.value(criticism, KG.topic) == graph.value(criticism, RDFS.label)


def test_negated_statement_has_no_direct_edge(graph: Graph, statements: list[Statement]) -> None:
    negated = _find(statements, MELIK, "declare")
    assert negated.negated
    assert (statement_iri(negated.id), KG.negated, Literal(True)) in graph
    assert (actor_iri(MELIK.id), KGT.declares, None) not in graph
    assert (actor_iri(MELIK.id), KGT.cooperatesWith, actor_iri(VENEZUELA.id)) in graph


def test_mentions_carry_the_evidence(graph: Graph, statements: list[Statement]) -> None:
    articles = sample_articles()
    maduro = statement_iri(_find(statements, MADURO, "cooperate").id)
    mentions = sorted(graph.objects(maduro, KG.hasMention))
    assert len(mentions) == 2
    for mention in mentions:
        article_id = str(graph.value(graph.value(mention, KG.inArticle), DCTERMS.identifier))
        begin, end = graph.value(mention, NIF.beginIndex).toPython(), graph.value(mention, NIF.endIndex).toPython()
        assert str(graph.value(mention, NIF.anchorOf)) == articles[article_id].text[begin:end]
        assert (mention, KG.mentionOf, maduro) in graph
        assert (mention, PROV.wasDerivedFrom, article_iri(article_id)) in graph
        assert graph.value(mention, KG.mode) == Literal("mixed")
        assert graph.value(mention, KG.confidence) == Literal("0.9", datatype=ns.XSD.decimal)


def test_relay_source_on_statement_and_mention(graph: Graph, statements: list[Statement]) -> None:
    relayed = [s for s in statements if any(m.source for m in s.mentions)]
    assert len(relayed) == 1
    node = statement_iri(relayed[0].id)
    assert (node, KG.relaySource, actor_iri(INTERFAX.id)) in graph
    assert (mention_iri(relayed[0].id, relayed[0].mentions[0]), KG.relaySource, actor_iri(INTERFAX.id)) in graph
    assert (actor_iri(INTERFAX.id), RDF.type, KG.Media) in graph


def test_actors_are_merged_by_id_whatever_the_order(statements: list[Statement]) -> None:
    for ordered in (statements, list(reversed(statements))):
        graph = build_rdf(ordered)
        ryabkov = actor_iri("sergey-ryabkov")
        assert list(graph.objects(ryabkov, RDFS.label)) == [Literal("Sergueï Alexeïevitch Ryabkov")]
        assert graph.value(ryabkov, KG.role) == Literal("vice-ministre des Affaires étrangères")
        assert graph.value(ryabkov, KG.country) == Literal("RU")
        assert set(graph.objects(ryabkov, RDF.type)) == {KG.Actor, KG.Person}


def test_wikidata_links_and_articles(graph: Graph) -> None:
    assert (actor_iri("venezuela"), OWL.sameAs, WD.Q717) in graph
    assert (actor_iri("marco-rubio"), OWL.sameAs, None) not in graph
    article = article_iri(ARTICLE_D)
    assert (article, RDF.type, KG.Article) in graph
    assert graph.value(article, DCTERMS.title) == Literal("Trump menace Caracas")
    assert graph.value(article, DCTERMS.date) == Literal("2025-11-02", datatype=ns.XSD.date)  # from a date-time
    assert graph.value(article, DCTERMS.source) == Literal("Exemple")


def test_iris_are_derived_from_ids() -> None:
    assert actor_iri("russia") == URIRef("https://w3id.org/kg-diplo/id/actor/russia")
    assert actor_iri("Volker Türk/UN") == URIRef("https://w3id.org/kg-diplo/id/actor/Volker%20T%C3%BCrk%2FUN")
    assert statement_iri("st-0123") == URIRef("https://w3id.org/kg-diplo/id/statement/st-0123")


def test_no_blank_nodes_and_type_scheme_included(graph: Graph) -> None:
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    assert (KGT.criticize, KG.edgePredicate, KGT.criticizes) in graph


# --- Turtle ------------------------------------------------------------------------------------------


def test_turtle_is_deterministic(tmp_path: Path, statements: list[Statement]) -> None:
    first, second, shuffled = tmp_path / "a.ttl", tmp_path / "b.ttl", tmp_path / "c.ttl"
    write_turtle(build_rdf(statements, sample_articles()), first)
    write_turtle(build_rdf(statements, sample_articles()), second)
    reordered = [dataclasses.replace(s, mentions=tuple(reversed(s.mentions))) for s in reversed(statements)]
    write_turtle(build_rdf(reordered, dict(reversed(sample_articles().items()))), shuffled)
    assert first.read_bytes() == second.read_bytes() == shuffled.read_bytes()


def test_turtle_parses_back_isomorphic(tmp_path: Path, graph: Graph) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    assert isomorphic(Graph().parse(path, format="turtle"), graph)


def test_turtle_is_readable(graph: Graph) -> None:
    text = turtle_bytes(graph).decode("utf-8")
    prefixes = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix")]
    assert prefixes == sorted(prefixes)
    for prefix in ("kg:", "kgt:", "kgr:", "skos:", "prov:", "dcterms:", "owl:", "xsd:", "nif:", "wd:", "actor:"):
        assert prefix in prefixes
    assert "actor:venezuela a kg:Actor , kg:State ;" in text
    assert "owl:sameAs wd:Q717" in text
    assert "\\/" not in text
    assert "\n\nstatement:st-" in text  # a blank line before each subject


def test_sparql_constraints_match_pyshacl(statements: list[Statement]) -> None:
    """validate() runs shapes.ttl's sh:sparql constraints in Oxigraph: same focus nodes as pyshacl's own run."""
    from pyshacl import validate as shacl_validate
    from rdflib.namespace import SH

    from kg.validate import ONTOLOGY_DIR, load_graph

    graph = build_rdf(statements, sample_articles())
    _start_after_end(graph, statements)
    threat = _find(statements, TRUMP, "threaten")
    graph.remove((actor_iri(TRUMP.id), KGT.threatens, None))
    _, results, _ = shacl_validate(graph, shacl_graph=load_graph(ONTOLOGY_DIR / "shapes.ttl"))
    sparql_shapes = set(results.subjects(RDF.type, SH.ValidationResult))
    native = sorted(
        str(results.value(result, SH.focusNode)) for result in sparql_shapes
        if results.value(result, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent
    )
    _, lines = validate(graph)
    ours = sorted(line.split("  ")[1] for line in lines if "characters long" in line or "direct edge" in line)
    assert len(native) == len(ours) == 2
    assert ours == sorted(["mention:" + mention_iri(threat.id, threat.mentions[0]).rsplit("/", 1)[1],
                           "statement:" + statement_iri(threat.id).rsplit("/", 1)[1]])
    assert sorted(n.rsplit("/", 1)[1] for n in native) == sorted(o.split(":", 1)[1] for o in ours)


def test_an_article_address_is_linked_only_when_it_is_a_web_iri(statements: list[Statement]) -> None:
    articles = sample_articles()
    good, bad, odd = list(articles)[:3]
    articles[good] = dataclasses.replace(articles[good], url="https://example.org/2025/10/russie-venezuela")
    articles[bad] = dataclasses.replace(articles[bad], url="https://example.org/une adresse avec espaces")
    articles[odd] = dataclasses.replace(articles[odd], url="javascript:alert(1)")
    graph = build_rdf(statements, articles)
    assert graph.value(article_iri(good), RDFS.seeAlso) == URIRef("https://example.org/2025/10/russie-venezuela")
    assert graph.value(article_iri(bad), RDFS.seeAlso) is None
    assert graph.value(article_iri(odd), RDFS.seeAlso) is None
    assert graph.value(article_iri(bad), DCTERMS.title) is not None  # the rest of the article is there


def test_the_rdflib_graph_and_the_export_triples_agree(statements: list[Statement]) -> None:
    from kg.export.turtle import oxigraph_turtle
    from kg.graph import graph_triples

    graph = build_rdf(statements, sample_articles())
    assert oxigraph_turtle(graph_triples(statements, sample_articles())) == turtle_bytes(graph)
    assert isomorphic(Graph().parse(data=turtle_bytes(graph), format="turtle"), graph)
    graph.add((actor_iri("extra"), RDFS.label, Literal("edited")))  # an edited graph is serialised from its store
    assert b"edited" in turtle_bytes(graph)


def _awkward_statements(statements: list[Statement]) -> list[Statement]:
    """The sample statements plus mentions whose values test the Turtle writer: escapes, odd article ids, no cue,
    a relay, confidences 1.0 and 0.333, a date-time."""
    first = statements[0]
    mention = first.mentions[0]
    evidence = dataclasses.replace(mention.sentence, start=7, end=9,
                                   text='Il a dit « non »\u00a0: "oui" \\ fin\nligne\r\t\x01\x7f 😀\u2028')
    odd = [
        dataclasses.replace(mention, article="article-1.2_b", sentence=evidence, cue=None, confidence=1.0,
                            date="2025-10-28T08:00:00Z", source=INTERFAX),
        dataclasses.replace(mention, article="un article (é)", sentence=evidence, confidence=1 / 3),  # percent-encoded
        dataclasses.replace(mention, article="fin.", sentence=evidence, date="hier"),  # a local name ending with a dot
        dataclasses.replace(mention, article="-tiret", sentence=evidence, mode="direct"),
    ]
    return statements + [dataclasses.replace(first, id=f"st-odd{number}", mentions=(extra,)) for number, extra in enumerate(odd)]


def test_the_turtle_export_writes_statements_and_mentions_as_oxigraph_does(statements: list[Statement]) -> None:
    from kg.export.turtle import TURTLE_PREFIXES, _writer, graph_turtle, oxigraph_turtle
    from kg.graph import NodeBlock, collect_graph, graph_triples

    awkward = _awkward_statements(statements)
    articles = sample_articles()
    writer = _writer(tuple(sorted(TURTLE_PREFIXES.items())))
    blocks = [group for group in collect_graph(awkward, articles).groups() if isinstance(group, NodeBlock)]
    left = sorted(block.subject.rsplit("/", 1)[1] for block in blocks if writer.block(block) is None)
    # a block for each statement and each mention, every one written as text but those naming an article with a
    # percent-encoded name, a final dot or a leading hyphen (the statement's and its mention's)
    assert writer.enabled and len(blocks) == len(awkward) + sum(len(s.mentions) for s in awkward)
    assert left == ["st-odd1", "st-odd1-un%20article%20%28%C3%A9%29-7-9", "st-odd2", "st-odd2-fin.-7-9",
                    "st-odd3", "st-odd3--tiret-7-9"]
    for chosen in (statements, awkward):
        collected = collect_graph(chosen, articles)
        written = graph_turtle(collected)
        assert written == oxigraph_turtle(graph_triples(chosen, articles))
        assert written == graph_turtle(collected, comment=None)  # the same again (the writer keeps what it learnt)
        assert isomorphic(Graph().parse(data=written, format="turtle"), build_rdf(chosen, articles))
    written = graph_turtle(collect_graph(awkward, articles)).decode("utf-8")
    assert '\\"oui\\" \\\\ fin\\nligne\\r\\t\\u0001\\u007F 😀' in written  # escaped by the writer, as Oxigraph does
    assert "mention:st-odd0-article-1.2_b-7-9 a kg:Mention ;" in written
    assert "<https://w3id.org/kg-diplo/id/mention/st-odd2-fin.-7-9>" in written or "mention:st-odd2-fin.-7-9" in written


def test_the_turtle_writer_leaves_everything_to_oxigraph_when_they_disagree(statements: list[Statement],
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.export.turtle as turtle
    from kg.graph import collect_graph, graph_triples

    turtle._writer.cache_clear()
    monkeypatch.setattr(turtle, "_ESCAPES", {**turtle._ESCAPES, ord("\n"): "\\u000A"})  # not what Oxigraph writes
    try:
        assert not turtle._writer(tuple(sorted(turtle.TURTLE_PREFIXES.items()))).enabled
        awkward = _awkward_statements(statements)
        assert turtle.graph_turtle(collect_graph(awkward)) == turtle.oxigraph_turtle(graph_triples(awkward))
    finally:
        monkeypatch.undo()
        turtle._writer.cache_clear()
    assert turtle._writer(tuple(sorted(turtle.TURTLE_PREFIXES.items()))).enabled


def test_two_statements_under_one_id_make_one_node_before_their_mentions(statements: list[Statement]) -> None:
    from kg.export.turtle import graph_turtle
    from kg.graph import NodeBlock, collect_graph

    first = next(s for s in statements if s.topic and s.mentions)
    other = dataclasses.replace(first.mentions[0], article="autre-article")
    twin = dataclasses.replace(first, topic="un autre sujet", mentions=(other,))
    groups = list(collect_graph([first, twin], sample_articles()).groups())
    subjects = [group.subject if isinstance(group, NodeBlock) else str(group[0].subject.value) for group in groups]
    node = str(statement_iri(first.id))
    assert subjects.count(node) == 1
    mentions = [index for index, subject in enumerate(subjects) if "/mention/" in subject]
    assert len(mentions) == len(first.mentions) + 1 and subjects.index(node) < min(mentions)
    parsed = Graph().parse(data=graph_turtle(collect_graph([first, twin], sample_articles())), format="turtle")
    topics = set(parsed.objects(URIRef(node), KG.topic))
    assert topics == {Literal(first.topic), Literal("un autre sujet")}
    assert URIRef(str(article_iri("autre-article"))) in set(parsed.objects(URIRef(node), PROV.wasDerivedFrom))


@pytest.mark.parametrize(("given", "expected"), [
    ("2024-02-29", "2024-02-29"), ("2025-01-05T10:00:00Z", "2025-01-05"), ("2025-02-30", None), ("2025-13-45", None),
    ("0000-00-00", None), ("2025-02-30T25:00", None), ("hier", None), ("", None), (None, None),
])
def test_only_days_that_exist_become_dates(given: str | None, expected: str | None) -> None:
    from kg.records import day

    assert day(given) == expected  # an xsd:date literal of 2025-13-45 would make the graph invalid
