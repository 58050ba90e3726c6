"""GEXF export: valid against the official XSD, read back by networkx and by graphology-gexf."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import xmlschema

from export_samples import export_statements, sample_statements  # noqa: F401  (fixture)
from kg.export.gexf import GEXF_NS, VIZ_NS, XSI_NS, gexf_bytes, write_gexf
from kg.merge import merge_mentions
from kg.network import actor_view
from kg.records import Actor, Evidence, Mention, Target

TESTS = Path(__file__).parent
SCHEMAS = TESTS / "schemas" / "gexf"
JS = TESTS / "js"


@pytest.fixture(scope="module")
def schema_13() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "1.3" / "gexf.xsd"))


def _schema_for(root: ET.Element) -> Path:
    version = root.get("version")
    assert version in ("1.3", "1.2"), version
    return SCHEMAS / ("1.3" if version == "1.3" else "1.2draft") / "gexf.xsd"


def _folded(text: str) -> str:
    """The document with the viz namespace folded into the GEXF one.

    The official XSDs declare color/size/thickness in the GEXF namespace
    itself, while every reader (Gephi, networkx, graphology) expects them in
    the viz namespace, as Gephi writes them.
    """
    return text.replace(f'xmlns:viz="{VIZ_NS}"', f'xmlns:viz="{GEXF_NS}"')


@pytest.fixture()
def gexf_file(tmp_path: Path, export_statements) -> Path:  # noqa: F811
    path = tmp_path / "graph.gexf"
    write_gexf(export_statements, path)
    return path


def test_declares_gexf_13_and_the_right_namespaces(gexf_file: Path) -> None:
    root = ET.parse(gexf_file).getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf"
    assert root.get("version") == "1.3"
    assert root.get(f"{{{XSI_NS}}}schemaLocation") == "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
    text = gexf_file.read_text(encoding="utf-8")
    assert 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' in text
    assert f'xmlns:viz="{VIZ_NS}"' in text
    graph = root.find(f"{{{GEXF_NS}}}graph")
    assert graph is not None and "name" not in graph.attrib
    for edge in root.iter(f"{{{GEXF_NS}}}edge"):
        assert edge.get("type") in (None, "directed")


def test_valid_against_the_official_xsd(gexf_file: Path) -> None:
    text = gexf_file.read_text(encoding="utf-8")
    schema = xmlschema.XMLSchema(str(_schema_for(ET.fromstring(text.encode("utf-8")))))
    schema.validate(_folded(text))
    # Unfolded, the only complaints are about the viz elements (the XSD's namespace slip).
    for error in schema.iter_errors(text):
        assert "viz:" in str(error.reason), error


def test_dynamic_with_date_spells(gexf_file: Path, export_statements) -> None:  # noqa: F811
    graph = ET.parse(gexf_file).getroot().find(f"{{{GEXF_NS}}}graph")
    assert graph.get("defaultedgetype") == "directed"
    if any(s.date for s in export_statements):
        assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
        spells = list(graph.iter(f"{{{GEXF_NS}}}spell"))
        assert spells and all(len(s.get("start")) == 10 and s.get("start") <= s.get("end") for s in spells)
        assert graph.get("start") <= graph.get("end")


def test_networkx_reads_it_back(gexf_file: Path, export_statements) -> None:  # noqa: F811
    expected = actor_view(export_statements)
    graph = nx.read_gexf(gexf_file, version="1.3")
    assert graph.number_of_nodes() == expected.number_of_nodes()
    assert graph.number_of_edges() == expected.number_of_edges()
    assert graph.is_directed()
    for actor_id, attrs in expected.nodes(data=True):
        read = graph.nodes[actor_id]
        assert read["label"] == attrs["label"]
        assert read["kind"] == attrs["kind"]
        assert read["statements_spoken"] == attrs["statements_spoken"]
        assert read["statements_received"] == attrs["statements_received"]
        assert read.get("wikidata") == attrs["qid"]
        assert set(read["viz"]) == {"color", "size"}
    read_edges = sorted(
        (s, t, d["statement_type"], d["family"], d["weight"], d.get("first_date"), d.get("last_date"), d["label"])
        for s, t, d in graph.edges(data=True)
    )
    expected_edges = sorted(
        (s, t, d["type"], d["family"], float(d["weight"]), d["first_date"], d["last_date"], d["verb"])
        for s, t, d in expected.edges(data=True)
    )
    assert read_edges == expected_edges


def test_sample_content(tmp_path: Path) -> None:
    write_gexf(sample_statements(), tmp_path / "sample.gexf")
    graph = nx.read_gexf(tmp_path / "sample.gexf", version="1.3")
    riabkov_venezuela = {d["statement_type"]: d for d in graph.get_edge_data("Q4404683", "Q717").values()}
    assert set(riabkov_venezuela) == {"support", "cooperate"}
    support = riabkov_venezuela["support"]
    assert support["weight"] == 2.0 and support["family"] == "positive" and support["label"] == "supports"
    assert "solidarité" in support["topics"]
    assert graph.nodes["Q30"]["label"] == "États-Unis"
    assert graph.nodes["Q4404683"]["role"] == "vice-ministre des Affaires étrangères"
    assert graph.nodes["Q4404683"]["viz"]["color"]["r"] == 0xF6


def test_deterministic_whatever_the_input_order() -> None:
    statements = sample_statements()
    shuffled = statements[:]
    random.Random(3).shuffle(shuffled)
    assert gexf_bytes(statements) == gexf_bytes(statements)
    assert gexf_bytes(shuffled) == gexf_bytes(statements)


def test_awkward_text_and_no_dates(tmp_path: Path, schema_13: xmlschema.XMLSchema) -> None:
    """Control characters, markup, None values, no date at all: still valid and readable."""
    speaker = Actor("Agence <b>« X »</b> & Cie", "a&b", "media")
    target = Actor("Pays\x0bsans nom", "p\x01", "state")
    text = "Il a dit <script>alert(1)</script> \x0c fin"
    mention = Mention("art", None, speaker, "unknown-type", (Target(target, "addressee"),), None, "sujet\x07 <x>",
                      text, None, "direct", False, False, None, Evidence(text, 0, len(text)), 1.0)
    path = tmp_path / "odd.gexf"
    write_gexf(merge_mentions([mention]), path)
    content = path.read_text(encoding="utf-8")
    schema_13.validate(_folded(content))
    graph = ET.parse(path).getroot().find(f"{{{GEXF_NS}}}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None
    read = nx.read_gexf(path, version="1.3")
    assert read.nodes["a&b"]["label"] == "Agence <b>« X »</b> & Cie"
    assert read.nodes["p"]["label"] == "Payssans nom"
    (edge,) = read.edges(data=True)
    assert edge[2]["statement_type"] == "unknown-type" and edge[2]["topics"] == "sujet <x>"


def test_empty_input_is_valid(tmp_path: Path, schema_13: xmlschema.XMLSchema) -> None:
    path = tmp_path / "empty.gexf"
    write_gexf([], path)
    schema_13.validate(_folded(path.read_text(encoding="utf-8")))
    assert nx.read_gexf(path, version="1.3").number_of_nodes() == 0


# ---- a second, independent reader: graphology-gexf on Node.js ----------------------


@pytest.fixture(scope="module")
def graphology_reader() -> Path:
    """tests/js/read_gexf.mjs with its pinned node_modules, installed with ``npm ci`` if missing."""
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("Node.js and npm are needed for the graphology-gexf check")
    if not (JS / "node_modules" / "graphology-gexf").is_dir():
        subprocess.run(["npm", "ci", "--prefix", str(JS), "--no-audit", "--no-fund"], check=True,
                       capture_output=True, text=True, timeout=300)
    return JS / "read_gexf.mjs"


def _graphology(reader: Path, path: Path) -> dict:
    done = subprocess.run(["node", str(reader), str(path)], check=True, capture_output=True, text=True, timeout=60)
    return json.loads(done.stdout)


def test_graphology_reads_the_same_graph(graphology_reader: Path, gexf_file: Path, export_statements) -> None:  # noqa: F811
    expected = actor_view(export_statements)
    read = _graphology(graphology_reader, gexf_file)
    assert read["order"] == expected.number_of_nodes()
    assert read["size"] == expected.number_of_edges()
    assert read["type"] == "directed"
    assert read["multi"] == any(expected.number_of_edges(s, t) > 1 for s, t in expected.edges())
    assert {n: a["label"] for n, a in read["nodes"].items()} == {n: a["label"] for n, a in expected.nodes(data=True)}
    assert sorted((e["source"], e["target"], e["attributes"]["statement_type"], e["attributes"]["weight"])
                  for e in read["edges"]) == sorted(
        (s, t, d["type"], d["weight"]) for s, t, d in expected.edges(data=True))
    assert all(a["color"].startswith("rgb(") and a["size"] > 0 for a in read["nodes"].values())
