"""The example corpus shipped inside the package: fictional pages written for newsledger."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path


@contextmanager
def demo_corpus() -> Iterator[Path]:
    """Path to the packaged corpus folder (extracted to a temporary folder if installed zipped)."""
    with resources.as_file(resources.files("newsledger.demo") / "corpus") as path:
        yield path
