"""What a number counts, as a key two outlets' figures can be compared under.

The quantity reader writes the counted subject as ``WHAT | WHERE`` ("US soldiers | Syria", "US army
personnel | Syria", "American troops | Syria"). Outlets name the same count with different nouns, so the
key folds the head noun into a small set of synonym groups (troops, soldiers, personnel, forces and
service members are all "troops") and drops the branch words that only narrow it in wording ("army
personnel"), keeping the qualifiers that change what is counted ("Syrian troops" is not "US troops").
The groups are deliberately few and general: a wrong merge would invent contradictions, a missed one
only leaves two series apart on the timeline. For the same reason a bare noun ("people |") is marked
generic: figures under it are compared only when their claims say the same thing of them.
"""

from __future__ import annotations

import re

_HEAD_GROUPS: dict[str, str] = {}
for _group, _words in {
    "troops": "troop troops soldier soldiers personnel forces force servicemen servicemembers marines "
    "service_members military_personnel boots",
    "people": "people persons individuals residents civilians",
    "deaths": "deaths dead fatalities killed lives",
    "refugees": "refugees displaced",
    "bases": "bases base outposts",
}.items():
    for _w in _words.split():
        _HEAD_GROUPS[_w.replace("_", " ")] = _group

_NARROWING = {"army", "military", "combat", "ground", "marine", "navy", "air", "special", "operations"}
_STOP = {"the", "of", "some", "about", "around", "more", "than", "its", "their", "his", "her", "additional"}
_WORD = re.compile(r"[\w'-]+")


def subject_key(counted: str | None) -> str | None:
    """The comparison key of a counted subject, or None when nothing is counted."""
    if not counted:
        return None
    what, _, where = counted.partition("|")
    words = [w.lower() for w in _WORD.findall(what)]
    words = [w for w in words if w not in _STOP]
    if not words:
        return None
    head = words[-1]
    two = " ".join(words[-2:])
    if two in _HEAD_GROUPS:
        head_group, rest = _HEAD_GROUPS[two], words[:-2]
    else:
        head_group, rest = _HEAD_GROUPS.get(head, head), words[:-1]
    if head_group == "troops":
        rest = [w for w in rest if w not in _NARROWING]
    place = " ".join(_WORD.findall(where.lower()))
    return f"{' '.join([*rest, head_group])} | {place}".strip()


def is_generic(key: str) -> bool:
    """A bare noun with no qualifier and no place ("people |", "crowns |"): too vague to compare two
    figures by on its own, since one article counts the injured, another the evacuated, under it."""
    what, _, where = key.partition("|")
    return " " not in what.strip() and not where.strip()
