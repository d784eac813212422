"""What the per-article pipeline hands back to the main process for one unit: an article or a skip."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.records import (
    Article,
    Citation,
    Claim,
    Entity,
    FramingSpan,
    Mention,
    Quantity,
    Sentence,
    Skip,
    Stance,
    TimeExpression,
)


@dataclass
class ArticleBundle:
    """All records one article adds to the ledger; written to the store in one transaction."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    time_expressions: list[TimeExpression] = field(default_factory=list)


@dataclass
class Outcome:
    """The result for one input unit. Exactly one of ``bundle`` and ``skip`` is set."""

    source: str
    input_hash: str
    bundle: ArticleBundle | None = None
    skip: Skip | None = None
    timings: dict[str, float] = field(default_factory=dict)
    words: int = 0
