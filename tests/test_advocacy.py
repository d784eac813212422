"""An article's own calls to action decide its stance; reported demands do not."""

from __future__ import annotations

from newsledger.framing.advocacy import OwnClaim, action_group, advocacy


def _own(
    text: str, *, kind: str = "demand", own: bool = True, negated: bool = False, cue: str | None = None
) -> OwnClaim:
    return OwnClaim(id=text[:8], text=text, cue=cue, kind=kind, own_voice=own, negated=negated)


def test_action_groups() -> None:
    assert action_group("US troops should leave Syria") == "leave"
    assert action_group("the troops must stay in Syria") == "stay"
    assert action_group("Parliament should ban the import of ivory") == "ban"
    assert action_group("The weather was fine") is None


def test_own_demands_decide_and_reported_ones_do_not() -> None:
    target = "US troops should leave Syria"
    assert advocacy(target, [_own("American forces must withdraw from Syria at once")]).label == "favour"  # type: ignore[union-attr]
    assert advocacy(target, [_own("US troops must remain in Syria to finish the job")]).label == "against"  # type: ignore[union-attr]
    assert advocacy(target, [_own("US troops must withdraw from Syria", own=False)]) is None
    assert (
        advocacy(target, [_own("US troops should not withdraw from Syria", negated=True)]).label == "against"
    )  # type: ignore[union-attr]


def test_facts_and_other_topics_are_not_advocacy() -> None:
    target = "US troops should leave Syria"
    assert (
        advocacy(target, [_own("Trump announced the withdrawal of troops from Syria", kind="event")]) is None
    )
    assert advocacy(target, [_own("Ministers must leave the summit early", kind="demand")]) is None
    assert advocacy("The weather is fine", [_own("US troops must leave Syria")]) is None
