"""The store: one SQLAlchemy Core code path for SQLite (default) and PostgreSQL."""

from newsledger.store.database import Store

__all__ = ["Store"]
