"""The ``framing`` pipeline stage: persuasion-technique spans of each article, with their scores.

Stance is not here: it is taken toward a story's central claims, which only exist once the corpus
stages have grouped articles into stories (``corpus/stances.py``).
"""

from __future__ import annotations

from newsledger.framing.propaganda import TechniqueSpan, find_techniques_batch
from newsledger.ids import record_id
from newsledger.pipeline.stage import ArticleState
from newsledger.records import FramingSpan


def framing_one(state: ArticleState) -> None:
    framing_batch([state])


def framing_batch(states: list[ArticleState]) -> None:
    """One MiniLM pass over the sentences of a whole chunk of articles (batched encoding is faster)."""
    texts = []
    for state in states:
        assert state.article is not None
        texts.append(state.article.text)
    for state, found in zip(states, find_techniques_batch(texts), strict=True):
        assert state.article is not None
        state.framing = _records(state.article.id, found)


def _records(article_id: str, found: list[TechniqueSpan]) -> list[FramingSpan]:
    return [
        FramingSpan(
            id=record_id("f", article_id, t.start, t.end, t.technique),
            article_id=article_id,
            start=t.start,
            end=t.end,
            technique=t.technique,
            score=round(float(t.score), 4),
        )
        for t in found
    ]
