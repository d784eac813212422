"""One catalogue of error and skip codes, so every failure names itself the same way everywhere.

Codes are stable strings: they are stored with skips, shown in reports and matched by users' scripts,
so a code is never renamed once released. Messages carry a hint on what to do about it.
"""

from __future__ import annotations

from enum import StrEnum


class SkipCode(StrEnum):
    """Why an input did not become an article. Values are stored in the ledger."""

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too_large"
    UNDECODABLE = "undecodable"
    MALFORMED_JSON = "malformed_json"
    MISSING_FIELD = "missing_field"
    MALFORMED_HTML = "malformed_html"
    NO_TEXT = "no_text"
    NOT_ARTICLE = "not_article"
    UNREADABLE = "unreadable"
    STAGE_FAILED = "stage_failed"
    WORKER_CRASHED = "worker_crashed"
    FETCH_FAILED = "fetch_failed"
    FETCH_DISABLED = "fetch_disabled"
    MALFORMED_WARC = "malformed_warc"
    MALFORMED_FEED = "malformed_feed"


class NewsledgerError(Exception):
    """Base class of the errors newsledger raises on purpose; ``code`` is from the catalogue."""

    code = "E000"

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"[{self.code}] {message}" + (f" Hint: {hint}" if hint else ""))


class PipelineOrderError(NewsledgerError):
    """A stage needs something no earlier stage adds."""

    code = "E001"


class StageContractError(NewsledgerError):
    """A stage returned without adding what it declared."""

    code = "E002"


class SchemaVersionError(NewsledgerError):
    """The database was written by a newer newsledger, or its schema is unknown."""

    code = "E003"


class InputNotFoundError(NewsledgerError):
    """A PATH given on the command line matches no file."""

    code = "E004"


class UnknownEvaluationError(NewsledgerError):
    """``newsledger eval`` was asked for a stage it has no evaluation for."""

    code = "E005"


class EvaluationDataError(NewsledgerError):
    """Evaluation data is missing or not in the expected layout."""

    code = "E006"


class UnknownStoryError(NewsledgerError):
    """``--story`` (or a story page) names a story the ledger does not hold."""

    code = "E007"


class ServeRefusedError(NewsledgerError):
    """``serve`` was asked to listen beyond this machine without a token."""

    code = "E008"


class SkipInput(Exception):
    """Raised by a reader or stage to drop one input with a coded reason; the batch goes on.

    Unlike an unexpected exception, a ``SkipInput`` is a decision, so it becomes a ``Skip`` record
    under every error policy, including the development policy that re-raises bugs.
    """

    def __init__(self, code: SkipCode, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"{code}: {reason}")
