"""Stages declared with what they need and add, checked once, run by a runner that owns errors and timing."""

from newsledger.pipeline.stage import ArticleState, Pipeline, Stage

__all__ = ["ArticleState", "Pipeline", "Stage"]
