"""A small multi-story corpus written for the stories tests (fictional places and people).

Three stories, several outlets, years apart:

- ``dam``: the Varnell dam breach in Ostrava Valley (2019) and, four years later, the inquiry into it;
- ``dam2``: a different dam failure, of the same kind, at Lake Mirro in Kestland (2022);
- ``transfer``: a footballer's transfer saga.

``dam-copy`` is a syndicated copy of ``dam-wire`` (a header and a footer added), marked ``duplicate_of``.
Entities are given per article as the language stage would store them (canonical ids), days as ISO dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CorpusArticle:
    key: str
    story: str
    title: str
    text: str
    entities: tuple[str, ...]
    days: tuple[str, ...]
    published: str | None = None
    copy_of: str | None = None


_WIRE_TEXT = (
    "Floodwater poured through Ostrava Valley on Tuesday after the Varnell dam gave way, forcing about "
    "4,000 people from their homes, regional officials said. Governor Elena Brask said rescue teams had "
    "reached the villages of Tarn and Holm below the dam. The Varnell reservoir had risen for weeks after "
    "record rain."
)

ARTICLES = (
    CorpusArticle(
        "dam-wire",
        "dam",
        "Varnell dam breach floods Ostrava Valley",
        _WIRE_TEXT,
        ("varnell dam", "ostrava valley", "elena brask", "tarn", "holm"),
        ("2019-04-09",),
        "2019-04-09",
    ),
    CorpusArticle(
        "dam-copy",
        "dam",
        "Varnell dam breach floods Ostrava Valley",
        "Republished from the wire. " + _WIRE_TEXT + " Copyright the wire service.",
        ("varnell dam", "ostrava valley", "elena brask", "tarn", "holm"),
        ("2019-04-09",),
        "2019-04-10",
        copy_of="dam-wire",
    ),
    CorpusArticle(
        "dam-local",
        "dam",
        "Tarn villagers count losses after Varnell dam collapse",
        "Residents of Tarn returned on Thursday to homes filled with mud, two days after the Varnell dam "
        "collapsed. Governor Elena Brask promised compensation to every family in Ostrava Valley and "
        "said engineers would examine why the dam failed.",
        ("tarn", "varnell dam", "elena brask", "ostrava valley"),
        ("2019-04-11", "2019-04-09"),
        "2019-04-11",
    ),
    CorpusArticle(
        "dam-inquiry",
        "dam",
        "Inquiry blames Varnell dam operator for Ostrava Valley flood",
        "Four years after the Varnell dam breach flooded Ostrava Valley, a public inquiry found that the "
        "operator had ignored warnings about cracks in the dam wall. Former governor Elena Brask told the "
        "inquiry the people of Tarn and Holm had been failed.",
        ("varnell dam", "ostrava valley", "elena brask", "tarn", "holm"),
        ("2023-06-20",),
        "2023-06-20",
    ),
    CorpusArticle(
        "dam2-report",
        "dam2",
        "Lake Mirro dam bursts in Kestland, thousands evacuated",
        "A dam at Lake Mirro in Kestland burst early on Sunday, sending water into the town of Pell. "
        "Kestland's interior minister Tomas Avedo said 2,500 people had been moved to shelters.",
        ("lake mirro", "kestland", "pell", "tomas avedo"),
        ("2022-09-18",),
        "2022-09-18",
    ),
    CorpusArticle(
        "dam2-followup",
        "dam2",
        "Pell clears mud as Lake Mirro dam failure is investigated",
        "The town of Pell began clearing mud on Tuesday after the Lake Mirro dam failure. Interior minister "
        "Tomas Avedo said Kestland would rebuild the dam within two years.",
        ("pell", "lake mirro", "tomas avedo", "kestland"),
        ("2022-09-20", "2022-09-18"),
        "2022-09-20",
    ),
    CorpusArticle(
        "transfer-rumour",
        "transfer",
        "Rovan United close in on striker Dario Kell",
        "Rovan United are close to signing striker Dario Kell from Aldmoor for a club-record fee, people "
        "familiar with the talks said. Kell scored 24 goals for Aldmoor last season.",
        ("rovan united", "dario kell", "aldmoor"),
        ("2021-07-02",),
        "2021-07-02",
    ),
    CorpusArticle(
        "transfer-done",
        "transfer",
        "Dario Kell signs for Rovan United",
        "Dario Kell has completed his move from Aldmoor to Rovan United on a five-year contract. The striker "
        "said joining Rovan United was a dream.",
        ("dario kell", "rovan united", "aldmoor"),
        ("2021-07-09",),
        "2021-07-09",
    ),
)


def article_id_of(key: str) -> str:
    """A fixed article id per key (ids sort in the order the corpus lists them, copies after originals)."""
    return "a" + format(ARTICLES_ORDER[key], "015x")


ARTICLES_ORDER = {a.key: k for k, a in enumerate(ARTICLES)}


def store_corpus(store: Any, articles: tuple[CorpusArticle, ...] = ARTICLES) -> dict[str, str]:
    """Write the articles, their mentions and dates into ``store`` as the per-article stages would;
    return article id -> gold story."""
    from sqlalchemy import insert, select

    from newsledger.ids import record_id
    from newsledger.store import schema

    rows, mentions, times, entities = [], [], [], {}
    for a in articles:
        aid = article_id_of(a.key)
        rows.append(
            {
                "id": aid,
                "source": f"test:{a.key}",
                "title": a.title,
                "authors": "[]",
                "published_date": a.published,
                "published_inferred": False,
                "text": a.text,
                "removed": "[]",
                "raw_map": "[]",
                "duplicate_of": article_id_of(a.copy_of) if a.copy_of else None,
                "analysis_version": "test",
            }
        )
        for k, name in enumerate(a.entities):
            eid = record_id("e", name)
            entities[eid] = {"id": eid, "name": name, "type": "place", "aliases": "[]"}
            mentions.append(
                {"id": record_id("m", aid, k), "article_id": aid, "entity_id": eid, "start": 0, "end": 1}
            )
        for k, day in enumerate(a.days):
            times.append(
                {
                    "id": record_id("t", aid, k),
                    "article_id": aid,
                    "start": 0,
                    "end": 1,
                    "text": day,
                    "value": day,
                    "precision": "day",
                    "relative": False,
                }
            )
    with store.engine.begin() as conn:
        conn.execute(insert(schema.articles), rows)
        known = set(conn.execute(select(schema.entities.c.id)).scalars())
        fresh = [e for k, e in entities.items() if k not in known]
        if fresh:
            conn.execute(insert(schema.entities), fresh)
        conn.execute(insert(schema.mentions), mentions)
        conn.execute(insert(schema.time_expressions), times)
    return {article_id_of(a.key): a.story for a in articles}
