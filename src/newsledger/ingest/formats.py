"""Detect what an input is from its bytes, not its file name: crawls name files arbitrarily."""

from __future__ import annotations

import re
import zlib

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable program"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|article|section|main|p|table|header)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_SKELETON = re.compile(rb"<(!doctype\s+html|html[\s>]|head>|body[\s>])", re.IGNORECASE)
"""Pages wrapped in something else (a crawler's envelope, a stray preamble) still hold their skeleton."""
_HTML_TAG = re.compile(rb"<(html|body|div|p|br|article|span|a|li|ul|table|h[1-6])\b[^>]*>", re.IGNORECASE)
_JSON_START = re.compile(rb'^\s*(\{\s*("|\})|\[\s*(\{|\]))')
_MARKDOWN = re.compile(r"^(#{1,6} |\s*[-*+] |> )|\[[^\]\n]+\]\([^)\n]*\)|\*\*[^*\n]+\*\*", re.MULTILINE)


def binary_kind(data: bytes) -> str | None:
    """Describe ``data`` if it is binary (an image, an archive, ...), else None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if b"\x00" in head and not _is_utf16(head):
        return "binary data (it holds NUL bytes)"
    if head:
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        if controls / len(head) > 0.05:
            return "binary data (many control bytes)"
    return None


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def looks_like_json_records(data: bytes) -> bool:
    """True when the file is JSON Lines or a JSON array/object of articles rather than prose."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    return bool(_JSON_START.match(body[:1024]))


WARC_HEAD_BYTES = 4096
"""Bytes of a file's start enough to tell a WARC, plain or gzip-compressed, from anything else."""

_WARC_VERSIONS = (b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"WARC/0.17\r\n", b"WARC/0.18\r\n")


def looks_like_warc(head: bytes) -> bool:
    """True when ``head`` (a file's first bytes) starts a WARC, plain or gzip-compressed.

    Crawlers write ``.warc.gz`` with every record its own gzip member, so the first member's start
    shows the version line. This runs before ``binary_kind``, which would call the file gzip data.
    """
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(_WARC_VERSIONS)


_XML_PROLOG = rb"\s*(?:(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)\s*)*"
_FEED_ROOT = re.compile(rb"^" + _XML_PROLOG + rb"<(rss|feed|rdf:RDF)[\s>/]", re.DOTALL)


def looks_like_feed(data: bytes) -> bool:
    """True when the document element is an RSS ``<rss>``, an Atom ``<feed>`` or an RSS 1.0 ``<rdf:RDF>``.

    Checked on the document element, not on words in the text, so an article that quotes
    ``<rss>`` stays an article; an RDF document that is not RSS 1.0 must name the RSS namespace.
    """
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    m = _FEED_ROOT.match(head)
    if m is None:
        return False
    return m.group(1) != b"rdf:RDF" or b"purl.org/rss/1.0" in head


_URL_LINE = re.compile(rb"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
_URL_LIST_START = re.compile(rb"^\s*(https?://|#)", re.IGNORECASE)
_LINE = re.compile(rb"[^\r\n]+")


def url_list(data: bytes) -> list[str] | None:
    """The URLs of a URL-list file, in order and without repeats, or None when it is not one.

    A URL list is UTF-8 text whose every line, blank lines and ``#`` comments aside, is one http(s)
    URL and nothing else. An article that cites a URL has prose around it, so it never qualifies;
    the first line that is not a URL ends the check, so prose costs almost nothing here.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not _URL_LIST_START.match(body[:4096]):
        return None
    urls: dict[str, None] = {}
    for m in _LINE.finditer(body):
        line = m.group().strip()
        if not line or line.startswith(b"#"):
            continue
        if not _URL_LINE.match(line):
            return None
        try:
            urls[line.decode("utf-8")] = None
        except UnicodeDecodeError:
            return None
    return list(urls) or None


def looks_like_html(data: bytes) -> bool:
    """HTML when it starts like a document, or when tags are dense; a stray ``<sup>`` in text is not HTML."""
    head = data[:4096]
    if _HTML_START.match(head) or _HTML_SKELETON.search(data[:8192]):
        return True
    tags = len(_HTML_TAG.findall(head))
    return tags >= 5 and tags * 200 > len(head)


def looks_like_markdown(text: str) -> bool:
    return len(_MARKDOWN.findall(text[:20000])) >= 2


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_SHARE_LIMIT = 0.2
"""News prose never consists of pipe tables; a text file where a fifth of the lines are table rows is
notes, documentation or a data table (an answer key, a README), not an article."""


def not_article_reason(text: str) -> str | None:
    """Why a text/Markdown input is not an article, or None when it may be one."""
    lines = [line for line in text.splitlines() if line.strip()]
    rows = sum(1 for line in lines if _TABLE_ROW.match(line))
    if lines and rows >= 5 and rows / len(lines) >= TABLE_SHARE_LIMIT:
        return f"{rows} of its {len(lines)} lines are table rows: a table or notes, not an article's prose"
    return None
