"""The words that say what a claim states, for finding the same proposition in other articles.

A claim's terms are its content-word stems and its numbers: "The US has about 900 troops in Syria"
gives {"#900", "troop", "syria"}: function words, short words and reporting verbs drop out, so
"X said the US has 900 troops in Syria" and "the US has 900 troops in Syria, according to Y" share
their terms. Numbers are written without separators ("2,000" and "2000" are one term).
"""

from __future__ import annotations

import re

from newsledger.language.stems import word_stem

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_][\w'-]*")
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as into about than then that this these those
    it its it's he she they them their his her we our you your i me my is are was were be been being has have
    had do does did not no nor so such there here what which who whom whose when where why how all any both
    each few more most other some own same too very can will just should would could may might must also
    said says say saying told tells according added adding claimed claims stated stating reported reports
    noted asked called calls mr mrs ms dr one two three four five six seven eight nine ten
    year years month months week weeks day days today yesterday tuesday monday wednesday thursday friday
    saturday sunday now still even over after before while since however""".split()  # noqa: SIM905
)
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
