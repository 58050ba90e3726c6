"""kg.serve: the real Oxigraph server, read-only, on a free loopback port."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.export.turtle import write_turtle
from kg.graph import build_rdf
from kg.serve import OxigraphServer, build_store, start_server, store_dir_for
from rdf_samples import sample_articles, sample_statements

TIMEOUT = 10.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "graph.ttl"
    write_turtle(build_rdf(sample_statements(), sample_articles()), path)
    return path


@pytest.fixture
def server(graph_path: Path) -> Iterator[OxigraphServer]:
    running = start_server(graph_path, _free_port(), ready_timeout=TIMEOUT)
    try:
        yield running
    finally:
        running.stop()


def _sparql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        assert response.status == 200
        return json.load(response)


def test_query_endpoint_answers(server: OxigraphServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    result = _sparql(server.url, "PREFIX kg: <https://w3id.org/kg-diplo/ontology#> "
                                 "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }")
    assert int(result["results"]["bindings"][0]["n"]["value"]) == len(sample_statements())


@pytest.mark.parametrize(("path", "content_type", "body"), [
    ("/update", "application/sparql-update", "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"),
    ("/store?default", "text/turtle", "<http://example.org/a> <http://example.org/b> 1 ."),
])
def test_writes_are_refused(server: OxigraphServer, path: str, content_type: str, body: str) -> None:
    request = urllib.request.Request(server.url + path, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=TIMEOUT)
    assert not 200 <= refused.value.code < 300
    assert refused.value.code == 403
    assert _sparql(server.url, "ASK { <http://example.org/a> ?p ?o }")["boolean"] is False


def test_query_editor_at_root(server: OxigraphServer) -> None:
    with urllib.request.urlopen(server.url + "/", timeout=TIMEOUT) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/html"


def test_stop_ends_the_process(graph_path: Path) -> None:
    port = _free_port()
    running = start_server(graph_path, port, ready_timeout=TIMEOUT)
    try:
        assert _listening(port)
    finally:
        running.stop()
    assert running.process.poll() is not None
    assert not _listening(port)


def test_busy_port_is_reported(graph_path: Path, server: OxigraphServer) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    with pytest.raises(OSError, match="in use"):
        start_server(graph_path, port, ready_timeout=TIMEOUT)


def test_store_is_reused_then_rebuilt_when_the_graph_changes(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(build_rdf(sample_statements()[:3]), path)
    store = build_store(path)
    assert store == store_dir_for(path) == tmp_path / "graph.oxigraph"
    marker = store / ".kg-store"
    stamp = marker.stat().st_mtime_ns
    assert build_store(path) == store and marker.stat().st_mtime_ns == stamp
    time.sleep(0.01)
    write_turtle(build_rdf(sample_statements()), path)
    build_store(path)
    assert marker.stat().st_mtime_ns != stamp
    assert not list(tmp_path.glob(".graph.oxigraph.*"))  # no temporary store left behind


def test_foreign_directory_is_never_deleted(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(build_rdf(sample_statements()[:1]), path)
    foreign = tmp_path / "graph.oxigraph"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        build_store(path)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_serve_stops_cleanly_on_ctrl_c(graph_path: Path) -> None:
    port = _free_port()
    code = f"from kg.serve import serve; raise SystemExit(serve({str(graph_path)!r}, {port}))"
    # SIGINT reaches the child even when this run ignores it (a test run started in the background)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        ready, _, _ = select.select([process.stdout], [], [], 3 * TIMEOUT)
        assert ready, "kg.serve printed nothing"
        first_line = process.stdout.readline()  # printed once the server answers
        assert first_line.startswith("SPARQL endpoint  http://127.0.0.1:"), process.stderr.read()
        assert _sparql(f"http://127.0.0.1:{port}", "ASK {}")["boolean"] is True
        os.kill(process.pid, signal.SIGINT)
        assert process.wait(timeout=TIMEOUT) == 0
        deadline = time.monotonic() + TIMEOUT
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _listening(port)
    finally:
        if process.poll() is None:
            process.kill()  # the server dies with it (PR_SET_PDEATHSIG)
            process.wait(timeout=TIMEOUT)
