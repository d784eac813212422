"""Word lists and tokens for the stance features.

Stance hinges on a few kinds of words (denials, hedges, negations) and on whether the headline's content words
reappear in the body, especially its opening. Everything here is plain Python so the training script and the
run-time model read text identically.
"""

from __future__ import annotations

import re

from newsledger.language.stems import word_stem
from newsledger.language.stopwords import FUNCTION_WORDS

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

# Function words carry no topic; dropping them keeps the term vectors about content.
STOPWORDS = FUNCTION_WORDS

# Words that deny or debunk: a body using them near the headline's words tends to disagree.
REFUTING = frozenset(
    word_stem(w)
    for w in [
        "fake",
        "fraud",
        "hoax",
        "false",
        "deny",
        "denied",
        "denies",
        "denial",
        "debunk",
        "debunked",
        "bogus",
        "doubt",
        "doubts",
        "retract",
        "retracted",
        "prank",
        "untrue",
        "myth",
        "satire",
        "satirical",
        "refute",
        "refuted",
        "dismiss",
        "dismissed",
        "reject",
        "rejected",
        "misleading",
        "baseless",
        "fabricated",
        "fabrication",
        "lie",
        "lies",
        "lied",
        "nonsense",
        "incorrect",
        "erroneous",
        "wrong",
        "spoof",
        "parody",
        "phony",
        "rumour",
    ]
)

# Negations flip polarity; an odd count in headline or body hints at disagreement.
NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nothing",
        "nobody",
        "neither",
        "nor",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "won't",
        "wouldn't",
        "hasn't",
        "haven't",
        "hadn't",
    ]
)

# Hedges mark reporting of a claim without endorsing it (the "discuss" class).
HEDGES = frozenset(
    word_stem(w)
    for w in [
        "reportedly",
        "allegedly",
        "alleged",
        "claim",
        "claims",
        "claimed",
        "apparently",
        "purportedly",
        "purported",
        "rumor",
        "rumored",
        "rumors",
        "unconfirmed",
        "unverified",
        "according",
        "sources",
        "suggests",
        "speculation",
        "speculate",
        "possibly",
        "may",
        "might",
        "could",
        "appears",
        "supposedly",
        "believed",
    ]
)

# Words that endorse or confirm the claim as fact.
CONFIRMING = frozenset(
    word_stem(w)
    for w in [
        "confirm",
        "confirmed",
        "confirms",
        "official",
        "officially",
        "announced",
        "announces",
        "indeed",
        "verified",
        "proof",
        "proves",
        "proved",
        "revealed",
        "reveals",
        "true",
        "shows",
        "showed",
    ]
)


# Verbs of reporting: a body that attributes the claim to someone reports it ("discuss"); one that states it in
# its own voice asserts it ("agree").
REPORTING = frozenset(
    word_stem(w)
    for w in [
        "said",
        "says",
        "told",
        "according",
        "reported",
        "report",
        "reports",
        "stated",
        "statement",
        "quoted",
        "quoting",
        "cited",
        "citing",
        "added",
        "claimed",
        "claims",
        "announced",
        "insisted",
        "argued",
        "spokesman",
        "spokesperson",
    ]
)

# Words of a body that argues for something in its own voice: demands, obligations, first person plural.
ADVOCACY = frozenset(
    word_stem(w)
    for w in [
        "must",
        "should",
        "demand",
        "demands",
        "urge",
        "need",
        "needs",
        "now",
        "we",
        "our",
        "call",
        "calls",
        "ought",
    ]
)

_COUNTRY_US = re.compile(r"\bU\.\s?S\.(?=\s|$|,)|\bU\.S\b|\bUS\b")


def words(text: str) -> list[str]:
    """Lower-cased word tokens; apostrophes inside a word are kept (so "don't" stays one negation).

    "US" / "U.S." is read as "usa" before lower-casing, so the country is not mistaken for the stopword "us".
    """
    text = _COUNTRY_US.sub("USA", text).replace("\u2019", "'")
    return _WORD.findall(text.lower())


def content_stems(tokens: list[str]) -> list[str]:
    """Stems of the non-stopword tokens, in order."""
    return [word_stem(t) for t in tokens if t not in STOPWORDS and len(t) > 1]


def sentences(text: str) -> list[str]:
    """A rough sentence split: enough to find the body sentence that best matches a headline."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]
