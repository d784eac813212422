"""A bidirectional GRU over the words of each sentence: the span tagger's second word scorer.

The feed-forward scorer sees a fixed window of three words each side; loaded phrases and slogans are often
longer, and whether a word is inside a span depends on where the phrase began and ends. A small recurrent
reader carries that along the whole sentence. Its weights are trained by ``scripts/train_propaganda.py``
(PyTorch) and run here with numpy alone, following PyTorch's GRU equations (gates in the order reset,
update, new).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsledger.framing.propaganda.encoder import FloatArray


@dataclass(frozen=True, slots=True)
class GruWeights:
    """One direction of the GRU: input and hidden weights (3 gates stacked, PyTorch layout) and biases."""

    w_ih: FloatArray
    w_hh: FloatArray
    b_ih: FloatArray
    b_hh: FloatArray

    def run(self, inputs: FloatArray) -> FloatArray:
        """Hidden state after each row of ``inputs`` (one sentence, read in the given order)."""
        size = self.w_hh.shape[1]
        gates_x = inputs @ self.w_ih.T + self.b_ih
        out = np.empty((len(inputs), size), dtype=np.float32)
        h = np.zeros(size, dtype=np.float32)
        for t in range(len(inputs)):
            gates_h = self.w_hh @ h + self.b_hh
            r = _sigmoid(gates_x[t, :size] + gates_h[:size])
            z = _sigmoid(gates_x[t, size : 2 * size] + gates_h[size : 2 * size])
            n = np.tanh(gates_x[t, 2 * size :] + r * gates_h[2 * size :])
            h = (1.0 - z) * n + z * h
            out[t] = h
        return out


@dataclass(frozen=True, slots=True)
class SequenceScorer:
    """Word logits from: a projection of [word vector, surface cues] plus one of the sentence vector
    (ReLU), read forwards and backwards by a GRU; the logit reads the projection and both GRU states."""

    word_w: FloatArray
    word_b: FloatArray
    sentence_w: FloatArray
    sentence_b: FloatArray
    forward: GruWeights
    backward: GruWeights
    out_w: FloatArray
    out_b: float

    def logits(self, vectors: FloatArray, cues: FloatArray, sentence_vector: FloatArray) -> FloatArray:
        """Logits of the words of one sentence (``vectors`` and ``cues`` one row per word)."""
        if not len(vectors):
            return np.zeros(0, dtype=np.float32)
        inputs = np.concatenate([vectors, cues], axis=1) @ self.word_w + self.word_b
        projected = np.maximum(inputs + sentence_vector @ self.sentence_w + self.sentence_b, 0.0)
        ahead = self.forward.run(projected)
        behind = self.backward.run(projected[::-1])[::-1]
        features = np.concatenate([projected, ahead, behind], axis=1)
        return (features @ self.out_w + self.out_b).astype(np.float32)


def _sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = (1.0 / (1.0 + np.exp(-x))).astype(np.float32)
    return out
