"""WARC archives, plain or gzip-compressed: one unit per HTML page a crawler saved.

Every ``response`` record holding an HTML page (``text/html`` or ``application/xhtml+xml``) saved with
HTTP status 200 becomes a ``json_record`` unit (see ``feeds.record_unit``) with the page as ``html``,
decoded by the charset the server declared, and the record's ``WARC-Target-URI`` as ``url``. Its source
is ``PATH#URI``; ``PATH#record-N`` (N counts every record from 1) when the record names no URI, or
names one an earlier page of the archive already used, so that sources stay unique resume keys.

Other records (requests, metadata, images, PDFs, redirects, error pages) are not would-be articles and
pass without a skip; an archive holding no page at all is one ``not_article`` skip, so no file vanishes
silently. Archives are streamed record by record and only one page is ever held in memory, so the size
limit applies to each page, not to the archive: crawls are written in files of a gigabyte.

warcio reads a truncated archive without complaint, returning short records, records with half a
header, or stopping at a cut header, so truncation is checked here: a record shorter than its
``Content-Length``, or with no ``Content-Length`` left, is a ``malformed_warc`` skip, and so is whatever
follows the last complete record, or a last gzip member cut in its trailer; records read before stay
articles.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsledger.errors import SkipCode, SkipInput
from newsledger.ingest.feeds import HTML_TYPES, record_unit, rejected
from newsledger.ingest.fetch import decode_body, parse_content_type, size_text
from newsledger.ingest.units import InputUnit, Rejected

_TAIL_PROBE = 4096
_WINDOW = 64 * 1024


@dataclass(frozen=True, slots=True)
class _SavedPage:
    """The parts of a response record that make a unit, read out of warcio's streams."""

    uri: str | None
    record_id: str | None
    charset: str | None
    data: bytes
    """At most one byte past the size limit: enough to tell that the page is too large."""


def warc_units(path: Path, *, max_bytes: int) -> Iterator[InputUnit | Rejected]:
    """Stream the HTML pages of the WARC at ``path`` as units, with coded skips for what is broken."""
    source = str(path)
    number = yielded = 0
    start_of_last = end_of_last = 0
    cut = False
    seen_uris: set[bytes] = set()
    try:
        with path.open("rb") as fh:
            archive = ArchiveIterator(fh)
            records = iter(archive)
            while True:
                number += 1
                try:
                    record = next(records, None)
                    if record is None:
                        number -= 1
                        break
                    page = _saved_page(record, max_bytes=max_bytes)
                    # Reads what is left of the record, so its length, and any shortfall, is known.
                    start_of_last = archive.get_record_offset()
                    end_of_last = start_of_last + archive.get_record_length()
                    declared = str(record.rec_headers.get_header("Content-Length") or "").strip()
                    missing = int(getattr(record.raw_stream, "limit", 0) or 0)
                except Exception as exc:
                    # warcio fails on corrupt input with anything from zlib.error to AttributeError.
                    problem = " ".join(str(exc).split())[:300] or type(exc).__name__
                    yield rejected(
                        f"{source}#record-{number}",
                        SkipCode.MALFORMED_WARC,
                        f"record {number} of the archive cannot be read ({problem}); "
                        f"{_records(number - 1)} before it were read",
                        key=f"{source}:{end_of_last}:{problem}".encode(),
                    )
                    return
                cut = not declared.isdigit() or missing > 0
                if not declared.isdigit():
                    yield _cut_header(source, number)
                elif missing:
                    yield _truncated(source, number, record, missing)
                elif page is not None:
                    yield _page_unit(source, number, page, max_bytes=max_bytes, seen_uris=seen_uris)
                else:
                    continue
                yielded += 1
            if not cut:
                end = _cut_end(path, fh, number=number, start_of_last=start_of_last, end_of_last=end_of_last)
                if end is not None:
                    yield end
                    return
    except OSError as exc:
        yield rejected(
            f"{source}#record-{number}" if number else source,
            SkipCode.UNREADABLE,
            f"cannot read the file: {exc.strerror or exc}",
            key=f"{source}:oserror:{number}".encode(),
        )
        return
    if not yielded:
        yield rejected(
            source,
            SkipCode.NOT_ARTICLE,
            f"the WARC holds {_records(number)} and none is an HTML page saved with status 200",
            key=f"{source}:{end_of_last}".encode(),
        )


def _saved_page(record: Any, *, max_bytes: int) -> _SavedPage | None:
    """The HTML page a record saved, or None when it is not a ``response`` of an HTML page with status 200."""
    http_headers = record.http_headers
    if record.rec_type != "response" or http_headers is None:
        return None
    if http_headers.get_statuscode() != "200":
        return None
    media, charset = parse_content_type(http_headers.get_header("Content-Type"))
    if media not in HTML_TYPES:
        return None
    return _SavedPage(
        uri=(record.rec_headers.get_header("WARC-Target-URI") or "").strip() or None,
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        charset=charset,
        data=record.content_stream().read(max_bytes + 1),
    )


def _page_unit(
    source: str, number: int, page: _SavedPage, *, max_bytes: int, seen_uris: set[bytes]
) -> InputUnit | Rejected:
    """The unit of one saved page, or a skip saying why it cannot be one."""
    page_source = _page_source(source, number, page.uri, seen_uris)
    key = (page.record_id or page_source).encode()
    if len(page.data) > max_bytes:
        return rejected(
            page_source,
            SkipCode.TOO_LARGE,
            f"the page is over the {size_text(max_bytes)} limit for one input; raise --max-bytes",
            key=key,
        )
    if not page.data.strip():
        return rejected(page_source, SkipCode.EMPTY, "the archived page is empty", key=key)
    try:
        html = decode_body(page.data, page.charset)
    except SkipInput as skip:
        return rejected(page_source, skip.code, skip.reason, key=key)
    return record_unit(page_source, {"html": html, "url": page.uri})


def _page_source(source: str, number: int, uri: str | None, seen_uris: set[bytes]) -> str:
    """``PATH#URI`` for the first page of a URI, ``PATH#record-N`` otherwise (a recrawl, no URI).

    Only a short digest of each URI is kept, so memory stays small on archives of many pages.
    """
    if uri is None:
        return f"{source}#record-{number}"
    digest = hashlib.blake2b(uri.encode("utf-8", "surrogateescape"), digest_size=12).digest()
    if digest in seen_uris:
        return f"{source}#record-{number}"
    seen_uris.add(digest)
    return f"{source}#{uri}"


def _truncated(source: str, number: int, record: Any, missing: int) -> Rejected:
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    where = f" ({uri})" if uri else ""
    return rejected(
        f"{source}#record-{number}",
        SkipCode.MALFORMED_WARC,
        f"record {number}{where} is cut short: {size_text(missing)} of it are missing (a truncated WARC)",
        key=f"{source}:{number}:{missing}".encode(),
    )


def _cut_end(
    path: Path, fh: BinaryIO, *, number: int, start_of_last: int, end_of_last: int
) -> Rejected | None:
    """A skip when the archive goes on past its last complete record (a cut header, garbage) or its
    last gzip member is cut; None when it ends cleanly."""
    source = str(path)
    fh.seek(end_of_last)
    tail = fh.read(_TAIL_PROBE)
    if tail.strip():
        size = path.stat().st_size
        return rejected(
            f"{source}#record-{number + 1}",
            SkipCode.MALFORMED_WARC,
            f"the archive ends inside record {number + 1}: the {size_text(size - end_of_last)} after "
            "the last complete record cannot be read (a truncated or corrupt WARC)",
            key=f"{source}:{end_of_last}:{size}".encode() + tail,
        )
    if number and not _last_member_complete(fh, start_of_last):
        return rejected(
            f"{source}#record-{number + 1}",
            SkipCode.MALFORMED_WARC,
            f"the archive ends inside the gzip data of record {number}: the file is truncated, and "
            "any records after it are lost",
            key=f"{source}:{start_of_last}:gzip".encode(),
        )
    return None


def _last_member_complete(fh: BinaryIO, offset: int) -> bool:
    """False when the file is gzip data whose member at ``offset`` (the last record's) is cut short.

    A cut inside the gzip trailer leaves the record's content whole, so nothing else notices it; the
    member is decompressed again here, a window at a time, and the output thrown away.
    """
    fh.seek(0)
    if fh.read(2) != b"\x1f\x8b":
        return True
    fh.seek(offset)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while not member.eof and (chunk := fh.read(_WINDOW)):
            while chunk and not member.eof:
                member.decompress(chunk, _WINDOW)
                chunk = member.unconsumed_tail
    except zlib.error:
        return False
    return member.eof


def _cut_header(source: str, number: int) -> Rejected:
    """A record without a length: every WARC record states one, so its header was cut or garbled."""
    return rejected(
        f"{source}#record-{number}",
        SkipCode.MALFORMED_WARC,
        f"record {number} has a cut or corrupt header (no Content-Length): a truncated or corrupt WARC",
        key=f"{source}:{number}:header".encode(),
    )


def _records(n: int) -> str:
    return "1 record" if n == 1 else f"{n} records"
