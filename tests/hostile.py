"""Hostile and broken inputs, written by the tests themselves."""

from __future__ import annotations

import json
from pathlib import Path

LATIN1_TEXT = (
    "Café owners in Montréal protest new tax\n\n"
    "Owners of cafés across Montréal said on Tuesday that the new levy would cost them dearly. "
    "« C'est trop », said one owner, whose café has served the neighbourhood for 30 years. "
    "The city council said the tax would raise about 4 million dollars a year.\n"
)

SCRIPT_PAGE = """<!doctype html><html><head><title>Council votes on river plan</title>
<meta property="og:site_name" content="Riverside Gazette">
<script>document.write('<p>injected by script</p>'); alert('x')</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council votes on river plan</h1>
<p>The city council voted 7 to 2 on Monday to approve a plan to clean the river, officials said.
The plan will cost about 12 million dollars over five years, according to the city's budget office.</p>
<p>Critics said the plan came too late. "We have waited a decade for this," said a local resident,
who asked that her name not be used. <img src=x onerror="alert(1)"> The vote followed months of debate.</p>
<p>Readers who write &lt;script&gt;alert(2)&lt;/script&gt; in comments will see it shown as text.</p>
<script>alert('inline')</script>
</article><footer>Copyright 2025 Riverside Gazette</footer></body></html>
"""


def write_hostile_inputs(folder: Path) -> dict[str, Path]:
    """Write one file per hostile case into ``folder``; return them by name."""
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "photo.txt",
        "latin1": folder / "latin1.txt",
        "jsonl": folder / "dump.jsonl",
        "deep": folder / "deep.html",
        "script": folder / "script.html",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    files["latin1"].write_bytes(LATIN1_TEXT.encode("latin-1"))
    good = {
        "title": "Port reopens after storm",
        "outlet": "Harbour Daily",
        "published": "2024-03-02",
        "text": "The port reopened on Saturday after a storm closed it for three days, officials said. "
        "About 40 ships had waited offshore, the harbour master told reporters.",
    }
    other = {
        "title": "Bridge repairs finish early",
        "url": "https://citynews.example/bridge",
        "text": "Repairs to the old bridge finished two weeks early, the city said on Friday. "
        "The work cost 2.5 million dollars, less than the 3 million budgeted.",
    }
    files["jsonl"].write_text(
        json.dumps(good) + "\n" + '{"title": "broken", "text": "unterminated\n' + json.dumps(other) + "\n",
        encoding="utf-8",
    )
    files["deep"].write_text(
        "<html><body>" + "<div>" * 20000 + "<p>Buried text.</p>" + "</div>" * 20000 + "</body></html>",
        encoding="utf-8",
    )
    files["script"].write_text(SCRIPT_PAGE, encoding="utf-8")
    return files


def write_huge_file(path: Path, *, megabytes: int = 50) -> None:
    line = b"This is filler text that makes the file very large without saying anything at all.\n"
    with path.open("wb") as out:
        out.truncate(0)
        block = line * (1_048_576 // len(line) + 1)
        for _ in range(megabytes):
            out.write(block[:1_048_576])
