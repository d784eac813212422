"""The ``read`` stage: bytes of one input unit to a ``Document``, or a coded skip."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlparse

import lxml.etree
import lxml.html

from newsledger.errors import SkipCode, SkipInput
from newsledger.ingest.decoding import decode
from newsledger.ingest.document import Document
from newsledger.ingest.formats import binary_kind, looks_like_html, looks_like_markdown, not_article_reason
from newsledger.ingest.html_reader import read_html
from newsledger.ingest.units import InputUnit

RECORD_FIELDS = ("text", "html", "title", "url", "outlet", "published", "authors", "author", "language")

_DOCUMENT = re.compile(r"<(!doctype\s+html|html[\s>]|body[\s>])", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "li", "blockquote", "pre", "tr", "h1", "h2", "h3", "h4", "h5", "h6")
_PARAGRAPH = re.compile(r"\n\s*\n")


def read_unit(unit: InputUnit) -> Document:
    """Decode and parse one unit; every failure is a ``SkipInput`` naming what was wrong."""
    if not unit.data.strip():
        raise SkipInput(SkipCode.EMPTY, "the input is empty")
    if unit.fmt == "json_record":
        return _read_record(unit)
    kind = binary_kind(unit.data)
    if kind:
        raise SkipInput(SkipCode.BINARY, f"this is {kind}, not text, HTML or JSON Lines")
    text, encoding = decode(unit.data)
    if not text.strip():
        raise SkipInput(SkipCode.EMPTY, "the input holds only whitespace")
    if looks_like_html(unit.data):
        return read_html(unit.source, text, encoding=encoding)
    reason = not_article_reason(text)
    if reason:
        raise SkipInput(SkipCode.NOT_ARTICLE, reason)
    fmt = "markdown" if looks_like_markdown(text) else "text"
    return Document(source=unit.source, fmt=fmt, raw_text=text, encoding=encoding, title_in_text=True)


def _read_record(unit: InputUnit) -> Document:
    """A JSON article record: what discovery splits from JSON Lines, and what the WARC, feed and URL-list
    readers make of each page or entry (``html`` or ``text``, with the metadata they state)."""
    try:
        obj: Any = json.loads(unit.data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SkipInput(SkipCode.MALFORMED_JSON, f"not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise SkipInput(SkipCode.MALFORMED_JSON, f"expected a JSON object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str | None) or not isinstance(html, str | None):
        raise SkipInput(SkipCode.MALFORMED_JSON, "'text' and 'html' must be strings")
    if not (text or "").strip() and not (html or "").strip():
        raise SkipInput(
            SkipCode.MISSING_FIELD, "the record has neither a 'text' nor an 'html' field with content"
        )
    authors = obj.get("authors") or obj.get("author") or ()
    if isinstance(authors, str | dict):
        authors = (authors,)
    if not isinstance(authors, list | tuple):
        authors = ()
    # Other tools write authors as objects ({"name": ..., "email": ...}), as feeds do.
    authors = [a.get("name") if isinstance(a, dict) else a for a in authors]
    stated = {
        "title": _str_or_none(obj.get("title")),
        "url": _str_or_none(obj.get("url")),
        "outlet": _str_or_none(obj.get("outlet")),
        "published": _str_or_none(obj.get("published")),
        "language": _str_or_none(obj.get("language")),
        "authors": tuple(str(a) for a in authors if isinstance(a, str) and a.strip()),
    }
    if text and text.strip():
        return Document(source=unit.source, fmt="json_record", raw_text=text, **stated)  # type: ignore[arg-type]
    assert html is not None
    doc = _read_record_html(unit.source, html)
    merged = {k: v or getattr(doc, k) for k, v in stated.items()}
    url = merged["url"]
    if not merged["outlet"] and isinstance(url, str):
        # What read_html does with a page's own URL, done with the URL the record states.
        domain = urlparse(url).hostname
        merged["outlet"] = domain.removeprefix("www.") if domain else None
    return Document(
        source=unit.source,
        fmt="json_record",
        raw_text=doc.raw_text,
        from_html=True,
        html_hints=doc.html_hints,
        **merged,  # type: ignore[arg-type]
    )


def _read_record_html(source: str, html: str) -> Document:
    """``read_html``, with a fallback for fragments such as a feed entry's content or summary.

    trafilatura is built to find the article inside a whole page and finds nothing in a fragment of a
    sentence or two; a fragment is all content by nature, so its plain text is the article then.
    """
    try:
        return read_html(source, html)
    except SkipInput as skip:
        if skip.code is not SkipCode.NO_TEXT or _DOCUMENT.search(html[:8192]):
            raise
        text = fragment_text(html)
        if not text:
            raise
        return Document(source=source, fmt="html", raw_text=text, from_html=True)


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element; scripts and styles left out."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in root.xpath(".//script|.//style"):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH.split(str(root.text_content())))
    return "\n\n".join(p for p in paragraphs if p)


def _str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
