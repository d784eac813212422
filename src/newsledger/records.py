"""The typed records the ledger holds.

Every record derived from text carries ``article_id`` and ``[start, end)`` character offsets into that
article's clean text, so any line of a report can be traced to the words it came from. Records are
frozen: stages add records, they never edit those of an earlier stage.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Precision = Literal["year", "month", "day", "minute"]


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """When an article was published, how precisely we know it, and whether it was stated or inferred."""

    date: str | None  # ISO: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM
    precision: Precision | None = None
    inferred: bool = False
    evidence: str | None = None

    @classmethod
    def unknown(cls) -> PublishedDate:
        return cls(date=None)


@dataclass(frozen=True, slots=True)
class Removed:
    """A block of the input left out of the clean text, and why (furniture, repeat, markup, ...)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Segment:
    """``length`` clean-text characters from ``clean_start`` are raw input characters from ``raw_start``."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Article:
    """One clean article: metadata, body text and what cleaning removed."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    outlet_domain: str | None
    authors: tuple[str, ...]
    published: PublishedDate
    language: str | None
    text: str
    removed: tuple[Removed, ...] = ()
    raw_map: tuple[Segment, ...] = ()
    duplicate_of: str | None = None
    url: str | None = None
    dateline: str | None = None
    """Where the story was filed from, as the article's dateline says ("ERBIL, Kurdistan Region")."""
    original_source: str | None = None
    """Whose article this is when the page says it republishes one ("originally appeared on X")."""

    def raw_offset(self, clean_offset: int) -> int | None:
        """Offset in the raw input text of a clean-text offset; None when the map does not cover it."""
        for seg in self.raw_map:
            if seg.clean_start <= clean_offset < seg.clean_start + seg.length:
                return seg.raw_start + (clean_offset - seg.clean_start)
        return None


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    article_id: str
    entity_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date or relative time in the text ("on Monday", "Nov. 6", "last week", "in 2015"), resolved
    against the publication date when it can be: ``value`` is ISO (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)
    or null when unresolved, with the text kept either way."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    value: str | None
    precision: Precision | None
    relative: bool


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a claim is attributed to, by which cue, how, and through which intermediaries.

    ``chain`` runs from the outlet inwards to the origin, e.g. ["SANA", "unnamed Foreign Ministry source"].
    An empty speaker with mode ``own_voice`` means the outlet states it itself.
    """

    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    mode: Literal["direct", "indirect", "according_to", "document", "own_voice"] = "own_voice"
    chain: tuple[str, ...] = ()
    anonymous: bool = False
    """The speaker is unnamed ("an unnamed source in the Foreign Ministry", "local sources")."""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str
    checkworthiness: float
    attribution: Attribution = field(default_factory=Attribution)
    certainty: str | None = None
    polarity: Literal["asserts", "denies", "questions"] = "asserts"
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    id: str
    claim_id: str | None
    article_id: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    unit: str | None
    counted: str | None
    as_of: str | None
    according_to: str | None
    direction: str | None = None
    """``=``, ``>`` (a lower bound: "more than"), ``<`` (an upper bound: "up to") or ``~`` (an estimate)."""
    normalized_unit: str | None = None
    change: str | None = None
    """"up"/"down" when the number states a change ("rose 8%") rather than a level."""


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    label: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    id: str
    claim_ids: tuple[str, ...]
    corroboration: int


@dataclass(frozen=True, slots=True)
class Contradiction:
    a: str
    b: str
    kind: str
    why: str


@dataclass(frozen=True, slots=True)
class Citation:
    article_id: str
    cited: str
    via: str | None


@dataclass(frozen=True, slots=True)
class Stance:
    article_id: str
    target: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class FramingSpan:
    id: str
    article_id: str
    start: int
    end: int
    technique: str
    score: float


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that did not become an article, with a catalogue code and a reason a person can act on."""

    source: str
    code: str
    reason: str


def to_plain(record: Any) -> dict[str, Any]:
    """A record as JSON-ready dict (tuples become lists)."""
    return asdict(record)
