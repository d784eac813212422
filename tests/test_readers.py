"""WARC archives, RSS/Atom feeds and URL lists: built by the tests, read from their content.

Every input here is written by the test itself: small WARC files with warcio's writer, feed XML as
strings, and a local HTTP server on 127.0.0.1 for URL lists. Nothing reaches the internet.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import json
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger import __version__
from newsledger.clean.article_builder import build_article
from newsledger.cli import main
from newsledger.errors import SkipInput
from newsledger.extraction import extract_records
from newsledger.ingest import fetch
from newsledger.ingest.discovery import iter_units, units_from_file
from newsledger.ingest.feeds import feed_units
from newsledger.ingest.fetch import Fetcher, decode_body
from newsledger.ingest.formats import binary_kind, looks_like_feed, looks_like_warc, url_list
from newsledger.ingest.reading import read_unit
from newsledger.ingest.units import InputUnit, Rejected

# --- fictional articles ---------------------------------------------------------------------------

PIER = (
    "The harbour council of Port Aldane voted on Tuesday to close the old pier after engineers found "
    "cracks in three of its pillars, the council said in a statement."
)
PIER_2 = (
    "Repairs would cost about 4 million crowns and take two years, according to the engineers' report, "
    "which the council published on its website."
)
BRIDGE = (
    "The Crème Street bridge reopened on Friday after eight months of repairs, the city's transport "
    "office said, two weeks earlier than planned."
)
BRIDGE_2 = (
    "The work cost 2.5 million crowns, less than the 3 million budgeted, a spokeswoman for the "
    "transport office told reporters at the opening."
)
FERRY = (
    "Ferry services between Port Aldane and the islands will run twice a day from March, the operator "
    "announced, after a winter of reduced sailings."
)
FERRY_2 = (
    "Fares will not change this year, the operator said, although fuel costs rose by a fifth over the "
    "past twelve months."
)
MARKET = (
    "The covered market on Quay Street will open on Sundays from April, the market board decided, after "
    "traders collected more than two thousand signatures."
)
MARKET_2 = "Stallholders will pay no extra rent for the Sunday opening during the first year, the board said."
ROADS = (
    "Road works on the island's coast road will close one lane until May, the island council said, and "
    "buses will run on a temporary timetable."
)
ROADS_2 = "The council expects the work to cost about 900,000 crowns, paid from its maintenance budget."


def page(title: str, *paragraphs: str, site: str = "Aldane Courier") -> str:
    """A whole HTML page around an article, with the furniture a real page has."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="og:site_name" content="{site}"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright 2025</footer></body></html>"
    )


# --- WARC -----------------------------------------------------------------------------------------


@dataclass
class Saved:
    uri: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    rec_type: str = "response"


def write_warc(path: Path, saved: list[Saved], *, gz: bool) -> bytes:
    """A WARC as a crawler writes it: a warcinfo record, then a request and a response per page."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    info = writer.create_warcinfo_record(path.name, {"software": "newsledger tests"})
    writer.write_record(info)
    for s in saved:
        request = writer.create_warc_record(
            s.uri,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True),
        )
        writer.write_record(request)
        headers = StatusAndHeaders(s.status, [("Content-Type", s.content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            s.uri, s.rec_type, payload=io.BytesIO(s.body), length=len(s.body), http_headers=headers
        )
        writer.write_record(record)
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def crawl() -> list[Saved]:
    """Two article pages (one in Latin-1, declared), a PDF and a 404 page."""
    return [
        Saved("https://courier.example/pier", page("Pier to close", PIER, PIER_2).encode()),
        Saved("https://courier.example/report.pdf", b"%PDF-1.4 not a page", content_type="application/pdf"),
        Saved("https://courier.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found"),
        Saved(
            "https://courier.example/bridge",
            page("Bridge reopens", BRIDGE, BRIDGE_2).encode("latin-1"),
            content_type="text/html; charset=ISO-8859-1",
        ),
    ]


def split(records: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, str]]]:
    """(articles by source, skips by source) of ``extract_records`` output."""
    articles = {r["source"]: r for r in records if "skipped" not in r}
    skips = {r["source"]: r["skipped"] for r in records if "skipped" in r}
    return articles, skips


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_yields_one_article_per_html_page_saved_with_status_200(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, crawl(), gz=gz)
    articles, skips = split(list(extract_records([str(path)])))
    assert skips == {}
    assert sorted(articles) == [
        f"{path}#https://courier.example/bridge",
        f"{path}#https://courier.example/pier",
    ]
    pier = articles[f"{path}#https://courier.example/pier"]
    assert pier["url"] == "https://courier.example/pier"
    assert pier["title"] == "Pier to close"
    assert "cracks in three of its pillars" in pier["text"] and "Home" not in pier["text"]
    bridge = articles[f"{path}#https://courier.example/bridge"]
    assert bridge["url"] == "https://courier.example/bridge"
    assert "The Crème Street bridge" in bridge["text"]  # decoded by the charset the server declared


def test_a_warc_gz_is_told_by_content_and_a_compressed_page_is_read_as_the_page(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl-0001.dat", crawl()[:1], gz=True)
    (tmp_path / "pier.html.gz").write_bytes(gzip.compress(page("Pier to close", PIER, PIER_2).encode()))
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(f"Pier to close\n\n{PIER}\n\n{PIER_2}\n".encode()))
    assert looks_like_warc((tmp_path / "crawl-0001.dat").read_bytes()[:4096])
    assert not looks_like_warc((tmp_path / "notes.txt.gz").read_bytes())
    articles, skips = split(list(extract_records([str(tmp_path)])))
    assert not skips
    assert set(articles) == {
        f"{tmp_path / 'crawl-0001.dat'}#https://courier.example/pier",
        str(tmp_path / "pier.html.gz"),
        str(tmp_path / "notes.txt.gz"),
    }
    html = articles[str(tmp_path / "pier.html.gz")]
    assert html["title"] == "Pier to close" and "cracks in three of its pillars" in html["text"]
    assert "Home" not in html["text"]
    assert "about 4 million crowns" in articles[str(tmp_path / "notes.txt.gz")]["text"]


def test_corrupt_truncated_or_inflating_gzip_files_are_coded_skips(tmp_path: Path) -> None:
    packed = gzip.compress(page("Pier to close", PIER, PIER_2).encode())
    (tmp_path / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "corrupt.html.gz").write_bytes(packed[:10] + b"\x00" * 40 + packed[50:])
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 3_000_000))
    (tmp_path / "fine.html.gz").write_bytes(packed)
    articles, skips = split(list(extract_records([str(tmp_path)], max_bytes=1_000_000)))
    assert list(articles) == [str(tmp_path / "fine.html.gz")]
    assert skips[str(tmp_path / "cut.html.gz")]["code"] == "unreadable"
    assert "truncated" in skips[str(tmp_path / "cut.html.gz")]["reason"]
    assert skips[str(tmp_path / "corrupt.html.gz")]["code"] == "unreadable"
    assert skips[str(tmp_path / "bomb.txt.gz")]["code"] == "too_large"
    assert "inflates" in skips[str(tmp_path / "bomb.txt.gz")]["reason"]


def test_a_truncated_warc_gz_keeps_the_records_read_before_the_cut(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full.warc.gz", crawl(), gz=True)
    for name, cut in (("end.warc.gz", len(full) - 40), ("middle.warc.gz", len(full) // 2)):
        (tmp_path / name).write_bytes(full[:cut])
        records = list(extract_records([str(tmp_path / name)]))
        articles, skips = split(records)
        assert f"{tmp_path / name}#https://courier.example/pier" in articles, name
        assert f"{tmp_path / name}#https://courier.example/bridge" not in articles, name
        assert len(skips) == 1, records
        ((source, skip),) = skips.items()
        assert source.startswith(f"{tmp_path / name}#record-")
        assert skip["code"] == "malformed_warc"
        assert "truncated" in skip["reason"] or "cannot be read" in skip["reason"]


def test_a_truncated_plain_warc_is_a_skip_for_the_cut_record(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full.warc", crawl(), gz=False)
    (tmp_path / "cut.warc").write_bytes(full[:-100])
    articles, skips = split(list(extract_records([str(tmp_path / "cut.warc")])))
    assert list(articles) == [f"{tmp_path / 'cut.warc'}#https://courier.example/pier"]
    ((_, skip),) = skips.items()
    assert skip["code"] == "malformed_warc"
    assert "https://courier.example/bridge" in skip["reason"] and "cut short" in skip["reason"]


def test_the_size_limit_applies_to_each_page_of_a_warc_not_to_the_archive(tmp_path: Path) -> None:
    saved = crawl()
    saved.append(Saved("https://courier.example/huge", page("Huge", PIER + " x" * 40_000).encode()))
    path = tmp_path / "crawl.warc"
    write_warc(path, saved, gz=False)
    assert path.stat().st_size > 60_000
    articles, skips = split(list(extract_records([str(path)], max_bytes=60_000)))
    assert len(articles) == 2
    assert skips[f"{path}#https://courier.example/huge"]["code"] == "too_large"


def test_a_warc_without_pages_is_one_skip_and_a_recrawled_uri_keeps_a_unique_source(tmp_path: Path) -> None:
    write_warc(tmp_path / "pdfs.warc", crawl()[1:2], gz=False)
    (skip,) = extract_records([str(tmp_path / "pdfs.warc")])
    assert skip["skipped"]["code"] == "not_article" and "3 records" in skip["skipped"]["reason"]

    again = [crawl()[0], Saved("https://courier.example/pier", page("Pier closed", PIER_2, FERRY).encode())]
    write_warc(tmp_path / "twice.warc", again, gz=False)
    sources = [u.source for u in units_from_file(tmp_path / "twice.warc") if isinstance(u, InputUnit)]
    assert sources == [
        f"{tmp_path / 'twice.warc'}#https://courier.example/pier",
        f"{tmp_path / 'twice.warc'}#record-5",
    ]


def test_a_large_warc_is_streamed_with_flat_memory(tmp_path: Path) -> None:
    filler = " ".join([FERRY, FERRY_2] * 150)  # about 40 KB a page
    saved = [
        Saved(f"https://courier.example/ferry/{i}", page(f"Ferry {i}", f"Notice {i}. {filler}").encode())
        for i in range(300)
    ]
    path = tmp_path / "big.warc"
    write_warc(path, saved, gz=False)
    raw = sum(len(s.body) for s in saved)
    tracemalloc.start()
    try:
        count = 0
        for item in units_from_file(path, max_bytes=1_000_000):
            assert isinstance(item, InputUnit)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 300
    assert raw > 10_000_000
    assert peak < raw / 10, f"peak {peak} bytes while reading {raw} bytes of pages"


# --- feeds ----------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Aldane Courier</title><link>https://courier.example/</link><language>en-gb</language>
  <item>
    <title>Pier to close</title>
    <link>https://courier.example/pier</link>
    <pubDate>Tue, 04 Mar 2025 23:30:00 -0500</pubDate>
    <author>desk@courier.example (Mara Lind)</author>
    <description>Council closes the pier. Read more...</description>
    <content:encoded><![CDATA[<p>{PIER}</p><script>alert(1)</script><p>{PIER_2}</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable</title>
    <link>https://courier.example/ferry</link>
    <pubDate>Wed, 05 Mar 2025 08:00:00 GMT</pubDate>
    <dc:creator>Oskar Brenn</dc:creator>
    <description>{FERRY}</description>
  </item>
  <item><title>Photo of the day</title><link>https://courier.example/photo</link></item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Island Weekly</title>
  <entry>
    <title>Ferries twice a day</title>
    <link rel="alternate" href="https://island.example/ferries"/>
    <published>2025-03-01T10:15:00+01:00</published>
    <updated>2025-03-02T09:00:00Z</updated>
    <author><name>Ines Varga</name></author>
    <author><name>Tom Ruel</name></author>
    <summary>Ferries will run twice a day.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{FERRY}</p><p>{FERRY_2}</p></div></content>
  </entry>
  <entry>
    <title>Bridge &amp; road works</title>
    <link href="https://island.example/bridge"/>
    <updated>2025-03-03T12:00:00Z</updated>
    <content type="text">{ROADS}

{ROADS_2}</content>
  </entry>
</feed>
"""


def test_an_rss_feed_gives_one_article_per_entry_with_the_full_content(tmp_path: Path) -> None:
    path = tmp_path / "courier.txt"  # the name says nothing: the content does
    path.write_text(RSS, encoding="utf-8")
    articles, skips = split(list(extract_records([str(path)])))
    # Entries are keyed by their link (or id), not their position, so a feed that grows keeps its keys.
    assert sorted(articles) == [
        f"{path}#https://courier.example/ferry",
        f"{path}#https://courier.example/pier",
    ]
    pier = articles[f"{path}#https://courier.example/pier"]
    assert pier["title"] == "Pier to close"
    assert pier["url"] == "https://courier.example/pier"
    assert pier["outlet"] == "Aldane Courier"
    assert pier["authors"] == ["Mara Lind"]
    assert pier["published"]["date"] == "2025-03-04T23:30"  # the day the outlet stated, not UTC's
    assert pier["language"] == "en"
    assert PIER in pier["text"] and PIER_2 in pier["text"]  # content:encoded, not the teaser
    assert "Read more" not in pier["text"] and "alert" not in pier["text"]
    ferry = articles[f"{path}#https://courier.example/ferry"]
    assert ferry["text"] == FERRY  # a one-paragraph description is still the article's text
    assert ferry["authors"] == ["Oskar Brenn"]
    assert ferry["published"]["date"] == "2025-03-05T08:00"
    assert skips == {
        f"{path}#https://courier.example/photo": {
            "code": "no_text",
            "reason": "feed entry 3 ('Photo of the day') has no content, summary or description",
        }
    }


def test_an_atom_feed_gives_one_article_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "island.xml"
    path.write_text(ATOM, encoding="utf-8")
    articles, skips = split(list(extract_records([str(path)])))
    assert skips == {}
    ferries = articles[f"{path}#https://island.example/ferries"]
    bridge = articles[f"{path}#https://island.example/bridge"]
    assert ferries["url"] == "https://island.example/ferries"
    assert ferries["authors"] == ["Ines Varga", "Tom Ruel"]
    assert ferries["outlet"] == "Island Weekly"
    assert ferries["published"]["date"] == "2025-03-01T10:15"
    assert FERRY in ferries["text"] and FERRY_2 in ferries["text"]
    assert bridge["title"] == "Bridge & road works"
    assert bridge["published"]["date"] == "2025-03-03T12:00"  # Atom's mandatory updated stands in
    assert bridge["text"] == f"{ROADS}\n\n{ROADS_2}"


def test_feeds_are_told_by_their_document_element() -> None:
    assert looks_like_feed(RSS.encode())
    assert looks_like_feed(ATOM.encode("utf-16"))
    assert looks_like_feed(
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE rss>\n<rss version="2.0">'
    )
    assert looks_like_feed(b'<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="x"><channel/>')
    assert not looks_like_feed(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')
    assert not looks_like_feed(b"An article about <rss> feeds and how newsrooms use them.")
    assert not looks_like_feed(page("Pier", PIER).encode())
    assert not looks_like_feed(b" " * 50_000 + b"x")  # no backtracking blow-up on a long prolog


def test_a_feed_without_entries_is_one_skip(tmp_path: Path) -> None:
    empty = list(feed_units("empty.xml", b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'))
    assert [(u.skip.code, u.skip.reason) for u in empty if isinstance(u, Rejected)] == [
        ("empty", "the feed holds no entries")
    ]
    (broken,) = feed_units("broken.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><ti\x00')
    assert isinstance(broken, Rejected) and broken.skip.code == "malformed_feed"


def test_feed_parsing_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("feed parsing tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    hostile = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd" '
        '[<!ENTITY ext SYSTEM "http://127.0.0.1:9/secret">]>\n'
        f'<rss version="2.0"><channel><title>T</title><item><title>&ext;</title>'
        f"<description>{FERRY}</description></item></channel></rss>"
    ).encode()
    (unit,) = feed_units("hostile.xml", hostile)
    assert isinstance(unit, InputUnit)
    assert json.loads(unit.data)["html"] == FERRY


# --- records (the shape every new reader hands on) ------------------------------------------------


def test_records_take_author_objects_and_an_outlet_from_the_stated_url() -> None:
    record = {
        "html": f"<p>{PIER}</p>",
        "url": "https://www.courier.example/pier",
        "authors": [{"name": "Mara Lind", "email": "m@courier.example"}, "Oskar Brenn", {"email": "x"}],
    }
    doc = read_unit(InputUnit(source="r:1", data=json.dumps(record).encode(), fmt="json_record"))
    assert doc.authors == ("Mara Lind", "Oskar Brenn")
    assert doc.outlet == "courier.example"
    assert doc.raw_text == PIER
    empty_page = {"html": "<html><body><script>track()</script><img src='x.png'></body></html>"}
    with pytest.raises(SkipInput) as info:
        read_unit(InputUnit(source="r:2", data=json.dumps(empty_page).encode(), fmt="json_record"))
    assert info.value.code == "no_text"  # a whole page with no article stays a skip


def test_http_bodies_are_decoded_by_the_declared_charset_unless_it_is_a_lazy_default() -> None:
    assert decode_body("Crème".encode("cp1252"), "iso-8859-1") == "Crème"
    assert decode_body("Crème".encode(), "ISO-8859-1") == "Crème"  # UTF-8 behind a default label
    assert decode_body("Привет, мир".encode("koi8-r"), "koi8-r") == "Привет, мир"
    assert decode_body("Crème".encode(), None) == "Crème"
    sentence = "La rue Crème a rouvert vendredi après huit mois de travaux, a déclaré la mairie."
    assert decode_body(sentence.encode("cp1252"), "no-such-charset") == sentence


# --- URL lists ------------------------------------------------------------------------------------

BIG = b"x" * 200_000


@dataclass
class Site:
    """A local web server: what it serves, and every request it got (path, User-Agent, time)."""

    base: str
    requests: list[tuple[str, str, float]] = field(default_factory=list)


@pytest.fixture
def site() -> Iterator[Site]:
    requests: list[tuple[str, str, float]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            # The client may stop reading (size limit, timeout), as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer()

        def _answer(self) -> None:
            routes: dict[str, tuple[int, str, bytes]] = {
                "/pier": (200, "text/html; charset=utf-8", page("Pier to close", PIER, PIER_2).encode()),
                "/bridge": (
                    200,
                    "text/html; charset=iso-8859-1",
                    page("Bridge reopens", BRIDGE, BRIDGE_2).encode("latin-1"),
                ),
                "/notes": (200, "text/plain; charset=utf-8", f"{MARKET}\n\n{MARKET_2}\n".encode()),
                "/feed": (200, "application/rss+xml", RSS.encode()),
                "/report.pdf": (200, "application/pdf", b"%PDF-1.4 not a page"),
            }
            if self.path == "/old-pier":
                self.send_response(301)
                self.send_header("Location", "/pier")
                self.end_headers()
            elif self.path == "/huge":  # no Content-Length: only reading tells the size
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(20):
                    self.wfile.write(BIG)
            elif self.path == "/huge-announced":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(BIG) * 20))
                self.end_headers()
            elif self.path == "/slow":
                time.sleep(1.5)
                self.send_response(200)
                self.end_headers()
            elif self.path in routes:
                status, ctype, body = routes[self.path]
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404, "Not Found")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(base=f"http://127.0.0.1:{server.server_address[1]}", requests=requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting there is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_url_lists_are_told_from_articles_that_cite_urls() -> None:
    listed = b"# reading list\n\nhttps://a.example/1\n  http://b.example/x?y=1  \nhttps://a.example/1\n"
    assert url_list(listed) == ["https://a.example/1", "http://b.example/x?y=1"]
    assert url_list(b"https://a.example/1\nThe council voted on Tuesday.\n") is None
    assert url_list(b"# Pier to close\n\nThe council voted, https://a.example/1 reports.\n") is None
    assert url_list(b"https://a.example/1 and more\n") is None
    assert url_list(b"ftp://a.example/file\n") is None
    assert url_list(b"# only comments\n") is None


def test_a_url_list_is_fetched_politely_with_every_failure_a_coded_skip(tmp_path: Path, site: Site) -> None:
    refused = f"http://127.0.0.1:{closed_port()}/pier"
    urls = [
        f"{site.base}/pier",
        f"{site.base}/missing",
        f"{site.base}/old-pier",
        f"{site.base}/bridge",
        f"{site.base}/huge",
        f"{site.base}/huge-announced",
        f"{site.base}/notes",
        f"{site.base}/feed",
        f"{site.base}/report.pdf",
        refused,
        f"{site.base}/slow",
        f"{site.base}/pier",  # listed twice, fetched once
    ]
    path = tmp_path / "reading-list.txt"
    path.write_text("# pages to read\n\n" + "\n".join(urls) + "\n", encoding="utf-8")
    fetcher = Fetcher(delay=0.1, timeout=0.5)
    items = list(iter_units([str(path)], max_bytes=100_000, fetcher=fetcher))

    skips = {i.skip.source: (i.skip.code, i.skip.reason) for i in items if isinstance(i, Rejected)}
    units = {i.source: i for i in items if isinstance(i, InputUnit)}
    assert skips[f"{site.base}/missing"] == ("fetch_failed", "HTTP 404 Not Found")
    assert skips[f"{site.base}/huge"][0] == "too_large" and "reading stopped" in skips[f"{site.base}/huge"][1]
    assert skips[f"{site.base}/huge-announced"][0] == "too_large"
    assert skips[f"{site.base}/report.pdf"][0] == "binary"
    assert skips[refused] == ("fetch_failed", "the connection was refused")
    assert skips[f"{site.base}/slow"] == ("fetch_failed", "no answer within 0.5 s (timed out)")
    assert len(skips) == 6 + 1  # and the feed's entry without text
    feed = f"{site.base}/feed#https://courier.example"
    assert skips[f"{feed}/photo"][0] == "no_text"
    assert sorted(units) == sorted(
        [f"{site.base}/{p}" for p in ("pier", "old-pier", "bridge", "notes")]
        + [f"{feed}/pier", f"{feed}/ferry"]
    )

    articles = {source: build_article(read_unit(unit)) for source, unit in units.items()}
    assert articles[f"{site.base}/pier"].url == f"{site.base}/pier"
    assert PIER in articles[f"{site.base}/pier"].text
    moved = articles[f"{site.base}/old-pier"]
    assert moved.url == f"{site.base}/pier" and moved.source == f"{site.base}/old-pier"  # redirect followed
    assert "The Crème Street bridge" in articles[f"{site.base}/bridge"].text
    assert articles[f"{site.base}/notes"].text == f"{MARKET}\n\n{MARKET_2}"
    assert articles[f"{feed}/pier"].url == "https://courier.example/pier"

    paths = [p for p, _, _ in site.requests]
    assert paths.count("/pier") == 2  # once listed, once through the redirect; the repeat is not fetched
    assert all(
        agent == f"newsledger/{__version__} (news article ledger; Python-urllib)"
        for _, agent, _ in site.requests
    )
    assert f"newsledger/{__version__}" in fetch.USER_AGENT
    # One host, one request at a time, a delay between fetches (a redirect's hop belongs to its fetch).
    starts = [
        t for i, (_, _, t) in enumerate(site.requests) if i == 0 or site.requests[i - 1][0] != "/old-pier"
    ]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.09, gaps


def test_fetching_streams_one_page_at_a_time(tmp_path: Path, site: Site) -> None:
    path = tmp_path / "list.txt"
    path.write_text(f"{site.base}/pier\n{site.base}/bridge\n", encoding="utf-8")
    items = iter_units([str(path)], fetcher=Fetcher(delay=0))
    first = next(items)
    assert isinstance(first, InputUnit) and first.source == f"{site.base}/pier"
    assert [p for p, _, _ in site.requests] == ["/pier"]  # the second page is not fetched yet
    rest = list(items)
    assert [u.source for u in rest if isinstance(u, InputUnit)] == [f"{site.base}/bridge"] and len(rest) == 1


def test_analyze_reads_warc_feed_and_url_list_and_a_rerun_changes_nothing(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "DEFAULT_DELAY", 0.0)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_warc(corpus / "crawl.warc.gz", crawl(), gz=True)
    (corpus / "island.atom").write_text(ATOM, encoding="utf-8")
    (corpus / "list.txt").write_text(f"{site.base}/notes\n{site.base}/missing\n", encoding="utf-8")
    db, out = tmp_path / "l.db", tmp_path / "ledger.json"
    args = ["analyze", str(corpus), "--db", str(db), "--json", str(out), "--workers", "1"]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    ledger = json.loads(out.read_text(encoding="utf-8"))
    urls = sorted(a["url"] for a in ledger["articles"])
    assert urls == sorted(
        [
            "https://courier.example/bridge",
            "https://courier.example/pier",
            "https://island.example/bridge",
            "https://island.example/ferries",
            f"{site.base}/notes",
        ]
    )
    assert [(s["source"], s["code"]) for s in ledger["skipped"]] == [(f"{site.base}/missing", "fetch_failed")]
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert "inputs: 0 analysed, 6 unchanged" in again.output
    assert binary_kind((corpus / "crawl.warc.gz").read_bytes()) is not None  # still gzip to binary_kind


def test_a_page_that_cannot_be_fetched_again_keeps_its_article(tmp_path: Path, site: Site) -> None:
    from newsledger.analysis import analyze
    from newsledger.store import Store

    path = tmp_path / "reading-list.txt"
    path.write_text(f"{site.base}/pier\n", encoding="utf-8")
    store = Store.open(tmp_path / "l.db")
    first = analyze([str(path)], store, workers=1)
    [article_id] = store.article_ids()
    assert first.processed == 1 and not first.ledger_skips

    second = analyze([str(path)], store, workers=1, fetch=False)
    assert store.article_ids() == [article_id]  # the earlier copy is not lost
    assert [s.code for s in second.kept_after_failure] == ["fetch_disabled"]
    assert f"kept the earlier copy of {site.base}/pier" in second.summary()

    fresh = Store.open(tmp_path / "fresh.db")
    report = analyze([str(path)], fresh, workers=1, fetch=False)
    assert [s.code for s in report.ledger_skips] == ["fetch_disabled"] and not fresh.article_ids()
