"""Per-stage timing collected across worker processes, printed by ``--profile``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    words: int = 0
    articles: int = 0

    def add(self, timings: dict[str, float]) -> None:
        for name, secs in timings.items():
            self.seconds[name] += secs
            self.calls[name] += 1

    def table(self, *, wall: float) -> str:
        """A readable table: stage, calls, total seconds, ms per call, words/s of that stage alone."""
        lines = [f"{'stage':<16}{'calls':>8}{'seconds':>10}{'ms/call':>10}{'words/s':>12}"]
        for name in self.seconds:
            secs, calls = self.seconds[name], self.calls[name]
            wps = f"{self.words / secs:,.0f}" if secs > 0 and self.words else "-"
            lines.append(f"{name:<16}{calls:>8}{secs:>10.2f}{1000 * secs / max(calls, 1):>10.1f}{wps:>12}")
        rate = f"{self.articles / wall:,.1f} articles/s, {self.words / wall:,.0f} words/s" if wall > 0 else ""
        lines.append(f"{'end to end':<16}{self.articles:>8}{wall:>10.2f}{'':>10}{'':>12}  {rate}")
        return "\n".join(lines)
