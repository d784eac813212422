"""How long a story page takes to render from a 10,000-article ledger (goal: under 1 s).

The store is synthetic and built quickly by inserting rows directly (records made with the real record
types and written with the store's own row functions): N articles of about 250 words, 6 claims and 2
numbers each, grouped into stories of 100 articles, with claim groups, contradictions, stances and
framing spans. Then the real app (``create_app``) answers through an in-process client, and the median
of several requests is reported for the story page, the implicit ``all`` story (the newest 200 articles
of the whole ledger), an article page, an API page and a search (after the search index is built, whose
one-off cost is reported too).

    .venv/bin/python benchmarks/story_page.py [--articles 10000] [--repeat 5] [--db /tmp/x.db]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from newsledger.records import Article, Attribution, Claim, PublishedDate, Quantity
from newsledger.store import Store, schema
from newsledger.store.rows import article_row, claim_row, quantity_row

WORDS = [
    "officials",
    "said",
    "the",
    "ministry",
    "troops",
    "border",
    "council",
    "agreed",
    "report",
    "sources",
    "talks",
    "city",
    "forces",
    "aid",
    "government",
    "spokesman",
    "statement",
    "week",
    "vote",
    "budget",
    "plan",
    "region",
    "police",
    "protest",
]
OUTLETS = [f"Outlet {i}" for i in range(40)]
SPEAKERS = ["the ministry", "a spokesman", "officials", "the agency", None]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def build(db: Path, *, articles: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    store = Store.open(db)
    try:
        with store.engine.begin() as conn:
            for start in range(0, articles, 1000):
                arts, claims, quants, members = [], [], [], []
                for i in range(start, min(start + 1000, articles)):
                    aid = f"a{i:015x}"
                    sentences = [_sentence(rng, rng.randint(12, 28)) for _ in range(12)]
                    troops = rng.choice([400, 500, 900, 2000, 4000])
                    sentences[3] = f"About {troops} troops remain in the region, officials said."
                    text = " ".join(sentences)
                    day = f"20{rng.randint(17, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    arts.append(
                        article_row(
                            Article(
                                id=aid,
                                source=f"synthetic/{i}.txt",
                                title=_sentence(rng, 8)[:-1],
                                outlet=OUTLETS[i % len(OUTLETS)],
                                outlet_domain=None,
                                authors=("A. Writer",),
                                published=PublishedDate(
                                    date=day, precision="day", inferred=False, evidence=day
                                ),
                                language="en",
                                text=text,
                            ),
                            version="bench",
                        )
                    )
                    pos = 0
                    for k, s in enumerate(sentences):
                        if k % 2 == 0:
                            speaker = rng.choice(SPEAKERS)
                            claims.append(
                                claim_row(
                                    Claim(
                                        id=f"c{i:010x}{k:02x}",
                                        article_id=aid,
                                        start=pos,
                                        end=pos + len(s),
                                        text=s,
                                        kind="factual",
                                        checkworthiness=rng.random(),
                                        attribution=Attribution(
                                            speaker=speaker,
                                            cue="said" if speaker else None,
                                            mode="indirect" if speaker else "own_voice",
                                            chain=("the agency",) if speaker == "the ministry" else (),
                                        ),
                                    )
                                )
                            )
                        pos += len(s) + 1
                    t_start = text.index(str(troops))
                    for j, (value, counted) in enumerate(
                        ((troops, "troops | region"), (rng.randint(2, 90), "protesters"))
                    ):
                        quants.append(
                            quantity_row(
                                Quantity(
                                    id=f"q{i:010x}{j:02x}",
                                    claim_id=None,
                                    article_id=aid,
                                    start=t_start,
                                    end=t_start + len(str(troops)),
                                    value=float(value),
                                    low=None,
                                    high=None,
                                    approximate=True,
                                    unit="troops" if j == 0 else "protesters",
                                    counted=counted,
                                    as_of=day,
                                    according_to="officials",
                                )
                            )
                        )
                    members.append({"story_id": f"s{i // 100:05d}", "article_id": aid})
                conn.execute(insert(schema.articles), arts)
                conn.execute(insert(schema.claims), claims)
                conn.execute(insert(schema.quantities), quants)
                stories = sorted({m["story_id"] for m in members})
                conn.execute(insert(schema.stories), [{"id": s, "label": f"Story {s}"} for s in stories])
                conn.execute(insert(schema.story_articles), members)
                groups = [
                    {"id": f"g{i:08d}", "corroboration": 2} for i in range(start, start + len(arts) - 1, 2)
                ]
                conn.execute(insert(schema.claim_groups), groups)
                conn.execute(
                    insert(schema.claim_group_members),
                    [
                        {"group_id": f"g{i:08d}", "claim_id": f"c{n:010x}00"}
                        for i in range(start, start + len(arts) - 1, 2)
                        for n in (i, i + 1)
                    ],
                )
                conn.execute(
                    insert(schema.contradictions),
                    [
                        {
                            "a": f"c{i:010x}02",
                            "b": f"c{i + 1:010x}02",
                            "kind": "numeric",
                            "why": "different counts",
                        }
                        for i in range(start, start + len(arts) - 1, 10)
                    ],
                )
                conn.execute(
                    insert(schema.stances),
                    [
                        {
                            "id": f"st{start + i}",
                            "article_id": a["id"],
                            "target": "troops should leave",
                            "label": rng.choice(["for", "against", "neutral"]),
                            "score": rng.random(),
                        }
                        for i, a in enumerate(arts)
                    ],
                )
                conn.execute(
                    insert(schema.framing),
                    [
                        {
                            "id": f"fr{start + i}",
                            "article_id": a["id"],
                            "start": 0,
                            "end": 20,
                            "technique": "loaded_language",
                            "score": rng.random(),
                        }
                        for i, a in enumerate(arts)
                    ],
                )
    finally:
        store.close()


def _median_ms(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="Reuse or create this database file.")
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from newsledger.web.server import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            t0 = time.perf_counter()
            build(db, articles=args.articles)
            print(f"built {args.articles} articles in {time.perf_counter() - t0:.1f} s -> {db}")
        client = TestClient(create_app(str(db)))

        def get(path: str) -> None:
            r = client.get(path)
            assert r.status_code == 200, (path, r.status_code, r.text[:200])

        article = f"/articles/a{args.articles // 2:015x}"
        get("/stories/s00050")  # warm the connection pool and imports
        t0 = time.perf_counter()
        get("/search?q=troops")
        index_s = time.perf_counter() - t0
        rows = [
            ("story page (100 articles)", "/stories/s00050"),
            ("implicit story 'all' (newest 200)", "/stories/all"),
            ("article page", article),
            ("home page", "/"),
            ("API articles page", "/api/articles?limit=200&offset=5000"),
            ("search page", "/search?q=troops+region"),
        ]
        print(f"first search (builds the FTS5 index of {args.articles} articles): {index_s:.2f} s")
        for label, path in rows:
            print(
                f"{label:<40} {_median_ms(lambda p=path: get(p), args.repeat):8.1f} ms  (median of {args.repeat})"
            )


if __name__ == "__main__":
    main()
