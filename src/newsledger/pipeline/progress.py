"""A progress bar on stderr for long runs, off when stderr is not a terminal or NEWSLEDGER_NO_PROGRESS=1."""

from __future__ import annotations

import os
import sys
from typing import Any

from tqdm import tqdm


def progress_enabled() -> bool:
    if os.environ.get("NEWSLEDGER_NO_PROGRESS", "") not in ("", "0"):
        return False
    return sys.stderr.isatty()


def progress_bar(*, enabled: bool | None = None, desc: str = "analysing") -> tqdm[Any]:
    """A bar that appears only after a second, so quick runs print nothing extra."""
    on = progress_enabled() if enabled is None else enabled
    return tqdm(desc=desc, unit=" inputs", file=sys.stderr, disable=not on, delay=1.0, dynamic_ncols=True)
