"""The project's article-body labels for the pages of trafilatura's evaluation set.

That set says only which two or three segments a page must and must not yield, so it cannot measure
what the held-back benchmark measures: how much of the output is the article body and how much of the
body is in the output, over the whole text (F1 over 4-token shingles). For that, the project labelled
each rendered block of 291 of its pages as article body or not, under written guidelines
(below). The labels were made with agent assistance, block by block, and are checked against the
set's own segments (README).

Body: every paragraph of the main text, subheadings, lists, tables and quotations inside it, and the
article's own closing credit line. Not body: headline, standfirst set apart as a summary, byline,
dates, captions and photo credits, advertisement labels, link promos and lists of other articles,
share and newsletter prompts, tags, navigation, author boxes, comments, footers and copyright.

No page text is stored: a block is named by a short hash of its normalised words, so the file holds
no copy of the pages. A page whose rendering has changed since it was labelled is reported, never
silently mislabelled.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsledger.clean.overlap import words
from newsledger.language.identify import identify_language

LONG_BODY_WORDS = 300


def is_long_english(gold: str) -> bool:
    """Whether a labelled body is English and 300 words or more: the pages most like the held-back
    benchmark's news articles, scored apart as ``english_long``."""
    return len(gold.split()) >= LONG_BODY_WORDS and identify_language(gold[:2000]) == "en"


def block_key(text: str) -> str:
    """A short hash of a block's words (case, spacing, punctuation and Markdown link targets ignored)."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageLabels:
    """The body blocks of one labelled page: their keys, and how many blocks the page had when labelled."""

    file: str
    body: frozenset[str]
    blocks: int

    def is_body(self, block: str) -> bool:
        return block_key(block) in self.body

    def gold(self, blocks: Sequence[str]) -> str | None:
        """The page's body text from its rendered blocks, or None when the labels no longer fit them
        (a body key not found: the renderer has changed since labelling). A block repeated on the page
        counts once, as the clean stage keeps one copy."""
        keys = [block_key(b) for b in blocks]
        if not self.body <= set(keys):
            return None
        seen: set[str] = set()
        body = []
        for block, key in zip(blocks, keys, strict=True):
            if key in self.body and key not in seen:
                seen.add(key)
                body.append(block)
        return "\n".join(body)


def labels_path() -> Path:
    with resources.as_file(resources.files("newsledger.eval") / "data" / "extraction_body_labels.jsonl") as p:
        return Path(p)


def load_body_labels(path: Path | None = None) -> dict[str, PageLabels]:
    """Labelled pages by file name (as in the set's ``evaldata.json``)."""
    labels: dict[str, PageLabels] = {}
    with (path or labels_path()).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                labels[row["file"]] = PageLabels(row["file"], frozenset(row["body"]), int(row["blocks"]))
    return labels
