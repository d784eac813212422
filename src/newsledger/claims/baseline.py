"""The baseline ``claims`` stage: one claim per substantive sentence, with a coarse kind.

This is the placeholder the attribution work replaces: it gives every later stage and the store real
claim records with real offsets from day one. Kinds come from surface cues only; check-worthiness is a
simple prior (numbers and named sources make a sentence more worth checking) until a trained head ships.
"""

from __future__ import annotations

import re

from newsledger.ids import record_id
from newsledger.records import Article, Claim, Sentence

MIN_CLAIM_WORDS = 4
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million)\b", re.I
)
_DEMAND = re.compile(r"\b(call(?:s|ed)? (?:on|for)|demand(?:s|ed)?|urge[sd]?|must|should)\b", re.I)
_PREDICTION = re.compile(r"\b(will|would|could|may|might|is expected to|plans? to|likely)\b", re.I)
_OPINION = re.compile(r"\b(believe[sd]?|think[s]?|illegal|violation|aggression|right|wrong|shameful)\b", re.I)
_EVENT = re.compile(
    r"\b(announced|resigned|attacked|killed|arrived|launched|met|signed|deployed|withdr[ae]w\w*)\b", re.I
)


def extract_claims(article: Article, sentences: list[Sentence]) -> list[Claim]:
    claims = []
    for s in sentences:
        text = article.text[s.start : s.end]
        words = _WORD.findall(text)
        if len(words) < MIN_CLAIM_WORDS:
            continue
        claims.append(
            Claim(
                id=record_id("c", article.id, s.start, s.end),
                article_id=article.id,
                start=s.start,
                end=s.end,
                text=text,
                kind=_kind(text),
                checkworthiness=_prior(text),
            )
        )
    return claims


def _kind(text: str) -> str:
    if _DEMAND.search(text):
        return "demand"
    if _NUMBER.search(text):
        return "quantitative"
    if _EVENT.search(text):
        return "event"
    if _PREDICTION.search(text):
        return "prediction"
    if _OPINION.search(text):
        return "opinion"
    return "factual"


def _prior(text: str) -> float:
    score = 0.2
    if _NUMBER.search(text):
        score += 0.3
    if re.search(r"\b(said|according to|told|claimed|reported|stated)\b", text, re.I):
        score += 0.2
    if _OPINION.search(text):
        score += 0.1
    return round(min(score, 1.0), 3)
