"""The ``kg`` command line, run as a user runs it: exit codes, messages, outputs."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"
COMMANDS = ("build", "extract", "eval", "validate", "query", "serve")


def kg(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], input=stdin, capture_output=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two good articles and one of each kind of bad file."""
    folder = tmp_path_factory.mktemp("batch")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04")
    (folder / "latin1.txt").write_bytes("Le ministre a déclaré que la paix était là.".encode("latin-1"))
    (folder / "lines.jsonl").write_text('{"id": "j1", "text": "« Nous refusons », a déclaré Sergueï Lavrov."}\n{broken\n'
                                        '{"id": "j2", "text": "« Non », a dit \\ud800 Lavrov."}\n',  # a lone surrogate
                                        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("out")
    return kg("build", str(batch), "--out", str(out), "--quiet"), out


def test_help_lists_every_command_with_a_description() -> None:
    result = kg("--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    for command in COMMANDS:
        assert command in text
    for command in COMMANDS:
        sub = kg(command, "--help")
        assert sub.returncode == 0 and "Example" in sub.stdout.decode()


def test_bad_files_are_skipped_and_the_rest_is_built(built: tuple[subprocess.CompletedProcess, Path]) -> None:
    result, out = built
    assert result.returncode == 1
    errors = result.stderr.decode().splitlines()
    for name, reason in (("empty.txt", "empty file"), ("binary.txt", "binary"), ("latin1.txt", "not valid UTF-8"),
                         ("lines.jsonl:2", "malformed JSON"), ("lines.jsonl:3", "not valid Unicode")):
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert "Traceback" not in result.stderr.decode()
    assert all(line.startswith("kg: ") for line in errors if not line.startswith(("built", "  "))), errors  # no blank line
    records = [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["article"] for r in records} == {"000_3b6d5156006e4ac0", "003_1450f8ef96af8f50", "j1"}
    assert not list(out.glob(".*.tmp"))


def test_outputs_parse(built: tuple[subprocess.CompletedProcess, Path]) -> None:
    _result, out = built
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(graph) > 100
    network = nx.read_gexf(out / "graph.gexf")
    assert network.number_of_nodes() > 5 and network.number_of_edges() > 5
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<canvas" in html or "vis-network" in html or "vis.Network" in html


def test_build_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert kg("build", str(SEEDS), "--out", str(first), "--quiet").returncode == 0
    assert kg("build", str(SEEDS), "--out", str(second), "--quiet").returncode == 0
    for name in ("graph.ttl", "statements.jsonl"):
        assert hashlib.sha256((first / name).read_bytes()).digest() == hashlib.sha256((second / name).read_bytes()).digest(), name


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert kg("build").returncode == 2
    assert kg("build", str(SEEDS), "--no-such-option").returncode == 2
    result = kg("eval", str(tmp_path / "missing.jsonl"), str(SEEDS))
    assert result.returncode == 2 and "missing.jsonl" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_nothing_readable_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = kg("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "empty.txt: empty file" in result.stderr.decode()
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_extract_reads_stdin_and_prints_the_contract() -> None:
    line = json.dumps({"id": "w1", "text": "« Nous ne céderons pas », a déclaré le président ukrainien, Volodymyr Zelensky."})
    result = kg("extract", "-", stdin=(line + "\n").encode())
    assert result.returncode == 0, result.stderr.decode()
    [record] = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert list(record) == ["article", "date", "speaker", "type", "targets", "cue", "topic", "quote", "content", "mode",
                            "negated", "hedged", "source", "sentence", "confidence"]
    assert record["speaker"]["name"].endswith("Zelensky") and record["mode"] == "direct"


def test_eval_on_the_seeds_meets_the_bar() -> None:
    result = kg("eval", str(GOLD / "seeds.jsonl"), str(SEEDS), "--json")
    assert result.returncode == 0, result.stderr.decode()
    scores = json.loads(result.stdout)
    assert scores["attribution"]["f1"] >= 0.95
    assert scores["triple"]["f1"] >= 0.80
    verbose = kg("eval", str(GOLD / "seeds.jsonl"), str(SEEDS), "--verbose")
    assert "recall by mode" in verbose.stdout.decode()


def test_validate_query_and_serve_exit_codes(built: tuple[subprocess.CompletedProcess, Path], tmp_path: Path) -> None:
    _result, out = built
    graph = out / "graph.ttl"
    ok = kg("validate", str(graph))
    assert ok.returncode == 0 and "conforms" in ok.stdout.decode()
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kg: <https://w3id.org/kg-diplo/ontology#> .\nkg:x kg:y ", encoding="utf-8")
    bad = kg("validate", str(broken))
    assert bad.returncode == 2 and "broken.ttl" in bad.stderr.decode() and "Traceback" not in bad.stderr.decode()
    assert kg("validate", str(tmp_path / "none.ttl")).returncode == 2
    rows = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }", "--graph", str(graph), "--format", "json")
    assert rows.returncode == 0 and int(json.loads(rows.stdout)["results"]["bindings"][0]["n"]["value"]) > 0
    assert kg("query", "SELECT nonsense", "--graph", str(graph)).returncode == 2
    assert kg("query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(graph), "--format", "xml").returncode == 2
    missing = kg("serve", "--graph", str(tmp_path / "none.ttl"))
    assert missing.returncode == 2 and "none.ttl" in missing.stderr.decode()


def test_a_folder_of_bad_files_gives_one_line_each_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "broken.jsonl").write_text('{"id": "a", "text": "ok"\n', encoding="utf-8")
    result = kg("build", str(folder), "--out", str(tmp_path / "out"))
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 1 and len(lines) == 4, lines  # three files, then « nothing was written »
    assert all(line.startswith("kg: ") for line in lines), lines
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("layout", "out", "reason"), [
    ("file", "taken", "exists and is not a folder"),
    ("file", "taken/sub", "taken is a file, not a folder"),
    ("cache-file", "out", ".kg-cache: exists and is not a folder"),
])
def test_an_output_folder_that_cannot_be_one_is_refused_in_one_line_before_any_parse(
        tmp_path: Path, layout: str, out: str, reason: str) -> None:
    if layout == "file":
        (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    else:
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / ".kg-cache").write_text("not a folder", encoding="utf-8")
    result = kg("build", str(SEEDS), "--out", str(tmp_path / out), "--quiet")
    errors = result.stderr.decode().splitlines()
    assert result.returncode == 2 and len(errors) == 1 and errors[0].startswith("kg: ") and reason in errors[0], errors
