"""Where a parsed document's values stand, as the composer stores them: packed into one integer each, read back.

A knowledge base of 30,000 facts has about 750,000 values, and a position each as a tuple (line, column, None) in a
tuple with its key's was 240 bytes a value: two thirds of what parsing held (340 MiB). A mapping's entry whose key
and value are both strings packs the four numbers into one integer (44 bytes); a list's item, its two (36 bytes).
Where a scalar was read as something other than text (a number, a date), its position keeps the text it was read
from, for messages ("expected text, found the number 10; quote it"), and stays a tuple.
"""

from __future__ import annotations

from typing import Any

Position = tuple[int, int, "str | None"]
"""(line, column, source text): 1-based; the text is kept for scalars YAML read as something other than a string."""

_BITS = 32
_MASK = (1 << _BITS) - 1


def packed(position: Position) -> Any:
    """A list item's position as stored: one integer, or the tuple where it keeps its source text."""
    line, column, text = position
    return position if text is not None or column > _MASK else (line << _BITS) | column


def unpacked(stored: Any) -> Position:
    """A list item's position as packed() stored it."""
    if type(stored) is int:
        return (stored >> _BITS, stored & _MASK, None)
    return stored  # type: ignore[no-any-return]


def entry(key: Position, value: Position) -> Any:
    """A mapping entry's key and value positions as stored: one integer, or the two tuples."""
    if key[2] is None and value[2] is None and key[1] <= _MASK and value[1] <= _MASK:
        return (key[0] << 3 * _BITS) | (key[1] << 2 * _BITS) | (value[0] << _BITS) | value[1]
    return (key, value)


def key_position(stored: Any) -> Position:
    """Where a mapping entry's key stands, from what entry() stored."""
    if type(stored) is int:
        return (stored >> 3 * _BITS, (stored >> 2 * _BITS) & _MASK, None)
    return stored[0]  # type: ignore[no-any-return]


def value_position(stored: Any) -> Position:
    """Where a mapping entry's value stands, from what entry() stored."""
    if type(stored) is int:
        return ((stored >> _BITS) & _MASK, stored & _MASK, None)
    return stored[1]  # type: ignore[no-any-return]
