"""Who an attribution's source is: a named entity, a description resolved to one, or an anonymous source.

The attribution finder gives the source as written ("he", "the ministry", "Syria's state-run news
agency", "an unnamed source in the Foreign Ministry", "the Russian RIA Novosty"). Readers need a name
they can follow across the article and the corpus, so each source is resolved here, using only what
the article itself says:

- **Named**: the source's head word lies inside an entity mention ("the Russian RIA Novosty" → RIA
  Novosti). A description whose head is *not* the entity ("a Pentagon spokesperson") stays a
  description: the Pentagon did not speak, its spokesperson did.
- **Pronoun**: "he"/"she" → the nearest earlier person speaker, else the nearest earlier person
  mention; "it"/"they" → the nearest earlier speaker of any kind.
- **Definite description**: "the ministry", "the secretary", "Syria's state-run news agency" → an entity
  of the article whose name, aliases or the words written before a mention of it (a person's title,
  "Defense Secretary James Mattis") contain the description's head word; the nearest earlier one,
  else the nearest within ``FORWARD_CHARS`` after (articles sometimes name the agency a line later).
- **Anonymous**: unnamed, anonymous or counted sources and officials with no named person in the span
  are flagged ``anonymous`` and keep the article's own words ("four sources within the Defence and State
  departments"), which say what little the reader is told about them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.records import Entity, Mention

FORWARD_CHARS = 400
TITLE_WINDOW = 4
"""Tokens before a person mention read as its title ("Secretary of State Tillerson")."""

_PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
_OTHER_PRONOUNS = {"it", "they", "we", "them"}
_RELATIVE = {"who", "which", "that"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_ANONYMOUS = re.compile(
    r"\b(unnamed|anonymous|unidentified|undisclosed|condition of anonymity|not authori[sz]ed to)\b|"
    r"\b(sources?|insiders?|officials?|diplomats?|people familiar|person familiar)\b",
    re.I,
)
DOCUMENT_HEADS = frozenset(
    [
        "report",
        "reports",
        "statement",
        "statements",
        "study",
        "survey",
        "poll",
        "document",
        "documents",
        "letter",
        "communique",
        "communiqué",
        "declaration",
        "data",
        "statistics",
        "figures",
        "memo",
        "release",
        "analysis",
        "assessment",
        "investigation",
        "review",
        "cable",
        "filing",
    ]
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved source: the name to show, the entity when known, and what kind of source it is."""

    name: str
    entity_id: str | None
    entity_type: str | None
    anonymous: bool
    document: bool
    authors: tuple[str, ...] = ()
    """For a document ("the report published by SANA"), who issued it, by entity name."""


class SpeakerResolver:
    """Resolves the sources of one article, in text order (pronouns look back at earlier speakers)."""

    def __init__(self, doc: Any, mentions: Sequence[Mention], entities: Sequence[Entity]) -> None:
        self._doc = doc
        self._text: str = doc.text
        self._mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._entities = {e.id: e for e in entities}
        self._keywords = {e.id: _entity_words(e) for e in entities}
        for m in self._mentions:
            self._keywords.setdefault(m.entity_id, set()).update(self._title_words(m))
        self._earlier: list[tuple[int, Speaker]] = []

    def resolve(self, span: tuple[int, int]) -> Speaker:
        speaker = self._resolve(span)
        self._earlier.append((span[0], speaker))
        return speaker

    # --- the rules, in order ----------------------------------------------------------------------

    def _resolve(self, span: tuple[int, int]) -> Speaker:
        start, end = span
        written = _tidy(self._text[start:end])
        words = written.split()
        head = self._head(start, end)
        head_word = head.lower() if head else (words[-1].lower() if words else "")
        inside = [m for m in self._mentions if start <= m.start and m.end <= end]
        people = [m for m in inside if self._type(m.entity_id) == "person"]
        if len(words) == 1 and head_word in _RELATIVE:
            antecedent = self._antecedent(start, end)
            if antecedent is not None:
                return self._resolve(antecedent)
        document = head_word in DOCUMENT_HEADS
        if document:
            authors = tuple(dict.fromkeys(self._name(m.entity_id) for m in inside))
            if not authors:
                # "the report" after "a report by Foreign Policy": the same document, the same issuers.
                authors = next(
                    (
                        sp.authors
                        for _pos, sp in reversed(self._earlier)
                        if sp.document and sp.authors and head_word in sp.name.lower()
                    ),
                    (),
                )
            return Speaker(written, None, None, False, True, authors)
        if _ANONYMOUS.search(written) and not people:
            return Speaker(written, None, None, True, False)
        head_mention = self._mention_at_head(inside, start, end)
        if head_mention is not None:
            eid = head_mention.entity_id
            return Speaker(self._name(eid), eid, self._type(eid), False, False)
        if len(words) == 1 and head_word in _PERSON_PRONOUNS | _OTHER_PRONOUNS:
            return self._pronoun(head_word, start) or Speaker(written, None, None, False, False)
        found = self._described(head_word, start, end)
        if found is not None:
            return Speaker(self._name(found), found, self._type(found), False, False)
        return Speaker(written, None, None, False, False)

    def _antecedent(self, start: int, end: int) -> tuple[int, int] | None:
        """The noun phrase a relative pronoun stands for ("four sources ... who claimed")."""
        span = self._doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) != 1:
            return None
        verb = span[0].head
        if verb.dep_ != "relcl":
            return None
        noun = verb.head
        toks = [t for t in noun.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
        toks = [t for t in toks if t.i <= noun.i or t.i < verb.left_edge.i]
        if not toks:
            return None
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text))

    def _pronoun(self, word: str, at: int) -> Speaker | None:
        person = word in _PERSON_PRONOUNS
        for _pos, sp in reversed(self._earlier):
            if not person or sp.entity_type == "person":
                return sp
        if person:
            for m in reversed(self._mentions):
                if m.end <= at and self._type(m.entity_id) == "person":
                    eid = m.entity_id
                    return Speaker(self._name(eid), eid, "person", False, False)
        return None

    def _described(self, head_word: str, start: int, end: int) -> str | None:
        if not head_word or head_word in _DETERMINERS:
            return None
        key = head_word.rstrip("s") if len(head_word) > 4 else head_word
        before = [m for m in self._mentions if m.end <= start]
        after = [m for m in self._mentions if end <= m.start <= end + FORWARD_CHARS]
        for m in [*reversed(before), *after]:
            if key in self._keywords.get(m.entity_id, set()):
                return m.entity_id
        return None

    # --- helpers ----------------------------------------------------------------------------------

    def _head(self, start: int, end: int) -> str | None:
        span = self._doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        try:
            return str(span.root.text)
        except (AttributeError, ValueError):
            return str(span[-1].text)

    def _mention_at_head(self, inside: list[Mention], start: int, end: int) -> Mention | None:
        span = self._doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return inside[-1] if len(inside) == 1 and _covers(inside[0], start, end, self._text) else None
        root = span.root
        for m in inside:
            if m.start <= root.idx < m.end:
                return m
        return None

    def _title_words(self, m: Mention) -> set[str]:
        if self._type(m.entity_id) != "person":
            return set()
        span = self._doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return set()
        lo = max(span.sent.start, span.start - TITLE_WINDOW)
        return {t.text.lower().rstrip("s") for t in self._doc[lo : span.start] if t.is_alpha}

    def _type(self, entity_id: str) -> str | None:
        e = self._entities.get(entity_id)
        return e.type if e else None

    def _name(self, entity_id: str) -> str:
        e = self._entities.get(entity_id)
        return e.name if e else entity_id


def _entity_words(e: Entity) -> set[str]:
    words: set[str] = set()
    for name in (e.name, *e.aliases):
        for w in re.findall(r"[A-Za-z]+", name):
            low = w.lower()
            words.add(low.rstrip("s") if len(low) > 4 else low)
    return words


def _covers(m: Mention, start: int, end: int, text: str) -> bool:
    rest = (text[start : m.start] + " " + text[m.end : end]).lower().split()
    return all(w in _DETERMINERS for w in rest)


def _tidy(text: str) -> str:
    """The source as written, without surrounding punctuation or line breaks."""
    return " ".join(text.split()).strip(" ,;:–—-\"'“”‘’")
