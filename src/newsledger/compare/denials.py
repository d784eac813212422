"""A denial and what it denies, inside one article.

"A Pentagon spokesperson has called the report 'erroneous'" denies the claims the article earlier
attributed to that report ("The US is considering ending its military presence in Syria, according to a
report by Foreign Policy"). The denial names what it denies with a noun ("the report", "the claims",
"these allegations"); the targets are the claims before it whose speaker or chain carries the same
noun, nearest first. A denial that names nothing we can find before it yields no contradiction: a
missed link costs less than a wrong one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

MAX_TARGETS = 3
_DENIABLE = re.compile(
    r"\b(report|reports|claim|claims|story|stories|article|allegation|allegations|accusation|accusations|"
    r"statement|statements|account|accounts|rumou?rs?|figures?|assessment|estimate|estimates)\b",
    re.I,
)


def _stem(noun: str) -> str:
    low = noun.lower()
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def denial_targets(claims: Sequence[Any]) -> Iterator[tuple[str, str, str]]:
    """(denial claim id, denied claim id, why) for each denial in one article's ordered claims."""
    for i, d in enumerate(claims):
        if d.polarity != "denies":
            continue
        nouns = {_stem(m.group(1)) for m in _DENIABLE.finditer(d.text)}
        if not nouns:
            continue
        found = 0
        for t in reversed(claims[:i]):
            if t.polarity == "denies":
                continue
            carriers = " ".join([t.speaker or "", *json.loads(t.chain or "[]")])
            held = {_stem(m.group(1)) for m in _DENIABLE.finditer(carriers)}
            if not nouns & held:
                continue
            noun = sorted(nouns & held)[0]
            who = d.speaker or "the article"
            yield (
                d.id,
                t.id,
                f"{who} denies the {noun} ({_quote(d.text)}), which the article gives as saying "
                f"{_quote(t.text)} (attributed to {t.speaker}).",
            )
            found += 1
            if found == MAX_TARGETS:
                break


def _quote(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"
