"""The default per-article stages, in order. Later capabilities add stages here."""

from __future__ import annotations

import os

from newsledger.claims.stage import claims_batch, claims_one
from newsledger.framing.stage import framing_batch, framing_one
from newsledger.language.dates import resolve_time_expressions
from newsledger.language.entities import entities_in_doc
from newsledger.language.parse import parse_batch, parse_one
from newsledger.language.quantities import extract_quantities
from newsledger.language.quantity_records import quantity_records
from newsledger.pipeline.reading_stages import reading_stages
from newsledger.pipeline.stage import ArticleState, Pipeline, Stage

PIPELINE_VERSION = "5"
"""Bump whenever a stage's output for the same input changes: stored articles analysed by another
version are analysed again on the next run, and nothing else is."""


def _entities(state: ArticleState) -> None:
    assert state.article is not None
    state.entities, state.mentions = entities_in_doc(state.doc, article_id=state.article.id)


def _dates(state: ArticleState) -> None:
    assert state.article is not None
    state.time_expressions = resolve_time_expressions(
        state.doc, article_id=state.article.id, published=state.article.published
    )


def _quantities(state: ArticleState) -> None:
    a = state.article
    assert a is not None and state.claims is not None and state.time_expressions is not None
    mentions = extract_quantities(state.doc, article_id=a.id, text=a.text)
    state.quantities = quantity_records(
        mentions, article=a, claims=state.claims, time_expressions=state.time_expressions
    )


def framing_enabled() -> bool:
    """Whether the ``framing`` stage runs: on unless ``NEWSLEDGER_FRAMING`` is 0/false/off.

    Framing embeds every sentence with MiniLM and is by far the costliest per-article stage; a user who
    only needs claims and numbers (or a test of something else) can leave it out.
    """
    return os.environ.get("NEWSLEDGER_FRAMING", "1").strip().lower() not in {"0", "false", "off", "no"}


def pipeline_version(framing: bool | None = None) -> str:
    """The analysis version stored with each input: articles analysed without framing are analysed
    again by a run with it (and the other way round), nothing else is redone."""
    on = framing_enabled() if framing is None else framing
    return PIPELINE_VERSION if on else PIPELINE_VERSION + "-noframing"


def default_stages(*, framing: bool | None = None) -> list[Stage]:
    on = framing_enabled() if framing is None else framing
    stages = _stages()
    return stages if on else [s for s in stages if s.name != "framing"]


def _stages() -> list[Stage]:
    return [
        *reading_stages(),
        Stage(
            "language",
            parse_one,
            needs=frozenset({"article"}),
            adds=frozenset({"doc", "sentences"}),
            run_batch=parse_batch,
        ),
        Stage("entities", _entities, needs=frozenset({"doc"}), adds=frozenset({"entities", "mentions"})),
        Stage("dates", _dates, needs=frozenset({"doc"}), adds=frozenset({"time_expressions"})),
        Stage(
            "claims",
            claims_one,
            needs=frozenset({"article", "doc", "sentences", "mentions", "entities"}),
            adds=frozenset({"claims", "citations"}),
            run_batch=claims_batch,
        ),
        Stage(
            "quantities",
            _quantities,
            needs=frozenset({"doc", "claims", "time_expressions"}),
            adds=frozenset({"quantities"}),
        ),
        Stage(
            "framing",
            framing_one,
            needs=frozenset({"article"}),
            adds=frozenset({"framing"}),
            run_batch=framing_batch,
        ),
    ]


def default_pipeline() -> Pipeline:
    """Every per-article stage; ``framing`` as ``NEWSLEDGER_FRAMING`` says (workers inherit it)."""
    return Pipeline(default_stages())
