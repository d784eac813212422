"""Which outlet published the page, and on what evidence.

In order of trust: what the input stated (outlet, then URL domain); then the page's own words. A page shows
its publisher in its furniture and self-references: its domain in a footer or contact address, calls to
action ("Become a Member of X", "Comment on X Articles"), "X has learned", "statistics provided to X", its
slogan, a "| X" suffix on the headline, a copyright line. Each such cue carries a weight; the name with the
largest total (at least ``_MIN_WEIGHT``) wins. Outlets the text merely cites ("according to a report by
Foreign Policy") are not cues, and neither is a copyright holder that is the author or the original source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsledger.metadata.names import NAME_PHRASE, is_name, name_key
from newsledger.metadata.page import Page
from newsledger.metadata.registry import OutletRegistry

_MIN_WEIGHT = 2.0
_WEAK_CAP = 1.0
""""X told CNN", "in an interview with NPR", a domain in the body, a wire credit: on PolNeAR (US political
news) such cues named another outlet than the publisher about as often as the publisher, however often they
recur, so together they count as one weak cue and never name the outlet alone."""
_MAX_CTA_WORDS = 25
_MIN_OWN_LINKS = 3


@dataclass(frozen=True, slots=True)
class Cue:
    """One piece of evidence that ``name`` published the page."""

    name: str
    weight: float
    evidence: str
    weak: bool = False  # only corroborates: all weak cues for one name add up to at most _WEAK_CAP


@dataclass(frozen=True, slots=True)
class _Trigger:
    """Words that make the name next to them a self-reference ("provided to X", "X has learned").

    Triggers are plain strings found with ``str.find`` (case-folded unless ``fold`` is false), which is
    many times faster than one regular expression over the page; only their surroundings are parsed.
    """

    literal: str
    weight: float
    known_only: bool  # the name must be in the registry: the phrase is as often about someone else
    short_only: bool  # only in short blocks (calls to action, not prose)
    before: re.Pattern[str] | None = None  # the name precedes: this matches the text up to the trigger
    after: re.Pattern[str] | None = None  # must follow the name (name after the trigger)
    fold: bool = True


def _before(aux: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<x>{NAME_PHRASE})\s+{aux}$")


_HAS = _before(r"(?:has|have)\s+(?:exclusively\s+)?")
_CAN = _before(r"can\s+(?:exclusively\s+)?")
_VERIFY = _before(
    r"(?:could\s+not|couldn't|cannot|can\s*not|was\s+unable\s+to|has\s+not\s+been\s+able\s+to|was\s+not\s+able\s+to"
    r"|has\s+not|did\s+not)\s+(?:immediately\s+)?(?:independently\s+)?"
)
_POSSESSIVE = re.compile(rf"(?P<x>{NAME_PHRASE})(?:'s|’s)\s+$")
_ARTICLES = re.compile(r"\s+(?:Articles|Stories|Posts|News)\b")
_TRIGGERS = (
    *(
        _Trigger(f"{verb} to ", 2, True, False)
        for verb in ("provided", "sent", "given", "leaked", "supplied")
    ),
    _Trigger("told ", 1, True, False),
    _Trigger("informed ", 1, True, False),
    *(_Trigger(f"{verb} to ", 1, True, False) for verb in ("speaking", "spoke", "talking", "exclusively")),
    _Trigger("interview with ", 1, True, False),
    _Trigger("learned", 3, False, False, before=_HAS),
    _Trigger("learnt", 3, False, False, before=_HAS),
    _Trigger("reveal", 3, False, False, before=_CAN),
    _Trigger("verif", 3, False, False, before=_VERIFY),
    _Trigger("confirm", 3, False, False, before=_VERIFY),
    _Trigger("correspondent", 1, True, False, before=_POSSESSIVE),
    _Trigger("Comment on ", 3, False, True, after=_ARTICLES, fold=False),
    *(
        _Trigger(f"Become a {role} of ", 3, False, True, fold=False)
        for role in ("Member", "member", "Patron", "Supporter", "Friend", "Subscriber")
    ),
    *(
        _Trigger(f"{verb} ", 2, True, True, fold=False)
        for verb in ("Subscribe to", "Donate to", "Support", "Follow", "Sign up for", "Join")
    ),
)
_NAME_AT = re.compile(rf"(?P<x>(?:[Tt]he\s+)?{NAME_PHRASE})")
_BEFORE_WINDOW = 120
_CORPORATE_WORDS_TEXT = (
    "media network networks group corporation corp company co ltd limited inc llc plc holdings news "
    "publishing publications broadcasting international services sa ag gmbh"
)
_CORPORATE_WORDS = frozenset(_CORPORATE_WORDS_TEXT.split())
_TRAILING_WORDS = frozenset(("articles", "stories", "posts", "news", "page", "website", "site", "team"))
_DOMAIN_HINT = re.compile(r"\.[A-Za-z]{2}|@")
_DOMAIN = re.compile(
    r"(?<![\w@.-])(?:https?://)?(?:www\.)?(?P<d>(?:[a-z0-9][a-z0-9-]{0,62}\.){1,5}[a-z]{2,12})\b(?![.-]\w)",
    re.I,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@(?P<d>(?:[a-z0-9-]{1,63}\.){1,5}[a-z]{2,12})\b", re.I)
_LINK_TARGET = re.compile(r"\]\(\s*https?://(?:www\.)?(?P<d>[^/\s)]+)", re.I)
_BOILERPLATE = re.compile(
    r"©|copyright|rights\s+reserved|contact|inquir|enquir|disclaimer|permission|cross-post|mailto|subscribe|"
    r"newsletter|fair\s+use|follow\s+us|privacy|terms\s+of",
    re.I,
)
_NEWSY = re.compile(
    r"\b(?:News|Media|Network|Times|Post|Press|Agency|TV|Television|Radio|Daily|Journal|Herald|Tribune|Gazette|"
    r"Monitor|Observer|Chronicle|Report|Review|Magazine|Broadcasting|Channel|Wire|Online)\b"
)


def stated_outlet(outlet: str | None, url: str | None, *, registry: OutletRegistry) -> tuple[str, str] | None:
    """The outlet the input declared, canonicalised, or the one its URL's domain belongs to."""
    if outlet and outlet.strip():
        known = registry.by_name(outlet)
        return (known.name if known else outlet.strip()), "stated in the input's metadata"
    if url:
        host = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I).split("/", 1)[0]
        known = registry.by_domain(host)
        if known is not None:
            return known.name, f"URL domain {host.removeprefix('www.')}"
    return None


def text_cues(page: Page, *, registry: OutletRegistry) -> list[Cue]:
    """Self-references, domains, mastheads and slogans in the page's blocks."""
    cues = _self_references(page, registry=registry)
    for index in page.blocks_matching(_DOMAIN_HINT):
        cues.extend(_domains(page.plain[index], registry=registry))
    for index in range(min(len(page), page.header_end + 2)):
        if page.word_counts[index] <= 6 and (known := registry.by_name(page.plain[index])) is not None:
            # one word ("Standard", "App", "Welt") is as often a menu item as a masthead
            single = page.word_counts[index] == 1 and "." not in page.plain[index]
            cues.append(Cue(known.name, 1 if single else 2, f'masthead "{page.plain[index]}"', weak=single))
    cues.extend(_link_targets(page, registry=registry))
    return cues


def resolve(cues: Iterable[Cue]) -> tuple[str | None, str]:
    """The name with the largest total weight, and its evidence; (None, why not) below the threshold."""
    totals: dict[str, float] = {}
    weak: dict[str, float] = {}
    names: dict[str, str] = {}
    evidence: dict[str, list[str]] = {}
    for cue in cues:
        key = name_key(cue.name)
        if cue.weak:
            add = min(cue.weight, _WEAK_CAP - weak.get(key, 0.0))
            weak[key] = weak.get(key, 0.0) + add
        else:
            add = cue.weight
        totals[key] = totals.get(key, 0.0) + add
        names.setdefault(key, cue.name)
        found = evidence.setdefault(key, [])
        if cue.evidence not in found:
            found.append(cue.evidence)
    if not totals:
        return (
            None,
            "no outlet named: no stated metadata, known domain, self-reference, copyright line or slogan",
        )
    order = {k: i for i, k in enumerate(totals)}
    key = max(totals, key=lambda k: (totals[k], -order[k]))  # ties: the name found first
    if totals[key] < _MIN_WEIGHT:
        return None, f"too little evidence for an outlet (weak hint: {names[key]}, {evidence[key][0]})"
    return names[key], "; ".join(evidence[key][:3])


def copyright_cues(holders: Iterable[str], *, exclude: Iterable[str], registry: OutletRegistry) -> list[Cue]:
    """Copyright holders as outlet cues, unless a holder is the author or the original source."""
    excluded = {name_key(x) for x in exclude}
    cues: list[Cue] = []
    for holder in holders:
        if name_key(holder) in excluded:
            continue
        known = registry.by_name(holder)
        if known is None and "." in holder:
            known = registry.by_domain(holder)
        weight = 2.0
        if known is None and (found := registry.by_name_prefix(holder)) is not None:
            rest = holder[len(found[1]) :].split()
            if all(w.lower().strip(".,") in _CORPORATE_WORDS for w in rest):
                # "Al Jazeera Media Network", but also "Vox Media" on a sister site: a company, maybe an owner
                known, weight = found[0], 1.5
        if known is not None:
            if name_key(known.name) not in excluded:
                cues.append(Cue(known.name, weight, f'copyright line "© {holder}"'))
        elif is_name(holder, max_words=8):
            weight = 2 if _NEWSY.search(holder) else 1
            cues.append(Cue(holder, weight, f'copyright line "© {holder}"'))
    return cues


def _self_references(page: Page, *, registry: OutletRegistry) -> list[Cue]:
    cues: list[Cue] = []
    text = page.text
    folded = page.lower
    for trigger in _TRIGGERS:
        haystack = folded if trigger.fold else text
        pos = haystack.find(trigger.literal)
        while pos >= 0:
            cue = _cue_at(page, pos, trigger, registry=registry)
            if cue is not None:
                cues.append(cue)
            pos = haystack.find(trigger.literal, pos + len(trigger.literal))
    return cues


def _cue_at(page: Page, pos: int, trigger: _Trigger, *, registry: OutletRegistry) -> Cue | None:
    index = page.block_at(pos)
    if trigger.short_only and page.word_counts[index] > _MAX_CTA_WORDS:
        return None
    text = page.text
    line_start = page.start_of(index)
    if trigger.before is not None:
        m = trigger.before.search(text, max(line_start, pos - _BEFORE_WINDOW), pos)
        if m is None:
            return None
        phrase, start, end = m.group("x"), m.start(), pos + len(trigger.literal)
    else:
        after = pos + len(trigger.literal)
        m = _NAME_AT.match(text, after)
        if m is None or (trigger.after is not None and not _continues(text, m, trigger.after)):
            return None
        phrase, start, end = m.group("x"), pos, m.end()
    name = _name(phrase, trigger=trigger, registry=registry)
    if name is None:
        return None
    quote = _quote(text, start, end, bounds=page.bounds(index))
    return Cue(name, trigger.weight, f'self-reference "{quote}"', weak=trigger.weight < _MIN_WEIGHT)


def _continues(text: str, m: re.Match[str], follow: re.Pattern[str]) -> bool:
    """Whether ``follow`` matches after the name, letting the name give back trailing words ("X Articles")."""
    return bool(follow.match(text, m.end()) or follow.search(m.group()))


def _name(phrase: str, *, trigger: _Trigger, registry: OutletRegistry) -> str | None:
    """The outlet a phrase names: the registry's, for the longest run of its words next to the trigger.

    A name found before the trigger may carry sentence-initial words ("Meanwhile Rudaw has learned"), so
    runs ending at the trigger are tried; after it, runs starting at the trigger. A name the registry does not
    know counts only for specific cues, and then only if it reads like a news organisation's name when it
    stands before the verb ("Syria has learned" is not a self-reference).
    """
    words = phrase.split()
    spans = (
        [words[i:] for i in range(len(words))]
        if trigger.before is not None
        else [words[:n] for n in range(len(words), 0, -1)]
    )
    for span in spans:
        known = registry.by_name(" ".join(span))
        if known is not None:
            return known.name
    if trigger.known_only:
        return None
    while words and words[-1].lower() in _TRAILING_WORDS:
        words.pop()
    candidate = " ".join(words)
    if not words or not is_name(candidate, max_words=6):
        return None
    if trigger.before is not None and not _NEWSY.search(candidate):
        return None
    return candidate


def _domains(text: str, *, registry: OutletRegistry) -> list[Cue]:
    cues: list[Cue] = []
    boilerplate = bool(_BOILERPLATE.search(text))
    for m in _EMAIL.finditer(text) if "@" in text else ():
        known = registry.by_domain(m.group("d"))
        if known is not None:
            cues.append(Cue(known.name, 3, f"contact address {m.group()}"))
    for m in _DOMAIN.finditer(text):
        known = registry.by_domain(m.group("d"))
        if known is not None:
            domain = m.group("d").lower().removeprefix("www.")
            if boilerplate:
                cues.append(Cue(known.name, 3, f'domain {domain} in "{_quote(text, m.start(), m.end())}"'))
            else:
                cues.append(Cue(known.name, 1, f"domain {domain} in the text", weak=True))
    return cues


def _link_targets(page: Page, *, registry: OutletRegistry) -> list[Cue]:
    """The page's own site: a known domain that most of the page's links point to (menus, related stories).

    A few links to one outlet are citations ("[the report](https://foreignpolicy.com/...)"), so it takes at
    least ``_MIN_OWN_LINKS`` links and a majority of all.
    """
    counts: dict[str, int] = {}
    total = 0
    for raw in page.raw:
        if "](" in raw:
            for m in _LINK_TARGET.finditer(raw):
                total += 1
                known = registry.by_domain(m.group("d"))
                if known is not None:
                    counts[known.name] = counts.get(known.name, 0) + 1
    return [
        Cue(name, 2, f"{n} of the page's {total} links go to its site")
        for name, n in counts.items()
        if n >= _MIN_OWN_LINKS and 2 * n > total
    ]


def _quote(text: str, start: int, end: int, *, bounds: tuple[int, int] | None = None, room: int = 40) -> str:
    """A short excerpt around ``[start, end)`` (within ``bounds``) for evidence strings."""
    low, high = bounds if bounds is not None else (0, len(text))
    a = max(low, start - room)
    b = min(high, end + room)
    return ("…" if a > low else "") + text[a:b].strip() + ("…" if b < high else "")
