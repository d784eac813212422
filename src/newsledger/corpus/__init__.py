"""Corpus stages: steps over the whole corpus, run incrementally after the per-article stages."""

from newsledger.corpus.default import default_corpus_stages
from newsledger.corpus.stage import CorpusStage, CorpusStageRun, run_corpus_stages

__all__ = ["CorpusStage", "CorpusStageRun", "default_corpus_stages", "run_corpus_stages"]
