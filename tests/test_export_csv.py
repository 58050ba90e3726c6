"""CSV export: Gephi's spreadsheet columns, one edge per (speaker, target, type)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from export_samples import export_statements, sample_statements  # noqa: F401  (fixture)
from kg.export.csv import write_csv
from kg.network import actor_view


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_gephi_columns(tmp_path: Path, export_statements) -> None:  # noqa: F811
    nodes_path, edges_path = write_csv(export_statements, tmp_path)
    assert (nodes_path, edges_path) == (tmp_path / "nodes.csv", tmp_path / "edges.csv")
    assert nodes_path.read_text(encoding="utf-8").splitlines()[0] == (
        "Id,Label,kind,country,wikidata,role,statements_spoken,statements_received")
    assert edges_path.read_text(encoding="utf-8").splitlines()[0] == (
        "Source,Target,Type,Id,Label,statement_type,family,Weight,first_date,last_date,topics,articles")
    assert not nodes_path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_rows_match_the_actor_view(tmp_path: Path, export_statements) -> None:  # noqa: F811
    view = actor_view(export_statements)
    nodes_path, edges_path = write_csv(export_statements, tmp_path)
    nodes = _rows(nodes_path)
    edges = _rows(edges_path)
    assert [n["Id"] for n in nodes] == list(view.nodes)
    assert {n["Id"]: n["Label"] for n in nodes} == {n: a["label"] for n, a in view.nodes(data=True)}
    assert len(edges) == view.number_of_edges()
    assert {e["Type"] for e in edges} <= {"Directed"}
    assert len({e["Id"] for e in edges}) == len(edges)
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    assert sorted((e["Source"], e["Target"], e["statement_type"], int(e["Weight"])) for e in edges) == sorted(
        (s, t, d["type"], d["weight"]) for s, t, d in view.edges(data=True))
    spoken = sum(int(n["statements_spoken"]) for n in nodes)
    assert spoken == len(export_statements)


def test_sample_values_with_accents(tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv(sample_statements(), tmp_path)
    nodes = {n["Id"]: n for n in _rows(nodes_path)}
    assert nodes["Q30"]["Label"] == "États-Unis"
    assert nodes["Q4404683"] == {
        "Id": "Q4404683", "Label": "Sergueï Riabkov", "kind": "person", "country": "RU", "wikidata": "Q4404683",
        "role": "vice-ministre des Affaires étrangères", "statements_spoken": "5", "statements_received": "0",
    }
    assert nodes["kremlin"]["wikidata"] == ""
    support = next(e for e in _rows(edges_path)
                   if (e["Source"], e["Target"], e["statement_type"]) == ("Q4404683", "Q717", "support"))
    assert support["Label"] == "supports" and support["family"] == "positive" and support["Weight"] == "2"
    assert support["first_date"] == "2025-09-02" and support["last_date"] == "2025-09-02"
    assert support["topics"] == "solidarité; soutien à Caracas"
    tass = next(e for e in _rows(edges_path) if e["Source"] == "Q223799")
    assert tass["topics"] == "été brûlant"


def test_deterministic(tmp_path: Path) -> None:
    statements = sample_statements()
    shuffled = statements[:]
    random.Random(5).shuffle(shuffled)
    write_csv(statements, tmp_path / "a")
    write_csv(shuffled, tmp_path / "b")
    for name in ("nodes.csv", "edges.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_empty_input(tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv([], tmp_path / "new" / "folder")
    assert _rows(nodes_path) == [] and _rows(edges_path) == []
