"""Metadata a page declares about itself (meta tags, JSON-LD, <time>, <title>), read with regexes.

A full metadata extractor that also guesses dates from the page text costs several times what the
main-text extraction does; what pages state in their head is found here in well under a millisecond,
and what they do not state is left to the text metadata reader, which marks inference as inference.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass

_HEAD_LIMIT = 300_000
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TIME = re.compile(r"""<time[^>]*\bdatetime=["']([^"']+)["']""", re.IGNORECASE)
_LINK_CANONICAL = re.compile(r"""<link\b[^>]*rel=["']?canonical["']?[^>]*>""", re.IGNORECASE)
_JSON_LD = re.compile(
    r"""<script[^>]*type=["']application/ld\+json["'][^>]*>(.*?)</script>""", re.IGNORECASE | re.DOTALL
)
_HTML_LANG = re.compile(r"""<html[^>]*\blang=["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline")
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site", "publisher", "dc.publisher")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None
    language: str | None = None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = _SPACE.sub(" ", html_lib.unescape(_TAGS.sub(" ", value))).strip()
    return text or None


def read_page_meta(page: str) -> PageMeta:
    head = page[:_HEAD_LIMIT]
    metas: dict[str, str] = {}
    for tag in _META.finditer(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag.group())
        }
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs and key not in metas:
            metas[key] = attrs["content"]
    ld = _json_ld(head)
    title = next((_clean(metas.get(k)) for k in _TITLE_KEYS if metas.get(k)), None) or _clean(
        ld.get("headline")
    )
    if title is None:
        m = _H1.search(head) or _TITLE.search(head)
        title = _clean(m.group(1)) if m else None
    site = next((_clean(metas.get(k)) for k in _SITE_KEYS if metas.get(k)), None) or _clean(
        ld.get("publisher")
    )
    if site and site.startswith("@"):
        site = None  # a Twitter handle is not a name
    author = next((_clean(metas.get(k)) for k in _AUTHOR_KEYS if metas.get(k)), None) or _clean(
        ld.get("author")
    )
    authors = (
        tuple(a.strip() for a in re.split(r";|,| and ", author) if a.strip())
        if author and "http" not in author
        else ()
    )
    published = next((metas[k].strip() for k in _DATE_KEYS if metas.get(k)), None) or ld.get("datePublished")
    if published is None:
        m = _TIME.search(head)
        published = m.group(1) if m else None
    url = metas.get("og:url")
    if not url:
        canonical = _LINK_CANONICAL.search(head)
        if canonical:
            href = re.search(r"""href=["']([^"']+)""", canonical.group())
            url = href.group(1) if href else None
    lang = _HTML_LANG.search(head)
    return PageMeta(
        title=title,
        site_name=site,
        authors=authors,
        published=published,
        url=url,
        language=lang.group(1).lower() if lang else None,
    )


def _json_ld(head: str) -> dict[str, str]:
    """The first NewsArticle-like JSON-LD object's headline, dates, author and publisher as strings."""
    for m in _JSON_LD.finditer(head):
        try:
            data = json.loads(m.group(1).strip())
        except ValueError:
            continue
        for obj in _objects(data):
            if not any(k in obj for k in ("headline", "datePublished")):
                continue
            out: dict[str, str] = {}
            for key in ("headline", "datePublished"):
                found = obj.get(key)
                if isinstance(found, str):
                    out[key] = found
            for key in ("author", "publisher"):
                value = obj.get(key)
                if isinstance(value, list):
                    value = value[0] if value else None
                if isinstance(value, dict):
                    value = value.get("name")
                if isinstance(value, str):
                    out[key] = value
            return out
    return {}


def _objects(data: object) -> list[dict[str, object]]:
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data, *(_objects(graph) if graph is not None else [])]
    if isinstance(data, list):
        return [o for item in data for o in _objects(item)]
    return []
