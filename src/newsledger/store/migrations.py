"""Schema versions and the steps between them.

Each migration is a function applied in one transaction; ``meta.schema_version`` records the last one
applied. A database from a newer newsledger is refused rather than silently misread.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text

from newsledger.errors import SchemaVersionError
from newsledger.store import schema


def _v1_initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def _v2_near_duplicates(conn: Connection) -> None:
    """The near-duplicate index (band keys, signatures) and the index on ``articles.duplicate_of``.

    ``checkfirst``: a new database got them already from ``_v1_initial``, which creates the current
    tables; a database made by a version-1 newsledger gets them here, its rows untouched. Its articles
    have no ``corpus_progress`` rows yet, so the next run's corpus stages see them as new.
    """
    schema.near_duplicate_bands.create(conn, checkfirst=True)
    schema.near_duplicate_signatures.create(conn, checkfirst=True)
    for index in schema.articles.indexes:
        index.create(conn, checkfirst=True)


def _v3_article_provenance(conn: Connection) -> None:
    """``articles.dateline`` and ``articles.original_source``: where a story was filed from, and whose
    article a republished one is. Added only where missing (a new database has them from ``_v1_initial``)."""
    present = {c["name"] for c in inspect(conn).get_columns("articles")}
    for column in ("dateline", "original_source"):
        if column not in present:
            conn.execute(text(f"ALTER TABLE articles ADD COLUMN {column} TEXT"))


def _v4_time_expressions(conn: Connection) -> None:
    """Dates and relative times found in articles, resolved against publication dates."""
    schema.time_expressions.create(conn, checkfirst=True)


def _v5_quantity_shape(conn: Connection) -> None:
    """A quantity's direction (bound or estimate), normalised unit and change: what comparing numbers
    across sources needs ("more than 500" is not "500"; "rose 8%" is not a level)."""
    present = {c["name"] for c in inspect(conn).get_columns("quantities")}
    for column in ("direction", "normalized_unit", "change"):
        if column not in present:
            conn.execute(text(f"ALTER TABLE quantities ADD COLUMN {column} TEXT"))


def _v6_compare_indexes(conn: Connection) -> None:
    """The compare stage's figure and claim-term indexes (claim groups, contradictions), and whether a
    claim's speaker is an anonymous source."""
    present = {c["name"] for c in inspect(conn).get_columns("claims")}
    if "anonymous" not in present:
        conn.execute(text("ALTER TABLE claims ADD COLUMN anonymous BOOLEAN"))
    for table in (schema.compare_quantities, schema.compare_claim_terms, schema.compare_term_df):
        table.create(conn, checkfirst=True)


def _v7_story_vectors(conn: Connection) -> None:
    """Per-article state of the stories stage (embedding, entities, days, numbers), kept so that its
    nearest-neighbour index is rebuilt from the store when a run starts instead of re-embedding."""
    schema.story_vectors.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial ledger schema", _v1_initial),
    (2, "near-duplicate index", _v2_near_duplicates),
    (3, "article dateline and original source", _v3_article_provenance),
    (4, "time expressions", _v4_time_expressions),
    (5, "quantity direction, normalised unit and change", _v5_quantity_shape),
    (6, "compare indexes and anonymous speakers", _v6_compare_indexes),
    (7, "story clustering vectors", _v7_story_vectors),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("meta"):
        tables = inspect(conn).get_table_names()
        if tables:
            raise SchemaVersionError(
                f"the database already holds tables {tables[:5]} but no newsledger schema version.",
                hint="point --db at a new file, or at a database newsledger created",
            )
        return 0
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> int:
    """Bring the database to the latest schema; return the version it is at."""
    with engine.begin() as conn:
        version = current_version(conn)
        if version > LATEST:
            raise SchemaVersionError(
                f"the database has schema version {version}, newer than this newsledger knows ({LATEST}).",
                hint="upgrade newsledger",
            )
        for number, _description, step in MIGRATIONS:
            if number <= version:
                continue
            step(conn)
            table = schema.meta
            if version == 0 and number == 1:
                conn.execute(table.insert().values(key="schema_version", value=str(number)))
            else:
                conn.execute(table.update().where(table.c.key == "schema_version").values(value=str(number)))
            version = number
    return version
