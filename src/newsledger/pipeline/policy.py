"""Error policies: what the runner does when a stage raises on one article."""

from __future__ import annotations

from enum import StrEnum


class ErrorPolicy(StrEnum):
    BATCH = "batch"
    """Record a ``Skip`` (code ``stage_failed``, the stage and the error in the reason); go on."""
    DEVELOPMENT = "development"
    """Raise at once, with the stage named: the way to find bugs."""
