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

The cue sets the starting level: none (the outlet's own voice) is certain, a confirming cue certain, a
distancing cue ("claimed", "alleged", "accused", "suggested", "seemed", "hoped") possible, and any
other cue ("said", "wrote", "argued", "warned", ...) probable. Hedges and evidentials in the content
or in the rest of the sentence can only lower it: the weakest signal wins (a "claimed" that "may" hold is
possible; a denied or questioned proposition is doubtful whatever else). ``None`` is returned only when
there is nothing to judge (empty content).
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
_CALLING = re.compile(r"^(?:\w+\s+)?(?:call|describ|brand|label|term|dub)", re.I)
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
    r"\b(?:likely|probabl[ey]|presumabl[ey]|insist(?:s|ed|ing)?|"
    r"(?:is|are|was|were|being)\s+(?:widely\s+)?(?:believed|thought|understood|expected|estimated|said|"
    r"considered|feared|assumed)\s+to|estimated)\b",
    re.I,
)
_REPORTING = re.compile(
    r"\b(?:said|say|says|told|tell|tells|stated?|states|announc\w+|add(?:s|ed)|not(?:es|ed)|explain\w*|"
    r"according\s+to|report(?:s|ed)?|argu(?:e|es|ed)|assert\w*|wrote|writes|tweeted|posted|believ\w+|"
    r"think|thinks|thought)\b",
    re.I,
)
_CUE_DENIES = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|refut\w+|disput\w+|rebu[tf]\w*|contradict\w*|"
    r"debunk\w*)\b",
    re.I,
)
_CUE_QUESTIONS = re.compile(r"\b(?:ask\w*|question\w*|wonder\w*|doubt\w*|query\w*|quer(?:y|ied))\b", re.I)
_CUE_CERTAIN = re.compile(
    r"\b(?:confirm\w*|admit\w*|acknowledg\w+|conced\w+|reveal\w*|show\w*|prov(?:e|es|ed|en|ing)|"
    r"demonstrat\w+|establish\w*|found|find(?:s|ing)?|conclud\w+|verif\w+|recall\w*|learn\w*|"
    r"realiz\w+|realis\w+)\b",
    re.I,
)
_CUE_POSSIBLE = re.compile(
    r"\b(?:claim\w*|alleg\w*|accus\w*|suggest\w*|seem\w*|appear\w*|speculat\w+|hop(?:e|es|ed|ing)|"
    r"hint\w*|impl(?:y|ies|ied)|insinuat\w+|rumou?r\w*|purport\w*|guess\w*|reportedly|allegedly)\b",
    re.I,
)


def _polarity(cue: str, frame: str) -> str:
    if _NEGATED_DENY.search(frame):
        return "asserts"
    if _CUE_DENIES.search(cue) or _DENY.search(frame):
        return "denies"
    if _CUE_QUESTIONS.search(cue) or _QUESTION.search(frame):
        return "questions"
    return "asserts"


def _cue_level(cue: str) -> str:
    if not cue:
        return "certain"
    if _CUE_POSSIBLE.search(cue):
        return "possible"
    if _CUE_CERTAIN.search(cue):
        return "certain"
    return "probable"


def _weakest(*levels: str) -> str:
    return max(levels, key=LEVELS.index)


def certainty_of(cue: str | None, content: str, *, context: str = "") -> tuple[str | None, str]:
    """(certainty, polarity) of a claim's content as its cue and surrounding sentence present it.

    ``cue`` is the attribution cue ("said", "denied", "according to"), ``None`` for the outlet's own
    voice; ``context`` is the sentence (or clause) that frames the content, searched for evidentials and
    denials outside the content ("reportedly", "called the report erroneous").
    """
    if not content.strip():
        return None, "asserts"
    cue_text = " ".join((cue or "").split())
    # Polarity comes from the framing (cue + the sentence without the content): a "denied" inside the
    # content belongs to the content ("the ministry denied the report", said by someone else).
    frame = cue_text + " " + _without(context, content)
    polarity = _polarity(cue_text, frame)
    if polarity == "asserts" and _CALLING.match(cue_text) and _DENY.search(cue_text + " " + content):
        polarity = "denies"  # "called | the report 'erroneous'": the verdict is the cue's complement
    if polarity == "asserts" and content.rstrip().endswith("?"):
        polarity = "questions"
    if polarity != "asserts":
        return "doubtful", polarity
    everything = frame + " " + content
    level = _cue_level(cue_text)
    if not cue_text and _REPORTING.search(frame):
        level = "probable"  # attributed in the sentence though no cue was passed
    if _DOUBT.search(everything):
        return "doubtful", polarity
    if _POSSIBLE.search(everything):
        return "possible", polarity
    if _PROBABLE.search(everything):
        level = _weakest(level, "probable")
    return level, polarity


def _without(context: str, content: str) -> str:
    """The context with the content removed (when it is inside), so only the framing is searched."""
    if content and content in context:
        return context.replace(content, " ")
    return context
