"""Story clustering pieces: metrics, the ECB+ reader, the combined similarity, the clusterer on a
corpus written for these tests (with the packaged embedding model), and the model loader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conftest import SHARED
from newsledger.errors import NewsledgerError
from newsledger.eval.stories import bcubed, v_measure
from newsledger.stories.clustering import StoryClusterer, cluster_all, story_id_for
from newsledger.stories.ecbplus import read_document
from newsledger.stories.embeddings import ENV_MODEL, load_embedder, packaged_model_path
from newsledger.stories.features import StoryFeatures, day_number, lead_text, number_key
from newsledger.stories.similarity import StoryParams, entity_vector, pair_score, same_days
from test_stories_corpus import ARTICLES

ECBPLUS = SHARED / "eval" / "stories" / "ecbplus"


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return load_embedder()


def _features(a) -> StoryFeatures:  # type: ignore[no-untyped-def]
    days = tuple(sorted({d for d in (day_number(x) for x in a.days) if d is not None}))
    return StoryFeatures(
        article_id=a.key,
        title=a.title,
        text=lead_text(a.title, a.text),
        entities={e: 1 for e in a.entities},
        days=days,
    )


def test_bcubed_and_v_measure_on_known_clusterings() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    perfect = bcubed(gold, gold)
    assert perfect == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert v_measure(gold, gold) == pytest.approx(1.0)
    lumped = bcubed({k: "one" for k in gold}, gold)
    assert lumped["precision"] == pytest.approx(0.5) and lumped["recall"] == pytest.approx(1.0)
    assert v_measure({k: "one" for k in gold}, gold) == pytest.approx(0.0)
    split = bcubed({k: k for k in gold}, gold)
    assert split["precision"] == pytest.approx(1.0) and split["recall"] == pytest.approx(0.5)


def test_ecbplus_reader_keeps_the_headline_not_the_url_or_date_line() -> None:
    doc = read_document(ECBPLUS / "1" / "1_1ecbplus.xml")
    assert doc.gold == "1/ecbplus" and doc.topic == 1
    assert doc.url is not None and doc.url.startswith("http://")
    assert "Lindsay Lohan" in doc.title
    old = read_document(ECBPLUS / "1" / "1_1ecb.xml")
    assert old.gold == "1/ecb" and old.url is None
    assert "Tara Reid" in old.title + old.text and " ," not in old.text


def test_number_and_day_keys() -> None:
    assert number_key(6.1, "Magnitude") == "6.1 magnitude"
    assert number_key(3.0, None) is None  # a bare small number says nothing about the happening
    assert number_key(4000.0, None) == "4000"
    assert day_number("2019-04-09") == day_number("2019-04-09T10:00") is not None
    assert day_number("2019-04") is None
    assert same_days([10, 50], [53], window=3) == 1.0
    assert same_days([10], [20], window=3) == 0.0


def test_shared_names_raise_the_score() -> None:
    a = StoryFeatures("a", "", "", {"police": 1, "varnell dam": 2})
    b = StoryFeatures("b", "", "", {"police": 1, "varnell dam": 1})
    c = StoryFeatures("c", "", "", {"police": 1, "lake mirro": 2})
    p = StoryParams()
    same = pair_score(0.5, a, b, entity_vector(a.entities), entity_vector(b.entities), p)
    other = pair_score(0.5, a, c, entity_vector(a.entities), entity_vector(c.entities), p)
    assert same > other + 0.4 * p.entity_weight
    assert other < 0.5 + 0.5 * p.entity_weight


def test_a_bridging_article_merges_two_stories_named_after_the_smallest_id() -> None:
    clusterer = StoryClusterer(2, StoryParams(threshold=0.9, entity_weight=0.0))
    left = clusterer.place(StoryFeatures("b", "left", ""), np.array([1.0, 0.0], dtype=np.float32))
    right = clusterer.place(StoryFeatures("c", "right", ""), np.array([0.0, 1.0], dtype=np.float32))
    assert left.new_story and right.new_story and left.story_id != right.story_id
    middle = np.array([0.96, 0.96], dtype=np.float32) / np.float32(np.sqrt(2 * 0.96**2))
    bridge = clusterer.place(StoryFeatures("a", "bridge", ""), middle)
    assert bridge.new_story  # cosine 0.707 to each: below the threshold, links neither
    joined = clusterer.place(StoryFeatures("d", "", ""), middle, joins=[left.story_id, right.story_id])
    assert set(joined.renamed) == {left.story_id, right.story_id}
    assert joined.story_id == bridge.story_id == story_id_for("a")
    assert set(clusterer.story_at) == {story_id_for("a")}


def test_own_corpus_clusters_into_its_stories(embedder) -> None:  # type: ignore[no-untyped-def]
    originals = [a for a in ARTICLES if a.copy_of is None]
    vectors = embedder.embed([lead_text(a.title, a.text) for a in originals])
    predicted = cluster_all(
        ((_features(a), v) for a, v in zip(originals, vectors, strict=True)), dimension=embedder.dimension
    )
    gold = {a.key: a.story for a in originals}
    # The inquiry four years later stays with the breach; the other dam failure stays apart.
    assert predicted["dam-inquiry"] == predicted["dam-wire"] == predicted["dam-local"]
    assert predicted["dam2-report"] == predicted["dam2-followup"] != predicted["dam-wire"]
    assert predicted["transfer-done"] == predicted["transfer-rumour"] != predicted["dam-wire"]
    assert bcubed(predicted, gold)["f1"] == pytest.approx(1.0)


def test_time_alone_does_not_split_but_names_do(embedder) -> None:  # type: ignore[no-untyped-def]
    """The same text and names years apart join; the same kind of text with other names does not."""
    wire, inquiry, other = (
        next(a for a in ARTICLES if a.key == k) for k in ("dam-wire", "dam-inquiry", "dam2-report")
    )
    clusterer = StoryClusterer(embedder.dimension)
    vectors = embedder.embed([lead_text(a.title, a.text) for a in (wire, inquiry, other)])
    first = clusterer.place(_features(wire), vectors[0])
    later = clusterer.place(_features(inquiry), vectors[1])
    elsewhere = clusterer.place(_features(other), vectors[2])
    assert not later.new_story and later.renamed == (first.story_id,)  # named after its smallest id
    assert clusterer.story_at[0] == later.story_id
    assert elsewhere.new_story and elsewhere.score < clusterer.params.threshold
    assert clusterer.label(later.story_id) in {wire.title, inquiry.title}


def test_embedder_is_the_packaged_model_and_unit_length(embedder) -> None:  # type: ignore[no-untyped-def]
    assert embedder.name == packaged_model_path() and embedder.dimension == 384
    vectors = embedder.embed(["Floodwater poured through the valley.", "Rovan United signed a striker."])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) < 0.5


def test_embedding_model_named_by_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_MODEL, packaged_model_path())
    assert load_embedder().name == packaged_model_path()
    monkeypatch.setenv(ENV_MODEL, str(tmp_path / "no-such-model"))
    with pytest.raises(NewsledgerError, match="could not load the embedding model"):
        load_embedder()
