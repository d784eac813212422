"""The corpus the report, web and browser tests share: the seeds plus a hostile page written here.

``analysed_corpus`` runs the real ``analyze`` command once per test session (the seeds and the hostile
page, through the whole pipeline into an SQLite ledger with an HTML report) and hands every test module
the same files; tests that add rows work on their own copy.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main

HOSTILE_PAGE = """<!doctype html><html><head>
<title>Harbour council approves budget &lt;script&gt;alert(1)&lt;/script&gt;</title>
<meta property="og:site_name" content="Harbour &lt;script&gt;alert(7)&lt;/script&gt; Times">
<meta name="author" content="Jo &lt;img src=x onerror=alert(8)&gt; Smith">
<script>alert('head')</script></head><body>
<nav><a href="javascript:alert(3)">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour council approves budget &lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>The harbour council approved a budget of 12 million dollars on Monday, officials said. Protesters outside
the hall held a banner that read &lt;script&gt;alert("banner")&lt;/script&gt; in large letters, and a comment on
the council's website showed &lt;img src=x onerror=alert(2)&gt; for an hour before it was removed.</p>
<p>"We will publish every line of it," the council's treasurer told reporters. A spokesman said 40 staff would
check the accounts before the vote in March. <a href="javascript:alert(4)">Read the full budget</a> on the
council's site.</p>
<img src=x onerror="alert(5)">
<script>alert('inline')</script>
</article></body></html>
"""

HOSTILE_OUTLET = "Harbour <script>alert(7)</script> Times"


class _Markup(HTMLParser):
    """Collects what would run or load in a browser: script and img elements, ``on*`` handlers and
    ``javascript:`` links, as the browser's parser sees them (escaped text is text, never a match)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        if name in ("script", "img", "iframe", "object", "embed"):
            self.found.append(f"<{name}>")
        for key, value in attrs:
            if key.startswith("on"):
                self.found.append(f"{name} {key}=")
            if key in ("href", "src", "action", "xlink:href") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "http:", "https:", "//")
            ):
                self.found.append(f"{name} {key}={value}")


def live_markup(page: str) -> list[str]:
    """Every element or attribute in ``page`` that would execute or fetch something: must be empty."""
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return parser.found


_BUILT: dict[str, Path] = {}


def build_corpus(folder: Path, seed_files: list[Path]) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for f in seed_files:
        shutil.copy(f, corpus / f.name)
    (corpus / "harbour.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    return corpus


@pytest.fixture
def analysed_corpus(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> dict[str, Path]:
    """``{"db", "html", "json"}`` of the seeds and the hostile page, analysed once per session."""
    if not _BUILT:
        root = tmp_path_factory.mktemp("analysed")
        corpus = build_corpus(root, seed_files)
        db, html, out = root / "ledger.db", root / "report.html", root / "ledger.json"
        result = CliRunner().invoke(
            main,
            [
                "analyze",
                str(corpus),
                "--db",
                str(db),
                "--html",
                str(html),
                "--json",
                str(out),
                "--workers",
                "1",
            ],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        _BUILT.update(db=db, html=html, json=out)
    return dict(_BUILT)


def copy_db(analysed: dict[str, Path], folder: Path) -> Path:
    """A private copy of the analysed ledger, for tests that write to it."""
    target = folder / "copy.db"
    shutil.copy(analysed["db"], target)
    return target


def test_the_hostile_page_is_an_article_whose_text_keeps_the_markup_as_text(
    analysed_corpus: dict[str, Path],
) -> None:
    import json

    ledger = json.loads(analysed_corpus["json"].read_text(encoding="utf-8"))
    hostile = [a for a in ledger["articles"] if a["outlet"] == HOSTILE_OUTLET]
    assert len(hostile) == 1, [a["outlet"] for a in ledger["articles"]]
    assert '<script>alert("banner")</script>' in hostile[0]["text"]
    assert "<img src=x onerror=alert(2)>" in hostile[0]["text"]
    assert len(ledger["articles"]) == 6
