"""Split raw text into blocks (non-empty lines) with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]+")


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    text: str


def split_blocks(raw: str) -> list[Block]:
    return [Block(m.start(), m.end(), m.group()) for m in _LINE.finditer(raw) if m.group().strip()]
