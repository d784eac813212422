"""The kind of a claim: factual, quantitative, event, opinion, prediction or demand.

Grammatical cues, read with regexes on the claim text (it runs per claim and must stay cheap). The first
rule that fires wins, in this order, because the earlier kinds change how a claim can be checked:

1. **demand** — a call to act: deontic modals on a third party ("must", "should", "ought to", "have to"
   when not in the past perfect "should have"), demand verbs ("call on/for", "demand", "urge", "insist
   that", "appeal to") and imperatives (a sentence that opens with a bare verb: "Withdraw the troops now",
   "Let ..."). A demand cannot be true or false; whether it was made can.
2. **prediction** — a statement about the future: "will"/"shall"/"won't", "going to", "is expected/likely/
   set/poised/due to", "plans/intends to", "would" in reported speech, "may/might + verb" (not "may have"),
   and future time phrases ("next year", "by 2030", "in the coming weeks"). Checkable only later.
3. **opinion** (evaluation), explicit — first-person stance ("I think", "we believe", "in my view").
4. **quantitative** — a number other than a year or a clock time (digits, number words, "percent"),
   or ``has_quantity`` from the quantity extractor. Numbers get their own timeline in the ledger.
5. **opinion**, implicit — evaluative adjectives and nouns ("illegal", "shameful", "a disaster", "the right
   thing"), or "should have" (criticism of the past).
6. **event** — something happened: a past-tense dynamic verb from a list of news event verbs ("killed",
   "withdrew", "announced", "met"), a passive past ("was attacked"), a perfect ("has deployed") of a
   regular verb that is not stative, or any regular past tense anchored by a time phrase ("on Tuesday",
   "last week", "in March", "two days ago").
7. **factual** — everything else: states, relations, general facts ("Russia has a naval base in Syria").

Agreement with a small hand-labelled set written for this project is measured in
``tests/test_claim_semantics.py``.
"""

from __future__ import annotations

import re

KINDS = ("factual", "quantitative", "event", "opinion", "prediction", "demand")

_DEMAND = re.compile(
    r"\b(?:must(?!\s+have\b)|should(?!\s+(?:have|not\s+have)\b)|ought\s+to|shall\s+not|"
    r"(?:has|have)\s+to\s+(?:leave|go|stop|end|withdraw|be|get|pull|return|pay|resign|step)|"
    r"call(?:s|ed|ing)?\s+(?:on|upon|for)|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|appeal(?:s|ed)?\s+to|"
    r"insist(?:s|ed)?\s+that|press(?:es|ed)?\s+for|"
    r"need(?:s)?\s+to\s+(?:leave|go|stop|end|withdraw|pull|return|resign))\b",
    re.I,
)
_IMPERATIVE_VERBS = (
    "stop end withdraw leave get pull bring give let join sign tell stand support send free release "
    "remove save ban act vote boycott respect reject protect halt cease close open"
)
_IMPERATIVE = re.compile(
    r"^\W*(?:please\s+)?(?:" + "|".join(_IMPERATIVE_VERBS.split()) + r")\b(?!\s+(?:of|to)\b)", re.I
)
_PREDICTION = re.compile(
    r"\b(?:will|shall|won['’]t|['’]ll|going\s+to|gonna|(?:is|are|was|were)\s+(?:expected|likely|set|poised|due|"
    r"scheduled|slated|bound|about)\s+to|(?:plan|plans|planned|planning|intend|intends|intended|vow|vows|"
    r"vowed|promise|promises|promised|threaten|threatens|threatened|aim|aims)\s+to|would|"
    r"could\s+(?:lead|cause|result|trigger|spark|bring|cost|escalate|collapse|happen|reach|return)\b|"
    r"(?:(?-i:may)|might)\s+(?!have\b|be\s+(?:a|an|the|in|on)\b)\w+|"
    r"next\s+(?:year|month|week|spring|summer|autumn|fall|winter)|in\s+the\s+coming\s+\w+|"
    r"by\s+(?:the\s+end\s+of\s+)?20[2-9]\d|forecast|project(?:ed|s)\s+to)\b",
    re.I,
)
_FIRST_PERSON_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:do\s+)?(?:think|believe|feel|consider|find|regard)\b|\bin\s+(?:my|our)\s+(?:view|opinion)\b|"
    r"\b(?:i|we)\s+(?:am|are)\s+(?:convinced|sure|certain|proud|ashamed|disappointed)\b",
    re.I,
)
_EVALUATIVE_LIST = (
    "illegal illegitimate legitimate unlawful lawful shameful disgrace disgraceful outrageous "
    "unacceptable ridiculous absurd terrible horrible disastrous catastrophe catastrophic disaster "
    "tragic brilliant great wonderful excellent fantastic success successful failure mistake wrong "
    "irresponsible reckless dangerous cowardly brave heroic criminal barbaric brutal aggression "
    "aggressive hypocrisy hypocritical hypocrite arrogant arrogance naive foolish stupid smart wise "
    "unwise unjust unfair fair immoral duplicitous corrupt incompetent"
)
_EVALUATIVE_WORDS = frozenset(_EVALUATIVE_LIST.split())
_EVALUATIVE_PHRASE = re.compile(
    r"\b(?:failed\s+polic\w+|right\s+thing|moral\s+duty|should\s+(?:not\s+)?have|"
    r"(?:very|extremely|deeply|truly|utterly|totally)\s+(?:good|bad|important|concerning|worrying|troubling))\b",
    re.I,
)
_WORD = re.compile(r"[a-z]+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NOT_QUANTITIES = re.compile(
    # years: a 4-digit 1800-2099 after a time preposition or month, or before punctuation / "and"
    r"(?:\b(?:in|since|until|till|by|from|of|before|after|during|early|late|mid|year|" + _MONTH + r")[\s-]+"
    r"(?:1[89]\d\d|20\d\d)s?\b|\b(?:1[89]\d\d|20\d\d)s?(?=\s*(?:[,.;:)\]]|$|and\b|to\b|-)))|"
    # clock times, ordinals, day-month dates
    r"\b\d{1,2}:\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b" + _MONTH + r"\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTH + r"|"
    # identifiers ("Resolution 2254", "No. 5", "Article 51") and "the two sides"
    r"\b(?:resolution|no\.|number|article|chapter|section|page|route|flight|paragraph|protocol)\s+\d[\d/.-]*|"
    r"\b(?:the|both|all|these|those)\s+(?:two|three|four)\b",
    re.I,
)
_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
    r"half|percent|per\s+cent|doubled|tripled|twice|(?:a|one|two)\s+(?:third|quarter|fifth|tenth)s?)\b",
    re.I,
)
_EVENT_VERBS = (
    "killed attacked struck hit bombed shelled fired shot launched invaded captured seized took retook "
    "withdrew withdrawn pulled deployed sent arrived left entered crossed landed met visited signed agreed "
    "announced declared resigned quit fired appointed elected voted passed approved rejected vetoed "
    "died wounded injured destroyed damaged exploded collapsed erupted began started ended stopped halted "
    "closed opened arrested detained released freed kidnapped abducted raided stormed clashed fought "
    "defeated won lost surrendered fled evacuated imposed lifted sanctioned expelled closed suspended "
    "launched unveiled published leaked revealed held hosted flew moved resumed"
)
_EVENT = frozenset(_EVENT_VERBS.split())
_PERFECT_OR_PASSIVE = re.compile(
    r"\b(?:has|have|had|was|were|been|got)\s+(?:just\s+|now\s+|already\s+|reportedly\s+|been\s+)?([a-z]+ed)\b",
    re.I,
)
_TIME_ANCHOR = re.compile(
    r"\b(?:yesterday|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)|last\s+(?:week|month|year|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|earlier\s+(?:this|today)|"
    r"(?:in|since)\s+(?:(?:early|late|mid)[- ])?(?:january|february|march|april|june|july|august|september|"
    r"october|november|december|1[89]\d\d|20\d\d)|\w+\s+ago)\b",
    re.I,
)
_REGULAR_PAST = re.compile(r"\b[a-z]{3,}ed\b")
_STATIVE_PARTICIPLES = frozenset(
    [
        "based",
        "located",
        "called",
        "named",
        "known",
        "used",
        "supposed",
        "concerned",
        "interested",
        "involved",
        "related",
        "considered",
        "believed",
        "alleged",
        "claimed",
        "reported",
        "expected",
        "required",
        "needed",
        "allowed",
        "tired",
        "pleased",
        "surprised",
        "committed",
        "opposed",
        "divided",
        "stationed",
        "situated",
        "dedicated",
        "designed",
        "determined",
        "prepared",
        "scheduled",
        "accused",
        "owned",
        "controlled",
        "backed",
        "supported",
        "armed",
    ]
)


def _has_number(text: str) -> bool:
    return bool(_NUMBER.search(_NOT_QUANTITIES.sub(" ", text)))


def _is_event(text: str, words: set[str]) -> bool:
    if words & _EVENT:
        return True
    if any(m.group(1).lower() not in _STATIVE_PARTICIPLES for m in _PERFECT_OR_PASSIVE.finditer(text)):
        return True
    # a regular past tense anchored in time ("resumed on 12 March") reports an occurrence
    return bool(_TIME_ANCHOR.search(text)) and any(
        w.lower() not in _STATIVE_PARTICIPLES for w in _REGULAR_PAST.findall(text)
    )


def claim_kind(text: str, *, has_quantity: bool = False) -> str:
    """One of ``KINDS`` for a claim text (see the module docstring for the rules and their order)."""
    if _DEMAND.search(text) or _IMPERATIVE.search(text):
        return "demand"
    if _PREDICTION.search(text):
        return "prediction"
    if _FIRST_PERSON_OPINION.search(text):
        return "opinion"
    if has_quantity or _has_number(text):
        return "quantitative"
    words = set(_WORD.findall(text.lower()))
    if words & _EVALUATIVE_WORDS or _EVALUATIVE_PHRASE.search(text):
        return "opinion"
    if _is_event(text, words):
        return "event"
    return "factual"
