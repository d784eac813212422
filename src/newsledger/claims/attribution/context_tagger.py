"""A second reader of cue words: MiniLM with its top layers fine-tuned to spot cue heads in context.

The linear tagger sees a word, its parse and a few neighbours. What it cannot weigh is the sentence as a
whole: whether "plan", "reflects" or a bare "said" reports speech here depends on what surrounds it, and
PolNeAR's annotators decided by reading. This tagger reads each sentence with the packaged
all-MiniLM-L6-v2 whose top layers (and a one-unit head) were fine-tuned on PolNeAR to answer "does this
word head a cue?"; :class:`~newsledger.claims.attribution.finder.AttributionFinder` averages its logit
with the linear tagger's. Only the fine-tuned layers ship (``data/context_tagger.npz``, float16); the
lower layers are the packaged model's own, so the file stays small and nothing is fetched.

The file also holds how the two are mixed (``weight`` of this tagger's logit, the cue ``threshold`` of
the mix), ``sure``, the linear probability above which a word stays a cue whatever the context tagger
says (the linear tagger reads the parse, which this tagger never sees: "a spokesperson has called the
report 'erroneous'" is a report because of its quoted complement), and ``floor``: sentences where the linear tagger gives no word at least that probability are not
read at all: with ``floor`` 0.1 that leaves out 29% of PolNeAR dev's sentences, and dev's cue F1 is the
same (0.833 against 0.832 when every sentence with a candidate word is read).
``NEWSLEDGER_CONTEXT_TAGGER=0`` switches the tagger off: faster, but cue overlap F1 on PolNeAR dev
falls from 0.832 to 0.793 (both fitted on train alone).
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.claims.attribution.view import DocView
from newsledger.errors import NewsledgerError

DATA = Path(__file__).parent / "data"
CONTEXT_FILE = "context_tagger.npz"
ENV_SWITCH = "NEWSLEDGER_CONTEXT_TAGGER"
MAX_PIECES = 256
_BATCH = 32
_MIXING = ("weight", "threshold", "floor", "sure")


@dataclass(frozen=True, slots=True)
class Mixing:
    """How the finder combines the two taggers (chosen on PolNeAR dev by the training script)."""

    weight: float
    threshold: float
    floor: float
    sure: float


@dataclass(frozen=True, slots=True)
class SentencePieces:
    """One sentence as MiniLM word pieces, and for each piece the article token it starts (or -1)."""

    ids: list[int]
    first_of: list[int]


def sentence_pieces(tokenizer: Any, v: DocView, sentences: Sequence[int]) -> list[SentencePieces]:
    """Word pieces of the given sentences of ``v``; each token is represented by its first piece."""
    if not sentences:
        return []  # the tokenizer refuses an empty batch
    spans = [v.sent_bounds[s] for s in sentences]
    texts = [v.text[v.start[lo] : v.end[hi - 1]] if hi > lo else "" for lo, hi in spans]
    encoded = tokenizer(texts, truncation=True, max_length=MAX_PIECES, return_offsets_mapping=True)
    out: list[SentencePieces] = []
    for (lo, hi), ids, offsets in zip(spans, encoded["input_ids"], encoded["offset_mapping"], strict=True):
        base = v.start[lo] if hi > lo else 0
        first_of = [-1] * len(ids)
        seen: set[int] = set()
        for p, (x, y) in enumerate(offsets):
            if y <= x:
                continue  # [CLS], [SEP]
            t = bisect_right(v.start, base + x, lo, hi) - 1
            if t >= lo and v.end[t] > base + x and t not in seen:
                seen.add(t)
                first_of[p] = t
        out.append(SentencePieces(list(ids), first_of))
    return out


class ContextTagger:
    """The packaged MiniLM with fine-tuned top layers and a linear head over each word piece."""

    def __init__(self, model: Any, tokenizer: Any, head: Any, mixing: Mixing) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.head = head
        self.mixing = mixing

    @classmethod
    def load(cls, path: Path) -> ContextTagger:
        """Build the tagger from the packaged MiniLM and the fine-tuned layers in ``path``."""
        import torch

        model, tokenizer = packaged_minilm()
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        missing = [k for k in _MIXING if k not in arrays]
        if missing:
            raise NewsledgerError(
                f"{path} lacks the mixing settings {', '.join(missing)}",
                hint="retrain it with scripts/train_context_tagger.py",
            )
        mixing = Mixing(*(float(arrays.pop(k)[0]) for k in _MIXING))
        head = torch.nn.Linear(model.config.hidden_size, 1)
        head.weight.data = torch.from_numpy(arrays.pop("head.weight").astype(np.float32))
        head.bias.data = torch.from_numpy(arrays.pop("head.bias").astype(np.float32))
        own = model.state_dict()
        for name, value in arrays.items():
            if name not in own or tuple(own[name].shape) != value.shape:
                raise NewsledgerError(
                    f"{path} does not fit the packaged MiniLM (parameter {name})",
                    hint="retrain it with scripts/train_context_tagger.py",
                )
            own[name] = torch.from_numpy(value.astype(np.float32))
        model.load_state_dict(own)
        model.eval()
        head.eval()
        return cls(model, tokenizer, head, mixing)

    def logits(self, v: DocView, sentences: Sequence[int]) -> dict[int, float]:
        """The cue-head logit of every token (by index in ``v``) in the given sentences."""
        return self.logits_many([(v, sentences)])[0]

    def logits_many(self, requests: Sequence[tuple[DocView, Sequence[int]]]) -> list[dict[int, float]]:
        """:meth:`logits` for several articles at once: their sentences are batched together by
        length, so little is spent on padding (per-article batches cost a third more)."""
        import torch

        from newsledger.models.torch_threads import torch_threads

        pieces = [
            (k, sp)
            for k, (v, sents) in enumerate(requests)
            for sp in sentence_pieces(self.tokenizer, v, sents)
        ]
        order = sorted(range(len(pieces)), key=lambda r: len(pieces[r][1].ids))
        out: list[dict[int, float]] = [{} for _ in requests]
        for begin in range(0, len(order), _BATCH):
            batch = [pieces[r] for r in order[begin : begin + _BATCH]]
            ids, mask = padded([sp for _, sp in batch])
            with torch.inference_mode(), torch_threads():
                hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
                scores = self.head(hidden).squeeze(-1).numpy()
            for row, (k, sp) in enumerate(batch):
                found = out[k]
                for p, t in enumerate(sp.first_of):
                    if t >= 0:
                        found[t] = float(scores[row, p])
        return out


def padded(batch: Sequence[SentencePieces]) -> tuple[Any, Any]:
    """Input ids and attention mask of a batch, padded with zeros to its longest sentence."""
    import torch

    width = max(len(sp.ids) for sp in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, sp in enumerate(batch):
        ids[row, : len(sp.ids)] = torch.tensor(sp.ids, dtype=torch.long)
        mask[row, : len(sp.ids)] = 1
    return ids, mask


def packaged_minilm() -> tuple[Any, Any]:
    """A fresh copy of the packaged all-MiniLM-L6-v2 transformer and its tokenizer, loaded offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    from newsledger.stories.embeddings import packaged_model_path

    folder = packaged_model_path()
    bars_were_on = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        model = AutoModel.from_pretrained(folder)
        tokenizer = AutoTokenizer.from_pretrained(folder)
    finally:
        if bars_were_on:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
    return model, tokenizer


def context_enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "false", "no", "off")


@lru_cache(maxsize=4)
def load_context_tagger(path: Path = DATA / CONTEXT_FILE) -> ContextTagger | None:
    """The shipped context tagger, or None when switched off or when ``path`` does not exist."""
    if not context_enabled() or not path.exists():
        return None
    return ContextTagger.load(path)
