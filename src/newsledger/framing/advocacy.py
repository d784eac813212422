"""What an article itself calls for: the outlet's own demands and judgements on a proposition.

The stance model (FNC-1) learned from news reports, which mostly *discuss* a claim; it sees an
advocacy piece that quotes many reported claims as discussing too. But a reader asking where an outlet
stands wants its own voice: "we call upon the USA ... to get out of Syria now" favours "US troops should
leave Syria" whatever else the article reports. So, before the model's verdict, we look for that voice:

- the proposition's action is read from a small table of opposed action groups (leave/stay,
  support/oppose, increase/reduce, allow/ban, continue/end ...): "should leave" is the *leave* group;
- the article's claims in its own voice (no attribution chain) that call for something (a demand cue,
  "should", "must", "need to", or the claim kind ``demand``/``opinion``) and share a content word with
  the proposition count +1 when they name the same action group, −1 for the opposed group, with the
  sign flipped when the claim is negated;
- a net count of at least ``MIN_NET`` decides favour or against; otherwise the model's verdict stands.

Reported speech never counts here: quoting a ministry that demands withdrawal is reporting, not
advocacy, which is exactly the difference between seeds 000 and 001.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsledger.compare.subjects import subject_key
from newsledger.compare.terms import claim_terms

MIN_NET = 1

_ACTIONS: dict[str, str] = {
    "leave": "leave leaves leaving withdraw withdraws withdrawing withdrawn withdrawal exit exits depart "
    "departs departure quit evacuate pull_out pulls_out pulling_out get_out gets_out go_home come_home "
    "bring_home brought_home end_its_presence end_their_presence end_the_occupation",
    "stay": "stay stays staying remain remains remaining keep keeps maintain maintains extend extends "
    "continue_its_presence reinforce reinforces",
    "support": "support supports supporting back backs endorse endorses approve approves",
    "oppose": "oppose opposes opposing reject rejects condemn condemns denounce denounces",
    "increase": "increase increases raise raises expand expands boost boosts",
    "reduce": "reduce reduces cut cuts lower lowers shrink shrinks",
    "allow": "allow allows permit permits legalise legalize",
    "ban": "ban bans prohibit prohibits outlaw outlaws forbid forbids",
}
_OPPOSED = {
    "leave": "stay",
    "stay": "leave",
    "support": "oppose",
    "oppose": "support",
    "increase": "reduce",
    "reduce": "increase",
    "allow": "ban",
    "ban": "allow",
}
_PATTERNS = {
    group: re.compile(r"\b(" + "|".join(w.replace("_", r"\s+") for w in words.split()) + r")\b", re.I)
    for group, words in _ACTIONS.items()
}
_CALL = re.compile(
    r"\b(should|must|ought to|need to|needs to|has to|have to|call(?:s|ed)? (?:on|upon|for)|demand\w*|urge\w*|"
    r"insist\w*|it is time|the time has come)\b",
    re.I,
)
_CALL_CUE = re.compile(r"\b(call|demand|urge|insist|regard|appeal)", re.I)


@dataclass(frozen=True, slots=True)
class OwnClaim:
    """What advocacy needs of a stored claim."""

    id: str
    text: str
    cue: str | None
    kind: str
    own_voice: bool
    negated: bool


@dataclass(frozen=True, slots=True)
class Advocacy:
    label: str
    score: float
    evidence: tuple[str, ...]


def action_group(text: str) -> str | None:
    found = [(m.start(), g) for g, p in _PATTERNS.items() if (m := p.search(text))]
    return min(found)[1] if found else None


def _topic_terms(text: str) -> set[str]:
    """Content terms without the action words, troops and forces read as one noun."""
    terms = set()
    for t in claim_terms(_strip_actions(text)):
        key = subject_key(t) or t
        terms.add(key.split(" | ")[0])
    return terms


def _strip_actions(text: str) -> str:
    for p in _PATTERNS.values():
        text = p.sub(" ", text)
    return text


def advocacy(target: str, claims: Iterable[OwnClaim]) -> Advocacy | None:
    """Favour or against from the article's own calls to action, or None when it makes none."""
    group = action_group(target)
    if group is None:
        return None
    topic = _topic_terms(target)
    net = 0
    evidence = []
    for c in claims:
        if not c.own_voice:
            continue
        calls = (
            c.kind in {"demand", "opinion"}
            or _CALL_CUE.search(c.cue or "")
            or (c.kind not in {"prediction", "event"} and _CALL.search(c.text))
        )
        if not calls or not (topic & _topic_terms(c.text)):
            continue
        said = action_group(c.text)
        if said == group:
            sign = 1
        elif said == _OPPOSED[group]:
            sign = -1
        else:
            continue
        net += -sign if c.negated else sign
        evidence.append(c.id)
    if abs(net) < MIN_NET:
        return None
    return Advocacy(
        label="favour" if net > 0 else "against",
        score=round(min(1.0, 0.5 + 0.25 * abs(net)), 3),
        evidence=tuple(evidence),
    )
