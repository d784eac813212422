"""The ``read`` stage: bytes of one input unit to a ``Document``, or a coded skip."""

from __future__ import annotations

import json
from typing import Any

from newsledger.errors import SkipCode, SkipInput
from newsledger.ingest.decoding import decode
from newsledger.ingest.document import Document
from newsledger.ingest.formats import binary_kind, looks_like_html, looks_like_markdown, not_article_reason
from newsledger.ingest.html_reader import read_html
from newsledger.ingest.units import InputUnit

RECORD_FIELDS = ("text", "html", "title", "url", "outlet", "published", "authors", "author", "language")


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
    if isinstance(authors, str):
        authors = (authors,)
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
    doc = read_html(unit.source, html)
    merged = {k: v or getattr(doc, k) for k, v in stated.items()}
    return Document(
        source=unit.source,
        fmt="json_record",
        raw_text=doc.raw_text,
        from_html=True,
        **merged,  # type: ignore[arg-type]
    )


def _str_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
