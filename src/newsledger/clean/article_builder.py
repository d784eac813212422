"""The ``clean`` stage: a ``Document`` becomes an ``Article`` with clean text, an offset map and removals.

Order of decisions for each block (a line of the raw text):
1. metadata lines (title, byline, date, tagline, republishing note, copyright) leave the body and
   become the article's metadata;
2. the block model drops page furniture (navigation, captions, promos, widgets, comment forms,
   disclaimers, related-story lists): the text model for scraped text, the HTML model for pages;
3. Markdown link syntax and stray inline HTML are stripped from what stays (words kept);
4. passages repeated within the page keep their first copy.
Every removed block is recorded with its reason.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from newsledger.clean.block_model import html_extra, shipped_block_model
from newsledger.clean.blocks import split_blocks
from newsledger.clean.builder import CleanTextBuilder
from newsledger.clean.furniture import furniture_kind
from newsledger.clean.markup import kept_slices
from newsledger.clean.repeats import repeat_key
from newsledger.errors import SkipCode, SkipInput
from newsledger.ids import article_id
from newsledger.ingest.document import Document
from newsledger.language.identify import identify_language
from newsledger.metadata import StatedMetadata, TextMetadata, read_text_metadata
from newsledger.records import Article, Removed, Segment

PARAGRAPH_BREAK = "\n\n"
MIN_BLOCKS_FOR_MODEL = 4
"""Texts of a few lines are what the user chose to give us (a JSON record's body); judging furniture
needs a page around the block."""
_WORD = re.compile(r"\w+")


def build_article(doc: Document) -> Article:
    """Clean ``doc`` into an article; raise ``SkipInput`` when no body text is left."""
    blocks = split_blocks(doc.raw_text)
    texts = [b.text for b in blocks]
    meta = read_text_metadata(
        texts,
        stated=StatedMetadata(
            title=doc.title, outlet=doc.outlet, url=doc.url, published=doc.published, authors=doc.authors
        ),
    )
    keep = _furniture_verdicts(doc, texts)
    strip_markup = not doc.from_html
    removed: list[Removed] = []
    builder = CleanTextBuilder(doc.raw_text)
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        role = meta.metadata_blocks.get(i)
        if role is not None:
            removed.append(Removed(text=block.text.strip(), reason=f"{role} (kept as metadata)"))
            continue
        if not keep[i]:
            removed.append(Removed(text=block.text.strip(), reason=furniture_kind(block.text)))
            continue
        if not builder.length and echoes_title(block.text, meta.title):
            removed.append(Removed(text=block.text.strip(), reason="image caption (echoes the title)"))
            continue
        slices = kept_slices(block.text, block.start, strip_markup=strip_markup)
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
        raise SkipInput(
            SkipCode.NO_TEXT, "no body text is left once metadata, furniture and repeats are removed"
        )
    return _article(doc, meta, text=text, raw_map=raw_map, removed=removed)


ECHO_MAX_WORDS = 6


def echoes_title(text: str, title: str | None) -> bool:
    """Whether a short line before the body only repeats some of the title's words ("US troops"
    under "... Removal of US Troops from Syria"): the alt text or caption of the headline image,
    which a page-to-text conversion leaves where the picture was. A kicker or subhead that says
    something of its own uses words the title does not.
    """
    if not title:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    title_words = {w.lower() for w in _WORD.findall(title)}
    return (
        0 < len(words) <= ECHO_MAX_WORDS
        and 2 * len(words) <= len(title_words)
        and not text.rstrip().endswith((".", "?", "!", ":"))
        and all(w in title_words for w in words)
    )


def _furniture_verdicts(doc: Document, texts: list[str]) -> list[bool]:
    """True for blocks the model keeps as article text."""
    if len(texts) < MIN_BLOCKS_FOR_MODEL:
        return [True] * len(texts)
    hints = doc.html_hints
    if hints is not None and len(hints.link_chars) == len(texts):
        model = shipped_block_model("html")
        extra = html_extra(hints.trafilatura_share, hints.contexts, hints.resiliparse_share)
        keep = model.keep(
            texts, link_chars=list(hints.link_chars), extra=extra, trafilatura_share=hints.trafilatura_share
        )
    else:
        keep = shipped_block_model("text").keep(texts)
    if not any(keep):
        # The model found no article at all: rather than lose the input, keep every block.
        return [True] * len(texts)
    return keep


def _article(
    doc: Document,
    meta: TextMetadata,
    *,
    text: str,
    raw_map: tuple[Segment, ...],
    removed: list[Removed],
) -> Article:
    domain = urlparse(doc.url).hostname if doc.url else None
    return Article(
        id=article_id(text),
        source=doc.source,
        title=meta.title or doc.title,
        outlet=meta.outlet or doc.outlet,
        outlet_domain=domain.removeprefix("www.") if domain else None,
        authors=meta.authors or doc.authors,
        published=meta.published,
        language=doc.language or identify_language(text),
        text=text,
        removed=tuple(removed),
        raw_map=raw_map,
        url=doc.url,
        dateline=meta.dateline,
        original_source=meta.original_source,
    )
