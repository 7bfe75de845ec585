"""kzcn.checks.entities.EntityNames called directly: which entities a text names, and where, by name or alias."""

from __future__ import annotations

from kzcn.checks.entities import EntityNames

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
