"""kzcn.queries.cards: who makes a claim and how surely, in the words a card prints."""

from __future__ import annotations

import pytest

from builders import fact
from kzcn.queries.cards import says_in_words


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"kind": "event", "modality": "asserted"}, "the author, as a fact"),
        ({"kind": "statistic", "modality": "asserted"}, "the author, as a fact"),
        # An opinion card read "the author, as a fact" (issue 21's review of the sheet): a view is never a fact.
        ({"kind": "opinion", "modality": "asserted"}, "the author, as a view"),
        ({"kind": "opinion", "modality": "hedged"}, "the author, as a possibility (hedged)"),
        ({"kind": "forecast", "modality": "predicted"}, "the author, as a prediction"),
        ({"kind": "forecast", "modality": "conditional", "condition": "If China is expelled"},
         "the author, on a condition: If China is expelled"),
        ({"kind": "opinion", "modality": "reported", "attributed_to": "some groups"}, "some groups, as the article reports"),
    ],
)  # fmt: skip
def test_who_says_it_and_how_surely(fields: dict[str, str], said: str) -> None:
    assert says_in_words(fact(**fields)) == said
