"""The HTML pages: the same views as the report, read from the database with bounded queries.

Pages: ``/`` (stories, recent articles, search), ``/stories/{id}`` (the story views; ``all`` is every
article, the only story before the stories stage has run), ``/articles/{id}`` (the source with every
claim, number and framing span highlighted and anchored), ``/claims``, ``/sources/{outlet}`` and
``/search?q=``. Every string is escaped by ``report.markup``; every page carries the report's security
policy (no script at all).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from newsledger.report.highlight import claim_anchor, quantity_anchor
from newsledger.report.markup import Safe, esc, join, tag
from newsledger.report.story_html import SiteLinks, article_list, article_source, story_sections
from newsledger.report.style import foot, head
from newsledger.report.views import ALL_STORY, outlet_of
from newsledger.web import queries
from newsledger.web.errors import ApiError
from newsledger.web.search import MARK_CLOSE, MARK_OPEN
from newsledger.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
State = Annotated[WebState, Depends(web_state)]
Offset = Annotated[int, Query(ge=0, le=10**9)]
LINKS = SiteLinks()
PAGE = 50


def layout(title: str, *body: Safe | None, q: str = "") -> HTMLResponse:
    nav = tag(
        "nav",
        {"class": "top"},
        tag("a", {"href": "/"}, tag("strong", None, "newsledger")),
        tag("a", {"href": f"/stories/{ALL_STORY}"}, "all articles"),
        tag("a", {"href": "/claims"}, "claims"),
        tag(
            "form",
            {"action": "/search", "method": "get", "role": "search"},
            tag(
                "input",
                {
                    "type": "search",
                    "name": "q",
                    "value": q,
                    "placeholder": "search articles and claims",
                    "aria-label": "search",
                },
            ),
            tag("button", {"type": "submit"}, "search"),
        ),
    )
    page = join([head(f"{title} · newsledger"), nav, tag("h1", None, title), *body, foot()])
    return HTMLResponse(page, headers={"Content-Security-Policy": _csp()})


def _csp() -> str:
    from newsledger.report.style import CSP

    return CSP


def pager(path: str, offset: int, total: int, *, size: int = PAGE, **params: Any) -> Safe | None:
    if total <= size:
        return None
    links = []
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    if offset > 0:
        links.append(
            tag(
                "a",
                {"href": f"{path}?{urlencode({**kept, 'offset': max(offset - size, 0)})}", "rel": "prev"},
                "← newer",
            )
        )
    links.append(tag("span", {"class": "muted"}, f" {offset + 1}–{min(offset + size, total)} of {total} "))
    if offset + size < total:
        links.append(
            tag(
                "a",
                {"href": f"{path}?{urlencode({**kept, 'offset': offset + size})}", "rel": "next"},
                "older →",
            )
        )
    return tag("p", {"class": "pager"}, links)


@router.get("/", response_class=HTMLResponse)
def home(state: State, offset: Offset = 0) -> HTMLResponse:
    with state.store.engine.connect() as conn:
        stories, n_stories = queries.list_stories(conn, limit=100, offset=0)
        articles, total = queries.list_articles(conn, limit=PAGE, offset=offset)
    story_items = [
        tag(
            "li",
            None,
            tag("a", {"href": f"/stories/{quote(s['id'], safe='')}"}, s["label"]),
            tag(
                "span",
                {"class": "muted"},
                f" · {s['articles']} articles"
                + (" · every article (no stories grouped yet)" if s["implicit"] else ""),
            ),
        )
        for s in stories
    ]
    return layout(
        "The ledger",
        tag("p", {"class": "muted"}, f"{total} articles · {n_stories} stories"),
        tag("h2", None, "Stories"),
        tag("ul", {"class": "stories"}, story_items),
        tag("h2", None, "Articles"),
        article_list(articles, LINKS),
        pager("/", offset, total),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(state: State, story_id: str) -> HTMLResponse:
    with state.store.engine.connect() as conn:
        found = queries.story_part(conn, story_id)
    if found is None:
        raise ApiError(404, "not_found", f"no story {story_id!r} in this ledger")
    meta, part = found
    total = meta["article_total"]
    shown = len(part["articles"])
    capped = (
        tag(
            "p",
            {"class": "muted"},
            f"Showing the {shown} most recent of {total} articles; the API pages through all of them (/api/stories/{story_id}).",
        )
        if total > shown
        else None
    )
    return layout(
        meta["label"],
        capped,
        story_sections(meta, part, LINKS),
        tag(
            "section", {"id": "articles"}, tag("h2", None, "Articles"), article_list(part["articles"], LINKS)
        ),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(state: State, article_id: str) -> HTMLResponse:
    with state.store.engine.connect() as conn:
        article = queries.get_article(conn, article_id)
        if article is None:
            raise ApiError(404, "not_found", f"no article {article_id!r} in this ledger")
        records = queries.records_of(conn, [article_id])
        stories = queries.stories_of_article(conn, article_id)
    claims, quantities = records["claims"], records["quantities"]
    claim_rows = [
        tag(
            "tr",
            None,
            tag("td", None, tag("a", {"href": f"#{claim_anchor(c['id'])}"}, c["text"][:160])),
            tag("td", None, c["kind"]),
            tag("td", None, c["attribution"]["speaker"] or "own voice"),
            tag("td", None, " → ".join(c["attribution"]["chain"]) or None),
            tag("td", None, c["polarity"]),
            tag("td", {"class": "num"}, f"{c['checkworthiness']:.2f}"),
        )
        for c in sorted(claims, key=lambda c: c["start"])
    ]
    number_rows = [
        tag(
            "tr",
            None,
            tag(
                "td",
                None,
                tag("a", {"href": f"#{quantity_anchor(q['id'])}"}, article["text"][q["start"] : q["end"]]),
            ),
            tag("td", None, q["counted"]),
            tag("td", None, q["as_of"]),
            tag("td", None, q["according_to"]),
        )
        for q in quantities
    ]
    stance_items = [
        tag("li", None, f"{s['label']} toward “{s['target']}” ({s['score']:.2f})") for s in records["stances"]
    ]
    cite_items = [
        tag("li", None, " → ".join(x for x in (outlet_of(article), c["via"], c["cited"]) if x))
        for c in records["citations"]
    ]
    in_stories = [tag("a", {"href": f"/stories/{quote(s['id'], safe='')}"}, s["label"]) for s in stories]
    return layout(
        article["title"] or article["source"],
        tag("p", None, "In stories: ", join(in_stories, sep=", ")) if in_stories else None,
        article_source(
            article,
            claims=claims,
            quantities=quantities,
            framing=records["framing"],
            links=LINKS,
            anchor_id="source",
        ),
        tag("h2", None, f"Claims ({len(claims)})"),
        tag(
            "table",
            {"class": "claims"},
            tag(
                "tr",
                None,
                *(
                    tag("th", None, h)
                    for h in ("claim", "kind", "speaker", "via", "polarity", "check-worthiness")
                ),
            ),
            claim_rows,
        ),
        tag("h2", None, f"Numbers ({len(quantities)})"),
        tag(
            "table",
            {"class": "numbers"},
            tag("tr", None, *(tag("th", None, h) for h in ("number", "counted", "as of", "according to"))),
            number_rows,
        ),
        tag("h2", None, "Stance and citations") if stance_items or cite_items else None,
        tag("ul", None, stance_items, cite_items) if stance_items or cite_items else None,
    )


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    state: State, offset: Offset = 0, min_checkworthiness: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0
) -> HTMLResponse:
    with state.store.engine.connect() as conn:
        claims, total = queries.list_claims(
            conn, limit=PAGE, offset=offset, min_checkworthiness=min_checkworthiness
        )
        arts = queries.article_summaries(conn, sorted({c["article_id"] for c in claims}))
    rows = []
    for c in claims:
        a = arts.get(c["article_id"])
        rows.append(
            tag(
                "tr",
                None,
                tag(
                    "td",
                    None,
                    tag("a", {"href": LINKS.span(c["article_id"], claim_anchor(c["id"]))}, c["text"][:200]),
                ),
                tag("td", None, outlet_of(a) if a else None),
                tag("td", None, c["attribution"]["speaker"] or "own voice"),
                tag("td", None, c["polarity"]),
                tag("td", {"class": "num"}, f"{c['checkworthiness']:.2f}"),
            )
        )
    return layout(
        "Claims",
        tag("p", {"class": "muted"}, f"{total} claims, most check-worthy first."),
        tag(
            "table",
            {"class": "claims"},
            tag(
                "tr",
                None,
                *(tag("th", None, h) for h in ("claim", "outlet", "speaker", "polarity", "check-worthiness")),
            ),
            rows,
        ),
        pager("/claims", offset, total, min_checkworthiness=min_checkworthiness or None),
    )


@router.get("/sources/{outlet}", response_class=HTMLResponse)
def source_page(state: State, outlet: str, offset: Offset = 0) -> HTMLResponse:
    with state.store.engine.connect() as conn:
        articles, total = queries.list_articles(conn, limit=PAGE, offset=offset, outlet=outlet)
        records = queries.records_of(conn, [a["id"] for a in articles])
    if total == 0:
        raise ApiError(404, "not_found", f"no articles from {outlet!r} in this ledger")
    techniques: dict[str, int] = {}
    for f in records["framing"]:
        techniques[f["technique"]] = techniques.get(f["technique"], 0) + 1
    stances = [
        tag(
            "li",
            None,
            f"{s['label']} toward “{s['target']}” ({s['score']:.2f}) in ",
            tag("a", {"href": LINKS.article(s["article_id"])}, s["article_id"]),
        )
        for s in records["stances"]
    ]
    return layout(
        outlet,
        tag(
            "p",
            {"class": "muted"},
            f"{total} articles · {len(records['claims'])} claims and {len(records['quantities'])} numbers in this page's articles",
        ),
        article_list(articles, LINKS),
        pager(f"/sources/{quote(outlet, safe='')}", offset, total),
        tag("h2", None, "Framing") if techniques else None,
        tag(
            "ul",
            None,
            [tag("li", None, f"{t}: {n}") for t, n in sorted(techniques.items(), key=lambda kv: -kv[1])],
        )
        if techniques
        else None,
        tag("h2", None, "Stances") if stances else None,
        tag("ul", None, stances) if stances else None,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    state: State, q: Annotated[str, Query(max_length=500)] = "", offset: Offset = 0
) -> HTMLResponse:
    hits = state.search.search(q, limit=PAGE + 1, offset=offset) if q.strip() else []
    items = [
        tag(
            "li",
            None,
            tag("span", {"class": "pill"}, h.kind),
            " ",
            tag(
                "a",
                {
                    "href": LINKS.span(h.article_id, claim_anchor(h.ref))
                    if h.kind == "claim"
                    else LINKS.article(h.article_id)
                },
                h.title or h.article_id,
            ),
            tag("div", {"class": "snippet"}, _snippet(h.snippet)),
        )
        for h in hits[:PAGE]
    ]
    more = (
        tag("a", {"href": f"/search?{urlencode({'q': q, 'offset': offset + PAGE})}", "rel": "next"}, "more →")
        if len(hits) > PAGE
        else None
    )
    return layout(
        f"Search: {q}" if q else "Search",
        tag("p", {"class": "muted"}, "No match." if q and not hits else None),
        tag("ol", {"class": "hits", "start": offset + 1}, items) if items else None,
        more,
        q=q,
    )


def _snippet(text: str) -> Safe:
    """Escape the snippet, then turn the index's private markers into ``<mark>``."""
    return Safe(esc(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))
