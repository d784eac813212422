"""Declaring per-article stages and checking their order once, when the pipeline is built.

Like spaCy's ``analyze_pipes``: each stage names the state fields it needs and the ones it adds, and a
pipeline whose stage needs something no earlier stage adds is refused before any article is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from newsledger.errors import PipelineOrderError, StageContractError
from newsledger.ingest.document import Document
from newsledger.ingest.units import InputUnit
from newsledger.records import (
    Article,
    Citation,
    Claim,
    Entity,
    FramingSpan,
    Mention,
    Quantity,
    Sentence,
    Stance,
    TimeExpression,
)


@dataclass
class ArticleState:
    """Everything known about one article while it passes through the per-article stages."""

    unit: InputUnit
    document: Document | None = None
    article: Article | None = None
    sentences: list[Sentence] | None = None
    entities: list[Entity] | None = None
    mentions: list[Mention] | None = None
    claims: list[Claim] | None = None
    quantities: list[Quantity] | None = None
    citations: list[Citation] | None = None
    stances: list[Stance] | None = None
    framing: list[FramingSpan] | None = None
    time_expressions: list[TimeExpression] | None = None
    doc: Any = None
    """The language model's parse of ``article.text``; stays in the worker, never stored."""
    timings: dict[str, float] = field(default_factory=dict)


STATE_FIELDS = frozenset(f.name for f in fields(ArticleState)) - {"timings"}


@dataclass(frozen=True)
class Stage:
    """A named step that reads ``needs`` from the state and sets every field in ``adds``."""

    name: str
    run: Callable[[ArticleState], None]
    needs: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()
    run_batch: Callable[[list[ArticleState]], None] | None = None
    """Optional: the same work over several articles at once (a model's batched inference). If it
    raises, the runner falls back to ``run`` article by article, so only the failing article is lost."""

    def __post_init__(self) -> None:
        unknown = (self.needs | self.adds) - STATE_FIELDS
        if unknown:
            raise PipelineOrderError(
                f"stage {self.name!r} declares unknown state fields {sorted(unknown)}.",
                hint=f"known fields: {sorted(STATE_FIELDS)}",
            )

    def check_output(self, state: ArticleState) -> None:
        missing = sorted(f for f in self.adds if getattr(state, f) is None)
        if missing:
            raise StageContractError(f"stage {self.name!r} returned without setting {missing}.")


class Pipeline:
    """An ordered, checked list of per-article stages."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        names = [s.name for s in stages]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise PipelineOrderError(f"stage names must be unique; repeated: {dupes}.")
        available = {"unit"}
        for i, stage in enumerate(stages):
            missing = stage.needs - available
            if missing:
                later = [s.name for s in stages[i + 1 :] if s.adds & missing]
                hint = f"move it after {later}" if later else "add a stage that provides them"
                raise PipelineOrderError(
                    f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage adds.", hint=hint
                )
            available |= stage.adds
        self.stages: tuple[Stage, ...] = tuple(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]
