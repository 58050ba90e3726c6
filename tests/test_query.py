"""kg.query and ontology/queries: every analyst query runs on a built graph, and some give known rows."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console

from kg.export.turtle import write_turtle
from kg.graph import build_rdf
from kg.query import read_query, run_query, to_csv, to_json, to_table
from rdf_samples import get_statement_set, sample_articles, sample_statements, statement_sets

QUERIES = sorted((Path(__file__).resolve().parents[1] / "ontology" / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    write_turtle(build_rdf(sample_statements(), sample_articles()), path)
    return path


def _values(query: Path | str, graph_path: Path) -> list[tuple[str | None, ...]]:
    _, rows = run_query(str(query), graph_path)
    return [tuple(term.value if term is not None else None for term in row) for row in rows]


def _query(name: str) -> Path:
    return next(path for path in QUERIES if path.name == name)


def test_there_are_at_least_ten_commented_queries() -> None:
    assert len(QUERIES) >= 10
    for path in QUERIES:
        first_lines = path.read_text(encoding="utf-8").splitlines()[:2]
        assert all(line.startswith("# ") for line in first_lines), path.name


@pytest.mark.parametrize("statement_set", statement_sets())
@pytest.mark.parametrize("query", QUERIES, ids=lambda path: path.stem)
def test_every_query_parses_and_runs(request: pytest.FixtureRequest, statement_set: str, query: Path,
                                     tmp_path: Path) -> None:
    statements, articles = get_statement_set(request, statement_set)
    path = tmp_path / "graph.ttl"
    write_turtle(build_rdf(statements, articles), path)
    columns, rows = run_query(str(query), path)
    assert columns and all(len(row) == len(columns) for row in rows)
    if statement_set == "hand":
        assert rows, f"{query.name} returns no row on the sample graph"


def test_who_criticized(graph_path: Path) -> None:
    rows = _values(_query("who_criticized.rq"), graph_path)
    assert sorted((speaker, type_id) for speaker, type_id, *_ in rows) == [
        ("Sergueï Alexeïevitch Ryabkov", "criticize"),
        ("Volker Türk", "criticize"),
    ]


def test_stance_changes(graph_path: Path) -> None:
    assert _values(_query("stance_changes.rq"), graph_path) == [
        ("Donald Trump", "Venezuela", "support", "2025-09-01", "threaten", "2025-11-02"),
    ]


def test_statements_per_type_counts_every_type(graph_path: Path) -> None:
    rows = _values(_query("statements_per_type.rq"), graph_path)
    counts = {row[0]: int(row[3]) for row in rows}
    assert len(counts) == 15
    expected = Counter(statement.type for statement in sample_statements())
    assert counts == {type_id: expected.get(type_id, 0) for type_id in counts}


def test_statements_with_several_mentions(graph_path: Path) -> None:
    rows = _values(_query("multi_mention_statements.rq"), graph_path)
    assert [(row[0], row[1], row[2], row[3]) for row in rows] == [("Nicolás Maduro", "cooperate", "2", "1")]


def test_speaker_about_target_in_time_order(graph_path: Path) -> None:
    rows = _values(_query("statements_by_speaker_about_target.rq"), graph_path)
    assert [(row[0], row[1]) for row in rows] == [
        ("2025-10-20", "decline"), ("2025-10-28", "cooperate"), ("2025-10-28", "support"),
    ]


def test_query_text_with_predeclared_prefixes(graph_path: Path) -> None:
    columns, rows = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }", graph_path)
    assert columns == ["n"]
    assert rows[0][0].value == str(len(sample_statements()))


def test_ask_and_construct(graph_path: Path) -> None:
    assert _values("ASK { actor:donald-trump kgt:threatens actor:venezuela }", graph_path) == [("true",)]
    columns, rows = run_query("CONSTRUCT { ?a kgt:threatens ?b } WHERE { ?a kgt:threatens ?b }", graph_path)
    assert columns == ["subject", "predicate", "object"]
    assert [term.value.rsplit("/", 1)[-1] for term in rows[0]] == ["donald-trump", "type#threatens", "venezuela"]


def test_invalid_query_raises_syntax_error(graph_path: Path) -> None:
    with pytest.raises(SyntaxError):
        run_query("SELECT ?s WHERE { ?s ", graph_path)


def test_read_query_from_file_or_text(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert read_query(str(path)) == "ASK {}"
    assert read_query("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"
    assert read_query("x" * 5000) == "x" * 5000


def test_csv_json_and_table_formats(graph_path: Path) -> None:
    columns, rows = run_query(
        "SELECT ?actor ?name ?date ?missing WHERE { ?actor rdfs:label ?name ; owl:sameAs wd:Q22686 . "
        "?s kg:speaker ?actor ; kg:date ?date ; kg:statementType kgt:threaten }", graph_path)
    table = list(csv.reader(io.StringIO(to_csv(columns, rows))))
    assert table == [["actor", "name", "date", "missing"],
                     ["https://w3id.org/kg-diplo/id/actor/donald-trump", "Donald Trump", "2025-11-02", ""]]
    document = json.loads(to_json(columns, rows))
    assert document["head"]["vars"] == columns
    assert document["results"]["bindings"] == [{
        "actor": {"type": "uri", "value": "https://w3id.org/kg-diplo/id/actor/donald-trump"},
        "name": {"type": "literal", "value": "Donald Trump"},
        "date": {"type": "literal", "value": "2025-11-02", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
    }]
    console = Console(record=True, width=200)
    console.print(to_table(columns, rows))
    text = console.export_text()
    assert "actor:donald-trump" in text and "Donald Trump" in text and "1 row" in text


def test_language_tagged_literal_in_json(graph_path: Path) -> None:
    columns, rows = run_query('SELECT ?l WHERE { kgt:warn skos:prefLabel ?l FILTER (LANG(?l) = "fr") }', graph_path)
    assert json.loads(to_json(columns, rows))["results"]["bindings"] == [
        {"l": {"type": "literal", "value": "mettre en garde", "xml:lang": "fr"}},
    ]
