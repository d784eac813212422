"""Attribution spans in news text: who (source) says what (content), by which words (cue).

The scheme is PolNeAR's: a cue ("said", "according to", "told reporters", "the report called") ties
a content (quoted or paraphrased, possibly several sentences long) to a source (possibly absent).
Spans only: resolving pronouns to entities and building chains is done on top of them; nesting
("the agency quoted a source as saying ...") follows from containment, see :func:`parents`.
"""

from newsledger.claims.attribution.finder import (
    AttributionFinder,
    AttributionSpans,
    find_attributions,
    find_attributions_batch,
    parents,
)

__all__ = ["AttributionFinder", "AttributionSpans", "find_attributions", "find_attributions_batch", "parents"]
