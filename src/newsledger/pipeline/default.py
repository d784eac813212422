"""The default per-article stages, in order. Later capabilities add stages here."""

from __future__ import annotations

from newsledger.claims.baseline import extract_claims
from newsledger.clean.article_builder import build_article
from newsledger.ingest.reading import read_unit
from newsledger.language.sentences import split_sentences
from newsledger.pipeline.stage import ArticleState, Pipeline, Stage

PIPELINE_VERSION = "3"
"""Bump whenever a stage's output for the same input changes: stored articles analysed by another
version are analysed again on the next run, and nothing else is."""


def _read(state: ArticleState) -> None:
    state.document = read_unit(state.unit)


def _clean(state: ArticleState) -> None:
    assert state.document is not None
    state.article = build_article(state.document)


def _sentences(state: ArticleState) -> None:
    assert state.article is not None
    state.sentences = split_sentences(state.article.text, state.article.id)


def _claims(state: ArticleState) -> None:
    assert state.article is not None and state.sentences is not None
    state.claims = extract_claims(state.article, state.sentences)


def default_stages() -> list[Stage]:
    return [
        Stage("read", _read, needs=frozenset({"unit"}), adds=frozenset({"document"})),
        Stage("clean", _clean, needs=frozenset({"document"}), adds=frozenset({"article"})),
        Stage("sentences", _sentences, needs=frozenset({"article"}), adds=frozenset({"sentences"})),
        Stage("claims", _claims, needs=frozenset({"article", "sentences"}), adds=frozenset({"claims"})),
    ]


def extraction_pipeline() -> Pipeline:
    """Ingest and clean only: what ``newsledger extract`` runs."""
    return Pipeline(default_stages()[:2])


def default_pipeline() -> Pipeline:
    return Pipeline(default_stages())
