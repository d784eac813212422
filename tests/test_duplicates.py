"""Near-duplicates and the corpus-stage framework, on real text.

The duplicate cases are small fictional articles written for these tests (Port Saelin, its ferries and
its library do not exist); the no-false-link cases use the seeds and the demo corpus.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, select, text

from newsledger.analysis import analyze
from newsledger.corpus import default_corpus_stages, run_corpus_stages
from newsledger.corpus.near_duplicates import (
    NearDuplicates,
    band_keys,
    is_near_duplicate,
    minhash,
    shingles,
)
from newsledger.demo import demo_corpus
from newsledger.demo.synthetic import load_templates, write_synthetic_corpus
from newsledger.errors import PipelineOrderError
from newsledger.report.ledger import load_ledger
from newsledger.store import Store, schema
from newsledger.store.migrations import LATEST

STRIKE = (
    "Ferry crews in Port Saelin walked off the job at dawn on Tuesday, leaving about 4,000 commuters "
    "without a crossing to the Ostra islands. The Harbour Workers' Guild said its members would stay "
    "out until the port authority restored the night-shift bonus it cut in March.\n\n"
    "Guild secretary Aldo Brenn told reporters outside the terminal that crews had worked 'two winters "
    "without a single extra crown' and that the authority had ignored three written requests to meet. "
    "The authority's director, Wenna Coll, said the bonus had been replaced by a new rota that gave "
    "crews more rest between sailings, and called the stoppage 'regrettable and avoidable'.\n\n"
    "Island councillors asked the regional government to charter private boats for schoolchildren and "
    "hospital patients. A spokesman for the regional transport office said two vessels could be in "
    "service by Thursday but would carry no cars. Shops on Ostra Major reported bread and milk running "
    "short by the afternoon, and the island clinic postponed all routine appointments.\n\n"
    "The last strike at the port, in 2019, lasted eleven days and ended with an arbitration panel that "
    "split the difference between the two sides. Brenn said the guild would accept arbitration again, "
    "but only if the panel was named before the crews returned."
)

RADIO = (
    "Commuters on the Ostra crossing spent Tuesday looking for another way to work after Port Saelin's "
    "ferry crews stopped sailing. The Harbour Workers' Guild says the strike is about a night-shift bonus "
    "that the port authority scrapped in March; the authority says the bonus was folded into a rota "
    "with longer rest periods.\n\n"
    "At the terminal, queues of people who had not heard the news built up from six in the morning. "
    "'I have a shift at the hospital at eight and no idea how to get there,' one nurse said. Fishing "
    "boats took a few passengers across for a fee, which the harbour master warned was not allowed.\n\n"
    "Guild officials said they had asked for talks three times since spring. Wenna Coll, who runs the "
    "authority, said the door was open but that the guild had walked out before any meeting could take "
    "place. Neither side would say how long the stoppage could last.\n\n"
    "The regional transport office is arranging two chartered boats for pupils and patients, expected "
    "on Thursday. Islanders say that will not be enough for the thousands who cross every weekday."
)

LIBRARY = (
    "The new public library on Quay Street in Port Saelin opened its doors on Saturday after four years "
    "of building work and two changes of architect. The three-storey building holds about 60,000 books, "
    "a music room with two pianos and a reading hall that looks over the old fish market.\n\n"
    "Head librarian Ines Marrow said more than 1,200 people signed up for a card on the first day, twice "
    "the number she had hoped for. Children's story hours will run every weekday afternoon, and the "
    "library will stay open until nine in the evening from Tuesday to Thursday.\n\n"
    "The project cost 14 million crowns, most of it from a fund left to the town by the shipowner "
    "Elsa Tarn. Some residents had opposed the demolition of the old customs shed that stood on the "
    "site, and a small protest took place outside the opening ceremony. The mayor thanked both the "
    "builders and the protesters, saying the town needed its history and its books."
)

BRIEF = (
    "Port Saelin ferry crews went on strike on Tuesday over a cut night-shift bonus, stranding about "
    "4,000 commuters to the Ostra islands, the Harbour Workers' Guild said."
)

ANALYSIS = (
    "Wire services carried a short item on Tuesday morning. 'Port Saelin ferry crews went on strike on "
    "Tuesday over a cut night-shift bonus, stranding about 4,000 commuters to the Ostra islands, the "
    "Harbour Workers' Guild said.' Behind those two lines lies a decade of quarrels.\n\n"
    "The port authority has tried three times since 2015 to cut the cost of running night sailings, "
    "which carry few passengers but most of the freight that keeps island shops stocked. Each attempt "
    "ended in a stoppage. In 2019 an arbitration panel split the difference; in 2022 the regional "
    "government quietly paid the bonus out of its own budget for a year.\n\n"
    "What has changed is money. Fuel for the older boats now costs nearly twice what it did, and the "
    "authority's reserves have shrunk every year since the pandemic. Its director argues that a rota "
    "with longer rests is worth more to crews than a bonus. The guild answers that rest does not pay "
    "rent.\n\n"
    "Islanders have heard it all before. What they want to know is whether anyone will finally decide "
    "who pays for the night boats, so that the next strike is not simply a matter of time."
)


def _repost(body: str, update: str) -> str:
    """An aggregator's copy: an update paragraph of its own, a credit line and share buttons (cleaning
    may remove those two as furniture; the update paragraph is text and stays)."""
    return (
        "This story was first published by the Harbour Gazette and is republished with permission.\n\n"
        + body
        + "\n\n"
        + update
        + "\n\nShare this article: Facebook, X, email. Read more stories from the islands on our site."
    )


STRIKE_UPDATE = (
    "Update: late on Tuesday the guild said talks with the port authority would open on Wednesday "
    "morning at the town hall, with a mediator from the regional labour office in the chair."
)
LIBRARY_UPDATE = (
    "Update: the library said on Sunday that so many cards had been issued that it had run out of "
    "blank ones, and asked new readers to come back on Monday."
)


def _reworded(body: str) -> str:
    return (
        body.replace("at dawn on Tuesday", "early on Tuesday")
        .replace("told reporters", "told journalists")
        .replace("asked the regional government", "urged the regional government")
    )


ARTICLES: dict[str, dict[str, Any]] = {
    "strike_gazette": {"outlet": "Harbour Gazette", "published": "2025-06-03", "text": STRIKE},
    "strike_aggregator": {
        "outlet": "Isles Digest",
        "published": "2025-06-04",
        "text": _repost(STRIKE, STRIKE_UPDATE),
    },
    "strike_syndicated": {"outlet": "Coast Weekly", "published": "2025-06-05", "text": _reworded(STRIKE)},
    "strike_undated_copy": {"outlet": "Scraper", "text": _repost(_reworded(STRIKE), STRIKE_UPDATE)},
    "strike_radio": {"outlet": "Saelin Radio", "published": "2025-06-03", "text": RADIO},
    "library": {"outlet": "Harbour Gazette", "published": "2025-05-17", "text": LIBRARY},
    "library_repost": {
        "outlet": "Isles Digest",
        "published": "2025-05-18",
        "text": _repost(LIBRARY, LIBRARY_UPDATE),
    },
    "brief": {"outlet": "Northwire", "published": "2025-06-03", "text": BRIEF},
    "analysis": {"outlet": "The Long Read", "published": "2025-06-07", "text": ANALYSIS},
}
COPIES_OF_STRIKE = {"strike_aggregator", "strike_syndicated", "strike_undated_copy"}


def _write(folder: Path, names: Sequence[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        record = {"title": name.replace("_", " "), **ARTICLES[name]}
        (folder / f"{name}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder


def _links(store: Store) -> dict[str, str | None]:
    """Input name (file stem) of each article -> input name of the article it is a near-copy of.

    By name, not by id: ids hash the clean text, and what cleaning keeps is another stage's business.
    """
    articles = load_ledger(store)["articles"]
    name = {a["id"]: Path(a["source"].rsplit(":", 1)[0]).stem for a in articles}
    return {name[a["id"]]: name[a["duplicate_of"]] if a["duplicate_of"] else None for a in articles}


# --- the similarity test itself ---------------------------------------------------------------------


def test_reposts_and_reworded_copies_are_near_duplicates() -> None:
    original = shingles(STRIKE)
    assert is_near_duplicate(original, shingles(_repost(STRIKE, STRIKE_UPDATE)))
    assert is_near_duplicate(original, shingles(_reworded(STRIKE)))
    assert is_near_duplicate(original, shingles(_repost(_reworded(STRIKE), STRIKE_UPDATE)))
    assert is_near_duplicate(shingles(LIBRARY), shingles(_repost(LIBRARY, LIBRARY_UPDATE)))
    # Case, quotes, punctuation and layout do not count.
    assert (shingles(STRIKE.upper().replace("\n\n", " ").replace("'", "\u2019")) == original).all()


def test_articles_on_the_same_story_are_not_near_duplicates() -> None:
    assert not is_near_duplicate(shingles(STRIKE), shingles(RADIO))
    assert not is_near_duplicate(shingles(STRIKE), shingles(LIBRARY))
    # The brief lies whole inside the analysis, but the analysis is far more than a copy of it.
    assert not is_near_duplicate(shingles(BRIEF), shingles(ANALYSIS))
    assert not is_near_duplicate(shingles(""), shingles(""))


def test_band_keys_are_stable_and_shared_by_near_copies() -> None:
    keys = band_keys(minhash(shingles(STRIKE)))
    assert keys == band_keys(minhash(shingles(STRIKE)))  # no per-process salt: stored keys stay valid
    assert len(keys) == 64 and all(-(2**63) <= k < 2**63 for k in keys)
    assert set(keys) & set(band_keys(minhash(shingles(_repost(STRIKE, STRIKE_UPDATE)))))
    assert not set(keys) & set(band_keys(minhash(shingles(LIBRARY))))


# --- the stage in a run -----------------------------------------------------------------------------


def test_copies_point_at_the_earliest_stated_original_and_nothing_else_is_linked(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    report = analyze([str(_write(tmp_path / "c", list(ARTICLES)))], store, workers=1)
    links = _links(store)
    assert len(links) == len(ARTICLES)
    expected = {n: "strike_gazette" for n in COPIES_OF_STRIKE} | {"library_repost": "library"}
    assert {k: v for k, v in links.items() if v} == expected
    assert report.ledger_counts["near_duplicates"] == 4
    assert report.times.calls["near_duplicates"] == len(ARTICLES)
    assert "near_duplicates" in report.times.table(wall=report.wall_seconds)


def test_the_result_does_not_depend_on_arrival_order(tmp_path: Path) -> None:
    names = list(ARTICLES)
    piecemeal = Store.open(tmp_path / "piecemeal.db")
    folder = tmp_path / "c"
    # The original arrives last, after its copies have grouped under another canonical copy.
    for part in (["strike_undated_copy", "library_repost", "brief"], names[::-1][:5], names):
        analyze([str(_write(folder, part))], piecemeal, workers=1)

    whole = Store.open(tmp_path / "whole.db")
    analyze([str(folder)], whole, workers=1)
    expected = load_ledger(whole)
    assert load_ledger(piecemeal) == expected

    one_by_one = Store.open(tmp_path / "one.db")
    analyze([str(folder)], one_by_one, workers=1, corpus_stages=[])
    run_corpus_stages(one_by_one, default_corpus_stages(), batch_size=1)
    assert load_ledger(one_by_one) == expected


def test_a_new_canonical_copy_repoints_the_whole_group(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    folder = _write(tmp_path / "c", sorted(COPIES_OF_STRIKE))
    analyze([str(folder)], store, workers=1)
    first = _links(store)
    assert first["strike_aggregator"] is None  # the earliest stated date among the copies
    assert first["strike_syndicated"] == first["strike_undated_copy"] == "strike_aggregator"
    analyze([str(_write(folder, ["strike_gazette"]))], store, workers=1)
    links = _links(store)
    assert {n: links[n] for n in COPIES_OF_STRIKE} == dict.fromkeys(COPIES_OF_STRIKE, "strike_gazette")
    assert links["strike_gazette"] is None  # flat: the canonical copy points nowhere


def test_removing_the_canonical_copy_regroups_the_rest(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    folder = _write(tmp_path / "c", list(ARTICLES))
    analyze([str(folder)], store, workers=1)
    changed = {**ARTICLES["strike_gazette"], "text": LIBRARY.replace("Saturday", "Sunday")}
    (folder / "strike_gazette.jsonl").write_text(json.dumps(changed) + "\n", encoding="utf-8")
    analyze([str(folder)], store, workers=1)

    fresh = Store.open(tmp_path / "fresh.db")
    analyze([str(folder)], fresh, workers=1)
    assert load_ledger(store) == load_ledger(fresh)
    links = _links(store)
    assert links["strike_syndicated"] == links["strike_undated_copy"] == "strike_aggregator"
    assert links["strike_gazette"] == "library"  # its new text is a copy of the library story
    with store.engine.connect() as conn:
        dangling = conn.execute(
            text(
                "SELECT count(*) FROM near_duplicate_bands WHERE article_id NOT IN (SELECT id FROM articles)"
            )
        )
        assert dangling.scalar_one() == 0


def _edited(body: str, edits: dict[str, str]) -> str:
    for old, new in edits.items():
        assert body.count(old) == 1, old
        body = body.replace(old, new)
    return body


def test_removing_the_copy_that_bridged_two_others_splits_the_group(tmp_path: Path) -> None:
    """Near-duplication is not transitive: B is a near-copy of A and C is one of B, but C is too far
    from A. Once B goes, A and C must part, exactly as in a corpus that never held B."""
    bridge = _edited(STRIKE, {"at dawn": "at sunrise", "restored": "reinstated", "secretary": "leader"})
    bridge = _edited(bridge, {"director": "chief"})
    far = _edited(bridge, {"councillors": "representatives", "schoolchildren": "pupils"})
    far = _edited(far, {"clinic": "surgery", "eleven days": "twelve days"})
    assert not is_near_duplicate(shingles(STRIKE), shingles(far))
    folder = tmp_path / "c"
    folder.mkdir()
    for name, body, day in (("a", STRIKE, "03"), ("b", bridge, "04"), ("c", far, "05")):
        record = {"title": name, "published": f"2025-06-{day}", "text": body}
        (folder / f"{name}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = Store.open(tmp_path / "l.db")
    analyze([str(folder)], store, workers=1)
    assert _links(store) == {"a": None, "b": "a", "c": "a"}

    (folder / "b.jsonl").write_text(json.dumps({"title": "b", "text": RADIO}) + "\n", encoding="utf-8")
    analyze([str(folder)], store, workers=1)
    assert not any(_links(store).values())
    fresh = Store.open(tmp_path / "fresh.db")
    analyze([str(folder)], fresh, workers=1)
    assert load_ledger(store) == load_ledger(fresh)


def test_a_new_pipeline_version_rebuilds_the_same_groups(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    folder = _write(tmp_path / "c", list(ARTICLES))
    analyze([str(folder)], store, workers=1, version="old")
    before = load_ledger(store)
    report = analyze([str(folder)], store, workers=1, version="new")
    assert report.processed == len(ARTICLES) and report.times.calls["near_duplicates"] == len(ARTICLES)
    assert load_ledger(store) == before


def test_a_new_stage_version_redoes_the_corpus(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    folder = _write(tmp_path / "c", list(ARTICLES))
    analyze([str(folder)], store, workers=1)
    before = load_ledger(store)

    class Revised(NearDuplicates):
        version = "revised"

    [run] = run_corpus_stages(store, [Revised()])
    assert run.articles == len(ARTICLES)
    assert load_ledger(store) == before
    p = schema.corpus_progress
    with store.engine.connect() as conn:
        versions = conn.execute(
            select(p.c.version).where(p.c.stage == "near_duplicates").distinct()
        ).scalars()
        assert list(versions) == ["revised"]


def test_unchanged_input_costs_the_stage_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    folder = _write(tmp_path / "c", list(ARTICLES))
    analyze([str(folder)], store, workers=1)
    again = analyze([str(folder)], store, workers=1)
    assert again.times.calls["near_duplicates"] == 0


def test_articles_stored_without_the_corpus_stage_are_picked_up_later(tmp_path: Path) -> None:
    """As after a run killed between its per-article stages and its corpus stages."""
    store = Store.open(tmp_path / "l.db")
    folder = _write(tmp_path / "c", list(ARTICLES))
    analyze([str(folder)], store, workers=1, corpus_stages=[])
    assert not any(_links(store).values())
    report = analyze([str(folder)], store, workers=1)
    assert report.processed == 0 and report.times.calls["near_duplicates"] == len(ARTICLES)
    assert _links(store)["library_repost"] == "library"


def test_corpus_stage_names_must_be_unique(tmp_path: Path) -> None:
    with pytest.raises(PipelineOrderError, match="unique"):
        run_corpus_stages(Store.open(tmp_path / "l.db"), [NearDuplicates(), NearDuplicates()])


class _Crash(Exception):
    pass


class _CrashingStage(NearDuplicates):
    """Dies after writing its second batch, before that batch's transaction commits."""

    def __init__(self) -> None:
        super().__init__()
        self.batches = 0

    def run(self, store: Store, article_ids: Sequence[str]) -> None:
        self.batches += 1
        if self.batches == 2:
            with store.engine.begin() as conn:
                for article in article_ids:
                    self._process(conn, article)
                raise _Crash
        super().run(store, article_ids)


def test_a_crash_inside_the_corpus_stage_loses_only_its_open_batch(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c", list(ARTICLES))
    whole = Store.open(tmp_path / "whole.db")
    analyze([str(folder)], whole, workers=1)

    store = Store.open(tmp_path / "l.db")
    analyze([str(folder)], store, workers=1, corpus_stages=[])
    with pytest.raises(_Crash):
        run_corpus_stages(store, [_CrashingStage()], batch_size=3)
    assert store.count("corpus_progress") == 3
    runs = run_corpus_stages(store, default_corpus_stages(), batch_size=3)
    assert runs[0].name == "near_duplicates" and runs[0].articles == len(ARTICLES) - 3
    assert load_ledger(store) == load_ledger(whole)


def test_a_corpus_of_overlapping_articles_groups_the_same_in_any_order(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """The synthetic corpus reshuffles a few articles' paragraphs: its articles overlap in every degree,
    so links are far from transitive. Grouping must still not depend on the order they come in."""
    corpus = write_synthetic_corpus(load_templates([str(seeds_dir)]), tmp_path / "syn", count=120)
    files = sorted(corpus.iterdir(), reverse=True)
    folder = tmp_path / "arriving"
    folder.mkdir()
    store = Store.open(tmp_path / "parts.db")
    for part in (files[:40], files[40:70], files[70:]):
        for f in part:
            shutil.copy(f, folder / f.name)
        analyze([str(folder)], store, workers=1)

    whole = Store.open(tmp_path / "whole.db")
    analyze([str(folder)], whole, workers=1)
    expected = load_ledger(whole)
    assert sum(a["duplicate_of"] is not None for a in expected["articles"]) > 20
    assert load_ledger(store) == expected


def test_the_demo_repost_points_at_the_courier_original(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "demo.db")
    with demo_corpus() as corpus:
        analyze([str(corpus)], store, workers=1)
    articles = load_ledger(store)["articles"]
    by_file = {Path(a["source"]).name: a for a in articles}
    original = by_file["06_karsk_troops_leaked_memo_courier.html"]
    repost = by_file["08_karsk_troops_newsheap_repost.html"]
    assert repost["duplicate_of"] == original["id"] and original["duplicate_of"] is None
    assert [a["source"] for a in articles if a["duplicate_of"]] == [repost["source"]]


def test_the_seeds_have_no_near_duplicates(tmp_path: Path, seeds_dir: Path) -> None:
    store = Store.open(tmp_path / "seeds.db")
    analyze([str(seeds_dir)], store, workers=1)
    assert len(store.article_ids()) == 5
    assert not any(_links(store).values())
    assert store.count("near_duplicate_signatures") == 5


# --- cost stays flat: indexed lookups, never a scan ---------------------------------------------------


def test_candidate_lookup_and_repointing_use_indexes(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    with store.engine.connect() as conn:
        plans = [
            " ".join(row[-1] for row in conn.execute(text("EXPLAIN QUERY PLAN " + query)))
            for query in (
                "SELECT article_id FROM near_duplicate_bands WHERE band_key IN (1, 2, 3)",
                "UPDATE articles SET duplicate_of = 'x' WHERE duplicate_of = 'y'",
                "DELETE FROM near_duplicate_bands WHERE article_id = 'y'",
            )
        ]
    assert all("SEARCH" in plan and "SCAN" not in plan for plan in plans), plans


# --- schema version 2 -------------------------------------------------------------------------------


def test_a_version_1_database_is_migrated_and_its_articles_are_deduplicated(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    store = Store.open(db)
    folder = _write(tmp_path / "c", list(ARTICLES))
    analyze([str(folder)], store, workers=1, corpus_stages=[])
    store.close()
    # Take the database back to what newsledger's schema version 1 made.
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE near_duplicate_bands"))
        conn.execute(text("DROP TABLE near_duplicate_signatures"))
        conn.execute(text("DROP INDEX ix_articles_duplicate_of"))
        conn.execute(text("ALTER TABLE articles DROP COLUMN dateline"))
        conn.execute(text("ALTER TABLE articles DROP COLUMN original_source"))
        conn.execute(text("DROP TABLE time_expressions"))
        for column in ("direction", "normalized_unit", "change"):
            conn.execute(text(f"ALTER TABLE quantities DROP COLUMN {column}"))
        for table in ("compare_quantities", "compare_claim_terms", "compare_term_df", "story_vectors"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("ALTER TABLE claims DROP COLUMN anonymous"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    engine.dispose()

    migrated = Store.open(db)
    assert migrated.schema_version == LATEST == 7
    found = inspect(migrated.engine)
    assert {"near_duplicate_bands", "near_duplicate_signatures"} <= set(found.get_table_names())
    assert "ix_articles_duplicate_of" in {i["name"] for i in found.get_indexes("articles")}
    assert {"dateline", "original_source"} <= {c["name"] for c in found.get_columns("articles")}
    assert "time_expressions" in set(found.get_table_names())
    assert {"direction", "normalized_unit", "change"} <= {c["name"] for c in found.get_columns("quantities")}
    assert {"compare_quantities", "compare_claim_terms", "story_vectors"} <= set(found.get_table_names())
    assert "anonymous" in {c["name"] for c in found.get_columns("claims")}
    assert len(migrated.article_ids()) == len(ARTICLES)
    report = analyze([str(folder)], migrated, workers=1)
    assert report.processed == 0 and report.ledger_counts["near_duplicates"] == 4
