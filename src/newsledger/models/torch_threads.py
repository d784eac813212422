"""How many threads torch may use while a model runs: the caller's, unless the user says otherwise.

The default is the caller's setting (OMP_NUM_THREADS, which the pipeline's workers set to one each);
``NEWSLEDGER_TORCH_THREADS`` overrides it for MiniLM's forward passes. On a machine crowded by other jobs, one
thread ran three times faster than two; on an idle one, two beat one by half.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

_THREADS_ENV = "NEWSLEDGER_TORCH_THREADS"


@contextmanager
def torch_threads() -> Iterator[None]:
    """Run the block with ``NEWSLEDGER_TORCH_THREADS`` torch threads when set, restoring the caller's
    count afterwards."""
    import torch

    before = torch.get_num_threads()
    try:
        wanted = max(1, int(os.environ.get(_THREADS_ENV, before)))
    except ValueError:
        wanted = before
    if wanted != before:
        torch.set_num_threads(wanted)
    try:
        yield
    finally:
        if torch.get_num_threads() != before:
            torch.set_num_threads(before)
