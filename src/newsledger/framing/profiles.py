"""Outlet profiles: how each outlet tells the stories it covers, aggregated over its stored articles.

Computed from the ledger when it is read, so they always match the articles, claims, stances and
technique spans beside them. Per outlet: articles and words; stance counts per story; technique spans
per 1,000 words, overall and per technique; the share of claims in the outlet's own voice against those
attributed to someone; and, of the attributed claims, the share resting on anonymous sources. Syndicated
copies (``duplicate_of``) count for the outlet that published them: a profile describes what an outlet
chose to run, not who wrote it first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

_WORD = re.compile(r"\w+")
UNKNOWN_OUTLET = "(unknown outlet)"


def outlet_profiles(ledger: Mapping[str, Any]) -> list[dict[str, Any]]:
    outlet_of = {a["id"]: a["outlet"] or UNKNOWN_OUTLET for a in ledger["articles"]}
    words: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for a in ledger["articles"]:
        o = outlet_of[a["id"]]
        articles[o] += 1
        words[o] += len(_WORD.findall(a["text"]))
    story_of = {aid: s["id"] for s in ledger.get("stories", []) for aid in s["article_ids"]}
    stances: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for s in ledger.get("stances", []):
        o = outlet_of.get(s["article_id"])
        if o is not None:
            stances[o][story_of.get(s["article_id"], "*")][s["label"]] += 1
    techniques: dict[str, Counter[str]] = defaultdict(Counter)
    for f in ledger.get("framing", []):
        o = outlet_of.get(f["article_id"])
        if o is not None:
            techniques[o][f["technique"]] += 1
    own: Counter[str] = Counter()
    attributed: Counter[str] = Counter()
    anonymous: Counter[str] = Counter()
    for c in ledger.get("claims", []):
        o = outlet_of.get(c["article_id"])
        if o is None:
            continue
        at = c["attribution"]
        if at["mode"] == "own_voice" and not at["chain"]:
            own[o] += 1
        else:
            attributed[o] += 1
            anonymous[o] += bool(at.get("anonymous"))
    out = []
    for o in sorted(articles):
        n_claims = own[o] + attributed[o]
        per_k = 1000.0 / words[o] if words[o] else 0.0
        out.append(
            {
                "outlet": o,
                "articles": articles[o],
                "words": words[o],
                "stances": {story: dict(sorted(c.items())) for story, c in sorted(stances[o].items())},
                "technique_density": round(sum(techniques[o].values()) * per_k, 3),
                "techniques_per_1000_words": {
                    t: round(n * per_k, 3) for t, n in sorted(techniques[o].items())
                },
                "claims": n_claims,
                "own_voice_share": _share(own[o], n_claims),
                "attributed_share": _share(attributed[o], n_claims),
                "anonymous_source_share": _share(anonymous[o], attributed[o]),
            }
        )
    return out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def profile_of(profiles: Sequence[Mapping[str, Any]], outlet: str) -> Mapping[str, Any] | None:
    return next((p for p in profiles if p["outlet"] == outlet), None)
