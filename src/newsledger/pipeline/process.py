"""Run the per-article stages on one unit under an error policy. Runs inside worker processes."""

from __future__ import annotations

import re
import time

from newsledger.errors import SkipCode, SkipInput
from newsledger.ingest.units import InputUnit
from newsledger.pipeline.outcome import ArticleBundle, Outcome
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.stage import ArticleState, Pipeline
from newsledger.records import Skip

_WORD = re.compile(r"\w+")


class StageFailure(RuntimeError):
    """An unexpected exception inside a stage, re-raised under the development policy with the stage named."""


def process_unit(unit: InputUnit, pipeline: Pipeline, *, policy: ErrorPolicy) -> Outcome:
    state = ArticleState(unit=unit)
    outcome = Outcome(source=unit.source, input_hash=unit.input_hash, timings=state.timings)
    for stage in pipeline.stages:
        t0 = time.perf_counter()
        try:
            stage.run(state)
            stage.check_output(state)
        except SkipInput as skip:
            outcome.skip = Skip(source=unit.source, code=skip.code.value, reason=skip.reason)
            return outcome
        except Exception as exc:
            if policy is ErrorPolicy.DEVELOPMENT:
                raise StageFailure(f"stage {stage.name!r} failed on {unit.source}: {exc!r}") from exc
            reason = f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}"[:500]
            outcome.skip = Skip(source=unit.source, code=SkipCode.STAGE_FAILED.value, reason=reason)
            return outcome
        finally:
            state.timings[stage.name] = state.timings.get(stage.name, 0.0) + time.perf_counter() - t0
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
    )
    outcome.words = len(_WORD.findall(state.article.text))
    return outcome
