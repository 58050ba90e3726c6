"""Serve a kg graph with the Oxigraph SPARQL server, read-only, on the loopback interface.

The Turtle graph is loaded (``oxigraph load``) into a store directory beside
it, ``out/graph.oxigraph/``, rebuilt only when the graph file changed. Then
``oxigraph serve-read-only`` answers SPARQL queries at ``/query`` and shows
its query editor at ``/``; updates (``/update``, ``/store``) are refused with
``403 The server is read-only``. The server binds to 127.0.0.1 only.

Example:
    >>> serve("out/graph.ttl", port=7878)  # blocks until Ctrl-C
    >>> with start_server("out/graph.ttl", port=7878) as server:
    ...     urllib.request.urlopen(server.url + "/query?query=ASK%7B%7D")
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TextIO

LOOPBACK = "127.0.0.1"
_MARKER = ".kg-store"  # written in every store directory kg builds: records which graph file it holds


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve-read-only`` process; stop it with ``stop()`` or a ``with`` block."""

    process: subprocess.Popen
    url: str
    store: Path
    log: IO[bytes]

    def stop(self, timeout: float = 10.0) -> int:
        """Terminate the server (then kill it after ``timeout`` seconds); return its exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self.log.close()
        return self.process.returncode

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def oxigraph_executable() -> Path:
    """The ``oxigraph`` command installed beside the running Python (the venv's bin directory)."""
    bin_dir = Path(sys.executable).parent
    found = shutil.which("oxigraph", path=str(bin_dir)) or shutil.which("oxigraph")
    if found is None:
        raise FileNotFoundError(f"no oxigraph executable in {bin_dir} or on PATH: pip install oxigraph")
    return Path(found)


def store_dir_for(graph_path: Path | str) -> Path:
    """The store directory of a graph: ``out/graph.ttl`` -> ``out/graph.oxigraph``."""
    graph_path = Path(graph_path)
    return graph_path.with_name(f"{graph_path.stem}.oxigraph")


def build_store(graph_path: Path | str, store: Path | str | None = None) -> Path:
    """Load the Turtle graph into an Oxigraph store directory, unless it already holds this graph file.

    The store is built in a temporary directory and renamed into place. An
    existing directory that kg did not build is never deleted.

    Example:
        >>> build_store("out/graph.ttl")
        PosixPath('out/graph.oxigraph')
    """
    graph_path = Path(graph_path).resolve()
    store = Path(store) if store is not None else store_dir_for(graph_path)
    stat = graph_path.stat()
    stamp = f"{graph_path}\n{stat.st_size} {stat.st_mtime_ns}\n"
    marker = store / _MARKER
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return store
    if store.exists() and not marker.is_file():
        raise FileExistsError(f"{store} exists and is not a kg store: move it away or choose another graph path")
    building = Path(tempfile.mkdtemp(prefix=f".{store.name}.", dir=store.parent))
    try:
        subprocess.run(
            [str(oxigraph_executable()), "load", "--location", str(building), "--file", str(graph_path)],
            check=True, capture_output=True, text=True,
        )
        (building / _MARKER).write_text(stamp, encoding="utf-8")
        if store.exists():
            shutil.rmtree(store)
        os.replace(building, store)
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"oxigraph load failed on {graph_path}:\n{error.stderr.strip()}") from error
    finally:
        if building.exists():
            shutil.rmtree(building)
    return store


def start_server(graph_path: Path | str, port: int = 7878, *, ready_timeout: float = 30.0) -> OxigraphServer:
    """Build the store and start ``oxigraph serve-read-only`` on 127.0.0.1:``port``; return once it answers.

    Example:
        >>> with start_server("out/graph.ttl", port=7878) as server:
        ...     print(server.url)
        http://127.0.0.1:7878
    """
    _check_port_free(port)
    store = build_store(graph_path)
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [str(oxigraph_executable()), "serve-read-only", "--location", str(store), "--bind", f"{LOOPBACK}:{port}"],
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # Ctrl-C reaches Python only, which then stops the server itself
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )
    server = OxigraphServer(process=process, url=f"http://{LOOPBACK}:{port}", store=store, log=log)
    try:
        _wait_until_ready(server, ready_timeout)
    except BaseException:
        server.stop()
        raise
    return server


def serve(graph_path: Path | str, port: int = 7878, *, out: TextIO | None = None) -> int:
    """Serve the graph read-only at http://127.0.0.1:``port`` until Ctrl-C; return the server's exit code.

    Example:
        >>> serve("out/graph.ttl", port=7878)
        SPARQL endpoint  http://127.0.0.1:7878/query
        Query editor     http://127.0.0.1:7878/
        Read-only: updates are refused. Ctrl-C to stop.
    """
    out = out or sys.stdout
    with start_server(graph_path, port) as server:
        print(f"SPARQL endpoint  {server.url}/query", file=out)
        print(f"Query editor     {server.url}/", file=out)
        print("Read-only: updates are refused. Ctrl-C to stop.", file=out, flush=True)
        try:
            return server.process.wait()
        except KeyboardInterrupt:
            print("Stopping the server.", file=out, flush=True)
            return 0 if server.stop() in (0, -15) else 1


def main(graph_path: Path | str, port: int = 7878) -> None:
    """``kg serve``: serve until Ctrl-C; exit with a one-line message if the server cannot start.

    Example:
        >>> main(Path("out/graph.ttl"), 7878)
    """
    try:
        code = serve(graph_path, port)
    except (OSError, RuntimeError) as error:
        raise SystemExit(f"kg: {error}") from error
    if code:
        raise SystemExit(code)


def _die_with_parent() -> None:
    """In the server process (Linux): get SIGTERM if the Python process dies without stopping it."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((LOOPBACK, port))
        except OSError as error:
            raise OSError(f"port {port} on {LOOPBACK} is in use: choose another with --port") from error


def _wait_until_ready(server: OxigraphServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    probe = f"{server.url}/query?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.log.seek(0)
            output = server.log.read().decode("utf-8", "replace").strip()
            raise RuntimeError(f"oxigraph exited with code {server.process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(probe, timeout=1.0) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise TimeoutError(f"oxigraph did not answer at {server.url} within {timeout:.0f} s")
