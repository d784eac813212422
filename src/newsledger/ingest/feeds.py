"""RSS and Atom feeds: one article unit per entry.

An entry becomes a ``json_record`` unit, the same shape as one line of a JSON Lines file, so the read
stage needs no format of its own: ``html`` (the entry's markup, read by trafilatura like any page) or
``text``, plus ``url`` (the entry's link), ``title``, ``published``, ``authors``, ``outlet`` (the
feed's title) and ``language`` (the feed's). The full content (``content:encoded``, Atom
``<content>``) is preferred to the summary or description, which feeds often cut to a teaser.

feedparser is only ever handed the bytes, wrapped in a ``BytesIO``: given a string it would open a URL
or a file path it found there. It sanitises entry markup (scripts, event handlers) and never fetches
DTDs or other external entities.

The helpers ``record_unit`` and ``rejected`` are shared with the other readers that turn one input into
many units (WARC archives, fetched URL lists).
"""

from __future__ import annotations

import email.utils
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from newsledger.errors import SkipCode
from newsledger.ingest.units import InputUnit, Rejected
from newsledger.records import Skip

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Media types whose content is markup, read through the HTML path."""

_ISO_DATE = re.compile(r"^\s*\d{4}-\d{2}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"<[^>]+>")
_BRACKETS = re.compile(r"[()<>\[\]]")


def record_unit(source: str, record: Mapping[str, Any]) -> InputUnit:
    """A ``json_record`` unit for ``record``: how a reader passes metadata on beside the text.

    Keys are those the read stage knows for JSON records (``html`` or ``text``, ``url``, ``title``,
    ``published``, ``authors``, ``outlet``, ``language``). Empty values are dropped so that equal
    records serialise to equal bytes, and so hash to the same resume key.
    """
    kept = {k: v for k, v in record.items() if v}
    return InputUnit(
        source=source, data=json.dumps(kept, ensure_ascii=False).encode("utf-8"), fmt="json_record"
    )


def rejected(source: str, code: SkipCode, reason: str, *, key: bytes) -> Rejected:
    """A coded skip found before any stage ran; ``key`` stands in for the bytes in the resume hash."""
    return Rejected(
        skip=Skip(source=source, code=code.value, reason=reason),
        data_hash=hashlib.sha256(key).hexdigest()[:32],
    )


def feed_units(source: str, data: bytes) -> Iterator[InputUnit | Rejected]:
    """One unit per entry of the feed in ``data``, sourced ``SOURCE#<entry id or link>``, or
    ``SOURCE#entry-N`` (N counts from 1) for an entry with neither: a stable key, so a feed that gains
    entries at the top does not make every old entry look new.

    An entry with neither content nor a summary is a ``no_text`` skip naming its number and title.
    A feed with no entries at all is one skip for the whole input: ``malformed_feed`` when the XML
    could not be parsed, ``empty`` when it parsed and simply lists nothing.
    """
    parsed = feedparser.parse(io.BytesIO(data))
    entries: list[Any] = list(_field(parsed, "entries") or [])
    if not entries:
        if _field(parsed, "bozo"):
            problem = " ".join(str(_field(parsed, "bozo_exception") or "not well-formed").split())
            yield rejected(source, SkipCode.MALFORMED_FEED, f"the feed cannot be parsed: {problem}", key=data)
        else:
            yield rejected(source, SkipCode.EMPTY, "the feed holds no entries", key=data)
        return
    feed = _field(parsed, "feed") or {}
    outlet = _plain_title(feed)
    language = _language(feed)
    for number, entry in enumerate(entries, start=1):
        key = _str(_field(entry, "id")) or _str(_field(entry, "link")) or f"entry-{number}"
        entry_source = f"{source}#{key}"
        record = entry_record(entry, outlet=outlet, language=language)
        if "html" in record or "text" in record:
            yield record_unit(entry_source, record)
            continue
        title = f" ({record['title']!r})" if record.get("title") else ""
        yield rejected(
            entry_source,
            SkipCode.NO_TEXT,
            f"feed entry {number}{title} has no content, summary or description",
            key=json.dumps(record, sort_keys=True).encode(),
        )


def entry_record(entry: Mapping[str, Any], *, outlet: str | None, language: str | None) -> dict[str, Any]:
    """The JSON record of one feed entry; it has neither ``html`` nor ``text`` when the entry has no text."""
    record: dict[str, Any] = {}
    body = _body(entry)
    if body is not None:
        kind, value = body
        record[kind] = value
    record.update(
        url=_str(_field(entry, "link")),
        title=_plain_title(entry),
        published=_published(entry),
        authors=_authors(entry),
        outlet=outlet,
        language=language,
    )
    return {k: v for k, v in record.items() if v}


def _field(obj: Any, key: str) -> Any:
    """A field as the feed stated it. ``FeedParserDict`` maps old names to new ones on access and warns
    about some (``updated`` falls back to ``published``); plain ``dict`` access reads what is there."""
    return dict.get(obj, key) if isinstance(obj, dict) else None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _body(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    """("html" or "text", the value): the first non-empty content, else the summary/description."""
    details = [*(_field(entry, "content") or []), _field(entry, "summary_detail")]
    for detail in details:
        value = _field(detail, "value")
        if not isinstance(value, str) or not value.strip():
            continue
        media = str(_field(detail, "type") or "text/html").lower()
        if media in HTML_TYPES:
            return "html", value
        if media.startswith("text/"):
            return "text", value
    summary = _str(_field(entry, "summary"))
    return ("html", summary) if summary else None


def _plain_title(obj: Mapping[str, Any]) -> str | None:
    """The title as text: feedparser keeps the markup of a title whose type is HTML."""
    title = _str(_field(obj, "title"))
    media = str(_field(_field(obj, "title_detail"), "type") or "text/plain").lower()
    if title and media in HTML_TYPES:
        title = " ".join(_TAG.sub(" ", title).split()) or None
    return title


def _published(entry: Mapping[str, Any]) -> str | None:
    """The stated date as ISO 8601 with its own offset, so the local day the outlet stated is kept.

    RSS dates are RFC 822 (``Sat, 02 Mar 2024 09:30:00 GMT``); Atom's are ISO already. Atom makes
    ``published`` optional and ``updated`` mandatory, so ``updated`` stands in when it is the only date.
    """
    raw = _str(_field(entry, "published")) or _str(_field(entry, "updated"))
    if raw is None or _ISO_DATE.match(raw):
        return raw
    try:
        return email.utils.parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        return raw


def _authors(entry: Mapping[str, Any]) -> list[str]:
    """Author names, in order, without repeats.

    An RSS ``<author>`` is an e-mail address with the name in parentheses; feedparser splits it with a
    pattern that cuts top-level domains longer than four letters into the name, so that form is read
    here instead: the address is dropped and what is left is the name (none when only an address).
    """
    raw = _str(_field(entry, "author"))
    details = [d for d in _field(entry, "authors") or [] if isinstance(d, dict)]
    names: list[str]
    if raw and "@" in raw and len(details) <= 1:
        names = [_EMAIL.sub(" ", raw)]
    else:
        names = [str(_field(d, "name") or "") for d in details] or ([raw] if raw else [])
    cleaned = (" ".join(_BRACKETS.sub(" ", n).split()) for n in names)
    return list(dict.fromkeys(n for n in cleaned if n))


def _language(feed: Mapping[str, Any]) -> str | None:
    """The feed's primary language subtag (``en-gb`` to ``en``), the form the ledger stores."""
    lang = _str(_field(feed, "language"))
    return lang.split("-")[0].split("_")[0].lower() or None if lang else None
