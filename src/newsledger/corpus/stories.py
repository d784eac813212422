"""The stories corpus stage: every article joins a story (one evolving real-world happening, across
outlets and years) or starts one, incrementally, at a flat cost per article.

How it works is in ``newsledger.stories`` (features, similarity, clustering); this module keeps the
stage's state in the store:

- ``story_vectors``: per clustered article, its embedding, the features it was scored with and its
  ``position`` (the order it was added in). The nearest-neighbour index is *rebuilt* from these rows
  when a stage instance first runs, rather than stored as faiss bytes: the rows are written in the
  same transaction as the article's story, so they can never disagree with the ledger; they work the
  same on SQLite and PostgreSQL; and writing a serialised index after each batch would cost the whole
  index size per batch, growing with the corpus. Rebuilding costs one pass over the rows per run
  (about ``N log N``, once, not per article). Adding the vectors in ``position`` order gives the very
  graph an uninterrupted run has, so a resumed run places articles exactly as one run would.
- ``stories`` (id, label) and ``story_articles`` (story id, article id): the result, read by the report,
  the web app and the comparison stage. A story's id is a hash of the article that started it; its
  label is the title of its most central article.

Articles marked ``duplicate_of`` (syndicated copies) are clustered like any other (a copy scores
high against its original anyway) and are also linked to their canonical copy's story, and a canonical
copy to its copies' stories, whatever the scores say.

Stories are connected components of links between articles (see ``newsledger.stories.clustering``),
named after their smallest article id, so they do not depend on batch boundaries or on the order the
articles arrived in, across runs too; when an article links two stories they merge, and the members of
the renamed one are moved (a cost of that story's size, paid rarely).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import Connection, delete, func, insert, select, update

from newsledger.corpus.stage import record_progress
from newsledger.store import schema
from newsledger.stories.clustering import StoryClusterer
from newsledger.stories.embeddings import Embedder, load_embedder
from newsledger.stories.features import StoryFeatures, read_features
from newsledger.stories.similarity import StoryParams

if TYPE_CHECKING:
    from newsledger.store import Store


class Stories:
    """The stories corpus stage (see the module docstring)."""

    name = schema.STORIES_STAGE
    version = "1"

    def __init__(self, *, embedder: Embedder | None = None, params: StoryParams | None = None) -> None:
        self._embedder = embedder
        self.params = params or StoryParams()
        self._clusterer: StoryClusterer | None = None
        self._story_of: dict[str, str] = {}
        self._next_position = 0
        self.load_seconds = 0.0
        self.counts = {"articles": 0, "clustered": 0, "copies": 0, "new_stories": 0, "rebuilt": 0}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder()
        return self._embedder

    # --- the stage protocol -------------------------------------------------------------------------

    def run(self, store: Store, article_ids: Sequence[str]) -> None:
        try:
            if self._clusterer is None:
                started = time.perf_counter()
                self._load(store)
                self.load_seconds += time.perf_counter() - started
            with store.engine.begin() as conn:
                touched = self._place_all(conn, sorted(article_ids))
                self._write_labels(conn, touched)
                record_progress(conn, stage=self.name, version=self.version, article_ids=article_ids)
        except BaseException:
            # The transaction rolled back: forget the in-memory state, the next run reloads it.
            self._clusterer = None
            raise

    def reset(self, store: Store) -> None:
        p = schema.corpus_progress
        with store.engine.begin() as conn:
            conn.execute(delete(schema.story_articles))
            conn.execute(delete(schema.stories))
            conn.execute(delete(schema.story_vectors))
            conn.execute(delete(p).where(p.c.stage == self.name))
        self._clusterer = None

    # --- state --------------------------------------------------------------------------------------

    def _load(self, store: Store) -> None:
        """Tidy what removed or re-queued articles left behind, then rebuild the in-memory state."""
        a, p, v = schema.articles, schema.corpus_progress, schema.story_vectors
        sa, st = schema.story_articles, schema.stories
        done = select(p.c.article_id).where(p.c.stage == self.name, p.c.version == self.version)
        with store.engine.begin() as conn:
            # An article removed, rewritten or re-queued: its membership goes and it is placed afresh.
            conn.execute(delete(sa).where(sa.c.article_id.not_in(done)))
            conn.execute(delete(v).where(v.c.article_id.not_in(done)))
            conn.execute(delete(sa).where(sa.c.article_id.not_in(select(a.c.id))))
            conn.execute(delete(st).where(st.c.id.not_in(select(sa.c.story_id))))
        clusterer = StoryClusterer(self.embedder.dimension, self.params)
        story_of: dict[str, str] = {}
        with store.engine.connect() as conn:
            story_of = {
                r.article_id: r.story_id for r in conn.execute(select(sa.c.article_id, sa.c.story_id))
            }
            rows = conn.execute(select(v.c.article_id, v.c.vector, v.c.features).order_by(v.c.position))
            for row in rows:
                vector = np.frombuffer(row.vector, dtype="<f4").astype(np.float32)
                if vector.shape[0] != clusterer.index.dimension:
                    raise ValueError(
                        "stored story vectors come from another embedding model; "
                        "run with the model that made them or start a new ledger"
                    )
                features = StoryFeatures.from_json(row.article_id, row.features)
                clusterer.add(features, vector, story_of[row.article_id])
                self.counts["rebuilt"] += 1
            last = conn.execute(select(func.max(v.c.position))).scalar()
        self._next_position = 0 if last is None else int(last) + 1
        self._story_of = story_of
        self._clusterer = clusterer

    # --- placing articles ---------------------------------------------------------------------------

    def _place_all(self, conn: Connection, ids: list[str]) -> set[str]:
        assert self._clusterer is not None
        features = read_features(conn, ids)
        todo = [i for i in ids if i in features and i not in self._story_of]
        vectors = self.embedder.embed([features[i].text for i in todo])
        touched: set[str] = set()
        for article_id, vector in zip(todo, vectors, strict=True):
            f = features[article_id]
            self.counts["articles"] += 1
            joins = self._copy_stories(conn, f)
            placement = self._clusterer.place(f, vector, joins=joins)
            self.counts["new_stories"] += int(placement.new_story)
            self.counts["copies"] += int(bool(f.duplicate_of))
            conn.execute(
                insert(schema.story_vectors).values(
                    article_id=article_id,
                    position=self._next_position,
                    model=self.embedder.name,
                    vector=np.asarray(vector, dtype="<f4").tobytes(),
                    features=f.to_json(),
                )
            )
            self._next_position += 1
            for old in placement.renamed:
                self._rename(conn, old, placement.story_id)
                touched.discard(old)
            self._join(conn, article_id, placement.story_id)
            touched.add(placement.story_id)
        return touched

    def _copy_stories(self, conn: Connection, f: StoryFeatures) -> set[str]:
        """Stories a copy must join whatever its score: its canonical copy's, and its own copies'."""
        a = schema.articles
        related = set(conn.execute(select(a.c.id).where(a.c.duplicate_of == f.article_id)).scalars())
        if f.duplicate_of:
            related.add(f.duplicate_of)
        return {self._story_of[r] for r in related if r in self._story_of}

    def _rename(self, conn: Connection, old: str, new: str) -> None:
        """Move the members of a story merged into another (the story-id-first key makes this a range)."""
        sa, st = schema.story_articles, schema.stories
        members = list(conn.execute(select(sa.c.article_id).where(sa.c.story_id == old)).scalars())
        conn.execute(delete(sa).where(sa.c.story_id == old))
        conn.execute(delete(st).where(st.c.id == old))
        if conn.execute(select(st.c.id).where(st.c.id == new)).first() is None:
            conn.execute(insert(st).values(id=new, label=""))
        if members:
            conn.execute(insert(sa), [{"story_id": new, "article_id": m} for m in members])
        for m in members:
            self._story_of[m] = new

    def _join(self, conn: Connection, article_id: str, story_id: str) -> None:
        sa, st = schema.story_articles, schema.stories
        if conn.execute(select(st.c.id).where(st.c.id == story_id)).first() is None:
            conn.execute(insert(st).values(id=story_id, label=""))
        conn.execute(insert(sa).values(story_id=story_id, article_id=article_id))
        self._story_of[article_id] = story_id

    def _write_labels(self, conn: Connection, stories: set[str]) -> None:
        assert self._clusterer is not None
        st = schema.stories
        for story_id in sorted(stories):
            conn.execute(update(st).where(st.c.id == story_id).values(label=self._clusterer.label(story_id)))
