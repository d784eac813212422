"""Build clean text out of slices of the raw text, keeping the map from clean offsets back to raw ones."""

from __future__ import annotations

from newsledger.records import Segment


class CleanTextBuilder:
    """Append raw slices (mapped) or synthetic text (unmapped, e.g. paragraph breaks)."""

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    @property
    def length(self) -> int:
        return self._length

    def add_raw(self, start: int, end: int) -> None:
        """Append ``raw[start:end]``, merging with the previous segment when contiguous."""
        if end <= start:
            return
        piece = self._raw[start:end]
        if self._segments:
            last = self._segments[-1]
            if last.clean_start + last.length == self._length and last.raw_start + last.length == start:
                self._segments[-1] = Segment(last.clean_start, last.raw_start, last.length + len(piece))
                self._parts.append(piece)
                self._length += len(piece)
                return
        self._segments.append(Segment(self._length, start, len(piece)))
        self._parts.append(piece)
        self._length += len(piece)

    def add_synthetic(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, tuple[Segment, ...]]:
        return "".join(self._parts), tuple(self._segments)
