"""kzcn.checks.view_frame: which statements give a view, for an opinion and for a stated fact (opinion-frame)."""

from __future__ import annotations

import pytest

from builders import fact
from kzcn.checks.view_frame import view_frame_findings


def rules(kind: str, statement: str, modality: str = "asserted") -> list[tuple[str, tuple[str | int, ...]]]:
    found = view_frame_findings(fact(kind=kind, modality=modality), statement.lower())
    return [(finding.rule, finding.path) for finding in found]


@pytest.mark.parametrize(
    "statement",
    [
        # Words of a view that frame nothing (an adversarial review, issue 21: each was refused as an opinion).
        "A meeting was held in Astana in 2017.",
        "China holds a stake of 40 percent in the port.",
        "The thought of a new port was raised.",
        "In view of the sanctions, trade fell.",
        "Support rose in opinion polls.",
        "Most people believe the port is useful, a survey found.",
        "The minister said that exports doubled.",
    ],
)
@pytest.mark.parametrize("kind", ["event", "statistic"])
def test_a_stated_fact_may_mention_views_it_does_not_hold(kind: str, statement: str) -> None:
    assert rules(kind, statement) == []


@pytest.mark.parametrize(
    "statement",
    [
        "In the author's view, trade grew.",
        "In Izimov's view, trade grew.",
        "In their opinion, trade grew.",
        "The ministry believes that trade grew.",
        "According to the author, trade grew.",
        "China should be expelled, as some groups in Kazakh society believe.",  # a mutant that passed as an event
    ],
)
def test_a_stated_fact_that_gives_a_view_is_an_opinion(statement: str) -> None:
    assert rules("event", statement) == [("opinion-frame", ("kind",))]


@pytest.mark.parametrize(
    ("statement", "modality", "found"),
    [
        ("In the author's view, trade grew.", "asserted", []),
        ("The author thinks trade grew.", "asserted", []),
        ("China believes trade grew.", "asserted", [("opinion-frame", ("statement",))]),  # the author's, given away
        ("Trade grew.", "hedged", [("opinion-frame", ("statement",))]),
        ("Trade grew, as some groups believe.", "reported", []),
        ("According to Izimov, trade grew.", "reported", []),
        ("Trade grew.", "reported", [("opinion-frame", ("statement",))]),
    ],
)
def test_an_opinion_says_whose_view_it_is(statement: str, modality: str, found: list[object]) -> None:
    assert rules("opinion", statement, modality) == found


def test_forecasts_are_not_read() -> None:
    assert rules("forecast", "In the author's view, trade will grow.", "predicted") == []
