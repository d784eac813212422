"""Article metadata read from already-scraped text: title, authors, dateline, date, outlet, original source.

``read_text_metadata(blocks, stated=...)`` takes a page's non-empty lines in order and returns a
``TextMetadata`` saying what each value is, which blocks it came from (so the cleaner can move them out of
the body) and what it rests on. Dates are stated only when the page states them; otherwise they are
estimated and marked ``inferred``, or left unknown with the reason.
"""

from newsledger.metadata.reader import read_text_metadata
from newsledger.metadata.registry import Outlet, OutletRegistry, default_registry, load_registry
from newsledger.metadata.text_metadata import BlockRole, StatedMetadata, TextMetadata

__all__ = [
    "BlockRole",
    "Outlet",
    "OutletRegistry",
    "StatedMetadata",
    "TextMetadata",
    "default_registry",
    "load_registry",
    "read_text_metadata",
]
