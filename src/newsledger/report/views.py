"""What a story page shows, computed from a slice of the ledger: plain data, no markup.

The HTML report and the web pages render the same views, so both take a *ledger slice*: a dict with the
keys of the JSON ledger (``articles``, ``claims``, ``quantities``, ``stories``, ``claim_groups``,
``contradictions``, ``citations``, ``stances``, ``framing``) holding only the records of one story. The
report cuts it from the whole ledger (``story_slice``); the web app reads it from the database with
bounded queries.

Until the stories stage has written stories, the whole ledger is one implicit story, ``all``. Until the
claim-grouping stage has written groups, the claim matrix lists the most check-worthy claims one per row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ALL_STORY = "all"
"""The id of the implicit story holding every article (always available, and the only one before the
stories stage lands)."""

MATRIX_FALLBACK_ROWS = 30


def outlet_of(article: dict[str, Any]) -> str:
    """The outlet's name, or a label that keeps unknown outlets apart (never merged as one "unknown")."""
    name = article.get("outlet") or article.get("outlet_domain")
    if name:
        return str(name)
    title = (article.get("title") or article.get("source") or "")[:40].rstrip()
    return f"unknown outlet ({title})" if title else f"unknown outlet ({article['id']})"


def article_day(article: dict[str, Any]) -> str | None:
    """The publication date without its time (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or None."""
    date = article.get("published", {}).get("date")
    return str(date)[:10] if date else None


def story_slice(ledger: dict[str, Any], story_id: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(story, slice)`` of one story of a whole ledger; ``None`` or ``"all"`` is every article.

    Raises ``KeyError`` for a story id the ledger does not hold.
    """
    if story_id in (None, ALL_STORY):
        story = {"id": ALL_STORY, "label": "All articles", "implicit": True}
        return story, ledger
    found = next((s for s in ledger.get("stories", []) if s["id"] == story_id), None)
    if found is None:
        raise KeyError(story_id)
    ids = set(found["article_ids"])
    part: dict[str, Any] = {k: v for k, v in ledger.items() if not isinstance(v, list)}
    part["articles"] = [a for a in ledger["articles"] if a["id"] in ids]
    for key in ("claims", "quantities", "citations", "stances", "framing", "mentions", "time_expressions"):
        part[key] = [r for r in ledger.get(key, []) if r["article_id"] in ids]
    claim_ids = {c["id"] for c in part["claims"]}
    part["claim_groups"] = [
        g for g in ledger.get("claim_groups", []) if any(c in claim_ids for c in g["claim_ids"])
    ]
    part["contradictions"] = [
        c for c in ledger.get("contradictions", []) if c["a"] in claim_ids or c["b"] in claim_ids
    ]
    part["stories"] = [found]
    part["skipped"] = []
    story = {"id": found["id"], "label": found["label"], "implicit": False}
    return story, part


# --- overview -----------------------------------------------------------------------------------------


@dataclass
class Overview:
    outlets: list[str]
    dates: list[str]
    """Column keys: days, or months when there are too many days; ``undated`` last if any."""
    cells: dict[tuple[str, str], list[dict[str, Any]]]


def overview(articles: list[dict[str, Any]], *, max_columns: int = 24) -> Overview:
    """Outlets (rows) by dates (columns), each cell the articles of that outlet on that date."""
    days = {article_day(a) for a in articles}
    width = 10
    for width in (10, 7, 4):
        if len({d[:width] for d in days if d}) <= max_columns:
            break
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        day = article_day(a)
        cells[(outlet_of(a), day[:width] if day else "undated")].append(a)
    dates = sorted({d for _, d in cells if d != "undated"})
    if any(d == "undated" for _, d in cells):
        dates.append("undated")
    return Overview(outlets=sorted({o for o, _ in cells}), dates=dates, cells=dict(cells))


# --- numbers on a timeline --------------------------------------------------------------------------


@dataclass
class Point:
    quantity: dict[str, Any]
    article: dict[str, Any]
    date: str | None
    dated_by: str
    """``as of`` (the text dates the number) or ``published`` (the article's date stands in)."""

    @property
    def claimant(self) -> str:
        return str(self.quantity.get("according_to") or "unattributed")

    @property
    def outlet(self) -> str:
        return outlet_of(self.article)

    def who(self) -> str:
        """Who said it, and where when that is not the outlet itself."""
        claimant = self.claimant
        if claimant in ("the article", self.outlet):
            return f"{self.outlet} (own voice)"
        return f"{claimant}, in {self.outlet}"

    def value_text(self) -> str:
        q = self.quantity
        sign = {">": "over ", "<": "under ", ">=": "at least ", "<=": "at most "}.get(
            q.get("direction") or "", ""
        )
        approx = "~" if q.get("approximate") and not sign else ""
        if q["value"] is not None and not (q["low"] is not None and q["high"] is not None):
            body = _number(q["value"])
        elif q["low"] is not None and q["high"] is not None:
            body = f"{_number(q['low'])}–{_number(q['high'])}"
        else:
            body = _number(q["low"] if q["low"] is not None else q["high"])
        unit = q.get("unit") or ""
        return f"{sign}{approx}{body}{' ' + unit if unit else ''}"

    def y_range(self) -> tuple[float, float]:
        q = self.quantity
        lo = q["low"] if q["low"] is not None else q["value"]
        hi = q["high"] if q["high"] is not None else q["value"]
        lo = hi if lo is None else lo
        hi = lo if hi is None else hi
        return float(lo or 0.0), float(hi or 0.0)


def _number(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


@dataclass
class Timeline:
    key: str
    label: str
    points: list[Point]
    also: list[str] = field(default_factory=list)
    """Other wordings of the counted subject gathered into this timeline."""


def subject_key(q: dict[str, Any]) -> str | None:
    """Which timeline a quantity belongs on.

    A count of things (its unit is the counted noun: "4,000 soldiers" of "US soldiers | Syria") is keyed
    by the proper-name modifiers and the place, so "US soldiers", "US troops" and "US army personnel" in
    Syria share one timeline; with no proper modifier the head noun keys it. Anything else (percentages,
    areas, money) is keyed by its whole subject and normalised unit, so unlike measures never share an axis.
    """
    counted = q.get("counted")
    if not counted:
        return None
    head, _, place = str(counted).partition(" | ")
    words = head.split()
    unit_words = str(q.get("unit") or "").lower().split()
    lowered = [w.lower() for w in words]
    if words and unit_words and unit_words[-1] in lowered:
        noun = len(lowered) - 1 - lowered[::-1].index(unit_words[-1])
        modifiers = words[:noun]
        proper = [w.lower().removesuffix("'s") for w in modifiers if w[:1].isupper()]
        subject = " ".join(proper) if proper else lowered[-1]
        return f"count:{subject}|{place.lower()}"
    return f"measure:{head.lower()}|{place.lower()}|{q.get('normalized_unit') or q.get('unit') or ''}"


def timelines(part: dict[str, Any]) -> list[Timeline]:
    """Numeric claims grouped by counted subject, each group a timeline; busiest first."""
    arts = {a["id"]: a for a in part["articles"]}
    groups: dict[str, list[Point]] = defaultdict(list)
    for q in part["quantities"]:
        key = subject_key(q)
        article = arts.get(q["article_id"])
        if key is None or article is None or (q["value"] is None and q["low"] is None and q["high"] is None):
            continue
        as_of = q.get("as_of")
        date, by = (str(as_of)[:10], "as of") if as_of else (article_day(article), "published")
        groups[key].append(Point(q, article, date, by if date else "undated"))
    out = []
    for key, points in groups.items():
        names = Counter(str(p.quantity["counted"]) for p in points)
        label = names.most_common(1)[0][0]
        points.sort(key=lambda p: (p.date is None, p.date or "", p.y_range()[0]))
        out.append(Timeline(key, label, points, sorted(set(names) - {label})))
    out.sort(key=lambda t: (-len({p.article["id"] for p in t.points}), -len(t.points), t.label))
    return out


@dataclass
class Disagreement:
    timeline: str
    date: str
    a: Point
    b: Point


def numeric_disagreements(lines: Iterable[Timeline], *, limit: int = 20) -> list[Disagreement]:
    """Pairs of numbers for the same subject and the same date that differ: not a verdict, a pointer.

    Derived here from the timelines; the contradictions stage, when present, says which truly conflict.
    """
    found: list[Disagreement] = []
    for t in lines:
        by_date: dict[str, list[Point]] = defaultdict(list)
        for p in t.points:
            if p.date:
                by_date[p.date].append(p)
        for date, points in sorted(by_date.items()):
            for i, a in enumerate(points):
                for b in points[i + 1 :]:
                    if _disjoint(a.y_range(), b.y_range()) and len(found) < limit:
                        found.append(Disagreement(t.label, date, a, b))
    return found


def _disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


# --- claim matrix -----------------------------------------------------------------------------------


@dataclass
class MatrixRow:
    label: str
    claim_ids: list[str]
    corroboration: int | None
    cells: dict[str, list[dict[str, Any]]]
    """Outlet -> the claims of that outlet in this row (empty: the outlet is silent)."""


@dataclass
class Matrix:
    outlets: list[str]
    rows: list[MatrixRow]
    grouped: bool
    """False when the claim groups stage has not run and each row is one claim."""


def cell_verdict(claims: list[dict[str, Any]]) -> str:
    """``asserts``, ``denies``, ``questions``, ``mixed`` or ``silent`` for one outlet's claims of a row."""
    kinds = {c["polarity"] for c in claims}
    if not kinds:
        return "silent"
    return kinds.pop() if len(kinds) == 1 else "mixed"


def claim_matrix(part: dict[str, Any], *, fallback_rows: int = MATRIX_FALLBACK_ROWS) -> Matrix:
    arts = {a["id"]: a for a in part["articles"]}
    outlets = sorted({outlet_of(a) for a in part["articles"]})
    claims = {c["id"]: c for c in part["claims"] if c["article_id"] in arts}
    groups = [g for g in part.get("claim_groups", []) if any(i in claims for i in g["claim_ids"])]
    rows: list[MatrixRow] = []
    grouped: set[str] = set()
    for g in sorted(groups, key=lambda g: (-g["corroboration"], g["id"])):
        members = [claims[i] for i in g["claim_ids"] if i in claims]
        rows.append(_row(members, arts, g["corroboration"]))
        grouped.update(c["id"] for c in members)
    # Then the claims no other article states, most worth checking first, up to the row budget: a
    # claim carried by one outlet only is exactly what a reader should see standing alone.
    with_numbers = {q["claim_id"] for q in part["quantities"] if q.get("claim_id")}
    ranked = sorted(
        (c for c in claims.values() if c["id"] not in grouped),
        key=lambda c: (-(c["checkworthiness"] + (0.5 if c["id"] in with_numbers else 0.0)), c["id"]),
    )
    rows += [_row([c], arts, None) for c in ranked[: max(0, fallback_rows - len(rows))]]
    return Matrix(outlets, rows, grouped=bool(groups))


def _row(members: list[dict[str, Any]], arts: dict[str, Any], corroboration: int | None) -> MatrixRow:
    cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in members:
        cells[outlet_of(arts[c["article_id"]])].append(c)
    label = min(members, key=lambda c: (len(c["text"]), c["id"]))["text"] if members else ""
    return MatrixRow(label, [c["id"] for c in members], corroboration, dict(cells))


# --- attribution chains -------------------------------------------------------------------------------


@dataclass
class ChainPath:
    steps: list[str]
    """From the outlet inwards: outlet, intermediaries, origin."""
    claims: list[dict[str, Any]]
    source: str
    """``claims`` (from claim attributions) or ``citations``."""


def attribution_paths(part: dict[str, Any], *, limit: int = 60) -> list[ChainPath]:
    """Distinct outlet → intermediary → origin paths, most used first, with the claims that travel them."""
    arts = {a["id"]: a for a in part["articles"]}
    paths: dict[tuple[str, ...], ChainPath] = {}
    for c in part["claims"]:
        a = arts.get(c["article_id"])
        att = c["attribution"]
        if a is None or (att["mode"] == "own_voice" and not att["chain"]):
            continue
        steps = [outlet_of(a), *att["chain"]]
        if att["speaker"] and (not att["chain"] or att["chain"][-1] != att["speaker"]):
            steps.append(att["speaker"])
        if len(steps) < 2:
            continue
        key = tuple(s.lower() for s in steps)
        paths.setdefault(key, ChainPath(steps, [], "claims")).claims.append(c)
    for cite in part.get("citations", []):
        a = arts.get(cite["article_id"])
        if a is None:
            continue
        steps = [outlet_of(a), *([cite["via"]] if cite.get("via") else []), cite["cited"]]
        key = tuple(s.lower() for s in steps)
        paths.setdefault(key, ChainPath(steps, [], "citations"))
    ordered = sorted(
        paths.values(), key=lambda p: (-len(p.steps), -len(p.claims), [s.lower() for s in p.steps])
    )
    return ordered[:limit]


# --- framing ---------------------------------------------------------------------------------------------


@dataclass
class OutletFraming:
    outlet: str
    stances: list[tuple[dict[str, Any], dict[str, Any]]]
    """(stance, article) pairs."""
    techniques: Counter[str]
    spans: list[tuple[dict[str, Any], dict[str, Any]]]
    """(framing span, article) pairs, highest score first."""


def framing_by_outlet(part: dict[str, Any], *, spans_per_outlet: int = 12) -> list[OutletFraming]:
    arts = {a["id"]: a for a in part["articles"]}
    by: dict[str, OutletFraming] = {}

    def entry(a: dict[str, Any]) -> OutletFraming:
        name = outlet_of(a)
        return by.setdefault(name, OutletFraming(name, [], Counter(), []))

    for s in part.get("stances", []):
        if s["article_id"] in arts:
            entry(arts[s["article_id"]]).stances.append((s, arts[s["article_id"]]))
    for f in part.get("framing", []):
        if f["article_id"] in arts:
            e = entry(arts[f["article_id"]])
            e.techniques[f["technique"]] += 1
            e.spans.append((f, arts[f["article_id"]]))
    for e in by.values():
        e.spans.sort(key=lambda pair: (-pair[0]["score"], pair[1]["id"], pair[0]["start"]))
        del e.spans[spans_per_outlet:]
    return [by[k] for k in sorted(by)]
