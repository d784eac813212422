"""The context tagger: the shipped fine-tuned MiniLM layers, their alignment to words, and their part in cues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsledger.claims.attribution.context_tagger import (
    CONTEXT_FILE,
    DATA,
    ContextTagger,
    load_context_tagger,
    sentence_pieces,
)
from newsledger.claims.attribution.finder import AttributionFinder
from newsledger.claims.attribution.view import DocView
from newsledger.errors import NewsledgerError


@pytest.fixture(scope="module")
def tagger() -> ContextTagger:
    found = load_context_tagger()
    assert found is not None, f"the shipped {CONTEXT_FILE} should load"
    return found


def test_every_word_gets_its_first_piece(nlp: Any, tagger: ContextTagger) -> None:
    text = "The U.S. embassy's spokeswoman didn't comment.\n\nAl-Mayadeen reported 2,000 troops."
    v = DocView(nlp(text))
    pieces = sentence_pieces(tagger.tokenizer, v, range(len(v.sent_bounds)))
    firsts = [t for sp in pieces for t in sp.first_of if t >= 0]
    words = [i for i in range(v.n) if v.text[v.start[i] : v.end[i]].strip()]
    assert firsts == words  # each word once, in order; whitespace tokens never
    for sp in pieces:
        assert len(sp.first_of) == len(sp.ids)


def test_it_reads_reporting_verbs_in_context(nlp: Any, tagger: ContextTagger) -> None:
    text = (
        "The ministry said on Tuesday that the troops would stay. "
        "She said nothing as the convoy passed, and the troops left."
    )
    v = DocView(nlp(text))
    z = tagger.logits(v, range(len(v.sent_bounds)))
    said = [i for i in range(v.n) if v.lower[i] == "said"]
    troops = [i for i in range(v.n) if v.lower[i] == "troops"]
    assert z[said[0]] > 0 > z[troops[0]]
    # the same verb heads no report when nothing is reported
    assert z[said[1]] < z[said[0]]


def test_switching_it_off_leaves_the_linear_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLEDGER_CONTEXT_TAGGER", "0")
    load_context_tagger.cache_clear()
    try:
        off = AttributionFinder.load()
        assert off.context is None
        assert off.cue_threshold == off.settings.cue_threshold
    finally:
        monkeypatch.delenv("NEWSLEDGER_CONTEXT_TAGGER")
        load_context_tagger.cache_clear()
    on = AttributionFinder.load()
    assert on.context is not None
    assert on.cue_threshold == on.context.mixing.threshold


def test_a_file_that_does_not_fit_the_model_is_refused(tmp_path: Path) -> None:
    with np.load(DATA / CONTEXT_FILE, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    name = next(n for n in arrays if n.endswith("attention.self.query.weight"))
    arrays[name] = arrays[name][:, :100]
    bad = tmp_path / CONTEXT_FILE
    np.savez(bad, **arrays)
    with pytest.raises(NewsledgerError, match="does not fit the packaged MiniLM"):
        ContextTagger.load(bad)


def test_a_file_without_its_mixing_settings_is_refused(tmp_path: Path) -> None:
    with np.load(DATA / CONTEXT_FILE, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files if name != "threshold"}
    bad = tmp_path / CONTEXT_FILE
    np.savez(bad, **arrays)
    with pytest.raises(NewsledgerError, match="lacks the mixing settings threshold"):
        ContextTagger.load(bad)


def test_it_loads_quietly_and_leaves_torch_threads_alone(nlp: Any, capfd: pytest.CaptureFixture[str]) -> None:
    import torch

    tagger = ContextTagger.load(DATA / CONTEXT_FILE)
    assert "Loading weights" not in capfd.readouterr().err
    before = torch.get_num_threads()
    v = DocView(nlp("The agency said the base would close."))
    assert tagger.logits(v, [0])
    assert torch.get_num_threads() == before
