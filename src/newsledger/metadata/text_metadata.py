"""What the metadata reader takes in (what the input declared) and gives back (what the text shows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from newsledger.records import PublishedDate

BlockRole = Literal["title", "byline", "date", "dateline", "tagline", "source", "copyright"]
"""Why a block is metadata rather than body:

- ``title``: the headline (and copies of it near the top);
- ``byline``: "By X", "Articles by: X", "Author: X";
- ``date``: a line that only states a date (possibly with a label, outlet or author name);
- ``dateline``: a line that is only a dateline ("WASHINGTON —"); a dateline that opens the first paragraph
  is reported in ``dateline`` but its block stays body;
- ``tagline``: the outlet's slogan ("Creating new perspectives since 2009");
- ``source``: a republishing note ("The original source of this article is X");
- ``copyright``: a copyright line.
"""


@dataclass(frozen=True, slots=True)
class StatedMetadata:
    """Metadata the input itself declared (HTML meta tags, JSON fields); every field may be missing."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """Metadata read from a page's text blocks, each value with the blocks or evidence it rests on.

    Block indices refer to the ``blocks`` sequence given to ``read_text_metadata``.
    """

    title: str | None = None
    title_block: int | None = None
    authors: tuple[str, ...] = ()
    byline_blocks: tuple[int, ...] = ()
    dateline: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate.unknown)
    date_blocks: tuple[int, ...] = ()
    outlet: str | None = None
    outlet_evidence: str = ""
    original_source: str | None = None
    metadata_blocks: dict[int, BlockRole] = field(default_factory=dict)
