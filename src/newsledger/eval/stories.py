"""Score story clustering on ECB+ (all topics clustered together): B-cubed and V-measure.

The ECB+ articles go through the real pipeline (as JSON Lines: title, body; every per-article stage,
then the near-duplicate and stories corpus stages) into a temporary store; the stories the stage wrote
are scored against the gold stories ``(topic, ecb|ecbplus)``. That is ``bcubed_*`` and ``v_measure``:
the shipped parameters, all topics.

Then, from the same stored features, two checks that the parameters are not fitted to these topics:
the threshold and the entity weight are chosen on one half of the topics and scored on the other
(``cv_*``, both directions; every run still clusters all topics together), and a TF-IDF baseline
(cosine of TF-IDF vectors of title and body, the same linking into connected components, exact
neighbours, its threshold chosen the same way) is run side by side (``tfidf_*``; its all-topics
figure uses the threshold best on all topics, which flatters it). ``embedding_only_*`` is the stage
without names, days and numbers.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select

from newsledger.errors import NewsledgerError
from newsledger.store import Store, schema
from newsledger.stories.clustering import cluster_all
from newsledger.stories.ecbplus import EcbDocument, read_corpus
from newsledger.stories.embeddings import Embedder, load_embedder
from newsledger.stories.features import StoryFeatures, read_features
from newsledger.stories.similarity import StoryParams

THRESHOLDS = tuple(round(0.5 + 0.05 * i, 2) for i in range(15))
ENTITY_WEIGHTS = (0.0, 0.3, 0.6, 0.9)
TFIDF_THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(17))


# --- metrics ----------------------------------------------------------------------------------------


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over the items of ``gold``.

    For each item: precision is the share of its predicted cluster that shares its gold class, recall
    the share of its gold class that shares its predicted cluster.
    """
    items = sorted(gold)
    pairs = Counter((predicted[i], gold[i]) for i in items)
    cluster_sizes = Counter(predicted[i] for i in items)
    class_sizes = Counter(gold[i] for i in items)
    precision = sum(pairs[(predicted[i], gold[i])] / cluster_sizes[predicted[i]] for i in items) / len(items)
    recall = sum(pairs[(predicted[i], gold[i])] / class_sizes[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _entropy(counts: Sequence[int], total: int) -> float:
    return -sum(c / total * math.log(c / total) for c in counts if c)


def v_measure(predicted: Mapping[str, str], gold: Mapping[str, str]) -> float:
    """V-measure (Rosenberg & Hirschberg 2007): harmonic mean of homogeneity and completeness."""
    items = sorted(gold)
    n = len(items)
    joint = Counter((predicted[i], gold[i]) for i in items)
    clusters = Counter(predicted[i] for i in items)
    classes = Counter(gold[i] for i in items)
    h_class = _entropy(list(classes.values()), n)
    h_cluster = _entropy(list(clusters.values()), n)
    h_class_given_cluster = -sum(c / n * math.log(c / clusters[k]) for (k, _), c in joint.items())
    h_cluster_given_class = -sum(c / n * math.log(c / classes[g]) for (_, g), c in joint.items())
    homogeneity = 1.0 if h_class == 0 else 1 - h_class_given_cluster / h_class
    completeness = 1.0 if h_cluster == 0 else 1 - h_cluster_given_class / h_cluster
    total = homogeneity + completeness
    return 2 * homogeneity * completeness / total if total else 0.0


# --- the corpus through the pipeline ----------------------------------------------------------------


def _source_name(doc: EcbDocument) -> str:
    return f"ecbplus:{doc.name}"


def analyse_corpus(
    docs: Sequence[EcbDocument], store: Store, folder: Path, *, stages: Sequence[Any], factory: Any = None
) -> None:
    """Run the pipeline over the documents, written as one JSON Lines file."""
    from newsledger.analysis import analyze

    path = folder / "ecbplus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"title": d.title, "text": d.text, "url": _source_name(d)}) + "\n")
    options = {} if factory is None else {"factory": factory}
    analyze([str(path)], store, progress=False, corpus_stages=list(stages), **options)


def gold_by_article(store: Store, docs: Sequence[EcbDocument]) -> tuple[dict[str, str], dict[str, int]]:
    """Article id -> gold story, and article id -> topic, matched through the URL each doc was given."""
    by_url = {_source_name(d): d for d in docs}
    by_url.update({d.url: d for d in docs if d.url and d.url not in by_url})
    a = schema.articles
    gold: dict[str, str] = {}
    topic: dict[str, int] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(select(a.c.id, a.c.url)):
            doc = by_url.get(row.url)
            if doc is not None:
                gold[row.id] = doc.gold
                topic[row.id] = doc.topic
    return gold, topic


def stored_stories(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.article_id: r.story_id for r in conn.execute(select(schema.story_articles))}


# --- clustering from features -----------------------------------------------------------------------

Clusterer = Callable[[Sequence[str], Any], dict[str, str]]


def _scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    b = bcubed(predicted, gold)
    return {
        "bcubed_precision": b["precision"],
        "bcubed_recall": b["recall"],
        "bcubed_f1": b["f1"],
        "v_measure": v_measure(predicted, gold),
    }


def cross_validate(
    ids: Sequence[str],
    gold: Mapping[str, str],
    topic: Mapping[str, int],
    run: Clusterer,
    settings: Sequence[Any],
) -> dict[str, Any]:
    """Choose a setting on topics 1-12, score it on 13-25, and the other way round.

    Every run clusters all articles together; a setting is chosen by the B-cubed F1 of the tuning
    topics' articles and scored on the test topics' articles (B-cubed over those articles only).
    """
    low = {i for i in ids if topic[i] <= 12}
    high = set(ids) - low
    runs = {s: run(ids, s) for s in settings}
    out: dict[str, Any] = {}
    for name, tune, test in (("low_to_high", low, high), ("high_to_low", high, low)):
        tune_gold = {i: gold[i] for i in tune}
        test_gold = {i: gold[i] for i in test}
        best = max(settings, key=lambda s: (bcubed(runs[s], tune_gold)["f1"], -settings.index(s)))
        scored = _scores(runs[best], test_gold)
        out[name] = {"setting": best, **{k: round(v, 4) for k, v in scored.items()}}
    return out


def feature_clusterer(
    features: Mapping[str, StoryFeatures], vectors: Mapping[str, npt.NDArray[np.float32]], base: StoryParams
) -> Clusterer:
    dimension = next(iter(vectors.values())).shape[0]

    def run(ids: Sequence[str], setting: tuple[float, float]) -> dict[str, str]:
        params = replace(base, threshold=setting[0], entity_weight=setting[1])
        return cluster_all(
            ((features[i], vectors[i]) for i in sorted(ids)), dimension=dimension, params=params
        )

    return run


def tfidf_clusterer(texts: Mapping[str, str]) -> Clusterer:
    """TF-IDF cosine (fitted on the texts being clustered), the same linking rule as the stage: every
    pair at or above the threshold is a link, stories are the connected components (exact search)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    def run(ids: Sequence[str], threshold: float) -> dict[str, str]:
        order = sorted(ids)
        matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
            [texts[i] for i in order]
        )
        sims = (matrix @ matrix.T).toarray()
        parent = list(range(len(order)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for i, j in zip(*np.nonzero(np.triu(sims >= threshold, k=1)), strict=True):
            a, b = root(int(i)), root(int(j))
            parent[max(a, b)] = min(a, b)
        return {article: order[root(k)] for k, article in enumerate(order)}

    return run


# --- the command ------------------------------------------------------------------------------------


def stored_vectors(store: Store) -> dict[str, npt.NDArray[np.float32]]:
    """The embeddings the stories stage stored, by article id."""
    v = schema.story_vectors
    with store.engine.connect() as conn:
        return {
            r.article_id: np.frombuffer(r.vector, dtype="<f4").astype(np.float32)
            for r in conn.execute(select(v.c.article_id, v.c.vector))
        }


def evaluate_stories(data: Path, *, embedder: Embedder | None = None, factory: Any = None) -> dict[str, Any]:
    """Run the pipeline with the stories stage over ECB+ under ``data`` and score it (module docstring).

    ``factory`` replaces the per-article pipeline (for development; the command uses the default)."""
    from newsledger.corpus.near_duplicates import NearDuplicates
    from newsledger.corpus.stories import Stories

    docs = read_corpus(data)
    if not docs:
        raise FileNotFoundError(f"no ECB+ files (N/N_Mecb.xml, N/N_Mecbplus.xml) under {data}")
    embedder = embedder or load_embedder()
    with tempfile.TemporaryDirectory(prefix="newsledger-ecbplus-") as tmp:
        folder = Path(tmp)
        store = Store.open(folder / "ledger.db")
        try:
            stage = Stories(embedder=embedder)
            analyse_corpus(docs, store, folder, stages=[NearDuplicates(), stage], factory=factory)
            gold, topic = gold_by_article(store, docs)
            predicted = stored_stories(store)
            vectors = stored_vectors(store)
            with store.engine.connect() as conn:
                features = read_features(conn, sorted(gold))
                texts = {
                    r.id: f"{r.title or ''}\n{r.text}"
                    for r in conn.execute(
                        select(schema.articles.c.id, schema.articles.c.title, schema.articles.c.text)
                    )
                }
        finally:
            store.close()
    if not gold:
        raise NewsledgerError(
            "none of the ECB+ documents became an article: the per-article pipeline skipped them all.",
            hint="run `newsledger analyze` on a few of them to see the skip reasons",
        )
    ids = sorted(gold)
    missing = [i for i in ids if i not in vectors]  # syndicated copies are not embedded by the stage
    vectors.update(zip(missing, embedder.embed([features[i].text for i in missing]), strict=True))
    result: dict[str, Any] = {"articles": len(ids), "gold_stories": len(set(gold.values()))}
    result.update({k: round(v, 4) for k, v in _scores(predicted, gold).items()})
    result["stories"] = len({predicted[i] for i in ids})
    settings = [(t, w) for w in ENTITY_WEIGHTS for t in THRESHOLDS]
    cv = cross_validate(ids, gold, topic, feature_clusterer(features, vectors, stage.params), settings)
    embedding_only = cross_validate(
        ids,
        gold,
        topic,
        feature_clusterer(features, vectors, replace(stage.params, date_weight=0.0, number_weight=0.0)),
        [(t, 0.0) for t in THRESHOLDS],
    )
    tfidf = tfidf_clusterer(texts)
    tfidf_cv = cross_validate(ids, gold, topic, tfidf, list(TFIDF_THRESHOLDS))
    best_tfidf = max(TFIDF_THRESHOLDS, key=lambda t: bcubed(tfidf(ids, t), gold)["f1"])
    tfidf_all = _scores(tfidf(ids, best_tfidf), gold)
    for half in ("low_to_high", "high_to_low"):
        result[f"cv_{half}_bcubed_f1"] = cv[half]["bcubed_f1"]
        result[f"cv_{half}_v_measure"] = cv[half]["v_measure"]
        result[f"cv_{half}_setting"] = list(cv[half]["setting"])
        result[f"embedding_only_cv_{half}_bcubed_f1"] = embedding_only[half]["bcubed_f1"]
        result[f"tfidf_cv_{half}_bcubed_f1"] = tfidf_cv[half]["bcubed_f1"]
        result[f"tfidf_cv_{half}_v_measure"] = tfidf_cv[half]["v_measure"]
    result["tfidf_bcubed_precision"] = round(tfidf_all["bcubed_precision"], 4)
    result["tfidf_bcubed_recall"] = round(tfidf_all["bcubed_recall"], 4)
    result["tfidf_bcubed_f1"] = round(tfidf_all["bcubed_f1"], 4)
    result["tfidf_v_measure"] = round(tfidf_all["v_measure"], 4)
    result["tfidf_threshold_best_on_all"] = best_tfidf
    return result
