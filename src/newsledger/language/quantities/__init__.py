"""Quantities in news text: numbers with their bounds, hedges, units and what they count.

``extract_quantities(doc, article_id=...)`` reads a parsed article; ``quantities_in_text(nlp, text)``
parses and reads a plain string (evaluation). See ``extract.py`` for how the pieces fit.
"""

from newsledger.language.quantities.extract import (
    DEFAULT_OPTIONS,
    ExtractorOptions,
    QuantityMention,
    extract_quantities,
    quantities_in_text,
)

__all__ = [
    "DEFAULT_OPTIONS",
    "ExtractorOptions",
    "QuantityMention",
    "extract_quantities",
    "quantities_in_text",
]
