"""What flows from discovery into the per-article pipeline: one unit per would-be article."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from newsledger.records import Skip


@dataclass(frozen=True, slots=True)
class InputUnit:
    """The raw bytes of one would-be article and where they came from.

    ``source`` is a path, a URL, or ``path:LINE`` for one line of a JSON Lines file; ``fmt`` is set when
    discovery already knows the format (a JSON Lines record), else detected from the bytes.
    """

    source: str
    data: bytes
    fmt: str | None = None

    @property
    def input_hash(self) -> str:
        """Hash of the bytes and how they are read: the resume key together with ``source``."""
        h = hashlib.sha256(self.data)
        h.update(b"\0" + (self.fmt or "").encode())
        return h.hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Rejected:
    """A unit refused before any pipeline stage ran (too large, unreadable, a broken JSON line)."""

    skip: Skip
    data_hash: str
