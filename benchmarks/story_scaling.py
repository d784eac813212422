"""Per-article cost of the stories stage as the corpus grows to 1k, 10k and 100k articles: it must stay flat.

    .venv/bin/python benchmarks/story_scaling.py                        # 1k, 10k, 100k
    .venv/bin/python benchmarks/story_scaling.py --sizes 1000 10000 --json out.json

One store grows through the sizes. The articles are synthetic and written straight into the store
(articles, mentions, time expressions), without the per-article stages, so only the stories stage is
timed. Each belongs to one of about ``N / 20`` synthetic stories (stories follow one another in time): its entities come from its story's pool of
names plus common ones shared by all stories, its days lie near its story's day.
Numbers in the texts (article and story numbers) are spelled in words of fixed length, so a text
costs the model the same at article 100,000 as at article 1,000.

Vectors are synthetic too, and precomputed: an article's vector is its story's random unit centre plus
Gaussian noise, renormalised, handed to the stage by a stand-in embedder that looks the article up by
its title. That keeps the stories' shape known at every size. While the probe articles are placed, the
stand-in also runs the packaged embedding model on the very texts the stage asks it to embed (title and
a lead of about 600 characters, as for a real article) and throws the result away, so the probe pays
the real model's cost and ``ms_per_article`` is the stage's whole cost per added article. The model's
share is reported too (``embed_ms``), and ``ms_without_embedding`` is what is left: reading an
article's features, the nearest-neighbour search, the pair scores, the index insertion and the
writes, i.e. everything that could grow with the corpus. ``--no-model`` leaves the model out.

For each size the script first grows the corpus to that size (``grow``), then adds ``--probe`` more
articles in ``--blocks`` equal blocks and reports their time per article (the median block, and the
spread of the blocks as the noise of the measurement). One stage instance does all of it, as
in one long run or a server taking articles: its nearest-neighbour index is built once and then only
grows, so the probe times exactly the per-article work. A fresh stage instance then times rebuilding
that index from the stored vectors (``rebuild_s``: what each new run pays once, not per article).
Timing the probe directly matters at 100k: subtracting a 30 s rebuild from the probe run's total, as an
earlier version did, left a second of noise over 500 articles, i.e. 2 ms per article.
Peak RSS is the process's high-water mark after each size.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import insert

from newsledger.corpus.stage import run_corpus_stages
from newsledger.corpus.stories import Stories
from newsledger.ids import record_id
from newsledger.store import Store, schema
from newsledger.stories.embeddings import Embedder, load_embedder

DIMENSION = 384
STORY_SIZE = 20
NOISE = 0.045  # per dimension: a member's cosine to its story centre is about 0.5, like real coverage
COMMON_ENTITIES = [f"common-{i}" for i in range(50)]
FILLER = tuple(
    [
        "officials",
        "said",
        "the",
        "government",
        "would",
        "review",
        "the",
        "plan",
        "after",
        "talks",
        "with",
        "local",
        "leaders",
        "on",
        "Monday",
        "while",
        "critics",
        "warned",
        "that",
        "the",
        "decision",
        "could",
        "affect",
        "thousands",
        "of",
        "residents",
        "and",
        "called",
        "for",
        "an",
        "independent",
        "inquiry",
        "into",
        "how",
        "the",
        "figures",
        "were",
        "reached",
        "before",
        "any",
        "further",
        "steps",
        "are",
        "taken",
        "in",
        "the",
        "region",
    ]
)
"""Words of the synthetic bodies: ordinary English, so the model reads about as many tokens as in a
real lead."""
CODE_WORDS = tuple(
    [
        "north",
        "south",
        "river",
        "green",
        "stone",
        "light",
        "water",
        "house",
        "field",
        "tower",
        "plain",
        "coast",
        "ridge",
        "cloud",
        "maple",
        "cedar",
    ]
)
"""Digits for writing numbers in the synthetic texts: each is one token to the model and five letters."""
CODE_LENGTH = 5


def spelled(n: int) -> str:
    """``n`` written in CODE_WORDS, always CODE_LENGTH words long. Numbers in digits would make the
    texts of article 100,000 some six tokens longer than those of article 1,000, and the probe at 100k
    would pay the model about 5% more for that alone (measured: 121.5 against 127.0 tokens a lead)."""
    words = []
    for _ in range(CODE_LENGTH):
        n, digit = divmod(n, len(CODE_WORDS))
        words.append(CODE_WORDS[digit])
    if n:
        raise ValueError("number too large to spell")
    return " ".join(reversed(words))


class SyntheticCorpus:
    """Articles of synthetic stories, with their vectors, reproducible from ``seed``."""

    def __init__(self, *, seed: int = 7) -> None:
        self.seed = seed
        self.vectors: dict[str, npt.NDArray[np.float32]] = {}

    def _centre(self, story: int) -> npt.NDArray[np.float32]:
        rng = np.random.default_rng([self.seed, story])
        v = rng.standard_normal(DIMENSION).astype(np.float32)
        return v / np.linalg.norm(v)

    def article(self, n: int) -> tuple[dict[str, Any], list[str], int]:
        """Row, entity ids and day of article ``n``."""
        rng = random.Random(n * 7919 + self.seed)
        # Stories follow one another: each gets about STORY_SIZE articles, spread over the arrivals of
        # ten times as many, so at any size the corpus has about size / STORY_SIZE stories.
        story = (n + rng.randrange(10 * STORY_SIZE)) // STORY_SIZE
        base_day = 736_000 + story * 3
        names = [f"{spelled(story)}-name{k}" for k in rng.sample(range(8), 3)] + rng.sample(
            COMMON_ENTITIES, 2
        )
        words = [FILLER[(n + 3 * k) % len(FILLER)] for k in range(110)]
        text = (
            f"Synthetic report {spelled(n)} on story {spelled(story)}. "
            + " ".join(names)
            + ". "
            + " ".join(words)
        )
        title = f"Story {spelled(story)}: report {spelled(n)}"
        article_id = record_id("a", n)[:16]
        noise = np.random.default_rng([self.seed, n, 1]).standard_normal(DIMENSION).astype(np.float32) * NOISE
        v = self._centre(story) + noise
        self.vectors[title] = (v / np.linalg.norm(v)).astype(np.float32)
        row = {
            "id": article_id,
            "source": f"synthetic:{n}",
            "title": title,
            "authors": "[]",
            "published_inferred": False,
            "published_date": None,
            "text": text,
            "removed": "[]",
            "raw_map": "[]",
            "analysis_version": "synthetic",
        }
        return row, names, base_day + rng.randrange(3)


class LookupEmbedder:
    """Hands the stage each article's precomputed vector, looked up by its title (the text the stage
    embeds starts with it). With ``model`` set and ``timing`` on, it also runs that model on the same
    texts, so the stage pays the real embedding cost; ``seconds`` sums that cost."""

    name = "synthetic"
    dimension = DIMENSION

    def __init__(self, corpus: SyntheticCorpus, model: Embedder | None = None) -> None:
        self.corpus = corpus
        self.model = model
        self.timing = False
        self.seconds = 0.0

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if self.model is not None and self.timing and texts:
            t0 = time.perf_counter()
            self.model.embed(texts)
            self.seconds += time.perf_counter() - t0
        return (
            np.stack([self.corpus.vectors[t.split(". ", 1)[0]] for t in texts])
            if texts
            else np.zeros((0, DIMENSION), np.float32)
        )


def store_articles(store: Store, corpus: SyntheticCorpus, start: int, stop: int) -> None:
    for first in range(start, stop, 2000):
        articles, mentions, times = [], [], []
        for n in range(first, min(stop, first + 2000)):
            row, names, day = corpus.article(n)
            articles.append(row)
            for k, name in enumerate(names):
                mentions.append(
                    {
                        "id": record_id("m", n, k),
                        "article_id": row["id"],
                        "entity_id": name,
                        "start": 0,
                        "end": 1,
                    }
                )
            iso = np.datetime64("0001-01-01") + np.timedelta64(day - 1, "D")
            times.append(
                {
                    "id": record_id("t", n),
                    "article_id": row["id"],
                    "start": 0,
                    "end": 1,
                    "text": "day",
                    "value": str(iso),
                    "precision": "day",
                    "relative": False,
                }
            )
        with store.engine.begin() as conn:
            conn.execute(insert(schema.articles), articles)
            conn.execute(insert(schema.mentions), mentions)
            conn.execute(insert(schema.time_expressions), times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--probe", type=int, default=2000, help="articles timed at each size")
    parser.add_argument("--blocks", type=int, default=4, help="probe blocks (their spread is the noise)")
    parser.add_argument("--no-model", action="store_true", help="leave the embedding model out")
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--profile", action="store_true", help="print where the last probe's time went")
    args = parser.parse_args(argv)
    corpus = SyntheticCorpus()
    embedder = LookupEmbedder(corpus, None if args.no_model else load_embedder())
    block = max(1, args.probe // args.blocks)
    results = []
    with tempfile.TemporaryDirectory(prefix="newsledger-stories-bench-") as tmp:
        store = Store.open(Path(tmp) / "ledger.db")
        stage = Stories(embedder=embedder)
        have = 0
        for size in args.sizes:
            t0 = time.perf_counter()
            store_articles(store, corpus, have, size)
            run_corpus_stages(store, [stage])
            grow = time.perf_counter() - t0
            profiler = cProfile.Profile() if args.profile and size == args.sizes[-1] else None
            totals, embeds, placed = [], [], 0
            for first in range(size, size + block * args.blocks, block):
                store_articles(store, corpus, first, first + block)
                embedder.timing, embedder.seconds = True, 0.0
                if profiler is not None:
                    profiler.enable()
                t1 = time.perf_counter()
                (run,) = run_corpus_stages(store, [stage])
                total = time.perf_counter() - t1
                if profiler is not None:
                    profiler.disable()
                embedder.timing = False
                totals.append(1000 * total / max(run.articles, 1))
                embeds.append(1000 * embedder.seconds / max(run.articles, 1))
                placed += run.articles
            if profiler is not None:
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(30)
            fresh = Stories(embedder=LookupEmbedder(corpus))
            fresh.run(store, [])
            have = size + block * args.blocks
            rest = [t - e for t, e in zip(totals, embeds, strict=True)]
            result = {
                "size": size,
                "probe_articles": placed,
                "ms_per_article": round(statistics.median(totals), 3),
                "block_spread_ms": [round(min(totals), 3), round(max(totals), 3)],
                "embed_ms": round(statistics.median(embeds), 3),
                "ms_without_embedding": round(statistics.median(rest), 3),
                "without_embedding_spread_ms": [round(min(rest), 3), round(max(rest), 3)],
                "rebuild_s": round(fresh.load_seconds, 2),
                "grow_s": round(grow, 1),
                "stories": store.count("stories"),
                "peak_rss_mb": round(peak_rss_mb()),
            }
            del fresh
            results.append(result)
            print(json.dumps(result), flush=True)
        store.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
