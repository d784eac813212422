"""The headline among a page's top lines.

Scraped text starts with whatever the page showed above the article: menu words ("clear", "Menu"), the
outlet's slogan, section labels, then the headline, byline and date. Each line above the first paragraph
is scored on what headlines look like and where they stand: a Markdown heading mark, 4-20 words, capitalised
words, no full stop at the end, the first such line, directly above a byline or date line, words that recur
in the body; and against what furniture looks like (one or two words, "Label: value", photo credits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.metadata.names import name_key
from newsledger.metadata.page import Page, title_case_share
from newsledger.metadata.registry import Outlet, OutletRegistry

_SUFFIX = re.compile(r"\s+(?:[|»]|::|[-–—])\s+(?P<outlet>[^|»–—]{2,60})$")
_PREFIX = re.compile(r"^(?P<outlet>[^|»]{2,60})\s+(?:[|»]|::)\s+")
_FURNITURE_LABEL = re.compile(
    r"^(?:region|regions|theme|themes|topic|topics|tags?|category|categories|section|filed\s+under|in-depth"
    r"\s+report|posted\s+in|share|source|sources|photo|photos|image|images|credit|video|listen|read|read\s+more"
    r"|related|see\s+also|also\s+read|watch|editor's\s+note|note|update|updated|published|posted|date|by|author"
    r"|keywords|location|caption|file\s+photo|featured\s+image)\s*:",
    re.I,
)
_NAVIGATION = frozenset(
    name_key(s)
    for s in (
        "skip to content",
        "skip to main content",
        "toggle navigation",
        "leave a reply",
        "leave a comment",
        "you may also like",
        "related posts",
        "related articles",
        "related stories",
        "read more",
        "most popular",
        "most read",
        "latest news",
        "breaking news",
        "top stories",
        "sign in",
        "log in",
        "sign up",
        "share this",
        "share this article",
        "follow us",
        "show comments",
        "post navigation",
        "recent posts",
        "more stories",
    )
)
_CAPTION = re.compile(
    r"\[[^\]]*/[^\]]*\]\s*$|\((?:photo|image|picture|credit|file)[^)]*\)"
    r"|^(?:photo|image|file photo|picture)\b|getty images|via getty"
    r"|\b(?:AFP|Reuters|AP|Anadolu Agency|EPA)\s*/|/\s*(?:AFP|Reuters|AP|EPA)\b",
    re.I,
)
_SENTENCE_STOP = re.compile(r"(?<![A-Z])(?<!\bU\.S)\.[\"”’]?$")
_CONTENT_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_STOPWORDS_TEXT = (
    "that this with from have will they their there what when which were been about after into over than "
    "them then these those said says also more most some such only just very"
)
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_MIN_SCORE = 1.0
_TITLE_CASE = 0.6
_FIRST_BONUS = 0.75
_NEAR_BODY = 4


@dataclass(frozen=True, slots=True)
class TitlePick:
    title: str | None
    index: int | None
    copies: tuple[int, ...] = ()
    outlet: Outlet | None = None  # named in a " | Outlet" suffix of the title


def split_outlet_suffix(title: str, *, registry: OutletRegistry) -> tuple[str, Outlet | None]:
    """ "Syria wants US troops to leave | Rudaw" → the headline and the outlet, when the registry knows it."""
    m = _SUFFIX.search(title)
    if m is not None:
        outlet = registry.by_name(m.group("outlet")) or registry.by_domain(m.group("outlet").strip())
        if outlet is not None and m.start() > 0:
            return title[: m.start()].strip(), outlet
    m = _PREFIX.match(title)
    if m is not None:
        outlet = registry.by_name(m.group("outlet"))
        if outlet is not None:
            return title[m.end() :].strip(), outlet
    return title, None


def pick_title(
    page: Page, *, taken: set[int], meta_next: set[int], registry: OutletRegistry, stated: str | None
) -> TitlePick:
    """The headline: the stated one (and the block repeating it), else the best-scoring top line.

    ``taken`` are blocks already known to be other metadata (date, byline, slogan); ``meta_next`` are the
    byline and date blocks, below which a headline usually stands.
    """
    if stated and stated.strip():
        title, outlet = split_outlet_suffix(" ".join(stated.split()), registry=registry)
        keys = {name_key(title), name_key(stated)}
        copies = tuple(i for i in range(min(len(page), page.meta_end + 5)) if page.key(i) in keys)
        return TitlePick(title, copies[0] if copies else None, copies[1:], outlet)
    best: tuple[float, int] | None = None
    body_text = _body_text(page)
    first = True
    for index in range(page.title_end):
        if index in taken or page.in_menu(index):
            continue
        score = _score(page, index, meta_next=meta_next, body_text=body_text)
        if score is None:
            continue
        if first:
            score += _FIRST_BONUS  # headlines come before standfirsts and captions
            first = False
        if best is None or score > best[0]:
            best = (score, index)
    if best is None or best[0] < _MIN_SCORE:
        return TitlePick(None, None)
    index = best[1]
    title, outlet = split_outlet_suffix(page.plain[index], registry=registry)
    key = page.key(index)
    copies = tuple(i for i in range(page.meta_end) if i != index and page.key(i) == key)
    return TitlePick(title, index, copies, outlet)


def _score(page: Page, index: int, *, meta_next: set[int], body_text: str) -> float | None:
    text = page.plain[index]
    words = page.words(index)
    n = len(words)
    if n < 2 or n > 30 or _FURNITURE_LABEL.match(text) or page.key(index) in _NAVIGATION:
        return None
    if not text[0].isupper() and not text[0].isdigit() and text[0] not in "\"“‘'":
        return None
    score = 1.0 + {1: 3.0, 2: 2.0, 3: 1.0}.get(page.heading(index), 0.0)
    if page.raw[index].lstrip().startswith(("**", "__")) and page.raw[index].rstrip().endswith(("**", "__")):
        score += 1.0
    score += 1.0 if 4 <= n <= 20 else (0.3 if n == 3 else -0.5)
    if title_case_share(text) >= _TITLE_CASE:
        score += 0.5
    if _SENTENCE_STOP.search(text) or text.endswith(("...", "…")):
        score -= 1.0
    if _CAPTION.search(text):
        score -= 3.0
    if index + 1 in meta_next:
        score += 1.5
    if page.first_prose - index <= _NEAR_BODY:
        score += 0.5
    if body_text:
        content = {w.lower() for w in _CONTENT_WORD.findall(text)} - _STOPWORDS
        if content:
            score += sum(w in body_text for w in content) / len(content)
    return score - 0.05 * index


def _body_text(page: Page) -> str:
    """The first paragraphs, lower-cased: a headline's words usually recur in them."""
    start = page.first_prose
    return " ".join(page.plain[start : start + 12]).lower()
