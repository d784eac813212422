"""Fetch the pages a URL-list file names, politely, during discovery.

Fetching runs in the main process as discovery goes: one page is fetched, turned into its unit and
handed on before the next is asked for, so memory holds one page and workers start on the first page
while later ones download. Politeness is built in, not configured away: a ``User-Agent`` naming
newsledger and its version, a timeout on connecting and on every read, one request at a time (pages
are fetched one after another) and at least ``delay`` seconds between two requests to the same host,
and a body read no further than the size limit. Redirects are followed, but only to http(s) URLs.

A fetched page becomes a ``json_record`` unit (see ``feeds.record_unit``) whose ``url`` is the final
URL after redirects, so the article's ``url`` is the page actually read; its source is the URL as
listed, so a rerun of the same list has the same resume keys. A page that is a feed becomes one unit
per entry, ``URL#entry-N``. Every failure (DNS, refused connection, timeout, an HTTP error status, a
body over the limit, a type that is not a page) is a coded skip with the reason, and the list goes on.
"""

from __future__ import annotations

import codecs
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from typing import IO
from urllib.parse import urlsplit

from newsledger import __version__
from newsledger.errors import SkipCode, SkipInput
from newsledger.ingest.decoding import decode
from newsledger.ingest.feeds import HTML_TYPES, feed_units, record_unit, rejected
from newsledger.ingest.formats import binary_kind, looks_like_feed, looks_like_html
from newsledger.ingest.units import InputUnit, Rejected

USER_AGENT = f"newsledger/{__version__} (news article ledger; Python-urllib)"
DEFAULT_TIMEOUT = 20.0
"""Seconds to wait for a connection, and for each read once connected."""
DEFAULT_DELAY = 1.0
"""Seconds between two requests to one host: a reading list often names many pages of one outlet."""
DEFAULT_DEADLINE = 120.0
"""Seconds one page may take in all: the read timeout alone lets a server trickle a byte at a time."""

_CHUNK = 64 * 1024
_SNIFFED = frozenset({"text/plain", "application/octet-stream"})
"""Types servers send for anything they do not know; the bytes tell better."""
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WESTERN_DEFAULTS = frozenset({"iso8859-1", "ascii", "cp1252"})


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched body and what the server said about it."""

    url: str
    """The URL as listed: the unit's source."""
    final_url: str
    """The URL after redirects: the article's ``url``."""
    data: bytes
    media_type: str | None
    charset: str | None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: urllib would also follow one to ``ftp:``."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP URL {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """Fetches URLs for one run: it remembers when it last asked each host, and which URLs it fetched.

    One ``Fetcher`` serves every URL list of a run, so the per-host delay holds across lists and a URL
    listed twice is fetched once.
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        delay: float | None = None,
        deadline: float = DEFAULT_DEADLINE,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = timeout
        self.delay = DEFAULT_DELAY if delay is None else delay
        self.deadline = deadline
        self.user_agent = user_agent
        self._opener = urllib.request.build_opener(_HttpOnlyRedirects())
        self._last_request: dict[str, float] = {}
        self._fetched: set[str] = set()

    def units(self, urls: Iterable[str], *, max_bytes: int) -> Iterator[InputUnit | Rejected]:
        """Fetch each URL in turn and yield its unit(s), or a coded skip sourced by the URL."""
        for url in urls:
            if url in self._fetched:
                continue
            self._fetched.add(url)
            try:
                page = self.fetch(url, max_bytes=max_bytes)
            except SkipInput as skip:
                yield rejected(url, skip.code, skip.reason, key=f"{skip.code}:{skip.reason}".encode())
                continue
            yield from page_units(page)

    def fetch(self, url: str, *, max_bytes: int) -> Page:
        """The body of ``url``; raise ``SkipInput`` (``fetch_failed`` or ``too_large``) saying why not."""
        host = _host(url)
        self._wait_turn(host)
        started = time.monotonic()
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                "text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        final_url = url
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                final_url = response.geturl()
                headers: Message = response.headers
                announced = headers.get("Content-Length", "")
                if announced.isdigit() and int(announced) > max_bytes:
                    raise SkipInput(
                        SkipCode.TOO_LARGE,
                        f"the server announced {size_text(int(announced))}, over the "
                        f"{size_text(max_bytes)} limit for one input; raise --max-bytes",
                    )
                data = self._read_limited(response, max_bytes=max_bytes, started=started)
                has_type = headers.get("Content-Type") is not None
                media = headers.get_content_type() if has_type else None
                charset = headers.get_content_charset() if has_type else None
        except urllib.error.HTTPError as exc:
            exc.close()
            failed_at = str(exc.filename or url)
            where = f" from {failed_at}" if failed_at != url else ""
            raise SkipInput(SkipCode.FETCH_FAILED, f"HTTP {exc.code} {exc.reason}{where}") from None
        except urllib.error.URLError as exc:
            raise SkipInput(SkipCode.FETCH_FAILED, self._describe(exc.reason)) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise SkipInput(SkipCode.FETCH_FAILED, self._describe(exc)) from None
        finally:
            now = time.monotonic()
            self._last_request[host] = now
            self._last_request[_host(final_url)] = now
        return Page(url=url, final_url=final_url, data=data, media_type=media, charset=charset)

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    def _read_limited(self, response: IO[bytes], *, max_bytes: int, started: float) -> bytes:
        """Read the body in chunks, stopping one byte past the limit: a body's size is only known once
        read when the server does not announce it (or announces it wrongly)."""
        chunks: list[bytes] = []
        total = 0
        while chunk := response.read(min(_CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise SkipInput(
                    SkipCode.TOO_LARGE,
                    f"the page is over the {size_text(max_bytes)} limit for one input (reading stopped "
                    "there); raise --max-bytes",
                )
            if time.monotonic() - started > self.deadline:
                raise SkipInput(
                    SkipCode.FETCH_FAILED,
                    f"the page took over {self.deadline:g} s to arrive (reading stopped)",
                )
        return b"".join(chunks)

    def _describe(self, reason: object) -> str:
        """A network failure in words a user can act on."""
        if isinstance(reason, socket.gaierror):
            return f"the host name could not be resolved ({reason.strerror or reason})"
        if isinstance(reason, ConnectionRefusedError):
            return "the connection was refused"
        if isinstance(reason, TimeoutError):
            return f"no answer within {self.timeout:g} s (timed out)"
        if isinstance(reason, http.client.IncompleteRead):
            return "the connection closed before the whole page arrived"
        if isinstance(reason, http.client.RemoteDisconnected):
            return "the server closed the connection without answering"
        if isinstance(reason, ssl.SSLError):
            return f"the TLS connection failed ({reason.reason or reason})"
        if isinstance(reason, OSError) and reason.strerror:
            return f"the connection failed ({reason.strerror})"
        if isinstance(reason, str):
            return reason
        return f"{type(reason).__name__}: {reason}"


def page_units(page: Page) -> Iterator[InputUnit | Rejected]:
    """The unit(s) of a fetched page: a feed's entries, an HTML page, or plain text; else a coded skip.

    The ``Content-Type`` decides unless it is one servers use for anything (none, ``text/plain``,
    ``application/octet-stream``), where the bytes decide as they do for files.
    """
    data, media = page.data, page.media_type
    key = page.url.encode() + b"\0" + data
    if not data.strip():
        yield rejected(page.url, SkipCode.EMPTY, "the server sent an empty page", key=key)
        return
    if looks_like_feed(data):
        yield from feed_units(page.url, data)
        return
    sniff = media is None or media in _SNIFFED
    if media in HTML_TYPES or (sniff and looks_like_html(data)):
        kind = "html"
    elif (media or "").startswith("text/") or (sniff and binary_kind(data) is None):
        kind = "text"
    else:
        binary = binary_kind(data)
        code = SkipCode.BINARY if binary else SkipCode.NOT_ARTICLE
        what = f"{binary} ({media})" if binary else media
        yield rejected(page.url, code, f"the server sent {what}, not an HTML page, a feed or text", key=key)
        return
    try:
        text = decode_body(data, page.charset)
    except SkipInput as skip:
        yield rejected(page.url, skip.code, skip.reason, key=key)
        return
    yield record_unit(page.url, {kind: text, "url": page.final_url})


def decode_body(data: bytes, charset: str | None) -> str:
    """Text of an HTTP body: a byte-order mark first, then the charset the server declared, then the
    detection that files get (``decoding.decode``).

    Servers and crawlers often declare ISO-8859-1 or ASCII by default whatever the page holds, and
    browsers read those labels as Windows-1252; bytes that are valid UTF-8 are taken as UTF-8 even
    then, because Western 8-bit text is almost never valid UTF-8 by chance.
    """
    if not charset or data.startswith(_BOMS):
        return decode(data)[0]
    try:
        name = codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return decode(data)[0]
    candidates = ("utf-8", "cp1252", "latin-1") if name in _WESTERN_DEFAULTS else (name,)
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return decode(data)[0]


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """(media type lowercased, charset) of a ``Content-Type`` header value; None for what is missing."""
    if not value or not value.strip():
        return None, None
    message = Message()
    message["Content-Type"] = value
    return message.get_content_type(), message.get_content_charset()


def size_text(n: int) -> str:
    """A byte count in the unit that reads best in a skip reason."""
    if n >= 1_048_576:
        return f"{n / 1_048_576:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
