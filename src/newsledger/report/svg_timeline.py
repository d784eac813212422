"""One counted subject's numbers against their dates, as inline SVG (no script, no external resource).

Each point is a dot (a range is a bar between its bounds) labelled with the number, who said it and the
outlet, and links to the span of text it comes from. Points with no date at all sit in a separate band on
the right, "date unknown", rather than being placed at a guessed date. The value axis starts at zero, or
is logarithmic when the numbers span more than three orders of magnitude.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from newsledger.report.markup import Safe, join, tag
from newsledger.report.views import Point, Timeline

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 46
UNDATED_BAND = 110

Linker = Callable[[str, str], str]
"""(article id, anchor) -> href of that anchor."""


def _day_number(text: str) -> float | None:
    parts = text.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 7
        d = int(parts[2]) if len(parts) > 2 else 1
        return float(date(y, m, d).toordinal())
    except (ValueError, IndexError):
        return None


def timeline_svg(line: Timeline, *, link: Linker, anchor: Callable[[str], str]) -> Safe:
    """The chart of one timeline; ``anchor(quantity_id)`` names the span each point links to."""
    dated = [(p, _day_number(p.date)) for p in line.points if p.date]
    dated_ok = [(p, x) for p, x in dated if x is not None]
    undated = [p for p in line.points if not p.date or _day_number(p.date) is None]
    lows = [p.y_range()[0] for p in line.points]
    highs = [p.y_range()[1] for p in line.points]
    top = max([*highs, 1.0]) * 1.15
    positive = [v for v in lows + highs if v > 0]
    log = bool(positive) and min(positive) > 0 and top / min(positive) > 1000
    floor = min(positive) / 2 if log else 0.0

    plot_right = WIDTH - RIGHT - (UNDATED_BAND if undated else 0)

    def y(v: float) -> float:
        h = HEIGHT - TOP - BOTTOM
        if log:
            v = max(v, floor)
            return TOP + h - h * (math.log10(v) - math.log10(floor)) / (math.log10(top) - math.log10(floor))
        return TOP + h - h * v / top

    xs = [x for _, x in dated_ok]
    x0, x1 = (min(xs), max(xs)) if xs else (0.0, 1.0)
    span = max(x1 - x0, 1.0)

    def x(day: float) -> float:
        if x1 == x0:
            return (LEFT + plot_right) / 2
        return LEFT + 20 + (plot_right - LEFT - 40) * (day - x0) / span

    parts: list[Safe] = [
        tag("title", None, f"{line.label}: numbers by date"),
        tag(
            "line",
            {"x1": LEFT, "y1": HEIGHT - BOTTOM, "x2": plot_right, "y2": HEIGHT - BOTTOM, "class": "axis"},
        ),
        tag("line", {"x1": LEFT, "y1": TOP, "x2": LEFT, "y2": HEIGHT - BOTTOM, "class": "axis"}),
    ]
    for v in _ticks(top, log=log, floor=floor):
        parts.append(
            tag(
                "text",
                {"x": LEFT - 6, "y": f"{y(v) + 4:.1f}", "class": "tick", "text-anchor": "end"},
                _short(v),
            )
        )
        parts.append(
            tag(
                "line",
                {"x1": LEFT, "x2": plot_right, "y1": f"{y(v):.1f}", "y2": f"{y(v):.1f}", "class": "grid"},
            )
        )
    for label in sorted({p.date for p, _ in dated_ok if p.date}):
        day = _day_number(label)
        assert day is not None
        parts.append(
            tag(
                "text",
                {"x": f"{x(day):.1f}", "y": HEIGHT - BOTTOM + 16, "class": "tick", "text-anchor": "middle"},
                label,
            )
        )
    if undated:
        bx = WIDTH - RIGHT - UNDATED_BAND + 10
        parts.append(
            tag(
                "rect",
                {
                    "x": bx,
                    "y": TOP,
                    "width": UNDATED_BAND - 10,
                    "height": HEIGHT - TOP - BOTTOM,
                    "class": "undated",
                },
            )
        )
        parts.append(
            tag(
                "text",
                {
                    "x": bx + (UNDATED_BAND - 10) / 2,
                    "y": HEIGHT - BOTTOM + 16,
                    "class": "tick",
                    "text-anchor": "middle",
                },
                "date unknown",
            )
        )
    placed = [(p, x(day)) for p, day in dated_ok]
    for i, p in enumerate(undated):
        placed.append((p, WIDTH - RIGHT - UNDATED_BAND + 25 + (i % 4) * 20))
    for i, (p, px) in enumerate(placed):
        parts.append(_point(p, px, y, i, link=link, anchor=anchor))
    return tag(
        "svg",
        {
            "class": "timeline",
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "width": "100%",
            "role": "img",
            "aria-label": f"timeline of {line.label}",
            "xmlns": "http://www.w3.org/2000/svg",
        },
        parts,
    )


def _point(
    p: Point, px: float, y: Callable[[float], float], i: int, *, link: Linker, anchor: Callable[[str], str]
) -> Safe:
    lo, hi = p.y_range()
    q = p.quantity
    caption = f"{p.value_text()} — {p.who()}"
    caption = caption if len(caption) <= 60 else caption[:59] + "…"
    tooltip = (
        f"{p.value_text()} · {q.get('counted') or ''} · {p.dated_by} {p.date or 'unknown date'} · "
        f"according to {p.claimant} · in {p.outlet}"
    )
    shapes: list[Safe] = [tag("title", None, tooltip)]
    if hi > lo:
        shapes.append(
            tag(
                "line",
                {
                    "x1": f"{px:.1f}",
                    "x2": f"{px:.1f}",
                    "y1": f"{y(lo):.1f}",
                    "y2": f"{y(hi):.1f}",
                    "class": "range",
                },
            )
        )
    cy = y((lo + hi) / 2)
    shapes.append(tag("circle", {"cx": f"{px:.1f}", "cy": f"{cy:.1f}", "r": 5, "class": "dot"}))
    dy = -10 - 13 * (i % 3)
    left = px > WIDTH * 0.55
    shapes.append(
        tag(
            "text",
            {
                "x": f"{px + (-7 if left else 7):.1f}",
                "y": f"{cy + dy:.1f}",
                "class": "label",
                "text-anchor": "end" if left else "start",
            },
            caption,
        )
    )
    return tag(
        "a",
        {"href": link(p.article["id"], anchor(q["id"])), "class": "point", "data-value": f"{lo:g}"},
        shapes,
    )


def _ticks(top: float, *, log: bool, floor: float) -> list[float]:
    if log:
        first = math.ceil(math.log10(max(floor, 1e-9)))
        return [10.0**k for k in range(first, int(math.log10(top)) + 1)]
    step = 10 ** math.floor(math.log10(top / 4)) if top > 0 else 1
    for mult in (1, 2, 5, 10):
        if top / (step * mult) <= 5:
            step *= mult
            break
    return [step * k for k in range(int(top // step) + 1)]


def _short(v: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            return f"{v / size:g}{suffix}"
    return f"{v:g}"


def legend() -> Safe:
    return join(
        [
            tag(
                "p",
                {"class": "muted"},
                "Dot: a number; bar: a range; hover a point for details, click it for its sentence.",
            )
        ]
    )
