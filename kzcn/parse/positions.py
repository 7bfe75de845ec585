"""Where a parsed document's values stand: one flat array of packed (line, column) pairs, read back by container.

A knowledge base of 30,000 facts has about 870,000 values in 235,000 mappings and lists. A dict or list of positions
per container, an integer per position, weighed 87 MiB, more than a third of what a parse held (beside at most
122 MiB of data); at 150,000 facts, over 400 MiB. Here each container's positions are a run of one array of 64-bit
slots: a list's items one slot each, a mapping's entries two (the key's, then the value's), in the order the
container holds them; a container closed is its run's start, by id. Where a scalar was read as something other
than text (a number, a date), its slot's text is kept beside, for messages ("expected text, found the number 10;
quote it").
"""

from __future__ import annotations

from array import array
from typing import Any

Position = tuple[int, int, "str | None"]
"""(line, column, source text): 1-based; the text is kept for scalars YAML read as something other than a string."""

_BITS = 32
_MASK = (1 << _BITS) - 1


def packed(line: int, column: int) -> int:
    """A position as a slot holds it (a file of at most 256 MiB has no line or column past 2**32)."""
    return (line << _BITS) | column


def unpacked(stored: int) -> tuple[int, int]:
    """The line and column of a packed position."""
    return stored >> _BITS, stored & _MASK


def line_of(stored: int) -> int:
    """The line of a packed position."""
    return stored >> _BITS


class Positions:
    """Where every value of a parsed document stands, each container's positions a run of one array."""

    __slots__ = ("_ids", "_index", "_slots", "_starts", "_texts")

    def __init__(self) -> None:
        self._slots = array("Q")
        """Every position, packed: container by container, in the order they closed."""
        self._ids = array("Q")
        """Each container's id, in the order they closed."""
        self._starts = array("Q")
        """Where each container's run of slots starts, in the same order."""
        self._index: dict[int, int] | None = None
        """id(container) -> where its run starts: made when a position is first asked for. Positions are read only
        for a problem's place, and a dict over a million containers (150,000 facts) was 100 MiB of the parse's
        peak; two arrays are 18."""
        self._texts: dict[int, str] = {}
        """slot -> the text of a scalar YAML read as something other than text."""

    def add(self, container: Any, slots: list[int], texts: dict[int, str] | None) -> None:
        """A container closed: its slots (two per mapping entry, one per list item) and the texts of some, by
        their place among them."""
        start = len(self._slots)
        self._ids.append(id(container))
        self._starts.append(start)
        self._index = None  # made again if asked for
        self._slots.extend(slots)
        if texts:
            self._texts.update({start + place: text for place, text in texts.items()})

    def __contains__(self, container: Any) -> bool:
        return id(container) in self._start_of()

    def __len__(self) -> int:
        return len(self._ids)

    def _start_of(self) -> dict[int, int]:
        if self._index is None:
            self._index = dict(zip(self._ids, self._starts, strict=True))
        return self._index

    def item(self, container: list[Any], index: int) -> Position:
        """Where a list's item stands; IndexError past its end, KeyError for a list not parsed."""
        if not -len(container) <= index < len(container):
            raise IndexError(index)
        return self._at(self._start_of()[id(container)] + index % len(container))

    def value(self, container: dict[Any, Any], key: Any) -> Position:
        """Where a mapping's value for `key` stands; KeyError for a key it lacks or a mapping not parsed."""
        return self._at(self._start_of()[id(container)] + 2 * entry_index(container, key) + 1)

    def key(self, container: dict[Any, Any], key: Any) -> Position:
        """Where a mapping's key stands; KeyError for a key it lacks or a mapping not parsed."""
        return self._at(self._start_of()[id(container)] + 2 * entry_index(container, key))

    def _at(self, slot: int) -> Position:
        stored = self._slots[slot]
        return (stored >> _BITS, stored & _MASK, self._texts.get(slot))

    def listing(self, data: Any) -> list[Position]:
        """Every position under `data`, in document order (each mapping's key before its value, then what the value
        holds): what two parses of one text, whose containers' ids differ, compare by."""
        found: list[Position] = []
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict) and node in self:
                for key, value in reversed(node.items()):
                    stack.append(value)
                    stack.append(_Found(self.key(node, key), self.value(node, key)))
            elif isinstance(node, list) and node in self:
                for index in range(len(node) - 1, -1, -1):
                    stack.append(node[index])
                    stack.append(_Found(self.item(node, index)))
            elif isinstance(node, _Found):
                found += node.positions
        return found


class _Found:
    """Positions met while walking a document, listed when popped (after those before them)."""

    __slots__ = ("positions",)

    def __init__(self, *positions: Position) -> None:
        self.positions = positions


def entry_index(container: dict[Any, Any], key: Any) -> int:
    """The place of `key` among the mapping's keys; KeyError if it has none. Positions are read only to report a
    problem, so a walk over a mapping's few keys costs nothing a run pays for."""
    for index, held in enumerate(container):
        if held is key or held == key:  # as the dict compares keys: one of them is equal
            return index
    raise KeyError(key)
