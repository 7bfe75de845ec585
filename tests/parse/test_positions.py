"""kzcn.parse.positions: every position stored reads back as it was, text and all, from the container holding it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcn.parse.positions import Positions, entry_index, line_of, packed

LINE = st.integers(min_value=1, max_value=2**32 - 1)
COLUMN = st.integers(min_value=1, max_value=2**32 - 1)  # a file of at most 256 MiB has no column past 2**28
TEXT = st.none() | st.text(max_size=5)
POSITION = st.tuples(LINE, COLUMN, TEXT)


def stored(positions: Positions, container: object, held: list[tuple[int, int, str | None]]) -> None:
    """The container's positions added as the composer adds them when it closes."""
    texts = {place: text for place, (_line, _column, text) in enumerate(held) if text is not None}
    positions.add(container, [packed(line, column) for line, column, _text in held], texts)


@given(st.lists(POSITION, max_size=6), st.lists(st.tuples(POSITION, POSITION), max_size=6))
def test_each_position_reads_back_from_its_container(
    items: list[tuple[int, int, str | None]], entries: list[tuple[tuple[int, int, str | None], ...]]
) -> None:
    positions = Positions()
    before = ["a", "b"]
    stored(positions, before, [(1, 1, None), (2, 1, "2")])  # another container first: runs start apart
    listed = list(range(len(items)))
    mapping = {f"key {number}": number for number in range(len(entries))}
    stored(positions, listed, items)
    stored(positions, mapping, [position for pair in entries for position in pair])
    assert [positions.item(listed, index) for index in range(len(items))] == items
    assert [(positions.key(mapping, key), positions.value(mapping, key)) for key in mapping] == entries
    assert positions.item(before, -1) == (2, 1, "2")
    assert len(positions) == 3 and listed in positions and [] not in positions


def test_what_a_container_lacks_raises_as_the_container_would() -> None:
    positions = Positions()
    listed, mapping = ["x"], {"a": 1, 1: "b"}
    stored(positions, listed, [(1, 3, None)])
    stored(positions, mapping, [(2, 1, None), (2, 4, "1"), (3, 1, "1"), (3, 4, None)])
    with pytest.raises(IndexError):
        positions.item(listed, 1)
    with pytest.raises(KeyError):
        positions.value(mapping, "b")
    with pytest.raises(KeyError):
        positions.item(["not parsed"], 0)
    assert positions.value(mapping, True) == (3, 4, None)  # True == 1, as the dict itself compares its keys
    assert (entry_index(mapping, "a"), entry_index(mapping, 1)) == (0, 1)


def test_a_listing_walks_the_document_in_order() -> None:
    positions = Positions()
    inner, items = {"c": 3}, ["x"]
    outer = {"a": inner, "b": items}
    stored(positions, inner, [(2, 3, None), (2, 6, "3")])
    stored(positions, items, [(4, 5, None)])
    stored(positions, outer, [(1, 1, None), (2, 3, None), (3, 1, None), (4, 3, None)])
    assert positions.listing(outer) == [
        (1, 1, None), (2, 3, None), (2, 3, None), (2, 6, "3"), (3, 1, None), (4, 3, None), (4, 5, None)
    ]  # fmt: skip


@given(LINE, COLUMN)
def test_a_packed_position_keeps_its_line(line: int, column: int) -> None:
    assert line_of(packed(line, column)) == line


def test_a_container_added_after_a_lookup_is_found_too() -> None:
    positions = Positions()
    first, second = ["a"], ["b"]
    stored(positions, first, [(1, 3, None)])
    assert positions.item(first, 0) == (1, 3, None)
    stored(positions, second, [(2, 3, None)])
    assert positions.item(second, 0) == (2, 3, None) and positions.item(first, 0) == (1, 3, None)
