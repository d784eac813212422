"""The one stylesheet of the report and the web pages, inline (no CDN), and their security policy.

The pages carry no script at all: the span a link lands on is highlighted by CSS ``:target``.
"""

from __future__ import annotations

import base64
import hashlib

from newsledger.report.markup import Safe, raw, tag

STYLE = raw("""
:root{--ink:#1d1d1f;--muted:#666;--line:#ddd;--accent:#2457c5}
body{font:15px/1.5 system-ui,sans-serif;margin:1.5rem auto;max-width:74rem;padding:0 1rem;color:var(--ink)}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}h3{margin-bottom:.3rem}
a{color:var(--accent)}nav.top{display:flex;gap:1rem;align-items:center;border-bottom:1px solid var(--line);padding-bottom:.5rem}
nav.top form{margin-left:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid var(--line);padding:.3rem .5rem;
vertical-align:top;text-align:left}th{background:#f4f4f6}.muted{color:var(--muted)}.num{text-align:right}
.article{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.text{white-space:pre-wrap;font-family:Georgia,serif;line-height:1.6}
.claim.cw{border-bottom:2px solid #c9b458}.claim:target{background:#ffe07a;outline:2px solid #d39e00}
mark{background:transparent}mark.quantity{background:#d7ecff;border-radius:3px}
mark.framing{background:#ffd9d9;border-radius:3px}mark.quantity.framing{background:#e5d4ff}
mark:target,span:target>mark{outline:2px solid #d39e00;background:#ffe07a}
.pill{display:inline-block;border-radius:9px;background:#eef;padding:0 .5rem;font-size:.8rem}
.asserts{background:#dff3e3}.denies{background:#fbdede}.questions{background:#fff3c4}.mixed{background:#eee3ff}
.silent{color:#aaa}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:.8rem 0}
.pair>div{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem}
.chain{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem;margin:.35rem 0}
.chain .step{border:1px solid #9bb0d8;border-radius:5px;padding:.05rem .45rem;background:#f3f6fd}
.chain .step.origin{background:#fff4dc;border-color:#d9b25c}.chain .arrow{color:#888}
svg.timeline{max-width:760px;display:block;border:1px solid var(--line);border-radius:6px;margin:.5rem 0}
svg .axis{stroke:#444}svg .grid{stroke:#eee}svg .tick{font-size:11px;fill:#555}
svg .dot{fill:var(--accent)}svg .range{stroke:var(--accent);stroke-width:5;opacity:.5}
svg .label{font-size:11px;fill:#222}svg .undated{fill:#f6f6f6;stroke:#ddd}
svg a.point:hover .dot{fill:#d35400}
.bar{display:inline-block;height:.7rem;background:#e8a0a0;vertical-align:middle}
@media print{nav.top,form{display:none}.article{break-inside:avoid}a{color:inherit;text-decoration:none}
body{max-width:none;margin:0}svg.timeline{break-inside:avoid}}
""")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CSP = (
    f"default-src 'none'; style-src {_sha256(STYLE)}; script-src 'none'; img-src data:; "
    "form-action 'self'; base-uri 'none'"
)
"""Only the page's own style and script run, by hash: even markup that slipped past escaping could not
execute or load anything."""


def head(title: str) -> Safe:
    return Safe(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        + tag("meta", {"http-equiv": "Content-Security-Policy", "content": CSP})
        + tag("title", None, title)
        + tag("style", None, STYLE)
        + "</head><body>"
    )


def foot() -> Safe:
    return Safe("</body></html>")
