"""How often the comparison stage's lexical rules are right, measured on Emergent's claim/headline pairs.

The ``compare`` stage calls two claims from different articles one proposition when their terms agree
(``compare.grouping.same_proposition``), and a *textual contradiction* when such a pair differs in
negation (``claims.negation.is_negated``). No labelled set of claim pairs ships with the project, but
Emergent (Ferreira and Vlachos, 2016) pairs each rumoured claim with the headlines of articles about it,
labelled ``for`` (the headline asserts the claim), ``against`` (it denies it) or ``observing`` (it
reports the claim without taking a side). A headline is a one-sentence claim of the kind the stage
compares, so:

- a pair the rule flags as a textual contradiction is right when the headline is ``against``;
- a pair the rule groups as one proposition (same negation) is right when the headline is ``for`` or
  ``observing`` (it carries the claim, though an ``observing`` one does not vouch for it), and wrong when
  it is ``against``.

Precision is what matters for a ledger (a contradiction shown must be real); recall here is low by
design, because most denials reword the claim ("Egypt's President denies offering land") rather than
negate it, and a reworded denial is a different set of terms.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from newsledger.claims.negation import is_negated
from newsledger.compare.grouping import same_proposition
from newsledger.compare.terms import MIN_TERMS, claim_terms
from newsledger.errors import EvaluationDataError
from newsledger.eval.metrics import prf

_COLUMNS = ("claimHeadline", "articleHeadline", "articleHeadlineStance")
MAX_EXAMPLES = 10


def read_emergent(path: Path) -> list[tuple[str, str, str]]:
    """(claim, headline, stance) for every row of Emergent's CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise EvaluationDataError(f"{path} is not Emergent's CSV: no column {', '.join(missing)}")
        return [
            (r["claimHeadline"], r["articleHeadline"], r["articleHeadlineStance"].strip()) for r in reader
        ]


def judge(claim: str, headline: str) -> str:
    """What the stage would make of the pair: ``contradiction``, ``same`` or ``unlinked``."""
    a, b = claim_terms(claim), claim_terms(headline)
    if len(a) < MIN_TERMS or len(b) < MIN_TERMS or same_proposition(a, b) is None:
        return "unlinked"
    return "contradiction" if is_negated(claim) != is_negated(headline) else "same"


def evaluate_contradictions(path: Path) -> dict[str, Any]:
    pairs = read_emergent(path)
    if not pairs:
        raise EvaluationDataError(f"{path} holds no pairs")
    started = time.perf_counter()
    verdicts = [judge(claim, headline) for claim, headline, _ in pairs]
    seconds = time.perf_counter() - started
    against = [gold == "against" for _, _, gold in pairs]
    flagged = [v == "contradiction" for v in verdicts]
    tp = sum(f and g for f, g in zip(flagged, against, strict=True))
    contradiction = prf(tp, sum(flagged) - tp, sum(against) - tp)
    grouped = [(v, gold) for v, (_, _, gold) in zip(verdicts, pairs, strict=True) if v == "same"]
    wrong_groups = sum(gold == "against" for _, gold in grouped)
    examples = [
        {"claim": claim, "headline": headline, "gold": gold}
        for (claim, headline, gold), v in zip(pairs, verdicts, strict=True)
        if v == "contradiction"
    ][:MAX_EXAMPLES]
    return {
        "pairs": len(pairs),
        "against_pairs": sum(against),
        "contradictions_flagged": sum(flagged),
        "contradiction_precision": contradiction["precision"],
        "contradiction_recall": contradiction["recall"],
        "contradiction_f1": contradiction["f1"],
        "grouped_pairs": len(grouped),
        "group_precision": round(1 - wrong_groups / len(grouped), 4) if grouped else 0.0,
        "pairs_per_second": round(len(pairs) / seconds, 1) if seconds else 0.0,
        "flagged_examples": examples,
    }
