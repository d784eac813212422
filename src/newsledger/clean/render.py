"""Render an HTML page to text blocks the way a scraper would: one line per block element.

This is how pages look once "already scraped": navigation, captions, comment forms and footers all
become lines among the article's paragraphs. The block model is trained on pages rendered this way,
and HTML input can be rendered the same way to give the model the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "legend",
        "option",
        "select",
        "textarea",
        "label",
        "button",
    ]
)
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "embed", "canvas"]
)
_PARSER = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_SPACE = re.compile(r"[ \t\r\n\u00a0\u200b]+")


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    text: str
    tag: str
    """The block element the line came from (p, li, h2, td, div, ...)."""
    link_chars: int
    """How many of the line's characters were link text: the strongest boilerplate cue HTML gives."""
    context: tuple[str, ...] = ()
    """Words from the class and id attributes and the tag names of the block and its ancestors
    (``comment``, ``related``, ``caption``, ``nav``, ``footer``): the page's own labels for its parts."""


def render_blocks(page: str, *, markdown_links: bool = False) -> list[RenderedBlock]:
    """The page's visible text as blocks, in document order; scripts, styles and head are left out."""
    try:
        # Bytes with an explicit encoding: the text is already decoded, so a stale <meta charset> in
        # the page must not make lxml decode it a second time.
        root = html.document_fromstring(page.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return []
    blocks: list[RenderedBlock] = []
    parts: list[str] = []
    link_chars = 0
    tags: list[str] = ["body"]
    contexts: list[tuple[str, ...]] = [()]
    anchors: list[tuple[int, str]] = []  # (index in parts where the anchor text starts, href)

    def flush() -> None:
        nonlocal link_chars
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text:
            blocks.append(
                RenderedBlock(
                    text=text, tag=tags[-1], link_chars=min(link_chars, len(text)), context=contexts[-1]
                )
            )
        parts.clear()
        anchors.clear()
        link_chars = 0

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if tag in SKIP_TAGS or not isinstance(el.tag, str):
                walker.skip_subtree()
                if el.tail:
                    parts.append(el.tail)
                continue
            words = _context_words(el, tag)
            if tag in BLOCK_TAGS:
                flush()
                tags.append(tag)
                contexts.append(_merge(contexts[-1], words))
            elif words:
                contexts[-1] = _merge(contexts[-1], words)
            if tag == "a":
                anchors.append((len(parts), str(el.get("href") or "")))
                if markdown_links:
                    parts.append("[")
            if el.text:
                parts.append(el.text)
                if tag == "a" or any(a for a in anchors):
                    link_chars += len(el.text.strip())
        else:
            if tag in SKIP_TAGS or not tag:
                continue
            if tag == "a" and anchors:
                _, href = anchors.pop()
                if markdown_links:
                    parts.append(f"]({href or '#'})")
            if tag in BLOCK_TAGS:
                flush()
                if len(tags) > 1:
                    tags.pop()
                    contexts.pop()
            if el.tail:
                parts.append(el.tail)
                if anchors:
                    link_chars += len(el.tail.strip())
    flush()
    return blocks


_ATTR_WORD = re.compile(r"[a-z]{3,}")
_CONTEXT_TAGS = frozenset(
    [
        "nav",
        "footer",
        "header",
        "aside",
        "form",
        "figure",
        "figcaption",
        "article",
        "main",
        "table",
        "li",
        "h1",
        "h2",
        "h3",
    ]
)
MAX_CONTEXT = 24


def _context_words(el: etree._Element, tag: str) -> tuple[str, ...]:
    words = [f"tag:{tag}"] if tag in _CONTEXT_TAGS else []
    for attr in ("class", "id", "role", "itemprop"):
        value = el.get(attr)
        if value:
            words.extend(_ATTR_WORD.findall(re.sub(r"([a-z])([A-Z])", r"\1 \2", value).lower()))
    return tuple(words)


def _merge(outer: tuple[str, ...], inner: tuple[str, ...]) -> tuple[str, ...]:
    if not inner:
        return outer
    merged = list(dict.fromkeys((*inner, *outer)))
    return tuple(merged[:MAX_CONTEXT])
