"""The 14 persuasion techniques of SemEval-2020 Task 11, with names fit for a report.

The label strings are the organisers' own (several techniques were merged into one class because they
were too rare alone, hence names such as ``Whataboutism,Straw_Men,Red_Herring``).
"""

from __future__ import annotations

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

READABLE_NAMES: dict[str, str] = {
    "Appeal_to_Authority": "appeal to authority",
    "Appeal_to_fear-prejudice": "appeal to fear or prejudice",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon or reductio ad Hitlerum",
    "Black-and-White_Fallacy": "black-and-white fallacy",
    "Causal_Oversimplification": "causal oversimplification",
    "Doubt": "doubt",
    "Exaggeration,Minimisation": "exaggeration or minimisation",
    "Flag-Waving": "flag-waving",
    "Loaded_Language": "loaded language",
    "Name_Calling,Labeling": "name calling or labelling",
    "Repetition": "repetition",
    "Slogans": "slogans",
    "Thought-terminating_Cliches": "thought-terminating clichés",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism, straw man or red herring",
}


def readable(technique: str) -> str:
    """The report name of a technique label (the label itself when it is not one of the 14)."""
    return READABLE_NAMES.get(technique, technique)
