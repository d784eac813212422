"""Find attributions in a parsed article: cue tagging, then a source and a content for each cue.

Three shipped linear models do the work. The cue tagger scores each token as the head of a cue
("said", "according", "told", a transcript's colon); a cue is a run of such tokens widened by its
auxiliaries and particles ("has not said", "according to"); it also reads each word's clusters
from a shipped table, so rare belief and attitude words share evidence with frequent ones. A second
reader of the whole sentence, MiniLM with fine-tuned top layers (:mod:`.context_tagger`), adds its
own logit for each word, so context decides the words the parse leaves open. The
source scorer ranks the noun phrases of the cue's sentence ("no source" wins when none scores high
enough); the content scorer
ranks the cue's dependents, the clause it hangs from, the rest of its sentence or paragraph, and
the nearby quotations (which may run over several sentences and paragraphs). One construction is
built by rule because it always nests: "the agency quoted an official as saying X" gives the
official saying X inside the agency reporting it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsledger.claims.attribution.candidates import (
    Cue,
    content_candidates,
    cue_of,
    source_candidates,
)
from newsledger.claims.attribution.context_tagger import CONTEXT_FILE, ContextTagger, load_context_tagger
from newsledger.claims.attribution.cue_features import cue_features
from newsledger.claims.attribution.layout_cues import LAYOUT_CUE_SCORE, layout_cue, layout_spans
from newsledger.claims.attribution.linear import LinearModel, sigmoid
from newsledger.claims.attribution.view import DocView
from newsledger.claims.attribution.word_clusters import CLUSTER_FILE, cluster_table

DATA = Path(__file__).parent / "data"
_NEVER_CUE_POS = frozenset({"SPACE", "PUNCT", "DET", "CCONJ", "NUM", "SYM"})
"""Word classes never scored as cues (speed): inside a longer cue ("said in a statement") the
surrounding run is joined over them by :func:`_merge_fragments`."""
_CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg"})
_CUE_RIGHT_DEPS = frozenset({"prt", "neg"})
_PUNCT_CUES = frozenset({":", "—", "―", "-", "--", "–"})


@dataclass(frozen=True, slots=True)
class AttributionSpans:
    """One attribution: who (``source``, None when unnamed) said what (``content``) by which words (``cue``).

    Offsets are characters of ``doc.text``; ``score`` is the cue tagger's probability. A content may contain other attributions' cues: that is
    how nesting shows ("the agency quoted a source as saying ..."), see :func:`parents`.
    """

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int]
    score: float


@dataclass(frozen=True, slots=True)
class Settings:
    """Decision thresholds, chosen by cross-validation on PolNeAR train by the training script."""

    cue_threshold: float = 0.5
    source_threshold: float = 0.3

    @classmethod
    def load(cls, path: Path) -> Settings:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(cue_threshold=float(raw["cue_threshold"]), source_threshold=float(raw["source_threshold"]))

    def save(self, path: Path) -> None:
        values = {"cue_threshold": self.cue_threshold, "source_threshold": self.source_threshold}
        path.write_text(json.dumps(values, indent=1) + "\n", encoding="utf-8")


class AttributionFinder:
    """The three models, their thresholds and the word clusters the cue tagger reads."""

    def __init__(
        self,
        cue: LinearModel,
        source: LinearModel,
        content: LinearModel,
        settings: Settings,
        clusters: Mapping[str, tuple[int, ...]] | None = None,
        context: ContextTagger | None = None,
    ) -> None:
        self.cue_model = cue
        self.source_model = source
        self.content_model = content
        self.settings = settings
        self.clusters = cluster_table() if clusters is None else clusters
        self.context = context

    @classmethod
    def load(cls, folder: Path = DATA) -> AttributionFinder:
        return cls(
            LinearModel.load(folder / "cue.npz"),
            LinearModel.load(folder / "source.npz"),
            LinearModel.load(folder / "content.npz"),
            Settings.load(folder / "settings.json"),
            cluster_table(folder / CLUSTER_FILE),
            load_context_tagger(folder / CONTEXT_FILE),
        )

    @property
    def cue_threshold(self) -> float:
        """The linear tagger's threshold, or the mix's when the context tagger takes part."""
        return self.settings.cue_threshold if self.context is None else self.context.mixing.threshold

    def margins(self, v: DocView) -> dict[int, float]:
        """The linear tagger's score before the sigmoid, for every token it looks at."""
        model = self.cue_model
        clusters = self.clusters
        return {i: model.margin(cue_features(v, i, clusters)) for i in range(v.n) if scored_as_cue(v, i)}

    def sentences_to_read(self, v: DocView, margins: Mapping[int, float]) -> list[int]:
        """Sentences the context tagger reads: those with a word the linear tagger gives ``floor`` or more."""
        if self.context is None:
            return []
        floor = self.context.mixing.floor
        return sorted({v.sent[i] for i, m in margins.items() if sigmoid(m) >= floor})

    def token_scores(
        self,
        v: DocView,
        margins: Mapping[int, float] | None = None,
        context: Mapping[int, float] | None = None,
    ) -> list[float]:
        """Each token's probability of heading a cue (0 for word classes never scored).

        With the context tagger, the probability is the sigmoid of the two taggers' weighted logits,
        in sentences where the linear tagger finds any candidate at all (see ``Mixing.floor``), except
        for words the linear tagger is sure of (``Mixing.sure``). ``margins`` and ``context`` (the context tagger's logits) may come precomputed from a batch.
        """
        if margins is None:
            margins = self.margins(v)
        if context is None and self.context is not None:
            read = self.sentences_to_read(v, margins)
            context = self.context.logits(v, read) if read else {}
        weight, sure = (self.context.mixing.weight, self.context.mixing.sure) if self.context else (0.0, 1.0)
        scores = [0.0] * v.n
        for i, m in margins.items():
            z = context.get(i) if context else None
            p = sigmoid(m)
            if z is not None and p < sure:
                p = sigmoid((1 - weight) * m + weight * z)
            # a layout cue (transcript turn, sign-off) is a cue whatever the parse made of its line
            scores[i] = max(p, LAYOUT_CUE_SCORE) if layout_cue(v, i) else p
        return scores

    def cues(self, v: DocView, scores: Sequence[float] | None = None) -> list[tuple[Cue, float]]:
        """Runs of consecutive tokens the cue tagger scores above the threshold, with their best score."""
        if scores is None:
            scores = self.token_scores(v)
        threshold = self.cue_threshold
        runs: list[tuple[list[int], float]] = []
        run: list[int] = []
        best = 0.0
        for i in range(v.n):
            p = scores[i]
            if run and (p < threshold or v.sent[i] != v.sent[run[0]]):
                runs.append((run, best))
                run, best = [], 0.0
            if p >= threshold:
                run.append(i)
                best = max(best, p)
        if run:
            runs.append((run, best))
        return [(cue_of(v, _widen(v, tokens)), p) for tokens, p in _merge_fragments(v, runs)]

    def find_batch(self, views: Sequence[DocView]) -> list[list[AttributionSpans]]:
        """:meth:`find_in_view` for each view, with the context tagger run once over all of them."""
        margins = [self.margins(v) for v in views]
        contexts: list[dict[int, float]] = [{} for _ in views]
        if self.context is not None:
            contexts = self.context.logits_many(
                [(v, self.sentences_to_read(v, m)) for v, m in zip(views, margins, strict=True)]
            )
        return [
            self.find_in_view(v, self.token_scores(v, m, c))
            for v, m, c in zip(views, margins, contexts, strict=True)
        ]

    def find_in_view(self, v: DocView, scores: Sequence[float] | None = None) -> list[AttributionSpans]:
        """Attributions of one article view, sorted by content start (``scores``: see :meth:`token_scores`)."""
        cues = self.cues(v, scores)
        reported = _reported_speech(v, cues)
        found: dict[int, AttributionSpans] = {}
        # inner ("as saying") cues first: the outer cue's content is built round them
        for cue, score in sorted(cues, key=lambda cs: cs[0].head not in reported.values()):
            kind = layout_cue(v, cue.head)
            spans = layout_spans(v, cue.head, kind) if kind is not None else None
            if spans is not None:
                found[cue.head] = AttributionSpans(
                    cue=(v.start[cue.first], v.end[cue.last]),
                    source=spans[0],
                    content=spans[1],
                    score=round(score, 4),
                )
                continue
            contents = content_candidates(v, cue)
            if not contents:
                continue
            best_content = max(contents, key=lambda c: self.content_model.margin(c.features))
            content = (best_content.start, best_content.end)
            source = self._source(v, cue, content)
            inner = found.get(reported.get(cue.head, -1))
            if inner is not None:
                # "the agency quoted X as saying Y": X says Y (inner), the agency reports X saying it
                speaker = next(k for k in v.children(cue.head) if v.dep[k] in ("dobj", "dative"))
                inner_cue = next(c for c, _ in cues if c.head == reported[cue.head])
                content = (
                    min(v.start[v.left[speaker]], inner.content[0]),
                    max(inner_cue.end_char(v), inner.content[1]),
                )
                found[inner_cue.head] = AttributionSpans(
                    inner.cue, (v.start[v.left[speaker]], v.end[v.right[speaker]]), inner.content, inner.score
                )
            found[cue.head] = AttributionSpans(
                cue=(v.start[cue.first], v.end[cue.last]),
                source=source,
                content=content,
                score=round(score, 4),
            )
        return sorted(found.values(), key=lambda a: (a.content, a.cue))

    def _source(self, v: DocView, cue: Cue, content: tuple[int, int]) -> tuple[int, int] | None:
        """The best-scored noun phrase outside the content, or None below the threshold."""
        # a content round a parenthetical cue ("X, he said, Y") leaves the cue's own clause to the source
        lo, hi = content
        if lo <= v.start[cue.first] and v.end[cue.last] <= hi:
            lo, hi = v.start[v.left[cue.head]], v.end[v.right[cue.head]]
            inside = [s for s in source_candidates(v, cue) if lo <= s.start and s.end <= hi]
        else:
            inside = [s for s in source_candidates(v, cue) if s.end <= lo or s.start >= hi]
        sources = inside
        if not sources:
            return None
        p, best = max(((self.source_model.probability(s.features), s) for s in sources), key=lambda x: x[0])
        return (best.start, best.end) if p >= self.settings.source_threshold else None


def _reported_speech(v: DocView, cues: list[tuple[Cue, float]]) -> dict[int, int]:
    """Cue heads of "V someone as saying ..." mapped to the "saying" cue, added to ``cues`` if missing.

    In this construction the object of V is the speaker of what follows "as saying", and V's subject
    only relays it: two nested attributions.
    """
    heads = {c.head for c, _ in cues}
    out: dict[int, int] = {}
    for cue, score in list(cues):
        c = cue.head
        kids = v.children(c)
        if not any(v.dep[k] in ("dobj", "dative") for k in kids):
            continue
        for k in kids:
            if v.dep[k] != "prep" or v.lower[k] != "as":
                continue
            for g in v.children(k):
                if v.dep[g] == "pcomp" and v.tag[g] == "VBG":
                    if g not in heads:
                        cues.append((Cue((k, g), g), score))
                        heads.add(g)
                    out[c] = g
    return out


def scored_as_cue(v: DocView, i: int) -> bool:
    """Whether the cue tagger looks at token ``i`` at all (it learns cue heads, never these)."""
    return v.pos[i] not in _NEVER_CUE_POS or v.lower[i] in _PUNCT_CUES


def _widen(v: DocView, tokens: list[int]) -> list[int]:
    """A tagged cue head with its auxiliaries, negation and particle ("has not said", "according to")."""
    lo, hi = tokens[0], tokens[-1]
    head = cue_of(v, tokens).head
    while lo - 1 >= 0 and v.head[lo - 1] == head and v.dep[lo - 1] in _CUE_LEFT_DEPS:
        lo -= 1
    while hi + 1 < v.n and v.head[hi + 1] == head and v.dep[hi + 1] in _CUE_RIGHT_DEPS:
        hi += 1
    # a participle used as a preposition keeps its own ("according to", "referring to")
    if hi + 1 < v.n and v.dep[head] == "prep" and v.head[hi + 1] == head and v.dep[hi + 1] == "prep":
        hi += 1
    return list(range(lo, hi + 1))


def _merge_fragments(v: DocView, runs: list[tuple[list[int], float]]) -> list[tuple[list[int], float]]:
    """Join runs split by one or two unscored words when they hang together ("has also said"), but
    not two verbs split by a comma: those are separate cues ("said, adding")."""
    out: list[tuple[list[int], float]] = []
    for tokens, p in runs:
        if out:
            prev, q = out[-1]
            gap = tokens[0] - prev[-1] - 1
            linked = any(v.head[t] in prev for t in tokens) or any(v.head[t] in tokens for t in prev)
            # "said, adding ..." and "attacked Trump, saying ..." are two cues, each with its content
            two_verbs = v.pos[cue_of(v, prev).head] == "VERB" and v.pos[cue_of(v, tokens).head] == "VERB"
            comma = any(v.lower[k] == "," for k in range(prev[-1] + 1, tokens[0]))
            if gap <= 2 and v.sent[tokens[0]] == v.sent[prev[-1]] and linked and not (two_verbs and comma):
                out[-1] = (prev + list(range(prev[-1] + 1, tokens[0])) + tokens, max(p, q))
                continue
        out.append((tokens, p))
    return out


@lru_cache(maxsize=1)
def default_finder() -> AttributionFinder:
    return AttributionFinder.load()


def find_attributions(doc: Any) -> list[AttributionSpans]:
    """Every attribution in a spaCy ``Doc`` (tagger and parser needed), sorted by content start."""
    return default_finder().find_in_view(DocView(doc))


def find_attributions_batch(docs: Sequence[Any]) -> list[list[AttributionSpans]]:
    """:func:`find_attributions` for several articles, sharing the context tagger's batches."""
    return default_finder().find_batch([DocView(doc) for doc in docs])


def parents(attributions: Sequence[AttributionSpans]) -> list[int | None]:
    """For each attribution, the index of the innermost other attribution whose content holds its cue."""
    out: list[int | None] = []
    for k, a in enumerate(attributions):
        best: int | None = None
        width = 1 << 62
        for j, b in enumerate(attributions):
            if j == k:
                continue
            if b.content[0] <= a.cue[0] and a.cue[1] <= b.content[1] and b.content[1] - b.content[0] < width:
                best, width = j, b.content[1] - b.content[0]
        out.append(best)
    return out
