"""The words that say what a claim states, for finding the same proposition in other articles.

A claim's terms are its content-word stems and its numbers: "The US has about 900 troops in Syria"
gives {"#900", "troop", "syria"}: function words, short words and reporting verbs drop out, so
"X said the US has 900 troops in Syria" and "the US has 900 troops in Syria, according to Y" share
their terms. Numbers are written without separators ("2,000" and "2000" are one term).
"""

from __future__ import annotations

import re

from newsledger.language.stems import word_stem
from newsledger.language.stopwords import FUNCTION_WORDS

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_][\w'-]*")
_STOP = FUNCTION_WORDS | frozenset(
    """no not nor it's whose said says say saying told tells according added adding claimed claims
    stated stating reported reports noted asked called calls mr mrs ms dr one two three four five six
    seven eight nine ten year years month months week weeks day days today yesterday monday tuesday
    wednesday thursday friday saturday sunday now still even since however""".split()  # noqa: SIM905
)
"""Function words, negations (``negated`` carries them), reporting verbs (the attribution carries them),
and time and number words (the claim's date and quantities carry them)."""
MIN_TERMS = 4
"""Claims with fewer content terms ("He said so.") state too little to be matched reliably."""


def claim_terms(text: str) -> frozenset[str]:
    out = set()
    for tok in _TOKEN.findall(text):
        if tok[0].isdigit():
            out.add("#" + tok.replace(",", "").rstrip("."))
            continue
        low = tok.lower().strip("'-")
        if len(low) < 3 or low in _STOP:
            continue
        out.add(word_stem(low))
    return frozenset(out)
