"""The default corpus stages, in order. Later capabilities (stories, claim groups) add stages here,
after ``near_duplicates``: they count syndicated copies once, so they need ``duplicate_of`` first."""

from __future__ import annotations

from newsledger.corpus.compare import Compare
from newsledger.corpus.near_duplicates import NearDuplicates
from newsledger.corpus.stage import CorpusStage
from newsledger.corpus.stories import Stories


def default_corpus_stages() -> list[CorpusStage]:
    return [NearDuplicates(), Stories(), Compare()]
