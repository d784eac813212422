"""The ``clean`` stage: a ``Document`` becomes an ``Article`` with clean text, an offset map and removals."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from newsledger.clean.blocks import Block, split_blocks
from newsledger.clean.builder import CleanTextBuilder
from newsledger.clean.markup import kept_slices
from newsledger.clean.repeats import repeat_key
from newsledger.errors import SkipCode, SkipInput
from newsledger.ids import article_id
from newsledger.ingest.document import Document
from newsledger.ingest.published import parse_published
from newsledger.language.identify import identify_language
from newsledger.records import Article, Removed

PARAGRAPH_BREAK = "\n\n"
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.…:;,]\s*$")
_HEADING = re.compile(r"^\s*#{1,3}\s+\S")


def build_article(doc: Document) -> Article:
    """Clean ``doc`` into an article; raise ``SkipInput`` when no body text is left."""
    blocks = split_blocks(doc.raw_text)
    removed: list[Removed] = []
    title = doc.title
    if doc.title_in_text and blocks and title is None:
        picked = _pick_title(blocks)
        if picked is not None:
            title = _plain(doc.raw_text, picked, strip_markup=not doc.from_html)
            blocks = [b for b in blocks if b is not picked]
            removed.append(Removed(text=picked.text.strip(), reason="title (kept as metadata)"))
    elif title and blocks and repeat_key(blocks[0].text) == repeat_key(title):
        removed.append(Removed(text=blocks[0].text.strip(), reason="title (kept as metadata)"))
        blocks = blocks[1:]

    builder = CleanTextBuilder(doc.raw_text)
    seen: set[str] = set()
    for block in blocks:
        slices = kept_slices(block.text, block.start, strip_markup=not doc.from_html)
        if not slices:
            removed.append(Removed(text=block.text.strip(), reason="markup only"))
            continue
        plain = "".join(doc.raw_text[a:b] for a, b in slices)
        key = repeat_key(plain)
        if key is not None and key in seen:
            removed.append(Removed(text=plain, reason="repeated within the page"))
            continue
        if key is not None:
            seen.add(key)
        if builder.length:
            builder.add_synthetic(PARAGRAPH_BREAK)
        for a, b in slices:
            builder.add_raw(a, b)
    text, raw_map = builder.build()
    if not _WORD.search(text):
        raise SkipInput(SkipCode.NO_TEXT, "no body text is left once markup and repeats are removed")
    domain = urlparse(doc.url).hostname if doc.url else None
    return Article(
        id=article_id(text),
        source=doc.source,
        title=title,
        outlet=doc.outlet,
        outlet_domain=domain.removeprefix("www.") if domain else None,
        authors=doc.authors,
        published=parse_published(doc.published),
        language=doc.language or identify_language(text),
        text=text,
        removed=tuple(removed),
        raw_map=raw_map,
        url=doc.url,
    )


def _pick_title(blocks: list[Block]) -> Block | None:
    """A Markdown heading near the top, else the first short line that does not end like a sentence."""
    for block in blocks[:6]:
        if _HEADING.match(block.text) and 2 <= len(_WORD.findall(block.text)) <= 30:
            return block
    for block in blocks[:6]:
        words = _WORD.findall(block.text)
        if 2 <= len(words) <= 30 and not _SENTENCE_END.search(block.text.rstrip("*_ ")):
            return block
    return None


def _plain(raw: str, block: Block, *, strip_markup: bool) -> str:
    slices = kept_slices(block.text, block.start, strip_markup=strip_markup)
    return "".join(raw[a:b] for a, b in slices).strip()
