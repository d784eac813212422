"""The sections of a story page as HTML, shared by the self-contained report and the web app.

Each renderer takes the views of ``views`` and a ``Links`` object that says where things live: in the
report every link is an anchor in the same file; in the web app an article is its own page. Nothing here
writes a string from the ledger without escaping it (see ``markup``).
"""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import quote

from newsledger.report.highlight import claim_anchor, framing_anchor, highlighted_text, quantity_anchor
from newsledger.report.markup import Safe, join, tag
from newsledger.report.svg_timeline import timeline_svg
from newsledger.report.views import (
    ChainPath,
    Disagreement,
    Matrix,
    OutletFraming,
    Overview,
    Timeline,
    article_day,
    cell_verdict,
    outlet_of,
)


class Links(Protocol):
    def span(self, article_id: str, anchor: str) -> str: ...

    def article(self, article_id: str) -> str: ...

    def outlet(self, outlet: str) -> str | None: ...


class InPageLinks:
    """The report: everything is an anchor in one file."""

    def span(self, article_id: str, anchor: str) -> str:
        return f"#{anchor}"

    def article(self, article_id: str) -> str:
        return f"#art-{article_id}"

    def outlet(self, outlet: str) -> str | None:
        return None


class SiteLinks:
    """The web app: an article is a page, a span an anchor in it, an outlet a page of its own."""

    def span(self, article_id: str, anchor: str) -> str:
        return f"/articles/{quote(article_id, safe='')}#{anchor}"

    def article(self, article_id: str) -> str:
        return f"/articles/{quote(article_id, safe='')}"

    def outlet(self, outlet: str) -> str | None:
        return f"/sources/{quote(outlet, safe='')}"


def _outlet(name: str, links: Links) -> Safe:
    href = links.outlet(name)
    return tag("a", {"href": href}, name) if href else tag("span", None, name)


def _date_text(a: dict[str, Any]) -> str:
    p = a["published"]
    if not p["date"]:
        return "date unknown"
    return f"{p['date']} (inferred)" if p["inferred"] else str(p["date"])


def overview_section(ov: Overview, links: Links) -> Safe:
    head = tag("tr", None, tag("th", None, "outlet"), [tag("th", None, d) for d in ov.dates])
    rows = []
    for o in ov.outlets:
        cells = []
        for d in ov.dates:
            arts = ov.cells.get((o, d), [])
            cells.append(
                tag(
                    "td",
                    None,
                    join(
                        [
                            tag(
                                "a",
                                {"href": links.article(a["id"]), "title": a["title"] or ""},
                                (a["title"] or a["id"])[:60],
                            )
                            for a in arts
                        ],
                        sep=" · ",
                    ),
                )
            )
        rows.append(tag("tr", None, tag("th", None, _outlet(o, links)), cells))
    return tag(
        "section",
        {"id": "overview"},
        tag("h2", None, "Who covered it, when"),
        tag("table", {"class": "overview"}, head, rows),
    )


def timeline_section(lines: list[Timeline], links: Links, *, max_charts: int = 8) -> Safe:
    charts = [t for t in lines if len(t.points) >= 1][:max_charts]
    if not charts:
        return tag(
            "section",
            {"id": "numbers"},
            tag("h2", None, "Numbers on a timeline"),
            tag("p", {"class": "muted"}, "No counted numbers in these articles."),
        )
    blocks = []
    for t in charts:
        also = tag("p", {"class": "muted"}, "Also worded as: " + "; ".join(t.also)) if t.also else None
        rows = [
            tag(
                "tr",
                None,
                tag(
                    "td",
                    None,
                    p.date or "unknown",
                    tag("span", {"class": "muted"}, f" ({p.dated_by})" if p.date else ""),
                ),
                tag(
                    "td",
                    {"class": "num"},
                    tag(
                        "a",
                        {"href": links.span(p.article["id"], quantity_anchor(p.quantity["id"]))},
                        p.value_text(),
                    ),
                ),
                tag("td", None, p.claimant),
                tag("td", None, _outlet(p.outlet, links)),
            )
            for p in t.points
        ]
        table = tag(
            "table",
            {"class": "points"},
            tag(
                "tr",
                None,
                tag("th", None, "date"),
                tag("th", None, "number"),
                tag("th", None, "according to"),
                tag("th", None, "outlet"),
            ),
            rows,
        )
        blocks.append(
            tag(
                "div",
                {"class": "timeline-block"},
                tag("h3", None, t.label),
                also,
                timeline_svg(t, link=links.span, anchor=quantity_anchor),
                tag("details", None, tag("summary", None, f"{len(t.points)} numbers as a table"), table),
            )
        )
    more = len([t for t in lines if t.points]) - len(charts)
    return tag(
        "section",
        {"id": "numbers"},
        tag("h2", None, "Numbers on a timeline"),
        tag(
            "p",
            {"class": "muted"},
            "One chart per counted subject; a number is dated by its own as-of date, else by its article's publication date. Click a point for its sentence.",
        ),
        blocks,
        tag("p", {"class": "muted"}, f"{more} more subjects with fewer sources not charted.")
        if more > 0
        else None,
    )


def matrix_section(m: Matrix, links: Links) -> Safe:
    note = (
        "The first rows are claim groups (the same proposition in several articles, with the number of "
        "independent sources); the rest are the most check-worthy claims that only one article makes."
        if m.grouped
        else "Claims are not grouped across articles yet: each row is one of the most check-worthy claims, "
        "so other outlets show as silent."
    )
    head = tag(
        "tr",
        None,
        tag("th", None, "claim"),
        tag("th", None, "sources"),
        [tag("th", None, _outlet(o, links)) for o in m.outlets],
    )
    rows = []
    for r in m.rows:
        cells = []
        for o in m.outlets:
            claims = r.cells.get(o, [])
            verdict = cell_verdict(claims)
            cells.append(
                tag(
                    "td",
                    {"class": verdict},
                    tag(
                        "a",
                        {
                            "href": links.span(claims[0]["article_id"], claim_anchor(claims[0]["id"])),
                            "class": "claim-link",
                        },
                        verdict,
                    )
                    if claims
                    else verdict,
                )
            )
        n = r.corroboration if r.corroboration is not None else len(r.cells)
        rows.append(tag("tr", None, tag("td", None, r.label), tag("td", {"class": "num"}, n), cells))
    return tag(
        "section",
        {"id": "claims"},
        tag("h2", None, "Claims against outlets"),
        tag("p", {"class": "muted"}, note),
        tag("table", {"class": "matrix"}, head, rows) if rows else tag("p", None, "No claims."),
    )


def _claim_card(
    claim: dict[str, Any] | None, article: dict[str, Any] | None, links: Links, claim_id: str
) -> Safe:
    if claim is None or article is None:
        return tag("div", None, tag("p", {"class": "muted"}, f"claim {claim_id} (outside this view)"))
    att = claim["attribution"]
    who = att["speaker"] or "the outlet itself"
    return tag(
        "div",
        None,
        tag("p", None, tag("strong", None, _outlet(outlet_of(article), links)), " · ", _date_text(article)),
        tag(
            "blockquote",
            None,
            tag("a", {"href": links.span(article["id"], claim_anchor(claim["id"]))}, claim["text"]),
        ),
        tag(
            "p",
            {"class": "muted"},
            f"{claim['polarity']} · said by {who}" + (f" ({att['cue']})" if att["cue"] else ""),
        ),
    )


def contradictions_section(
    pairs: list[dict[str, Any]],
    claims: dict[str, dict[str, Any]],
    articles: dict[str, dict[str, Any]],
    disagreements: list[Disagreement],
    links: Links,
) -> Safe:
    blocks: list[Safe] = []
    for c in pairs:
        a, b = claims.get(c["a"]), claims.get(c["b"])
        blocks.append(
            tag(
                "div",
                {"class": "contradiction"},
                tag("p", None, tag("span", {"class": "pill"}, c["kind"]), " ", c["why"]),
                tag(
                    "div",
                    {"class": "pair"},
                    _claim_card(a, articles.get(a["article_id"]) if a else None, links, c["a"]),
                    _claim_card(b, articles.get(b["article_id"]) if b else None, links, c["b"]),
                ),
            )
        )
    numeric: list[Safe] = []
    for d in disagreements:
        cards = []
        for p in (d.a, d.b):
            cards.append(
                tag(
                    "div",
                    None,
                    tag(
                        "p",
                        None,
                        tag(
                            "strong",
                            None,
                            tag(
                                "a",
                                {"href": links.span(p.article["id"], quantity_anchor(p.quantity["id"]))},
                                p.value_text(),
                            ),
                        ),
                    ),
                    tag(
                        "p",
                        {"class": "muted"},
                        f"according to {p.claimant} · {p.outlet} · {p.dated_by} {p.date}",
                    ),
                )
            )
        numeric.append(
            tag(
                "div",
                {"class": "disagreement"},
                tag("p", None, f"{d.timeline} on {d.date}"),
                tag("div", {"class": "pair"}, cards),
            )
        )
    body: list[Safe] = []
    if blocks:
        body.append(join(blocks))
    else:
        body.append(
            tag(
                "p", {"class": "muted"}, "The contradictions stage found none, or has not run on this ledger."
            )
        )
    if numeric:
        body.append(tag("h3", None, "Numbers that disagree"))
        body.append(
            tag(
                "p",
                {"class": "muted"},
                "The same subject on the same date with different values (found by the report from the timelines; not a verdict).",
            )
        )
        body.append(join(numeric))
    return tag("section", {"id": "contradictions"}, tag("h2", None, "Contradictions, side by side"), body)


def chains_section(paths: list[ChainPath], links: Links) -> Safe:
    rows = []
    for p in paths:
        steps: list[Safe] = []
        for i, s in enumerate(p.steps):
            if i:
                steps.append(tag("span", {"class": "arrow"}, "→"))
            cls = "step origin" if i == len(p.steps) - 1 else "step"
            steps.append(tag("span", {"class": cls}, s))
        examples = [
            tag(
                "a",
                {"href": links.span(c["article_id"], claim_anchor(c["id"])), "title": c["text"]},
                f"“{c['text'][:70]}…”",
            )
            for c in p.claims[:2]
        ]
        extra = f" and {len(p.claims) - 2} more" if len(p.claims) > 2 else ""
        rows.append(
            tag(
                "div",
                {"class": "chain"},
                steps,
                tag("span", {"class": "muted"}, " ", join(examples, sep=" · "), extra or None),
            )
        )
    body = (
        join(rows)
        if rows
        else tag(
            "p", {"class": "muted"}, "No reported speech found: every claim is in the outlets' own voice."
        )
    )
    return tag(
        "section",
        {"id": "chains"},
        tag("h2", None, "Who said it, through whom"),
        tag(
            "p",
            {"class": "muted"},
            "Each path runs from the outlet through its intermediaries to the origin.",
        ),
        body,
    )


def framing_section(items: list[OutletFraming], links: Links) -> Safe:
    if not items:
        return tag(
            "section",
            {"id": "framing"},
            tag("h2", None, "Framing by outlet"),
            tag("p", {"class": "muted"}, "No stance or framing analysis in this ledger yet."),
        )
    blocks = []
    for f in items:
        stances = [
            tag(
                "li",
                None,
                tag("a", {"href": links.article(a["id"])}, (a["title"] or a["id"])[:60]),
                ": ",
                tag("span", {"class": "pill"}, s["label"]),
                f" toward “{s['target']}” ({s['score']:.2f})",
            )
            for s, a in f.stances
        ]
        total = sum(f.techniques.values()) or 1
        techniques = [
            tag(
                "li",
                None,
                tag("span", {"class": "bar", "style": None}, ""),
                f"{t}: {n}",
                tag("span", {"class": "muted"}, f" ({100 * n / total:.0f}%)"),
            )
            for t, n in f.techniques.most_common()
        ]
        spans = [
            tag(
                "li",
                None,
                tag(
                    "a",
                    {
                        "href": links.span(
                            a["id"], framing_anchor(a["id"], s["start"], s["end"], s["technique"])
                        )
                    },
                    f"“{a['text'][s['start'] : s['end']][:90]}”",
                ),
                tag("span", {"class": "muted"}, f" {s['technique']} ({s['score']:.2f})"),
            )
            for s, a in f.spans
        ]
        blocks.append(
            tag(
                "div",
                {"class": "outlet-framing"},
                tag("h3", None, _outlet(f.outlet, links)),
                tag("ul", None, stances) if stances else None,
                tag("ul", None, techniques) if techniques else None,
                tag("ul", None, spans) if spans else None,
            )
        )
    return tag("section", {"id": "framing"}, tag("h2", None, "Framing by outlet"), blocks)


def article_source(
    a: dict[str, Any],
    *,
    claims: list[dict[str, Any]],
    quantities: list[dict[str, Any]],
    framing: list[dict[str, Any]],
    links: Links,
    anchor_id: str | None = None,
) -> Safe:
    """One article's header and its text with every claim, number and framing span highlighted."""
    meta = [outlet_of(a), _date_text(a), ", ".join(a["authors"]), a.get("dateline"), a["url"] or a["source"]]
    removed = [
        tag("li", None, tag("span", {"class": "pill"}, r["reason"]), " ", r["text"][:200])
        for r in a["removed"]
    ]
    return tag(
        "section",
        {"class": "article", "id": anchor_id},
        tag("h3", None, a["title"] or a["source"]),
        tag("p", {"class": "muted"}, join([m for m in meta if m], sep=" · ")),
        tag(
            "p",
            {"class": "muted"},
            f"published date: {a['published']['evidence']}" if a["published"].get("evidence") else None,
        ),
        tag(
            "div",
            {"class": "text"},
            highlighted_text(
                a["text"], article_id=a["id"], claims=claims, quantities=quantities, framing=framing
            ),
        ),
        tag(
            "details",
            None,
            tag("summary", None, f"{len(a['removed'])} blocks removed"),
            tag("ul", None, removed),
        )
        if removed
        else None,
    )


def article_list(articles: list[dict[str, Any]], links: Links) -> Safe:
    rows = [
        tag(
            "tr",
            None,
            tag("td", None, _date_text(a)),
            tag("td", None, _outlet(outlet_of(a), links)),
            tag("td", None, tag("a", {"href": links.article(a["id"])}, a["title"] or a["source"])),
        )
        for a in sorted(articles, key=lambda a: (article_day(a) or "9999", a["id"]))
    ]
    return tag(
        "table",
        {"class": "articles"},
        tag("tr", None, tag("th", None, "published"), tag("th", None, "outlet"), tag("th", None, "title")),
        rows,
    )


def story_sections(story: dict[str, Any], part: dict[str, Any], links: Links) -> Safe:
    """Every view of one story: overview, timelines, claim matrix, contradictions, chains, framing."""
    from newsledger.report.views import (
        attribution_paths,
        claim_matrix,
        framing_by_outlet,
        numeric_disagreements,
        overview,
        timelines,
    )

    lines = timelines(part)
    articles = {a["id"]: a for a in part["articles"]}
    claims = {c["id"]: c for c in part["claims"]}
    outlets = sorted({outlet_of(a) for a in part["articles"]})
    note = (
        "No stories are in this ledger yet (the stories stage has not run), so this view holds every article."
        if story.get("implicit")
        else None
    )
    return join(
        [
            tag("h2", {"class": "story-title"}, story["label"]),
            tag(
                "p",
                {"class": "muted"},
                f"{len(articles)} articles · {len(outlets)} outlets · {len(part['claims'])} claims · "
                f"{len(part['quantities'])} numbers · {len(part['contradictions'])} contradictions",
            ),
            tag("p", {"class": "muted"}, note) if note else None,
            tag(
                "nav",
                {"class": "sections"},
                join(
                    [
                        tag("a", {"href": "#overview"}, "coverage"),
                        tag("a", {"href": "#numbers"}, "numbers"),
                        tag("a", {"href": "#claims"}, "claims"),
                        tag("a", {"href": "#contradictions"}, "contradictions"),
                        tag("a", {"href": "#chains"}, "attribution"),
                        tag("a", {"href": "#framing"}, "framing"),
                    ],
                    sep=" · ",
                ),
            ),
            overview_section(overview(part["articles"]), links),
            timeline_section(lines, links),
            matrix_section(claim_matrix(part), links),
            contradictions_section(
                part["contradictions"], claims, articles, numeric_disagreements(lines), links
            ),
            chains_section(attribution_paths(part), links),
            framing_section(framing_by_outlet(part), links),
        ]
    )
