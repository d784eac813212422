"""Run the per-article pipeline over a stream of units, in parallel worker processes.

The runner owns what stages should not: the error policy, worker processes, bounded in-flight work
(memory stays flat however large the corpus), progress and timing. A worker that dies (a parser crash,
the OOM killer) breaks the pool; the runner then re-runs the units that were in flight one at a time in
a fresh pool, so only the input that kills a worker is skipped, with that reason.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from newsledger.errors import SkipCode
from newsledger.ingest.units import InputUnit
from newsledger.pipeline.outcome import Outcome
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.process import process_units
from newsledger.pipeline.stage import Pipeline
from newsledger.records import Skip

PipelineFactory = Callable[[], Pipeline]
_worker_pipeline: Pipeline | None = None
_worker_policy: ErrorPolicy = ErrorPolicy.BATCH


def _chunks(units: Iterator[InputUnit], size: int) -> Iterator[list[InputUnit]]:
    chunk: list[InputUnit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _init_worker(factory: PipelineFactory, policy: ErrorPolicy) -> None:
    # Each worker uses one core; numeric libraries must not spawn a thread per core on top.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "TOKENIZERS_PARALLELISM"):
        os.environ[var] = "false" if var == "TOKENIZERS_PARALLELISM" else "1"
    _exit_with_parent(os.getppid())
    global _worker_pipeline, _worker_policy
    _worker_pipeline = factory()
    _worker_policy = policy


def _exit_with_parent(parent: int) -> None:
    """End this worker when the main process dies (even by SIGKILL), instead of lingering as an orphan."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="newsledger-parent-watch", daemon=True).start()


def _work(units: list[InputUnit]) -> list[Outcome]:
    assert _worker_pipeline is not None, "worker not initialised"
    return process_units(units, _worker_pipeline, policy=_worker_policy)


class Runner:
    def __init__(
        self,
        factory: PipelineFactory,
        *,
        workers: int = 1,
        policy: ErrorPolicy = ErrorPolicy.BATCH,
        chunk_size: int = 16,
        chunks_in_flight_per_worker: int = 2,
    ) -> None:
        self.factory = factory
        self.workers = max(1, workers)
        self.policy = policy
        self.chunk_size = max(1, chunk_size)
        """Articles sent to a worker together, so batched stages (the language model) see several."""
        self.max_in_flight = self.workers * chunks_in_flight_per_worker

    def run(self, units: Iterable[InputUnit]) -> Iterator[Outcome]:
        """Yield one outcome per unit, in completion order."""
        chunks = _chunks(iter(units), self.chunk_size)
        if self.workers == 1:
            pipeline = self.factory()
            for chunk in chunks:
                yield from process_units(chunk, pipeline, policy=self.policy)
            return
        yield from self._run_pool(chunks)

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        # Set before the workers start: numeric libraries read these when first imported, which in a
        # worker happens while it unpickles the pipeline factory, before any initializer runs.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.factory, self.policy),
        )

    def _run_pool(self, chunks: Iterator[list[InputUnit]]) -> Iterator[Outcome]:
        pool = self._pool(self.workers)
        in_flight: dict[Future[list[Outcome]], list[InputUnit]] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(in_flight) < self.max_in_flight:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    in_flight[pool.submit(_work, chunk)] = chunk
                if not in_flight:
                    return
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                broken = False
                for fut in done:
                    chunk = in_flight.pop(fut)
                    try:
                        yield from fut.result()
                    except BrokenProcessPool:
                        in_flight[fut] = chunk  # keep it among the suspects
                        broken = True
                        break
                if broken:
                    suspects = [unit for chunk in in_flight.values() for unit in chunk]
                    in_flight.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    yield from self._isolate(suspects)
                    pool = self._pool(self.workers)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _isolate(self, suspects: list[InputUnit]) -> Iterator[Outcome]:
        """Re-run units one at a time in a fresh one-worker pool; the one that kills it is skipped."""
        pool = self._pool(1)
        try:
            for unit in suspects:
                try:
                    yield from pool.submit(_work, [unit]).result()
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool(1)
                    reason = "the worker process died on this input (a crash in a parser, or out of memory)"
                    skip = Skip(source=unit.source, code=SkipCode.WORKER_CRASHED.value, reason=reason)
                    yield Outcome(source=unit.source, input_hash=unit.input_hash, skip=skip)
        finally:
            pool.shutdown(wait=True)
