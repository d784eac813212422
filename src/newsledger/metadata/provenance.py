"""Where the text comes from: republishing notes, copyright holders.

"The original source of this article is X" and "This article originally appeared on X" name the ORIGINAL
publisher, not the page's. A copyright line names the outlet on many sites, but on republishing sites it
names the author or the original source ("Copyright © Jane Doe, Global Research, 2017"), so its holders are
returned as written and the outlet rules decide what each one is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.metadata.names import is_name, leading_name
from newsledger.metadata.page import Page
from newsledger.metadata.registry import OutletRegistry

_ORIGINAL = re.compile(
    r"\boriginal\s+source\s+of\s+this\s+(?:article|story|post|piece|report)\s+is\s*:?\s+(?P<x>.+)$"
    r"|\bThis\s+(?:article|story|piece|post|report|op-ed|commentary|essay|interview)\s+(?:was\s+|is\s+)?"
    r"(?:originally|first)\s+(?:appeared|published|posted|ran)\s+(?:on|in|at|by)\s+(?P<y>.+)$"
    r"|^(?:Originally|First)\s+(?:published|appeared|posted)\s+(?:on|in|at|by)\s+(?P<z>.+)$"
    r"|^(?:Republished|Reprinted|Reposted|Cross-posted|Syndicated)(?:\s+with\s+permission)?\s+(?:from|by)\s+"
    r"(?P<w>.+)$",
    re.I,
)
_ORIGINAL_HINTS = (
    "original",
    "first published",
    "first appeared",
    "first posted",
    "republished",
    "reprinted",
    "reposted",
    "cross-posted",
    "syndicated",
    "first ran",
)
_SOURCE_LINE = re.compile(r"^Source\s*:\s*(?P<x>.+)$", re.I)
_COPYRIGHT = re.compile(
    r"^(?:copyright\b\s*(?:©|\(c\))?|©|\(c\)(?=\s*\d))\s*(?P<rest>.*)$|©\s*(?P<inner>.+)$", re.I
)
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\b")
_RESERVED = re.compile(r"\ball\s+rights\s+reserved\b.*$|\bsome\s+rights\s+reserved\b.*$", re.I)
_CORPORATE = re.compile(r"[\s,]+(?:Ltd|Limited|Inc|LLC|plc|PLC|Corp|Co|GmbH|S\.A|SA|AG)\.?$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<d>(?:[a-z0-9-]+\.)+[a-z]{2,12})\b", re.I)
_MAX_NOTE_WORDS = 30


@dataclass(frozen=True, slots=True)
class Provenance:
    original_source: str | None
    source_blocks: tuple[int, ...]
    copyright_holders: tuple[str, ...]
    copyright_blocks: tuple[int, ...]


def find_provenance(page: Page, *, registry: OutletRegistry) -> Provenance:
    """The original source a republishing note names, and the holders copyright lines name."""
    original: str | None = None
    source_blocks: list[int] = []
    holders: list[str] = []
    copyright_blocks: list[int] = []
    hinted: set[int] = set()
    for word in _ORIGINAL_HINTS:
        pos = page.lower.find(word)
        while pos >= 0:
            hinted.add(page.block_at(pos))
            pos = page.lower.find(word, pos + len(word))
    for index in sorted(hinted):
        m = _ORIGINAL.search(page.plain[index])
        if m is None:
            continue
        name = _source_name(m.group("x") or m.group("y") or m.group("z") or m.group("w"), registry=registry)
        if name is not None:
            original = original or name
            if page.word_counts[index] <= _MAX_NOTE_WORDS:
                source_blocks.append(index)
    for index, text in enumerate(page.plain):
        if index in source_blocks:
            continue
        m = _SOURCE_LINE.match(text) if text[:6].lower() == "source" else None
        if m is not None and page.word_counts[index] <= 8:
            name = _source_name(m.group("x"), registry=registry)
            if name is not None and (registry.by_name(name) or registry.by_domain(name)):
                original = original or name
                source_blocks.append(index)
                continue
        if "©" in text or text[:9].lower() == "copyright" or text[:3].lower() == "(c)":
            m = _COPYRIGHT.search(text)
            if m is not None:
                found = _holders(m.group("rest") or m.group("inner") or "")
                if found:
                    holders.extend(h for h in found if h not in holders)
                    if page.word_counts[index] <= _MAX_NOTE_WORDS:
                        copyright_blocks.append(index)
    return Provenance(original, tuple(source_blocks), tuple(holders), tuple(copyright_blocks))


def _source_name(text: str, *, registry: OutletRegistry) -> str | None:
    """The name a republishing note gives: a known outlet's canonical name, a domain, or the name as is."""
    text = text.strip(" .:\"“”'")
    m = _DOMAIN.match(text)
    if m is not None:
        outlet = registry.by_domain(m.group("d"))
        return outlet.name if outlet is not None else m.group("d").lower()
    name = leading_name(text)
    if name is None:
        return None
    found = registry.by_name_prefix(name)
    return found[0].name if found is not None else name


def _holders(rest: str) -> list[str]:
    """Names in the text after a copyright sign: years, "All rights reserved" and company forms dropped."""
    rest = _RESERVED.sub("", _YEARS.sub(" ", rest))
    names: list[str] = []
    for part in re.split(r"\s*[,|;]\s*|\.\s+", rest):
        part = _CORPORATE.sub("", part.strip(" .-–—"))
        if part and (is_name(part, max_words=8) or _DOMAIN.match(part)) and part not in names:
            names.append(part)
    return names
