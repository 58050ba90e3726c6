"""Screenshot a graph page written by ``kg build`` with Debian's headless chromium.

Example:
    .venv/bin/kg build data/ --out out/
    .venv/bin/python docs/screenshot.py out/graph.html docs/graph.png
    .venv/bin/python docs/screenshot.py out/graph.html docs/graph-statements.png \\
        --view statements --search "Sergueï Riabkov" --zoom 1.2 --hover
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"  # sh tests/install_browser.sh; never `playwright install`
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _wait(page: Page, expression: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.1)


def screenshot(html: Path, png: Path, *, view: str = "actors", search: str | None = None,
               zoom: float | None = None, hover: bool = False, width: int = 1500, height: int = 950) -> None:
    """Open ``html`` offline, set it up as asked and save a PNG of the window."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(html.resolve().as_uri())
        _wait(page, "window.kg && window.kg.counts().ready")
        if view != "actors":
            page.click(f"label:has(#view-{view})")
            _wait(page, "window.kg.counts().ready")
        selected = None
        if search:
            page.fill("#search", search)
            page.press("#search", "Enter")
            selected = page.evaluate("window.kg.views[window.kg.state.view].network.getSelectedNodes()[0] || null")
        if zoom:
            page.evaluate(f"window.kg.views[window.kg.state.view].network.moveTo({{scale: {zoom}}})")
        if hover and selected:
            page.click("#details-close")
            point = page.evaluate(f"""() => {{
                const view = window.kg.views[window.kg.state.view];
                const dom = view.network.canvasToDOM(view.network.getPositions([{json.dumps(selected)}])[{json.dumps(selected)}]);
                const box = view.div.getBoundingClientRect();
                return [box.left + dom.x, box.top + dom.y];
            }}""")
            page.mouse.move(point[0] + 30, point[1] + 30)
            page.mouse.move(point[0], point[1], steps=4)
            time.sleep(0.6)
        time.sleep(0.3)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--view", choices=("actors", "statements"), default="actors")
    parser.add_argument("--search", help="select this actor or topic (and pin its details)")
    parser.add_argument("--zoom", type=float, help="zoom level after the search, e.g. 1.2")
    parser.add_argument("--hover", action="store_true", help="hover the searched node to show its tooltip")
    parser.add_argument("--width", type=int, default=1500)
    parser.add_argument("--height", type=int, default=950)
    options = parser.parse_args()
    screenshot(options.html, options.png, view=options.view, search=options.search, zoom=options.zoom,
               hover=options.hover, width=options.width, height=options.height)


if __name__ == "__main__":
    main()
