"""The ``framing`` pipeline stage: persuasion-technique spans of each article, with their scores.

Stance is not here: it is taken toward a story's central claims, which only exist once the corpus
stages have grouped articles into stories (``corpus/stances.py``).
"""

from __future__ import annotations

from newsledger.framing.propaganda import find_techniques
from newsledger.ids import record_id
from newsledger.pipeline.stage import ArticleState
from newsledger.records import FramingSpan


def framing_one(state: ArticleState) -> None:
    a = state.article
    assert a is not None
    state.framing = [
        FramingSpan(
            id=record_id("f", a.id, t.start, t.end, t.technique),
            article_id=a.id,
            start=t.start,
            end=t.end,
            technique=t.technique,
            score=round(float(t.score), 4),
        )
        for t in find_techniques(a.text)
    ]
