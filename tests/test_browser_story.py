"""The story page in a real browser: Debian's Chromium, headless, against the real server (uvicorn).

Never downloads a browser: Playwright drives /usr/bin/chromium. A missing Chromium fails the test with
what to install (CI installs it), it does not skip. The screenshot is kept under pytest's tmp dir and its
path printed.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from newsledger.web.server import create_app
from test_report_corpus import analysed_corpus, copy_db

__all__ = ["analysed_corpus"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(analysed_corpus: dict[str, Path], tmp_path: Path) -> Iterator[str]:
    app = create_app(str(copy_db(analysed_corpus, tmp_path)), token="browser-test", fetch=False)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start within 20 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def test_story_page_in_chromium_follows_a_claim_to_its_highlighted_sentence(
    server: str, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is needed at {CHROMIUM}: apt-get install chromium (CI installs it)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path / "profile"
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(f"{server}/stories/all", wait_until="load")
            # The timeline chart: an SVG with the troop counts as points.
            chart = page.locator("svg.timeline").first
            assert chart.is_visible()
            values = chart.locator("a.point").evaluate_all(
                "els => els.map(e => e.getAttribute('data-value'))"
            )
            assert {"4000", "500"} <= set(values)
            box = chart.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            # The claim matrix: a row per claim, a column per outlet, cells saying who asserts.
            matrix = page.locator("table.matrix")
            assert matrix.is_visible()
            assert matrix.locator("tr").count() > 5
            assert matrix.locator("td.asserts").count() >= 5
            shot = tmp_path / "story-page.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot: {shot}")
            assert shot.stat().st_size > 10_000
            # Follow a claim to its sentence: the article page scrolls to it and highlights it.
            link = matrix.locator("td.asserts a.claim-link").first
            href = link.get_attribute("href")
            assert href and re.match(r"^/articles/[^#]+#claim-[0-9a-z]+$", href)
            link.click()
            page.wait_for_url(re.compile(r"/articles/.*#claim-"))
            anchor = href.split("#", 1)[1]
            target = page.locator(f"#{anchor}")
            assert target.is_visible() and target.evaluate("e => e.matches(':target')")
            background = target.evaluate("e => getComputedStyle(e).backgroundColor")
            assert background == "rgb(255, 224, 122)", background
            in_view = target.evaluate(
                "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"
            )
            assert in_view
            sentence = target.inner_text()
            assert len(sentence) > 20
            page.screenshot(path=str(tmp_path / "claim-sentence.png"))
            # The hostile article shows its markup as text and runs nothing.
            page.goto(f"{server}/search?q=banner", wait_until="load")
            page.locator("ol.hits a").first.click()
            page.wait_for_load_state("load")
            assert '<script>alert("banner")</script>' in page.locator("#source").inner_text()
            assert page.locator("body script, body img, [onerror], a[href^='javascript']").count() == 0
            assert dialogs == []
        finally:
            browser.close()
    shutil.rmtree(profile, ignore_errors=True)
