"""A table of kzcn's one make (Grid), and the values in it: strings where no style prints, Texts where one does."""

from __future__ import annotations

from typing import NamedTuple

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

Cell = Text | str
"""A value in a table: a Text where it has styles to print, its plain string where nothing prints them (no colour:
building a Text for each of a fact sheet's 180,000 cells was a third of its time)."""


def plain_of(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell.plain


def as_text(cell: Cell) -> Text:
    return Text(cell) if isinstance(cell, str) else cell


class Grid(NamedTuple):
    """A table of kzcn's one make: each column its width, values folded, ids never wrapped, no title, the SIMPLE_HEAD
    box (ASCII where the output cannot encode it). Printed by kzcn/render/plain_text.py's plain_grid where it can say
    what Rich would print, else by Rich as rich_table()."""

    headers: tuple[str, ...]
    """Each column's header."""
    widths: tuple[int, ...]
    """Each column's width in cells, the padding beside it not counted."""
    whole: tuple[bool, ...]
    """Whether each column's values are never wrapped (ids): Rich crops, not folds, one wider than its column."""
    rows: list[list[Cell]]
    """The values, row by row."""
    header: bool
    """Whether the headers are shown (only the first table of a run of records shows them)."""
    ascii: bool
    """Whether the box is drawn in ASCII."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.rich_table()  # what Rich prints of a Grid: its table

    def rich_table(self) -> Table:
        table = Table(
            box=box.ASCII if self.ascii else box.SIMPLE_HEAD,
            expand=False,
            pad_edge=False,
            title_justify="left",
            show_header=self.header,
        )
        for header, width, whole in zip(self.headers, self.widths, self.whole, strict=True):
            table.add_column(header, overflow="fold", width=width, no_wrap=whole)
        for cells in self.rows:
            table.add_row(*map(as_text, cells))
        return table
