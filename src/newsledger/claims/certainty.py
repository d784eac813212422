"""Certainty and polarity of a claim, from its attribution cue, its content and the sentence around it.

**Polarity** says what the source does with the proposition:

- ``denies`` — a denial cue ("denied", "rejected", "dismissed", "refuted", "disputed") or calling the
  claim false ("called the report erroneous", "described it as baseless", "branded ... fake news");
- ``questions`` — "questioned whether", "asked whether", "doubted that", "cast doubt on", "it is unclear
  whether", or a content that is itself a question;
- ``asserts`` — everything else. A negated denial ("did not deny") asserts.

**Certainty** is how sure the text presents the proposition to be, on four levels after FactBank's
certain / probable / possible scale, with ``doubtful`` for propositions presented as likely false:

- ``certain`` — the outlet's own unhedged voice; factive or confirming cues ("confirmed", "admitted",
  "acknowledged", "revealed", "showed", "proved"); boosters ("clearly", "undoubtedly");
- ``probable`` — neutral reporting ("said", "told", "according to", "announced": attributed, not
  endorsed), "likely", "probably", "is believed/thought/understood/expected to", "insisted" (the source
  is sure but the claim is contested);
- ``possible`` — distancing cues and hedges: "claimed", "alleged", "reportedly", "sources say",
  "purportedly", "rumoured", "unconfirmed", "may", "might", "could", "possibly", "perhaps", "appears",
  "seems", "suggested";
- ``doubtful`` — denied or questioned propositions, "unlikely", "doubtful", "falsely claimed",
  "so-called".

The weakest signal wins (a "claimed" that "may" hold is possible; a denial is doubtful whatever else).
``None`` is returned only when there is nothing to judge (empty content).
"""

from __future__ import annotations

import re

LEVELS = ("certain", "probable", "possible", "doubtful")

_NEG = r"(?:not|n['’]t|never)\s+(?:\w+\s+)?"
_DENY = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"disput(?:e|es|ed|ing)|rebuff(?:s|ed)?|rebut(?:s|ted)?|contradict(?:s|ed)?|debunk(?:s|ed)?|"
    r"(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|brand(?:s|ed|ing)?|label(?:s|led|ed|ling)?|term(?:s|ed)?|"
    r"dub(?:s|bed)?)\b[^.;]{0,80}?\b(?:erroneous|false|untrue|baseless|groundless|unfounded|fake|"
    r"fabricat\w+|nonsense|lies?|lying|incorrect|inaccurate|wrong|misleading|absurd|ridiculous|"
    r"propaganda|disinformation|misinformation|hoax))\b",
    re.I,
)
_NEGATED_DENY = re.compile(_NEG + r"(?:den(?:y|ied)|reject|dismiss|dispute|refute)\b", re.I)
_QUESTION = re.compile(
    r"\b(?:question(?:s|ed|ing)?\s+(?:whether|if|why|how|the\s+\w+)|ask(?:s|ed|ing)?\s+(?:whether|if|why)|"
    r"doubt(?:s|ed|ing)?\s+(?:that|whether|if)|wonder(?:s|ed|ing)?\s+(?:whether|if|why)|"
    r"cast(?:s|ing)?\s+doubts?\s+(?:on|over)|rais(?:e|es|ed|ing)\s+(?:questions|doubts)|"
    r"(?:it\s+is|it['’]s|it\s+was|remains?)\s+(?:un|not\s+)clear\s+(?:whether|if|why|how)|"
    r"skeptic\w*|sceptic\w*|challeng(?:e|es|ed|ing)\s+the\s+(?:claim|report|figure|account))\b",
    re.I,
)
_DOUBT = re.compile(
    r"\b(?:unlikely|doubtful|improbable|dubious|implausible|falsely|wrongly|so[- ]called|"
    r"without\s+(?:evidence|proof)|no\s+evidence)\b",
    re.I,
)
_POSSIBLE = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly|ing|ation|ations)|reportedly|purported(?:ly)?|"
    r"supposed(?:ly)?|rumou?r(?:s|ed)?|unconfirmed|unverified|(?-i:may)|might|could|possibl[ey]|perhaps|maybe|"
    r"appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to|apparently|suggest(?:s|ed|ing)?|speculat\w+|"
    r"(?:sources?|insiders?|officials?)\s+(?:say|said|says|told|claim\w*)|according\s+to\s+(?:unnamed\s+|"
    r"anonymous\s+|informed\s+|(?:a\s+)?)sources?|not\s+(?:be\s+)?(?:independently\s+)?(?:confirmed|verified)|could\s+not\s+(?:confirm|verify))\b",
    re.I,
)
_PROBABLE = re.compile(
    r"\b(?:likely|probabl[ey]|presumabl[ey]|insist(?:s|ed|ing)?|maintain(?:s|ed)?|"
    r"(?:is|are|was|were|being)\s+(?:widely\s+)?(?:believed|thought|understood|expected|estimated|said|"
    r"considered|feared|assumed)\s+to|believ(?:e|es|ed)|estimat(?:e|es|ed)|expect(?:s|ed)|"
    r"said|say|says|told|tell|tells|stated?|states|announc\w+|add(?:s|ed)|not(?:es|ed)|explain\w*|"
    r"according\s+to|report(?:s|ed)?|argu(?:e|es|ed)|assert\w*|wrote|writes|tweeted|posted)\b",
    re.I,
)
_CERTAIN = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|admit(?:s|ted|ting)?|acknowledg\w+|conced\w+|reveal(?:s|ed)?|"
    r"show(?:s|ed|n)|prov(?:e|es|ed|en)|demonstrat\w+|establish(?:ed)?|found|verif(?:y|ied|ies)|"
    r"clearly|undoubtedly|certainly|definitely|indeed|in\s+fact|of\s+course|undeniabl[ey]|"
    r"without\s+(?:a\s+)?doubt)\b",
    re.I,
)


def _polarity(text: str) -> str:
    if _NEGATED_DENY.search(text):
        return "asserts"
    if _DENY.search(text):
        return "denies"
    if _QUESTION.search(text):
        return "questions"
    return "asserts"


def certainty_of(cue: str | None, content: str, *, context: str = "") -> tuple[str | None, str]:
    """(certainty, polarity) of a claim's content as its cue and surrounding sentence present it.

    ``cue`` is the attribution cue ("said", "denied", "according to"), ``None`` for the outlet's own
    voice; ``context`` is the sentence (or clause) that frames the content, searched for evidentials and
    denials outside the content ("reportedly", "called the report erroneous").
    """
    if not content.strip():
        return None, "asserts"
    cue_text = cue or ""
    # Polarity comes from the framing (cue + context); the content's own "denied" belongs to the
    # content ("The minister denied the report" said by someone else is an assertion about a denial).
    frame = cue_text + " " + _without(context, content)
    polarity = _polarity(frame) if frame.strip() else "asserts"
    if polarity == "asserts" and content.rstrip().endswith("?"):
        polarity = "questions"
    everything = frame + " " + content
    if polarity != "asserts" or _DOUBT.search(everything):
        return "doubtful", polarity
    if _POSSIBLE.search(everything):
        return "possible", polarity
    if _CERTAIN.search(cue_text):
        return "certain", polarity
    if _PROBABLE.search(everything):
        return "probable", polarity
    return "certain", polarity


def _without(context: str, content: str) -> str:
    """The context with the content removed (when it is inside), so only the framing is searched."""
    if content and content in context:
        return context.replace(content, " ")
    return context
