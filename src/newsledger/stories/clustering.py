"""Incremental story clustering: each new article joins the story it fits best, or starts one.

For a new article the vector index gives its ``neighbours`` nearest stored articles by text; each is
scored with ``pair_score`` (text, names, days, numbers), and a story's score is the best score of its
members among them (single link: a story that moves on over years is held together by its chain of
closely related reports, not by a centroid that drifts; scoring against story centroids and aggregated
names was tried on ECB+ and did no better). The article joins the best-scoring story when
that score reaches ``threshold``, else it starts a story of its own. Ties go to the smaller story id.

Nothing is recomputed: the cost per article is one index search, ``neighbours`` pair scores and one
index insertion, whatever the corpus size. The outcome depends only on the order articles arrive in,
which the corpus stage fixes (article-id order); the same articles in the same order give the same
stories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsledger.ids import record_id
from newsledger.stories.features import StoryFeatures
from newsledger.stories.index import VectorIndex
from newsledger.stories.similarity import EntityWeights, StoryParams, pair_score

LABEL_MEMBERS = 256
"""Members looked at when choosing a story's label: its first ones, so a label is cheap to recompute
and does not churn as a long story grows."""

Vector = npt.NDArray[np.float32]


def story_id_for(article_id: str) -> str:
    """A story's id: a hash of the article that started it (stable across runs and machines)."""
    return record_id("story", article_id)


@dataclass(frozen=True)
class Placement:
    article_id: str
    story_id: str
    score: float
    new_story: bool


class StoryClusterer:
    """The in-memory state of story clustering: the vector index and who belongs where."""

    def __init__(self, dimension: int, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.index = VectorIndex(dimension)
        self.features: list[StoryFeatures] = []
        self.story_at: list[str] = []
        self.members: dict[str, list[int]] = {}
        self.weights = EntityWeights()

    def __len__(self) -> int:
        return len(self.features)

    def place(self, features: StoryFeatures, vector: Vector) -> Placement:
        """Decide the story of a new article and add it (see the module docstring)."""
        story, score = self.best_story(features, vector)
        if story is None or score < self.params.threshold:
            placement = Placement(features.article_id, story_id_for(features.article_id), score, True)
        else:
            placement = Placement(features.article_id, story, score, False)
        self.add(features, vector, placement.story_id)
        return placement

    def best_story(self, features: StoryFeatures, vector: Vector) -> tuple[str | None, float]:
        """The best-scoring story among the article's nearest neighbours, and its score."""
        found = self.index.search(vector, self.params.neighbours)
        if not found:
            return None, float("-inf")
        own = self.weights.vector(features.entities)
        best: dict[str, float] = {}
        for position, cosine in found:
            other = self.features[position]
            score = pair_score(cosine, features, other, own, self.weights.vector(other.entities), self.params)
            story = self.story_at[position]
            if score > best.get(story, float("-inf")):
                best[story] = score
        story, score = min(best.items(), key=lambda kv: (-kv[1], kv[0]))
        return story, score

    def add(self, features: StoryFeatures, vector: Vector, story_id: str) -> None:
        """Add an article already placed in ``story_id`` (a new one, or one reloaded from the store)."""
        position = self.index.add(vector)
        self.features.append(features)
        self.story_at.append(story_id)
        self.members.setdefault(story_id, []).append(position)
        self.weights.add(features.entities)

    def label(self, story_id: str) -> str:
        """The title of the story's most central member (nearest the mean of its members' vectors)."""
        positions = self.members.get(story_id, [])[:LABEL_MEMBERS]
        if not positions:
            return ""
        vectors = np.stack([self.index.vector(p) for p in positions])
        centre = vectors.mean(axis=0)
        scores = vectors @ centre
        best = min(range(len(positions)), key=lambda i: (-round(float(scores[i]), 6), positions[i]))
        return self.features[positions[best]].title or self.features[positions[best]].article_id


def cluster_all(
    items: Iterable[tuple[StoryFeatures, Vector]],
    *,
    dimension: int,
    params: StoryParams | None = None,
    index_factory: Callable[[int], VectorIndex] | None = None,
) -> dict[str, str]:
    """Place every article in order; return article id -> story id (for evaluation and tests)."""
    clusterer = StoryClusterer(dimension, params)
    if index_factory is not None:
        clusterer.index = index_factory(dimension)
    return {f.article_id: clusterer.place(f, v).story_id for f, v in items}
