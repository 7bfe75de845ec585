"""Result objects: what a command found, as records with named fields, ready for any renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kzcn.errors import UsageError

Value = Any
"""A record value: str, int, float, bool, None, or a list of str/int."""


@dataclass(frozen=True)
class Field:
    key: str
    """The snake_case key in JSON, and the CSV header."""
    header: str
    """The column title in tables."""
    missing: str = "—"
    """What a table shows for None: "unknown" where the source says nothing, "—" where nothing applies."""


@dataclass(frozen=True)
class Context:
    paragraph: int
    """The paragraph's number in its source."""
    text: str
    """The paragraph as the source writes it."""
    start: int
    """Offset of the quote inside `text`, or -1 if it is not found there."""
    end: int
    """Offset just past the quote."""


@dataclass(frozen=True)
class Result:
    view: str
    """Which table layout fits: facts, fact, sources, revenue, totals, stats, coverage."""
    fields: tuple[Field, ...]
    """Every field a record has, in output order."""
    records: tuple[dict[str, Value], ...]
    """The rows: one dict per fact, source, figure or count."""
    table_fields: tuple[str, ...] = ()
    """The fields a table shows by default (all if empty); machine formats show every field."""
    single: bool = False
    """True when the command asked for one thing: JSON is then one object (the first record), not a list."""
    title: str | None = None
    """A heading for tables."""
    empty_message: str = "Nothing matches."
    """The line said (on stderr) when there are no records."""
    notes: tuple[str, ...] = ()
    """Footnotes under a table: units, sources, what derived means. Never in machine formats."""
    highlight: tuple[str, ...] = ()
    """Words to highlight in tables (a free-text search)."""
    context: tuple[Context, ...] = field(default=())
    """Paragraphs around a fact's quotes, for `show`."""

    def field_keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.fields)

    def select(self, wanted: list[str] | None, *, table: bool) -> tuple[Field, ...]:
        """The fields to output: those asked for with --fields, in that order, else the format's default."""
        by_key = {item.key: item for item in self.fields}
        if wanted:
            unknown = [key for key in wanted if key not in by_key]
            if unknown:
                raise UsageError(
                    f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} for this command; "
                    f"valid fields: {', '.join(by_key)}"
                )
            return tuple(by_key[key] for key in wanted)
        if table and self.table_fields:
            return tuple(by_key[key] for key in self.table_fields)
        return self.fields
