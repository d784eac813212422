"""Main text and metadata from an HTML page, via trafilatura, with failures turned into coded skips."""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse

import trafilatura
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from newsledger.clean.overlap import kept_share
from newsledger.clean.render import render_blocks
from newsledger.errors import SkipCode, SkipInput
from newsledger.ingest.document import Document, HtmlHints
from newsledger.ingest.html_meta import read_page_meta

MAX_DEPTH = 255
"""libxml2 gives up building trees deeper than this; such pages are broken or hostile."""

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
    ]
)
_CANONICAL = re.compile(r"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"'>]+)""", re.IGNORECASE)
_OG_URL = re.compile(r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"'>]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*\blang=["']?([A-Za-z]{2,3})""", re.IGNORECASE)


def nesting_depth(html: str, *, stop_at: int = MAX_DEPTH + 1) -> int:
    """Rough element depth (closing tags are trusted; void and often-unclosed tags are ignored)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        deepest = max(deepest, depth)
        if deepest >= stop_at:
            break
    return deepest


TRAFILATURA_FAST = os.environ.get("NEWSLEDGER_TRAFILATURA_FAST", "1") != "0"


def trafilatura_text(html: str) -> str:
    """trafilatura's main text of a page: one opinion the block model weighs, not the final answer.

    ``fast`` skips trafilatura's fallback extractors; the block model recovers what they would have,
    at a third less time.
    """
    return (
        trafilatura.extract(
            html,
            include_comments=False,
            include_tables=True,
            # trafilatura's deduplication remembers text across calls in a process-wide cache, so a
            # page's output would depend on which pages the worker saw before. Repeats are removed per
            # page in the clean stage instead.
            deduplicate=False,
            with_metadata=False,
            fast=TRAFILATURA_FAST,
        )
        or ""
    )


def resiliparse_text(html: str) -> str:
    """Resiliparse's main-content text of a page: a second opinion, from a different method.

    trafilatura sometimes settles on a fragment of the page (a newsletter's greeting, a teaser) and
    misses the article; the block model can only overrule it where another signal points elsewhere.
    Resiliparse finds the main content by its own rules, keeps much more than trafilatura does (high
    recall, low precision) and costs about a millisecond a page.
    """
    try:
        tree = HTMLTree.parse(html)
        return extract_plain_text(tree, main_content=True, alt_texts=False, comments=False) or ""
    except (ValueError, RuntimeError, MemoryError):
        return ""


def read_html(source: str, html: str, *, encoding: str = "utf-8") -> Document:
    """Extract the article from a page; raise ``SkipInput`` saying why when there is none."""
    # Main text only: what the page declares about itself is read by ``read_page_meta`` far faster
    # than trafilatura's metadata search (which guesses dates from the text, something we refuse to do).
    # The same trafilatura call the block model was trained with (``trafilatura_text``): its verdict
    # is one of the model's features, so a different call here would feed it features it never saw.
    kept_text = trafilatura_text(html)
    second_text = resiliparse_text(html)
    meta = read_page_meta(html)
    blocks = render_blocks(html)
    if not blocks or not any(ch.isalnum() for b in blocks for ch in b.text[:200]):
        depth = nesting_depth(html)
        if depth > MAX_DEPTH:
            raise SkipInput(
                SkipCode.MALFORMED_HTML,
                f"HTML nested over {MAX_DEPTH} elements deep; no parser can build a tree of it",
            )
        raise SkipInput(SkipCode.NO_TEXT, "the HTML page holds no text (markup or scripts only)")
    if not kept_text.strip() and nesting_depth(html) > MAX_DEPTH:
        raise SkipInput(
            SkipCode.MALFORMED_HTML,
            f"HTML nested over {MAX_DEPTH} elements deep; no parser can build a tree of it",
        )
    texts = [b.text for b in blocks]
    url = meta.url
    domain = urlparse(url).hostname if url else None
    outlet = meta.site_name
    return Document(
        source=source,
        fmt="html",
        raw_text="\n".join(texts),
        from_html=True,
        encoding=encoding,
        title=meta.title,
        url=url,
        outlet=outlet or (domain.removeprefix("www.") if domain else None),
        authors=meta.authors,
        published=meta.published,
        language=meta.language,
        html_hints=HtmlHints(
            link_chars=tuple(b.link_chars for b in blocks),
            trafilatura_share=tuple(kept_share(texts, kept_text)),
            resiliparse_share=tuple(kept_share(texts, second_text)),
            contexts=tuple(b.context for b in blocks),
        ),
    )


def _first(pattern: re.Pattern[str], html: str) -> str | None:
    m = pattern.search(html[:100_000])
    return m.group(1) if m else None
