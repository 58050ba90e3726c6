"""HTML export: a self-contained offline page, checked statically and in headless Chromium.

The browser tests drive Debian's ``chromium`` (``tests/install_browser.sh``)
with playwright's Python API; they never run ``playwright install``. They skip
only when chromium is missing and cannot be installed.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import time
from html.parser import HTMLParser
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from export_samples import XSS_QUOTE, XSS_TOPIC, export_statements, many_statements, sample_statements  # noqa: F401
from kg.export.html import LAYOUT_THRESHOLD, render_html, write_html
from kg.network import actor_view, build_network

TESTS = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))


def _script_tags(page: str) -> list[dict[str, str | None]]:
    """The attributes of every <script> element, as a browser's tokenizer sees them."""
    parser = _Tags()
    parser.feed(page)
    return parser.scripts


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


# ---- static checks -------------------------------------------------------------------


def test_self_contained_without_any_remote_reference(export_statements) -> None:  # noqa: F811
    page = render_html(export_statements)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert _script_tags(page) == [{"type": "application/json", "id": "kg-data"}, {}, {}]  # data, vis-network, page
    assert "vis.Network" in page and "Content-Security-Policy" in page


def test_article_text_is_escaped() -> None:
    page = render_html(sample_statements())
    assert "<script>alert" not in page
    assert "alert(1)" in page  # ... but present, escaped, in the JSON data
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 ailleurs" in page
    data = _data(page)
    assert any(s["text"] == XSS_QUOTE for s in data["statements"])


def test_title_is_escaped() -> None:
    page = render_html(sample_statements(), title="Revue <b>« presse »</b> & co")
    assert "<title>Revue &lt;b&gt;« presse »&lt;/b&gt; &amp; co</title>" in page
    assert "<b>« presse" not in page


def test_both_views_are_in_the_data(export_statements) -> None:  # noqa: F811
    data = _data(render_html(export_statements))
    actors = actor_view(export_statements)
    network = build_network(export_statements)
    assert {a["id"] for a in data["actors"]} == set(actors.nodes)
    assert len(data["actorEdges"]) == actors.number_of_edges()
    assert len(data["statements"]) == len(export_statements)
    assert sum(len(s["targets"]) + 1 for s in data["statements"]) == network.number_of_edges()
    assert {t["family"] for t in data["types"]} <= {f["id"] for f in data["families"]}


def test_sample_statement_view_reads_speaker_verb_topic_target() -> None:
    data = _data(render_html(sample_statements()))
    solidarity = next(s for s in data["statements"] if s["label"] == "solidarité")
    assert solidarity["speaker"] == "Q4404683" and solidarity["type"] == "support"
    assert solidarity["targets"] == [["Q717", "about"]]
    assert solidarity["articles"] == ["000_3b6d5156006e4ac0", "001_aa12"]
    untitled = next(s for s in data["statements"] if s["topic"] is None)
    assert untitled["label"] == "acknowledge"  # the type label when there is no topic


def test_deterministic_whatever_the_input_order() -> None:
    statements = sample_statements()
    shuffled = statements[:]
    random.Random(11).shuffle(shuffled)
    assert render_html(statements) == render_html(shuffled)


def test_large_views_get_a_seeded_layout() -> None:
    statements = many_statements(LAYOUT_THRESHOLD + 20)
    assert _data(render_html(sample_statements()))["positions"] is None
    page = render_html(statements)
    data = _data(page)
    assert set(data["positions"]) == {"statements"}  # the actor view stays small enough for physics
    assert set(data["positions"]["statements"]) == {a["id"] for a in data["actors"]} | {
        s["id"] for s in data["statements"]}
    assert page == render_html(statements)


def test_write_html_writes_the_rendered_page(tmp_path: Path) -> None:
    path = tmp_path / "out" / "graph.html"
    write_html(sample_statements(), path, title="Essai")
    assert path.read_text(encoding="utf-8") == render_html(sample_statements(), title="Essai")


# ---- in a real browser ------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        try:
            done = subprocess.run(["sh", str(TESTS / "install_browser.sh")], capture_output=True, text=True, timeout=900)
            reason = (done.stdout + done.stderr).strip().splitlines()[-3:]
        except (OSError, subprocess.TimeoutExpired) as error:
            reason = [str(error)]
        if not CHROMIUM.exists():
            pytest.skip(f"chromium is missing and tests/install_browser.sh could not install it: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


class Page:
    """An opened graph page with everything it logged, requested and popped up."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 850})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.wait("window.kg && window.kg.counts().ready")

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def wait(self, expression: str, timeout: float = 30.0) -> None:
        # Polled from Python: the page's CSP forbids the eval that wait_for_function uses.
        deadline = time.monotonic() + timeout
        while not self.js(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def counts(self) -> dict[str, Any]:
        return self.js("window.kg.counts()")

    def painted_pixels(self, at_least: int = 5000, timeout: float = 10.0) -> int:
        """Pixels the current view's canvas has painted, polled until there are more than ``at_least`` (vis draws on the
        next animation frame after it reports ready) or ``timeout`` seconds have passed."""
        deadline = time.monotonic() + timeout
        painted = self._painted()
        while painted <= at_least and time.monotonic() < deadline:
            time.sleep(0.05)
            painted = self._painted()
        return painted

    def _painted(self) -> int:
        return self.js("""() => {
            const canvas = window.kg.views[window.kg.state.view].div.querySelector('canvas');
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
            return painted;
        }""")

    def node_point(self, node_id: str) -> list[float]:
        """Where a node is drawn, in page pixels."""
        return self.js(f"""() => {{
            const view = window.kg.views[window.kg.state.view];
            const dom = view.network.canvasToDOM(view.network.getPositions([{json.dumps(node_id)}])[{json.dumps(node_id)}]);
            const box = view.div.getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }}""")

    def hover_node(self, node_id: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        point = self.node_point(node_id)
        self.page.mouse.move(point[0] + 40, point[1] + 40)
        self.page.mouse.move(point[0], point[1], steps=4)
        tooltip = "window.kg.views[window.kg.state.view].div.querySelector('div.vis-tooltip')"
        self.wait(f"{tooltip} && {tooltip}.style.visibility === 'visible'")
        return self.js(f"{tooltip}.textContent")

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def opened(browser: Any, tmp_path: Path) -> Iterator[Page]:
    path = tmp_path / "graph.html"
    write_html(sample_statements(), path, title="Échantillon")
    page = Page(browser, path)
    yield page
    page.close()


def test_loads_offline_without_errors_and_draws(opened: Page) -> None:
    assert opened.errors == []
    assert opened.requests == [opened.url]
    counts = opened.counts()
    assert counts == {"view": "actors", "nodes": 11, "edges": 18, "totalNodes": 11, "totalEdges": 18, "ready": True}
    assert opened.js("window.kg.views.actors.network.body.nodeIndices.length") == 11
    assert opened.painted_pixels() > 5000
    assert opened.page.inner_text("#status").startswith("Actors view · 11 nodes · 18 edges")


def test_switching_to_the_statement_view(opened: Page) -> None:
    opened.page.click("label:has(#view-statements)")
    opened.wait("window.kg.counts().view === 'statements' && window.kg.counts().ready")
    assert opened.counts()["nodes"] == 11 + 19
    assert opened.counts()["edges"] == 19 + 19  # 19 speaker edges; 19 target edges (one has none, one has two)
    assert opened.painted_pixels() > 5000
    opened.page.click("label:has(#view-actors)")
    opened.wait("window.kg.counts().view === 'actors'")
    assert opened.counts()["edges"] == 18
    assert opened.errors == []


def test_type_filter_changes_the_visible_edges(opened: Page) -> None:
    opened.page.uncheck("input[data-type=support]")
    assert opened.counts()["edges"] == 18 - 2  # Riabkov → Venezuela and Macron → Ukraine
    opened.page.uncheck("input[data-type=accuse]")
    assert opened.counts()["edges"] == 18 - 4
    assert "shown (of 11 / 18)" in opened.page.inner_text("#status")
    opened.page.click("#types-none")
    assert opened.counts()["edges"] == 0 and opened.counts()["nodes"] == 0
    opened.page.click("#types-all")
    assert opened.counts()["edges"] == 18
    opened.page.click("label:has(#view-statements)")
    opened.wait("window.kg.counts().ready")
    before = opened.counts()["edges"]
    opened.page.uncheck("input[data-type=support]")
    assert opened.counts()["edges"] == before - 6  # three support statements, two edges each


def test_actor_filter(opened: Page) -> None:
    opened.page.select_option("#actor-filter", "Q717")
    counts = opened.counts()
    assert counts["edges"] == 5  # Riabkov ×2, Kremlin, États-Unis, TASS → Venezuela
    assert counts["nodes"] == 5


def test_search_finds_a_node(opened: Page) -> None:
    opened.page.fill("#search", "venezuela")
    opened.page.press("#search", "Enter")
    assert opened.js("window.kg.views.actors.network.getSelectedNodes()") == ["Q717"]
    assert "Found “Venezuela”" in opened.page.inner_text("#search-result")
    assert "Venezuela" in opened.page.inner_text("#details")
    opened.page.fill("#search", "etats-unis")  # accents and case folded
    opened.page.press("#search", "Enter")
    assert opened.js("window.kg.views.actors.network.getSelectedNodes()") == ["Q30"]
    opened.page.fill("#search", "zzz")
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#search-result") == "No match in this view."


def test_quote_with_markup_shows_as_text(opened: Page) -> None:
    opened.page.click("label:has(#view-statements)")
    opened.wait("window.kg.counts().ready")
    opened.page.fill("#search", XSS_TOPIC)
    opened.page.press("#search", "Enter")
    details = opened.page.inner_text("#details")
    assert "<script>alert(1)</script>" in details
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in opened.js("document.getElementById('details').innerHTML")
    statement_id = opened.js("window.kg.views.statements.network.getSelectedNodes()[0]")
    tooltip = opened.hover_node(statement_id)
    assert "<script>alert(1)</script>" in tooltip and "TASS" in tooltip and "2025-09-15" in tooltip
    assert "004_dd78" in tooltip
    assert opened.js("document.querySelectorAll('script').length") == 3
    assert opened.dialogs == [] and opened.errors == []


def test_actor_tooltip(opened: Page) -> None:
    tooltip = opened.hover_node("Q4404683")
    assert "Sergueï Riabkov" in tooltip and "person" in tooltip and "Speaks 5 statements" in tooltip


def test_clicking_a_node_pins_its_details(opened: Page) -> None:
    assert opened.page.is_hidden("#details-card")
    point = opened.node_point("Q717")
    opened.page.mouse.click(point[0], point[1])
    assert opened.page.is_visible("#details-card")
    details = opened.page.inner_text("#details")
    assert details.startswith("Venezuela") and "targeted by 6" in details
    assert "Sergueï Riabkov supports Venezuela" in details and "nous sommes solidaires du Venezuela" in details
    opened.page.click("#details-close")
    assert opened.page.is_hidden("#details-card")


def test_actor_edge_details_list_the_statements(opened: Page) -> None:
    edge = opened.js("""() => {
        const view = window.kg.views.actors;
        return view.edges.get().find(e => e.from === 'Q4404683' && e.to === 'Q717' && e.kgType === 'support').id;
    }""")
    opened.js(f"window.kg.views.actors.network.selectEdges([{json.dumps(edge)}])")
    opened.js(f"""() => window.kg.views.actors.network.body.emitter.emit('click',
        {{nodes: [], edges: [{json.dumps(edge)}], pointer: {{DOM: {{x: 0, y: 0}}, canvas: {{x: 0, y: 0}}}}}})""")
    details = opened.page.inner_text("#details")
    assert details.startswith("Sergueï Riabkov supports Venezuela")
    assert "2 statements · 2025-09-02" in details
    assert "solidaires" in details and "Moscou soutient pleinement Caracas" in details


def test_large_graph_uses_the_precomputed_layout(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "large.html"
    statements = many_statements(LAYOUT_THRESHOLD + 20)
    write_html(statements, path)
    page = Page(browser, path)
    try:
        assert page.errors == [] and page.requests == [page.url]
        page.page.click("label:has(#view-statements)")
        page.wait("window.kg.counts().ready")
        assert page.counts()["nodes"] == build_network(statements).number_of_nodes()
        assert page.js("window.kg.views.statements.network.physics.options.enabled") is False
        node = statements[0].id
        data_position = page.js(f"window.kg.data.positions.statements[{json.dumps(node)}]")
        drawn = page.js(f"window.kg.views.statements.network.getPositions([{json.dumps(node)}])")[node]
        assert abs(drawn["x"] - data_position[0]) <= 1 and abs(drawn["y"] - data_position[1]) <= 1  # vis rounds
        assert page.painted_pixels() > 5000
    finally:
        page.close()


def test_pipeline_statements_render_in_the_browser(browser: Any, tmp_path: Path, export_statements) -> None:  # noqa: F811
    path = tmp_path / "pipeline.html"
    write_html(export_statements, path)
    page = Page(browser, path)
    try:
        assert page.errors == [] and page.requests == [page.url]
        assert page.counts()["edges"] == actor_view(export_statements).number_of_edges()
        page.page.click("label:has(#view-statements)")
        page.wait("window.kg.counts().ready")
        assert page.counts()["nodes"] == build_network(export_statements).number_of_nodes()
    finally:
        page.close()
