"""The default corpus stages, in order: duplicates first (stories and corroboration count syndicated
copies once), then stories, then claim groups and contradictions, then stances toward each story's
central claims (the most corroborated groups, so they come last)."""

from __future__ import annotations

from newsledger.corpus.compare import Compare
from newsledger.corpus.near_duplicates import NearDuplicates
from newsledger.corpus.stage import CorpusStage
from newsledger.corpus.stances import StoryStances
from newsledger.corpus.stories import Stories


def default_corpus_stages() -> list[CorpusStage]:
    return [NearDuplicates(), Stories(), Compare(), StoryStances()]
