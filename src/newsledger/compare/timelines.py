"""Numeric timelines: for each counted subject in a story, its figures in as-of order, each with who gave it.

Built from the stored quantities when the ledger is read (nothing is stored twice). Only figures that
state a level and have an as-of date are placed; a subject needs at least two figures to make a line
worth drawing. Articles outside every story (no stories stage run yet) form one implicit story, ``*``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from newsledger.compare.numeric import Figure, interval
from newsledger.compare.subjects import subject_key

MIN_POINTS = 2


def build_timelines(
    quantities: Iterable[Mapping[str, Any]],
    story_of: Mapping[str, str],
    outlet_of: Mapping[str, str | None],
) -> list[dict[str, Any]]:
    series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for q in quantities:
        key = subject_key(q.get("counted"))
        if key is None or not q.get("as_of"):
            continue
        fig = Figure(
            value=q.get("value"),
            low=q.get("low"),
            high=q.get("high"),
            approximate=bool(q.get("approximate")),
            direction=q.get("direction"),
            as_of=q.get("as_of"),
            change=q.get("change"),
        )
        if interval(fig) is None:
            continue
        story = story_of.get(q["article_id"], "*")
        series[(story, key)].append(
            {
                "as_of": q["as_of"],
                "value": q.get("value"),
                "low": q.get("low"),
                "high": q.get("high"),
                "approximate": bool(q.get("approximate")),
                "direction": q.get("direction"),
                "according_to": q.get("according_to"),
                "outlet": outlet_of.get(q["article_id"]),
                "article_id": q["article_id"],
                "quantity_id": q["id"],
                "claim_id": q.get("claim_id"),
            }
        )
    out = []
    for (story, key), points in sorted(series.items()):
        if len(points) < MIN_POINTS:
            continue
        points.sort(key=lambda p: (p["as_of"], p["value"] or 0.0, p["quantity_id"]))
        out.append({"story_id": story, "subject": key, "points": points})
    return out
