"""Near-duplicate articles: syndicated copies and reposts, linked to one canonical copy.

Identical bodies already share an article id (the id hashes the normalised text). This stage finds the
copies that differ a little: an aggregator's repost with a header or a "this article first appeared on"
footer, a syndicated copy with a few words changed. Corroboration must count such copies once, so each
gets ``duplicate_of`` = the id of its group's canonical copy.

How, and why it stays cheap as the corpus grows:

- Text: the normalised clean body (``ids.normalise_for_id``: NFKC, case-folded, quotes folded) split
  into words; punctuation and layout are ignored. Shingles are runs of ``SHINGLE_WORDS`` (4) words,
  hashed to 64 bits (two distinct shingles of one corpus colliding is negligibly likely).
- MinHash (``NUM_PERM`` = 256 multiply-shift hash functions, numpy) turns the shingle set into a
  signature; LSH banding (``BANDS`` = 64 bands of ``BAND_ROWS`` = 4 rows) turns that into band keys,
  stored in ``near_duplicate_bands``. A new article's candidates are the articles sharing one of its 64
  band keys: an indexed lookup, whatever the corpus size. Two articles with Jaccard similarity ``s``
  share a band with probability ``1 - (1 - s**4)**64``: 0.99 at ``s`` = 0.51 (the least similar pair the
  test below can link), 0.10 at 0.2, 4e-4 at 0.05 and 5e-5 at 0.03, the most that any two distinct
  articles of the demo corpus and the seeds share; unrelated articles rarely even become candidates.
- Candidates are screened with their stored signatures and shingle counts: one whose estimated
  Jaccard is more than ``SCREEN_MARGIN`` (0.15, about five standard deviations of the estimate) below
  the least the exact test could accept for that pair of sizes is not read. The rest are verified
  exactly on the shingle sets, so LSH and the screen can only cost time, never make a false link.
- A pair is linked when the Jaccard similarity of their shingle sets is at least ``JACCARD_MIN`` (0.8), or
  when the shorter's shingles lie at least ``CONTAINMENT_MIN`` (0.9) inside the longer's and it has at
  least ``SIZE_RATIO_MIN`` (0.6) of the longer's shingles. Why these: one edited word changes up to four
  shingles, so a 300-word copy with a header line, a footer line and three words edited keeps about
  0.8 Jaccard and 0.9 containment, while different articles, even on one story, share quotes and stock
  phrases, not most of their 4-word runs (at most 0.03 in the demo corpus and the seeds). Jaccard
  alone misses a repost that adds a long footer or an editor's note (all of the original is there, but
  Jaccard falls with each added line); containment catches it, and the size ratio stops a short wire
  brief quoted whole inside a long analysis from counting as a copy of it.

Groups are the connected components of the verified links, and the canonical copy of a group is its
member with the smallest ``canonical_key``: a stated published date first (earliest), then the shortest
text (a repost adds furniture more often than it cuts), then the smallest id. Both are properties of the
set of articles, not of arrival order, so a killed and resumed run, or a corpus analysed in another
order, ends with the same ``duplicate_of`` everywhere. Chains stay flat: every copy points at the
canonical copy, and when a new article becomes the canonical one the whole group is repointed.

Each link is found when the later of its two articles is processed (the earlier one's band keys are
stored by then), so the set of links, and with it the groups, does not depend on the order either.
Once a new article has joined a group no other member of it is verified, so its cost depends on how
many stored articles resemble it (its near-copies and their groups), not on the corpus size.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, delete, func, insert, select, update

from newsledger.corpus.compare import requeue
from newsledger.corpus.stage import record_progress
from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store import Store

Shingles = npt.NDArray[np.uint64]
Signature = npt.NDArray[np.uint32]

SHINGLE_WORDS = 4
NUM_PERM = 256
BAND_ROWS = 4
BANDS = NUM_PERM // BAND_ROWS
JACCARD_MIN = 0.8
CONTAINMENT_MIN = 0.9
SIZE_RATIO_MIN = 0.6
SCREEN_MARGIN = 0.15

_WORD = re.compile(r"\w+")
_SHINGLE_BASE = np.uint64(0x100000001B3)  # FNV-1a prime: odd, so the rolling combination loses nothing
_CHUNK = 2048  # shingles per MinHash block: bounds the (NUM_PERM x block) temporary to 4 MiB


def _parameters(count: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """Multiplier (odd) and offset of each MinHash function, from SHA-256 so that they never change with
    the numpy version or the machine: the band keys stored by one run must match the next run's."""
    mult, add = [], []
    for i in range(count):
        raw = hashlib.sha256(f"newsledger-minhash-{i}".encode()).digest()
        mult.append(int.from_bytes(raw[:8], "little") | 1)
        add.append(int.from_bytes(raw[8:16], "little"))
    return np.array(mult, dtype=np.uint64), np.array(add, dtype=np.uint64)


_MULT, _ADD = _parameters(NUM_PERM)


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _mix(z: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser: spreads the rolling combination's bits over all 64 bits."""
    z = z ^ (z >> np.uint64(30))
    z = z * np.uint64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> np.uint64(27))
    z = z * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def shingles(text: str) -> Shingles:
    """The sorted, distinct 64-bit hashes of the text's ``SHINGLE_WORDS``-word runs.

    A text shorter than one run is one shingle of all its words; a text without words has none.
    Word hashes are combined with wrapping uint64 arithmetic (numpy arrays wrap silently).
    """
    # The words of ``normalise_for_id(text)``: its quote and whitespace folding cannot change a \w+ run.
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))
    runs = len(words) - width + 1
    combined = np.zeros(runs, dtype=np.uint64)
    for i in range(width):
        combined = combined * _SHINGLE_BASE + hashes[i : i + runs]
    return np.unique(_mix(combined))


def minhash(values: Shingles) -> Signature:
    """The MinHash signature: per hash function, the least 32-bit multiply-shift hash over the shingles."""
    signature = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, values.size, _CHUNK):
        block = values[start : start + _CHUNK]
        hashed = (_MULT[:, None] * block[None, :] + _ADD[:, None]) >> np.uint64(32)
        signature = np.minimum(signature, hashed.min(axis=1).astype(np.uint32))
    return signature


def band_keys(signature: Signature) -> list[int]:
    """One signed 64-bit key per band (the band's number is hashed in, so bands never collide)."""
    raw = signature.astype("<u4")
    keys = []
    for band in range(BANDS):
        rows = raw[band * BAND_ROWS : (band + 1) * BAND_ROWS].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + rows, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def is_near_duplicate(a: Shingles, b: Shingles) -> bool:
    """The exact test on two shingle sets (thresholds justified in the module docstring)."""
    if a.size == 0 or b.size == 0:
        return False
    shared = np.intersect1d(a, b, assume_unique=True).size
    if shared / (a.size + b.size - shared) >= JACCARD_MIN:
        return True
    small, large = sorted((a.size, b.size))
    return small >= SIZE_RATIO_MIN * large and shared / small >= CONTAINMENT_MIN


def min_linkable_jaccard(size: float, others: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The least Jaccard similarity at which ``is_near_duplicate`` can hold, given the shingle counts.

    With sizes ``m <= n`` and containment ``c``, Jaccard is ``c*m / (n + (1-c)*m)``; the containment rule
    needs ``c >= CONTAINMENT_MIN`` and ``m >= SIZE_RATIO_MIN * n``, so it can link at a lower Jaccard
    than ``JACCARD_MIN`` only when the sizes are close enough; otherwise only ``JACCARD_MIN`` can.
    """
    small = np.minimum(others, size)
    large = np.maximum(others, size)
    through_containment = CONTAINMENT_MIN * small / (large + (1 - CONTAINMENT_MIN) * small)
    possible = small >= SIZE_RATIO_MIN * large
    return np.where(possible, np.minimum(JACCARD_MIN, through_containment), JACCARD_MIN)


def canonical_key(row: Any) -> tuple[bool, str, int, str]:
    """Sort key of a group's members; the smallest is the canonical copy.

    ``row`` has ``published_date``, ``published_inferred``, ``length`` (of the clean text) and ``id``.
    Stated dates come first and compare as ISO strings (a less precise date sorts before a more precise
    one on the same day or month); an inferred date is no evidence of who published first.
    """
    undated = row.published_date is None or bool(row.published_inferred)
    return (undated, "" if undated else row.published_date, int(row.length), row.id)


class NearDuplicates:
    """The near-duplicate corpus stage (see the module docstring)."""

    name = schema.DUPLICATES_STAGE
    version = "1"

    def __init__(self, *, cache_bytes: int = 64 << 20) -> None:
        # Shingle sets by article id, least recently used dropped first. An id is a hash of the text, so
        # a cached set is never stale. Candidates recur (a story's articles meet each other again and
        # again), and recomputing a set costs far more than checking it; the byte bound (a set takes
        # 8 bytes per word) keeps memory flat however large the corpus.
        self._cache: OrderedDict[str, Shingles] = OrderedDict()
        self._cache_bytes = cache_bytes
        self._cached_bytes = 0
        # What the work was, for benchmarks: these counts, unlike timings, do not depend on the machine.
        self.counts = {"articles": 0, "candidates": 0, "verified": 0}

    def run(self, store: Store, article_ids: Sequence[str]) -> None:
        with store.engine.begin() as conn:
            for article_id in sorted(article_ids):
                self._process(conn, article_id)
            record_progress(conn, stage=self.name, version=self.version, article_ids=article_ids)

    def reset(self, store: Store) -> None:
        a, p = schema.articles, schema.corpus_progress
        with store.engine.begin() as conn:
            for table in schema.CORPUS_ARTICLE_STATE:
                conn.execute(delete(table))
            conn.execute(update(a).where(a.c.duplicate_of.is_not(None)).values(duplicate_of=None))
            conn.execute(delete(p).where(p.c.stage == self.name))
        self._cache.clear()
        self._cached_bytes = 0

    # --- one article --------------------------------------------------------------------------------

    def _process(self, conn: Connection, article_id: str) -> None:
        a, bands, sigs = schema.articles, schema.near_duplicate_bands, schema.near_duplicate_signatures
        row = conn.execute(select(a.c.text, a.c.duplicate_of).where(a.c.id == article_id)).first()
        if row is None:
            return
        own = self._shingles(article_id, row.text)
        self.counts["articles"] += 1
        # Re-queued after a group member was removed: its state is rebuilt, identical, from the same text.
        conn.execute(delete(bands).where(bands.c.article_id == article_id))
        conn.execute(delete(sigs).where(sigs.c.article_id == article_id))
        if own.size == 0:
            return
        signature = minhash(own)
        keys = sorted(set(band_keys(signature)))
        sharing = select(bands.c.article_id).where(
            bands.c.band_key.in_(keys), bands.c.article_id != article_id
        )
        candidates = conn.execute(
            select(a.c.id, a.c.duplicate_of, sigs.c.shingles, sigs.c.signature)
            .join(sigs, sigs.c.article_id == a.c.id)
            .where(a.c.id.in_(sharing))
            .order_by(a.c.id)
        ).all()
        conn.execute(insert(bands), [{"band_key": k, "article_id": article_id} for k in keys])
        blob = signature.astype("<u4").tobytes()
        conn.execute(insert(sigs).values(article_id=article_id, shingles=int(own.size), signature=blob))
        self.counts["candidates"] += len(candidates)
        if not candidates:
            return
        theirs = np.frombuffer(b"".join(c.signature for c in candidates), dtype="<u4")
        estimate = (theirs.reshape(len(candidates), NUM_PERM) == signature).mean(axis=1)
        sizes = np.array([c.shingles for c in candidates], dtype=np.float64)
        worth = estimate >= min_linkable_jaccard(float(own.size), sizes) - SCREEN_MARGIN
        merged = {row.duplicate_of or article_id}
        for i in np.flatnonzero(worth).tolist():
            candidate = candidates[i]
            group = candidate.duplicate_of or candidate.id
            if group in merged:
                continue  # already in this article's group: linking again changes nothing
            self.counts["verified"] += 1
            if is_near_duplicate(own, self._stored_shingles(conn, candidate.id)):
                merged.add(group)
        if len(merged) > 1:
            _merge_groups(conn, sorted(merged))

    def _shingles(self, article_id: str, text: str) -> Shingles:
        cached = self._cache.get(article_id)
        if cached is not None:
            self._cache.move_to_end(article_id)
            return cached
        values = shingles(text)
        self._cache[article_id] = values
        self._cached_bytes += values.nbytes
        while self._cached_bytes > self._cache_bytes and len(self._cache) > 1:
            self._cached_bytes -= self._cache.popitem(last=False)[1].nbytes
        return values

    def _stored_shingles(self, conn: Connection, article_id: str) -> Shingles:
        cached = self._cache.get(article_id)
        if cached is not None:
            self._cache.move_to_end(article_id)
            return cached
        a = schema.articles
        text = conn.execute(select(a.c.text).where(a.c.id == article_id)).scalar_one()
        return self._shingles(article_id, text)


def _merge_groups(conn: Connection, canonicals: list[str]) -> None:
    """Join the groups headed by ``canonicals`` under the one with the smallest ``canonical_key``.

    Each canonical is the smallest of its own group, so the smallest of them is the smallest of the
    union. Repointing uses the index on ``duplicate_of``: it costs the size of the groups, not the corpus.
    """
    a = schema.articles
    query = select(
        a.c.id, a.c.published_date, a.c.published_inferred, func.length(a.c.text).label("length")
    ).where(a.c.id.in_(canonicals))
    winner = min(conn.execute(query), key=canonical_key).id
    moved: list[str] = []
    for old in canonicals:
        if old == winner:
            continue
        moved += conn.execute(select(a.c.id).where(a.c.duplicate_of == old)).scalars()
        moved.append(old)
        conn.execute(update(a).where(a.c.duplicate_of == old).values(duplicate_of=winner))
        conn.execute(update(a).where(a.c.id == old).values(duplicate_of=winner))
    # Corroboration counts a group's copies once, under the canonical copy's outlet: the articles whose
    # canonical copy changed are compared again.
    requeue(conn, moved)
