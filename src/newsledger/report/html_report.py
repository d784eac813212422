"""A self-contained HTML report of the ledger: no external scripts, styles or fonts; every string escaped.

Articles are hostile input (scraped pages carry markup and script), so nothing from the ledger reaches
the page without ``html.escape``; the page itself carries no script at all.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;
vertical-align:top;text-align:left}th{background:#f4f4f6}.muted{color:#666}.num{text-align:right}
.article{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.text{white-space:pre-wrap;font-family:Georgia,serif}mark{background:#fff1a8}
.pill{display:inline-block;border-radius:9px;background:#eef;padding:0 .5rem;font-size:.8rem}
@media print{.article{break-inside:avoid}}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def render_report(ledger: dict[str, Any], *, title: str = "newsledger report") -> str:
    arts = {a["id"]: a for a in ledger["articles"]}
    claims_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in ledger["claims"]:
        claims_by_article[c["article_id"]].append(c)
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p class='muted'>{len(arts)} articles · {len(ledger['skipped'])} skipped · "
        f"{len(ledger['stories'])} stories · {len(ledger['claims'])} claims · "
        f"{len(ledger['quantities'])} quantities · {len(ledger['contradictions'])} contradictions</p>",
    ]
    out.append(_articles_table(ledger["articles"]))
    if ledger["quantities"]:
        out.append(_quantities_table(ledger["quantities"], arts))
    if ledger["contradictions"]:
        out.append("<h2>Contradictions</h2><ul>")
        out += [f"<li>{_e(c['kind'])}: {_e(c['why'])}</li>" for c in ledger["contradictions"]]
        out.append("</ul>")
    out.append("<h2>Articles and their claims</h2>")
    for a in ledger["articles"]:
        out.append(_article_section(a, claims_by_article.get(a["id"], [])))
    if ledger["skipped"]:
        out.append("<h2>Skipped inputs</h2><table><tr><th>source</th><th>code</th><th>reason</th></tr>")
        out += [
            f"<tr><td>{_e(s['source'])}</td><td>{_e(s['code'])}</td><td>{_e(s['reason'])}</td></tr>"
            for s in ledger["skipped"]
        ]
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def _articles_table(articles: list[dict[str, Any]]) -> str:
    rows = ["<h2>Articles</h2><table><tr><th>published</th><th>outlet</th><th>title</th><th>words</th></tr>"]
    for a in sorted(articles, key=lambda a: (a["published"]["date"] or "9999", a["id"])):
        date = a["published"]["date"] or "unknown"
        if a["published"]["inferred"]:
            date += " (inferred)"
        rows.append(
            f"<tr><td>{_e(date)}</td><td>{_e(a['outlet'] or 'unknown')}</td>"
            f"<td><a href='#{_e(a['id'])}'>{_e(a['title'] or a['source'])}</a></td>"
            f"<td class='num'>{len(a['text'].split())}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _quantities_table(quantities: list[dict[str, Any]], arts: dict[str, Any]) -> str:
    rows = [
        "<h2>Numbers</h2><table><tr><th>counted</th><th>value</th><th>as of</th>"
        "<th>according to</th><th>article</th></tr>"
    ]
    for q in quantities:
        a = arts.get(q["article_id"], {})
        value = q["value"] if q["value"] is not None else f"{q['low']}–{q['high']}"
        rows.append(
            f"<tr><td>{_e(q['counted'])}</td><td class='num'>{'~' if q['approximate'] else ''}{_e(value)} "
            f"{_e(q['unit'] or '')}</td><td>{_e(q['as_of'])}</td><td>{_e(q['according_to'])}</td>"
            f"<td><a href='#{_e(q['article_id'])}'>{_e(a.get('outlet') or a.get('title'))}</a></td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)


def _article_section(a: dict[str, Any], claims: list[dict[str, Any]]) -> str:
    text = a["text"]
    marked, pos = [], 0
    for c in sorted(claims, key=lambda c: c["start"]):
        if c["checkworthiness"] < 0.5 or c["start"] < pos:
            continue
        marked.append(_e(text[pos : c["start"]]))
        marked.append(
            f"<mark id='{_e(c['id'])}' title='{_e(c['kind'])}'>{_e(text[c['start'] : c['end']])}</mark>"
        )
        pos = c["end"]
    marked.append(_e(text[pos:]))
    meta = " · ".join(
        _e(x) for x in (a["outlet"], a["published"]["date"], ", ".join(a["authors"]), a["source"]) if x
    )
    removed = "".join(
        f"<li><span class='pill'>{_e(r['reason'])}</span> {_e(r['text'][:200])}</li>" for r in a["removed"]
    )
    return (
        f"<section class='article' id='{_e(a['id'])}'><h3>{_e(a['title'] or a['source'])}</h3>"
        f"<p class='muted'>{meta}</p><div class='text'>{''.join(marked)}</div>"
        + (
            f"<details><summary>{len(a['removed'])} blocks removed</summary><ul>{removed}</ul></details>"
            if removed
            else ""
        )
        + "</section>"
    )


def write_report(
    ledger: dict[str, Any], path: Path, *, title: str = "newsledger report", story: str | None = None
) -> None:
    """Write the report; ``story`` narrows it to one story (not yet: the whole ledger is shown)."""
    del story
    path.write_text(render_report(ledger, title=title), encoding="utf-8")
