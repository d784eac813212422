"""Name the kind of page furniture a removed block is, so ``removed`` says why in words a reader knows.

The block model decides *whether* a block is furniture; this only labels the decision for people
reading the ledger. A block none of these patterns describes is plain "page furniture".
"""

from __future__ import annotations

import re

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            "comment form",
            r"required fields|email address will not be published|^\W*(name|e-?mail|website|comment)\W*\*?\s*$|leave a (reply|comment)|post comment|comments? \(\d+\)|\d+ comments?\b",
        ),
        ("promo link", r"^\W*(read|read more|related|see also|also read|watch|listen|recommended|more)\s*:"),
        (
            "related-stories list",
            r"you may also like|related (stories|articles|posts)|more (stories|from)|most (read|popular)|trending|recommended for you",
        ),
        (
            "share widget",
            r"\bshare (this|on)\b|^\W*(share|tweet|print|email|whatsapp|facebook|twitter|linkedin)\W*$|follow us",
        ),
        ("newsletter prompt", r"newsletter|subscribe|sign up|inbox"),
        ("disclaimer", r"disclaimer|views expressed|sole responsibility|do not necessarily reflect|fair use"),
        ("copyright notice", r"©|copyright|all rights reserved"),
        (
            "caption or credit",
            r"\[[^\]]*/[^\]]*\]\s*$|\b(photo|image|picture|featured image|credit)s?\b|getty|reuters/|afp/|/ap\b",
        ),
        (
            "navigation or taxonomy",
            r"^\W*(home|menu|tags?|topics?|themes?|regions?|categor(y|ies)|filed under|section)\b",
        ),
        (
            "author box",
            r"\b(is a|is an) .{0,40}\b(journalist|reporter|writer|correspondent|editor|analyst)\b|articles by",
        ),
    )
)


def furniture_kind(text: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "page furniture"
