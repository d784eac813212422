"""Word clusters for the cue tagger: rarer cue words borrow evidence from common ones.

Belief and attitude predicates ("disdain", "illustrate", "contend") are each too rare in PolNeAR
for a weight of their own, but their MiniLM vectors sit near words that are seen often. The training
script groups about 55k word types (spaCy's vocabulary plus PolNeAR train) by k-means over those
vectors at three granularities and ships the table; at run time a word's clusters are a lookup.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
CLUSTER_FILE = "word_clusters.npz"
GRANULARITIES = (64, 256, 1024)


@lru_cache(maxsize=4)
def cluster_table(path: Path = DATA / CLUSTER_FILE) -> dict[str, tuple[int, ...]]:
    """Lower-cased word -> its cluster id at each granularity (empty when the file is missing)."""
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as data:
        words = [str(w) for w in data["words"]]
        ids = data["ids"].astype(np.int64).tolist()
    return {w: tuple(row) for w, row in zip(words, ids, strict=True)}


def save_table(path: Path, words: list[str], ids: np.ndarray) -> None:
    np.savez_compressed(path, words=np.array(words, dtype=str), ids=ids.astype(np.uint16))
    cluster_table.cache_clear()
