"""A self-contained HTML report of the ledger: one file, readable offline and printable.

No external script, style, font or image: the style and a few lines of script are inline (allowed by
hash in the page's Content-Security-Policy), and charts are inline SVG. Articles are hostile input, so
every string from the ledger is escaped by construction (``markup.tag``), and every link is an anchor
inside the file.

Views: the story overview (outlets by dates), numbers on a timeline per counted subject, the claim matrix,
contradictions side by side, attribution chains, framing per outlet, then the source of every article with
its claims, numbers and framing spans highlighted; every item links to its span. With no ``story`` (and
always before the stories stage has run) the whole ledger is one story, "All articles".
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from newsledger.errors import UnknownStoryError
from newsledger.report.markup import Safe, join, tag
from newsledger.report.story_html import InPageLinks, article_list, article_source, story_sections
from newsledger.report.style import foot, head
from newsledger.report.views import story_slice


def render_report(
    ledger: dict[str, Any], *, title: str = "newsledger report", story: str | None = None
) -> str:
    try:
        meta, part = story_slice(ledger, story)
    except KeyError:
        known = ", ".join(s["id"] for s in ledger.get("stories", [])[:10]) or "none yet"
        raise UnknownStoryError(
            f"the ledger holds no story {story!r}.", hint=f"stories in this ledger: {known}; or use 'all'"
        ) from None
    links = InPageLinks()
    by_article: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for key in ("claims", "quantities", "framing"):
        for r in part[key]:
            by_article[r["article_id"]][key].append(r)
    sources = [
        article_source(
            a,
            claims=by_article[a["id"]]["claims"],
            quantities=by_article[a["id"]]["quantities"],
            framing=by_article[a["id"]]["framing"],
            links=links,
            anchor_id=f"art-{a['id']}",
        )
        for a in part["articles"]
    ]
    stories = ledger.get("stories", [])
    story_list = (
        tag(
            "section",
            {"id": "stories"},
            tag("h2", None, "Stories in this ledger"),
            tag(
                "ul",
                None,
                [
                    tag(
                        "li",
                        None,
                        s["label"],
                        tag(
                            "span", {"class": "muted"}, f" · {len(s['article_ids'])} articles · id {s['id']}"
                        ),
                    )
                    for s in stories
                ],
            ),
        )
        if stories and meta["id"] == "all"
        else None
    )
    skipped = part.get("skipped", [])
    skipped_table = (
        tag(
            "section",
            {"id": "skipped"},
            tag("h2", None, "Skipped inputs"),
            tag(
                "table",
                None,
                tag(
                    "tr", None, tag("th", None, "source"), tag("th", None, "code"), tag("th", None, "reason")
                ),
                [
                    tag(
                        "tr",
                        None,
                        tag("td", None, s["source"]),
                        tag("td", None, s["code"]),
                        tag("td", None, s["reason"]),
                    )
                    for s in skipped
                ],
            ),
        )
        if skipped
        else None
    )
    page: list[Safe] = [
        head(title),
        tag("h1", None, title),
        tag(
            "p",
            {"class": "muted"},
            f"{len(ledger['articles'])} articles · {len(ledger['skipped'])} skipped · {len(stories)} stories in the ledger",
        ),
        story_list,  # type: ignore[list-item]
        story_sections(meta, part, links),
        tag(
            "section", {"id": "articles"}, tag("h2", None, "Articles"), article_list(part["articles"], links)
        ),
        tag("section", {"id": "sources"}, tag("h2", None, "Sources, with what was found in them"), sources),
        skipped_table,  # type: ignore[list-item]
        foot(),
    ]
    return join(page)


def write_report(
    ledger: dict[str, Any], path: Path, *, title: str = "newsledger report", story: str | None = None
) -> None:
    """Write the report of the whole ledger, or of the story ``story`` (``"all"``: every article)."""
    path.write_text(render_report(ledger, title=title, story=story), encoding="utf-8")
