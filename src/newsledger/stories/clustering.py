"""Incremental story clustering: each new article joins the story it fits best, or starts one.

For a new article the vector index gives its ``neighbours`` nearest stored articles by text; each is
scored with ``pair_score`` (text, names, days, numbers). Every pair scoring at least ``threshold`` is a
link, and stories are the connected components of the links (single link: a story that moves on over
years is held together by its chain of closely related reports, not by a centroid that drifts; scoring
against story centroids and aggregated names was tried on ECB+ and did no better). A new article that
links two stories joins them. Because links, component membership, story ids (named after their
smallest article id) and labels are properties of the article set, not of arrival order, a corpus
that arrives piecemeal ends with the same stories as one analysed at once, as long as each article's
linked neighbours are among the ``neighbours`` nearest it finds (true unless a region of the corpus
holds more than that many near-identical articles).

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
from newsledger.stories.similarity import StoryParams, entity_vector, pair_score

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
    renamed: tuple[str, ...] = ()
    """Stories merged into ``story_id`` by this article (their ids are gone)."""


class StoryClusterer:
    """The in-memory state of story clustering: the vector index and who belongs where."""

    def __init__(self, dimension: int, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.index = VectorIndex(dimension)
        self.features: list[StoryFeatures] = []
        self.story_at: list[str] = []
        self.members: dict[str, list[int]] = {}
        self.first: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.features)

    def place(self, features: StoryFeatures, vector: Vector, *, joins: Iterable[str] = ()) -> Placement:
        """Add a new article: it links every story with a member scoring at least ``threshold`` (and
        the stories in ``joins``, e.g. its syndicated copies'), and they become one story."""
        scores = self.story_scores(features, vector)
        best = max(scores.values(), default=float("-inf"))
        linked = {s for s, v in scores.items() if v >= self.params.threshold} | set(joins)
        own = story_id_for(features.article_id)
        self.add(features, vector, own)
        story, renamed = self.merge(sorted(linked | {own}))
        return Placement(features.article_id, story, best, not linked, tuple(r for r in renamed if r != own))

    def story_scores(self, features: StoryFeatures, vector: Vector) -> dict[str, float]:
        """Best pair score per story among the article's nearest neighbours."""
        own = entity_vector(features.entities)
        best: dict[str, float] = {}
        for position, cosine in self.index.search(vector, self.params.neighbours):
            other = self.features[position]
            score = pair_score(cosine, features, other, own, entity_vector(other.entities), self.params)
            story = self.story_at[position]
            if score > best.get(story, float("-inf")):
                best[story] = score
        return best

    def add(self, features: StoryFeatures, vector: Vector, story_id: str) -> None:
        """Add an article already placed in ``story_id`` (a new one, or one reloaded from the store)."""
        position = self.index.add(vector)
        self.features.append(features)
        self.story_at.append(story_id)
        self.members.setdefault(story_id, []).append(position)
        first = self.first.get(story_id)
        if first is None or features.article_id < first:
            self.first[story_id] = features.article_id

    def merge(self, stories: list[str]) -> tuple[str, list[str]]:
        """Join ``stories`` into one, named after its smallest article id; return it and the old ids
        that were renamed. Named by a property of the member set, a story's id does not depend on the
        order its articles came in; a rename costs the size of the renamed stories."""
        target = story_id_for(min(self.first[s] for s in stories))
        renamed = [s for s in stories if s != target]
        for old in renamed:
            positions = self.members.pop(old)
            for position in positions:
                self.story_at[position] = target
            self.members.setdefault(target, []).extend(positions)
            first = self.first.pop(old)
            if target not in self.first or first < self.first[target]:
                self.first[target] = first
        return target, renamed

    def label(self, story_id: str) -> str:
        """The title of the story's most central member (nearest the mean of its members' vectors),
        among its ``LABEL_MEMBERS`` smallest article ids, so the label depends only on the members."""
        positions = sorted(self.members.get(story_id, []), key=lambda p: self.features[p].article_id)
        positions = positions[:LABEL_MEMBERS]
        if not positions:
            return ""
        vectors = np.stack([self.index.vector(p) for p in positions])
        centre = vectors.mean(axis=0)
        scores = vectors @ centre
        best = min(
            range(len(positions)),
            key=lambda i: (-round(float(scores[i]), 5), self.features[positions[i]].article_id),
        )
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
    for f, v in items:
        clusterer.place(f, v)
    # Read the stories at the end: a later article may have merged an earlier one's story.
    return {f.article_id: story for f, story in zip(clusterer.features, clusterer.story_at, strict=True)}
