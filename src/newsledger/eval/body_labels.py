"""The project's article-body labels for the pages of trafilatura's evaluation set.

That set says only which two or three segments a page must and must not yield, so it cannot measure
what the held-back benchmark measures: how much of the output is the article body and how much of the
body is in the output, over the whole text (F1 over 4-token shingles). For that, the project labelled
each rendered block of 291 of its pages as article body or not, under written guidelines
(``BODY_GUIDELINES`` below; captions, bylines, headlines, promos and comments are not body). The
labels were made with agent assistance, block by block, and are checked against the set's own
segments by ``scripts/train_block_model.py``.

No page text is stored: a block is named by a short hash of its normalised words, so the file holds
no copy of the pages. A page whose rendering has changed since it was labelled is reported, never
silently mislabelled.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_TOKEN = re.compile(r"\w+")
_MD = re.compile(r"\]\([^)]*\)")

BODY_GUIDELINES = (
    "Body: every paragraph of the main text, subheadings, lists, tables and quotations inside it, and the "
    "article's own closing credit line. Not body: headline, standfirst set apart as a summary, byline, "
    "dates, captions and photo credits, advertisement labels, link promos and lists of other articles, "
    "share and newsletter prompts, tags, navigation, author boxes, comments, footers and copyright."
)


def block_key(text: str) -> str:
    """A short hash of a block's words (case, spacing, punctuation and Markdown link targets ignored)."""
    words = " ".join(t.casefold() for t in _TOKEN.findall(_MD.sub("]", text)))
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:12]


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


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Shingles of ``size`` lower-cased ``\\w+`` tokens, counted with multiplicity."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def shingle_pr(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of one page's output over 4-token shingles; an empty output scores 0."""
    p, g = shingles(predicted), shingles(gold)
    overlap = sum((p & g).values())
    return (overlap / sum(p.values()) if p else 0.0, overlap / sum(g.values()) if g else 0.0)


def averaged_prf(pairs: Iterable[tuple[float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages, and the F1 of those averages (the benchmark's way)."""
    rows = list(pairs)
    if not rows:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    precision = sum(p for p, _ in rows) / len(rows)
    recall = sum(r for _, r in rows) / len(rows)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "pages": len(rows),
    }
