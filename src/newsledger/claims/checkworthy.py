"""Check-worthiness: how much a sentence states something a fact-checker would want to verify.

A linear model (logistic regression) over hashed sparse features, trained by
``scripts/train_checkworthy.py`` on CLEF CheckThat! debate transcripts and shipped as
``data/checkworthy.npz``. Inference needs only ``re``, ``zlib`` and numpy, so the claims
stage can score every claim of every article cheaply.

Why these features:

- **words and word pairs** (lower-cased, numbers folded to ``<num>``/``<year>``/``<pct>``) carry most of
  the signal: check-worthy sentences talk about money, jobs, taxes, troops, votes, percentages;
- **the previous and next sentence** (their words, down-weighted) — a claim is often followed by its
  number or preceded by the question that prompted it;
- **a few dense cues**: length, numbers, percentages, money, years, capitalised words (a cheap stand-in
  for named entities), claim-ish verbs ("increased", "voted", "cut"), comparatives and superlatives,
  first-person opinion cues ("I think"), questions. They are standardised with the training means.

Tried and left out (leave-debates-out MAP, see the training script): character n-grams inside words
(lower MAP and most of the featurisation time) and ClaimBuster's check-worthy factual sentences as extra
training data (lower MAP at every weight tried: their notion of "check-worthy factual" is broader than
the CheckThat! labels of claims that fact-checkers actually checked).

Every feature string is hashed with CRC-32 into ``2**bits`` slots (its low bits), and the hash's top
bit chooses the sign, so colliding features tend to cancel rather than add up.

The score is a logistic function of the linear margin, calibrated (Platt) on out-of-fold margins and
then shifted to a prior of 25% check-worthy sentences (ClaimBuster's share of check-worthy factual
sentences; both numbers are folded into the shipped ``calibration``): debate transcripts
hold ~2% check-worthy sentences because of greetings and chit-chat, while news sentences much more often
state facts, so the raw debate calibration would squash almost every news sentence to ~0.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from io import BytesIO

import numpy as np
import numpy.typing as npt

DEFAULT_BITS = 18
CONTEXT_WEIGHT = 0.5

_TOKEN = re.compile(
    r"\$?\d+(?:[.,]\d+)*(?:\s?%|\s?percent\b|\s?per cent\b)?|[^\W\d_]+(?:['’][^\W\d_]+)?|[?$%]", re.UNICODE
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_PCT = re.compile(r"%|percent|per cent")
_NUMBER_WORD = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|half|quarter|third|twice|"
    r"double|triple|dozens?)$"
)
_CLAIM_VERB = re.compile(
    r"\b(?:increas|decreas|ris|rose|fell|fall|drop|doubl|tripl|cut|rais|los|lost|gain|spen[dt]|cost|"
    r"vot|pass|sign|kill|creat|add|grow|grew|owe|pa[iy]|borrow|approv|ban|deport|invad|fund|tax)\w*",
    re.I,
)
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|most|least|than|largest|biggest|highest|lowest|only)\b", re.I
)
_OPINION = re.compile(
    r"\b(?:i think|i believe|i feel|i hope|i want|we need|we should|let me|thank|great|wonderful|"
    r"terrible|beautiful)\b",
    re.I,
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_MONEY = re.compile(r"\$\s?\d|\b(?:dollars?|euros?|pounds)\b", re.I)

DENSE_NAMES: tuple[str, ...] = (
    "log_words",
    "short",
    "has_number",
    "n_numbers",
    "has_percent",
    "has_money",
    "has_year",
    "n_capitalised",
    "n_claim_verbs",
    "n_comparatives",
    "opinion_cue",
    "question",
)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with numbers folded into classes (``<num>``, ``<year>``, ``<pct>``)."""
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0).lower()
        if tok[0].isdigit() or (tok[0] == "$" and len(tok) > 1):
            if _PCT.search(tok):
                tok = "<pct>"
            elif tok[0] == "$":
                tok = "<money>"
            elif _YEAR.match(tok):
                tok = "<year>"
            else:
                tok = "<num>"
        elif _NUMBER_WORD.match(tok):
            out.append(tok)
            tok = "<numword>"
        out.append(tok.replace("’", "'"))
    return out


def dense_features(text: str) -> list[float]:
    """The hand-made cues listed in ``DENSE_NAMES`` (raw, before standardisation)."""
    toks = tokens(text)
    n_words = sum(1 for t in toks if t[0].isalpha())
    numbers = sum(1 for t in toks if t in ("<num>", "<pct>", "<money>", "<year>", "<numword>"))
    return [
        math.log1p(n_words),
        1.0 if n_words < 6 else 0.0,
        1.0 if numbers else 0.0,
        float(min(numbers, 5)),
        1.0 if "<pct>" in toks else 0.0,
        1.0 if "<money>" in toks or _MONEY.search(text) else 0.0,
        1.0 if "<year>" in toks else 0.0,
        float(min(len(_CAPITALISED.findall(text)), 6)),
        float(min(len(_CLAIM_VERB.findall(text)), 4)),
        float(min(len(_COMPARATIVE.findall(text)), 3)),
        1.0 if _OPINION.search(text) else 0.0,
        1.0 if text.rstrip().endswith("?") else 0.0,
    ]


def _feature_strings(text: str) -> Iterable[str]:
    toks = tokens(text)
    for t in toks:
        yield "w:" + t
    for a, b in itertools.pairwise(toks):
        yield "b:" + a + " " + b


def _context_strings(text: str, prefix: str) -> Iterable[str]:
    for t in set(tokens(text)):
        yield prefix + t


def _hash_block(strings: Iterable[str], bits: int, weight: float) -> dict[int, float]:
    """Hash feature strings into signed slots; the block is L2-normalised then scaled by ``weight``."""
    mask = (1 << bits) - 1
    counts: dict[int, float] = {}
    for s in strings:
        h = zlib.crc32(s.encode("utf-8"))
        idx = h & mask
        sign = 1.0 if (h >> 31) & 1 == 0 else -1.0
        counts[idx] = counts.get(idx, 0.0) + sign
    norm = math.sqrt(sum(v * v for v in counts.values()))
    if norm == 0.0:
        return {}
    scale = weight / norm
    return {i: v * scale for i, v in counts.items() if v != 0.0}


def sparse_features(
    text: str, context: tuple[str, str] | None = None, *, bits: int = DEFAULT_BITS
) -> dict[int, float]:
    """Hashed sparse features of one sentence (and, if given, its previous and next sentence)."""
    feats = _hash_block(_feature_strings(text), bits, 1.0)
    if context is not None:
        for block_text, prefix in ((context[0], "p:"), (context[1], "n:")):
            if block_text:
                for i, v in _hash_block(_context_strings(block_text, prefix), bits, CONTEXT_WEIGHT).items():
                    feats[i] = feats.get(i, 0.0) + v
    return feats


class CheckworthyModel:
    """Scores sentences for check-worthiness in [0, 1] with the shipped linear weights."""

    def __init__(
        self,
        weights: npt.NDArray[np.float32],
        dense_weights: npt.NDArray[np.float64],
        dense_mean: npt.NDArray[np.float64],
        dense_std: npt.NDArray[np.float64],
        bias: float,
        calibration: tuple[float, float],
        *,
        use_context: bool = True,
    ) -> None:
        self.weights = weights
        self.bits = round(math.log2(len(weights)))
        self.dense_weights = dense_weights
        self.dense_mean = dense_mean
        self.dense_std = dense_std
        self.bias = bias
        self.calibration = calibration
        self.use_context = use_context

    @classmethod
    def load(cls) -> CheckworthyModel:
        """The shipped model (read once per process)."""
        return _load_shipped()

    @classmethod
    def from_npz(cls, data: bytes) -> CheckworthyModel:
        with np.load(BytesIO(data)) as z:
            return cls(
                z["weights"].astype(np.float32),
                z["dense_weights"].astype(np.float64),
                z["dense_mean"].astype(np.float64),
                z["dense_std"].astype(np.float64),
                float(z["bias"]),
                (float(z["calibration"][0]), float(z["calibration"][1])),
                use_context=bool(z["use_context"]),
            )

    def margins(
        self, sentences: Sequence[str], contexts: Sequence[tuple[str, str]] | None = None
    ) -> npt.NDArray[np.float64]:
        """The raw linear margins (the ranking the score preserves)."""
        if contexts is not None and len(contexts) != len(sentences):
            raise ValueError("contexts must hold one (previous, next) pair per sentence")
        out = np.empty(len(sentences), dtype=np.float64)
        for k, text in enumerate(sentences):
            ctx = contexts[k] if (contexts is not None and self.use_context) else None
            feats = sparse_features(text, ctx, bits=self.bits)
            if feats:
                idx = np.fromiter(feats.keys(), dtype=np.int64, count=len(feats))
                val = np.fromiter(feats.values(), dtype=np.float64, count=len(feats))
                sparse = float(self.weights[idx].astype(np.float64) @ val)
            else:
                sparse = 0.0
            dense = (np.asarray(dense_features(text)) - self.dense_mean) / self.dense_std
            out[k] = sparse + float(dense @ self.dense_weights) + self.bias
        return out

    def score(
        self, sentences: Sequence[str], contexts: Sequence[tuple[str, str]] | None = None
    ) -> list[float]:
        """Check-worthiness in [0, 1] per sentence; ``contexts`` = (previous, next) sentence per sentence."""
        a, b = self.calibration
        z = a * self.margins(sentences, contexts) + b
        return [round(float(v), 4) for v in 1.0 / (1.0 + np.exp(-z))]


@lru_cache(maxsize=1)
def _load_shipped() -> CheckworthyModel:
    data = resources.files("newsledger.claims").joinpath("data/checkworthy.npz").read_bytes()
    return CheckworthyModel.from_npz(data)
