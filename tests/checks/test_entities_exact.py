"""kzcn.checks.entities.EntityNames called directly: which entities a text names, and where, by name or alias."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from kzcn.checks.entities import EntityNames, _naming

NAMES = EntityNames(
    frozenset({"Kazakhstan", "China", "Port of Aktau", "Xi Jinping"}),
    {"China": ("the PRC", "the People’s Republic of China"), "Kazakhstan": ("our country",)},
)


def test_named_in_lists_every_entity_the_text_names_in_the_order_of_their_names() -> None:
    assert NAMES.named_in("The PRC and Kazakh exporters met at the port of Aktau") == [
        "China",
        "Kazakhstan",
        "Port of Aktau",
    ]
    assert NAMES.named_in("Our country trades with the People's Republic of China") == ["China", "Kazakhstan"]
    assert NAMES.named_in("Xi said so") == []
    assert NAMES.named_in("") == []


def test_named_in_is_names_asked_of_each_entity() -> None:
    texts = ["our countryside", "Chinese goods", "the PRC's port", "Xi Jinping's visit", "a port of Aktau's"]
    for text in texts:
        assert NAMES.named_in(text) == [entity for entity in NAMES.known if NAMES.names(entity, text)], text


def test_first_is_where_the_earliest_spelling_stands() -> None:
    assert NAMES.first("China", "trade with the PRC, China's neighbour") == 11
    assert NAMES.first("China", "China's neighbour, the PRC") == 0
    assert NAMES.first("Kazakhstan", "the PRC") == -1


PIECES = ["Kazakhstan", "kazakh", "Kazakhs", "China", "china's", "Chinese", "Xi Jinping", "Xi", "EU", "eu", "EUR",
          "Port of Aktau", "port of Aktau", "Aktau", "X", "x", "the PRC", "The PRC", "PRC", "1st Road", "Road", " ",
          "-", "'", "’", "az", "hin", "\u200b", "é", "ina"]  # fmt: skip
"""Names, their near misses and what stands between words: the texts first() and names() are asked about."""


@settings(max_examples=int(os.environ.get("KZCN_PROPERTY_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))  # fmt: skip
@given(
    st.sampled_from(["Kazakhstan", "China", "Xi Jinping", "EU", "Port of Aktau", "X", "the PRC", "1st Road"]),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
)
def test_first_is_where_the_spelling_s_pattern_first_matches(name: str, text: str) -> None:
    # Written from _naming's pattern alone, searched the plain way, against first's shortcut through str.find.
    match = _naming(name).search(text)
    assert EntityNames(frozenset({name}), {}).first(name, text) == (match.start() if match else -1)
    assert EntityNames(frozenset({name}), {}).names(name, text) == (match is not None)
