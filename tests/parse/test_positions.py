"""kzcn.parse.positions: a position packed as the composer stores it reads back as it was, text and all."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kzcn.parse.positions import entry, key_position, packed, unpacked, value_position

LINE = st.integers(min_value=1, max_value=10**7)
COLUMN = st.integers(min_value=1, max_value=2**33)  # past 2**32: a very long line keeps its tuple
TEXT = st.none() | st.text(max_size=5)
POSITION = st.tuples(LINE, COLUMN, TEXT)


@given(POSITION)
def test_a_list_item_reads_back(position: tuple[int, int, str | None]) -> None:
    assert unpacked(packed(position)) == position


@given(POSITION, POSITION)
def test_a_mapping_entry_reads_back(key: tuple[int, int, str | None], value: tuple[int, int, str | None]) -> None:
    stored = entry(key, value)
    assert (key_position(stored), value_position(stored)) == (key, value)


def test_positions_without_text_are_one_integer_and_those_with_text_keep_it() -> None:
    assert type(packed((3, 5, None))) is int and type(entry((1, 1, None), (1, 4, None))) is int
    assert packed((3, 5, "010")) == (3, 5, "010")
    assert entry((1, 1, None), (1, 4, "no")) == ((1, 1, None), (1, 4, "no"))
