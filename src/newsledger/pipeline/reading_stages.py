"""The first two stages, read and clean, in a module of their own.

``newsledger extract`` runs only these. Its worker processes import the module that defines their
pipeline, so keeping these stages apart from the language stages spares every worker the import of
spaCy and the claims models (about a second each, a fifth of a run over a few hundred pages).
"""

from __future__ import annotations

from newsledger.clean.article_builder import build_article
from newsledger.ingest.reading import read_unit
from newsledger.pipeline.stage import ArticleState, Pipeline, Stage


def _read(state: ArticleState) -> None:
    state.document = read_unit(state.unit)


def _clean(state: ArticleState) -> None:
    assert state.document is not None
    state.article = build_article(state.document)


def reading_stages() -> list[Stage]:
    return [
        Stage("read", _read, needs=frozenset({"unit"}), adds=frozenset({"document"})),
        Stage("clean", _clean, needs=frozenset({"document"}), adds=frozenset({"article"})),
    ]


def extraction_pipeline() -> Pipeline:
    """Ingest and clean only: what ``newsledger extract`` runs."""
    return Pipeline(reading_stages())
