"""Schema versions and the steps between them.

Each migration is a function applied in one transaction; ``meta.schema_version`` records the last one
applied. A database from a newer newsledger is refused rather than silently misread.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select

from newsledger.errors import SchemaVersionError
from newsledger.store import schema


def _v1_initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial ledger schema", _v1_initial),
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
