"""Run the per-article stages on one unit under an error policy. Runs inside worker processes."""

from __future__ import annotations

import re
import time

from newsledger.errors import SkipCode, SkipInput
from newsledger.ingest.units import InputUnit
from newsledger.pipeline.outcome import ArticleBundle, Outcome
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.stage import ArticleState, Pipeline, Stage
from newsledger.records import Skip

_WORD = re.compile(r"\w+")


class StageFailure(RuntimeError):
    """An unexpected exception inside a stage, re-raised under the development policy with the stage named."""


def process_unit(unit: InputUnit, pipeline: Pipeline, *, policy: ErrorPolicy) -> Outcome:
    return process_units([unit], pipeline, policy=policy)[0]


def process_units(units: list[InputUnit], pipeline: Pipeline, *, policy: ErrorPolicy) -> list[Outcome]:
    """Run every stage over a chunk of units, stage by stage, so batched stages see many articles at once.

    An article that fails a stage drops out of the chunk with its skip; the others go on.
    """
    states = [ArticleState(unit=u) for u in units]
    outcomes = [
        Outcome(source=u.source, input_hash=u.input_hash, timings=s.timings)
        for u, s in zip(units, states, strict=True)
    ]
    alive = list(range(len(units)))
    for stage in pipeline.stages:
        if not alive:
            break
        if stage.run_batch is not None and len(alive) > 1:
            batch = [states[i] for i in alive]
            t0 = time.perf_counter()
            try:
                stage.run_batch(batch)
                for st in batch:
                    stage.check_output(st)
            except Exception:
                pass  # fall back to one article at a time below, which names the failing one
            else:
                share = (time.perf_counter() - t0) / len(batch)
                for st in batch:
                    st.timings[stage.name] = st.timings.get(stage.name, 0.0) + share
                continue
        still = []
        for i in alive:
            if _run_one(stage, states[i], outcomes[i], units[i], policy=policy):
                still.append(i)
        alive = still
    for i in alive:
        state, outcome = states[i], outcomes[i]
        assert state.article is not None
        outcome.bundle = ArticleBundle(
            article=state.article,
            sentences=state.sentences or [],
            entities=state.entities or [],
            mentions=state.mentions or [],
            claims=state.claims or [],
            quantities=state.quantities or [],
            citations=state.citations or [],
            stances=state.stances or [],
            framing=state.framing or [],
            time_expressions=state.time_expressions or [],
        )
        outcome.words = len(_WORD.findall(state.article.text))
        state.doc = None
    return outcomes


def _run_one(
    stage: Stage, state: ArticleState, outcome: Outcome, unit: InputUnit, *, policy: ErrorPolicy
) -> bool:
    """Run one stage on one article; False (with the outcome's skip set) when the article drops out."""
    t0 = time.perf_counter()
    try:
        stage.run(state)
        stage.check_output(state)
        return True
    except SkipInput as skip:
        outcome.skip = Skip(source=unit.source, code=skip.code.value, reason=skip.reason)
        return False
    except Exception as exc:
        if policy is ErrorPolicy.DEVELOPMENT:
            raise StageFailure(f"stage {stage.name!r} failed on {unit.source}: {exc!r}") from exc
        reason = f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}"[:500]
        outcome.skip = Skip(source=unit.source, code=SkipCode.STAGE_FAILED.value, reason=reason)
        return False
    finally:
        state.timings[stage.name] = state.timings.get(stage.name, 0.0) + time.perf_counter() - t0
