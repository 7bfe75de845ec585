"""Lines of text printed without colour as Rich prints them, without Rich: for long annotated texts in a pipe.

Rich wraps and renders each line through several layers of objects: an annotated 10 MB article took 28 s as a
table but 2 s as HTML. Without colour, a Text's styles print nothing, so its output is its plain text, wrapped
at word boundaries as Rich's Text.wrap wraps it (rich/_wrap.py's divide_line, then rstrip_end). This module does
that for text whose every character Rich measures as one cell (Latin, Greek, Cyrillic, common punctuation): there
a character's width is 1 and the arithmetic is that of string lengths. Any other text returns None, and Rich
prints it. tests/render/test_plain_text.py holds the two to the same output.

Tables too (plain_table): a fact sheet of 10,000 facts took 4 s as a table and 0.1 s as HTML, Rich measuring,
padding and rendering each cell through the same layers. kzcn's tables give every column its width, so without
colour what Rich prints is each cell's lines wrapped as above, padded and joined with the box's characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

_NON_SPACE = re.compile(r"\S+")  # the heart of each of rich._wrap.re_word's words (\s*\S+\s*)
_TRAILING_WHITESPACE = re.compile(r"\s+$")  # rich.text._re_whitespace

_CANDIDATES = ((0x20, 0x7E), (0xA0, 0x52F), (0x2000, 0x27FF))
"""The ranges whose one-cell characters are taken as they are: the rest of Unicode goes through Rich."""

_ONE_CELL: dict[str, bool] = {}
"""Each character met so far: whether it is one of _CANDIDATES that Rich measures as one cell."""

_ONE_CELL_SEEN: set[str] = set()
"""The characters of _ONE_CELL found one cell."""


def _one_cell(characters: set[str]) -> bool:
    """Whether every one of `characters` is in _CANDIDATES, measured by Rich as one cell, and not read by \\s as a
    line end. Rich is asked about each character once, when first met: asking about all of _CANDIDATES at once (3,500
    characters) cost every table printed to a pipe 9 ms; the few dozen a table holds cost a fraction of one."""
    if characters <= _ONE_CELL_SEEN:
        return True  # every one met before and found one cell: a set comparison, for the cells of a long table
    for character in characters:
        known = _ONE_CELL.get(character)
        if known is None:
            from rich.cells import get_character_cell_size

            code = ord(character)
            known = _ONE_CELL[character] = (
                any(low <= code <= high for low, high in _CANDIDATES)
                and character not in "\x85\u2028\u2029"
                and get_character_cell_size(character) == 1
            )
        if not known:
            return False
    _ONE_CELL_SEEN.update(characters)
    return True


def plain_lines(text: Any, width: int, *, wrap: bool) -> str | None:
    """What Rich prints for the Text `text` at `width` columns without colour, its final newline included; None
    when this module cannot say (a character Rich measures otherwise, a tab, a Text with its own settings)."""
    lines = _text_lines(text, width, wrap=wrap)
    return None if lines is None else "".join(line + "\n" for line in lines)


def _text_lines(text: Any, width: int, *, wrap: bool) -> list[str] | None:
    """The lines Rich prints for a Text at `width` columns without colour: its own line ends kept, each line wrapped
    as Rich wraps it unless `wrap` is off; None for a Text with its own settings or a character Rich measures
    otherwise. What a line of text and a table's cell share."""
    if text.justify or text.overflow or text.no_wrap or text.end != "\n" or text.tab_size:
        return None
    plain: str = text.plain
    if not _one_cell(set(plain) - {"\n"}):
        return None
    paragraphs = plain.split("\n")
    if not wrap:
        return paragraphs
    return [line for paragraph in paragraphs for line in _wrapped(paragraph, width)]


def plain_table(table: Any, width: int) -> str | None:
    """What Rich prints for `table` (a rich.table.Table) at `width` columns without colour, its final newline
    included, on a console that reads no markup, emoji or highlights (kzcn's: header strings are taken as they
    are); None when this module cannot say: a table of another make than kzcn's (another box, a title, styles
    that print, a column without a fixed width, wider than the line) or a cell it cannot measure as Rich does."""
    from rich import box as boxes

    columns = table.columns
    if not _table_of_our_make(table, columns, boxes.SIMPLE_HEAD):
        return None
    shapes = _shapes(table)
    line_width = sum(sum(shape) for shape in shapes) + len(columns) + 1  # a divider between columns, an edge each side
    if line_width > width:
        return None  # Rich would narrow the columns
    rows: list[list[Any]] = [[column.header for column in columns]] if table.show_header else []
    rows += [list(cells) for cells in zip(*(column._cells for column in columns), strict=True)]
    out = [" " * line_width]  # the top edge
    for number, cells in enumerate(rows):
        blocks = [_cell_lines(cell, column, column.width) for cell, column in zip(cells, columns, strict=True)]
        if any(block is None for block in blocks):
            return None
        header = table.show_header and number == 0
        out += _row_lines(blocks, shapes, header=header)  # type: ignore[arg-type]
        if header:
            out.append(" " + "─".join("─" * sum(shape) for shape in shapes) + " ")
    out.append(out[0])  # the bottom edge
    return "".join(line + "\n" for line in out)


_UNSET_ON_OURS = ("title", "caption", "show_footer", "show_lines", "leading", "expand", "width", "min_width",
                  "collapse_padding", "row_styles", "border_style")  # fmt: skip
"""What a table of kzcn's make leaves unset (falsy)."""
_UNSET_ON_OUR_COLUMNS = ("style", "footer", "ratio", "min_width", "max_width")
_OUR_COLUMNS = {"justify": "left", "vertical": "top", "overflow": "fold"}


def _shapes(table: Any) -> list[tuple[int, int, int]]:
    """Each column's width, and the spaces before and after it (none at the table's edges: pad_edge=False)."""
    last = len(table.columns) - 1
    _top, right, _bottom, left = table.padding
    return [
        (column.width, left if index > 0 or table.pad_edge else 0, right if index < last or table.pad_edge else 0)
        for index, column in enumerate(table.columns)
    ]


def _row_lines(blocks: list[list[str]], shapes: list[tuple[int, int, int]], *, header: bool) -> list[str]:
    """A row's lines: each cell's lines padded to its column, a header's at the bottom of the row, a cell's at the
    top, the columns joined by the box's blank divider between its edges."""
    height = max(len(block) for block in blocks)
    blocks = [
        [""] * (height - len(block)) + block if header else block + [""] * (height - len(block)) for block in blocks
    ]
    lines = []
    for line_number in range(height):
        cells_line = " ".join(
            " " * before + block[line_number].ljust(column_width) + " " * after
            for block, (column_width, before, after) in zip(blocks, shapes, strict=True)
        )
        lines.append(f" {cells_line} ")
    return lines


def _table_of_our_make(table: Any, columns: list[Any], simple_head: Any) -> bool:
    """Whether `table` is laid out as kzcn lays out its tables, the one make plain_table prints."""
    return bool(
        columns
        and table.box is simple_head
        and table.show_edge
        and table.style in ("", "none")
        and table.padding[0] == table.padding[2] == 0
        and not any(getattr(table, name) for name in _UNSET_ON_OURS)
        and not any(row.style or row.end_section for row in table.rows)
        and all(_column_of_our_make(column) for column in columns)
    )


def _column_of_our_make(column: Any) -> bool:
    return bool(
        isinstance(column.width, int)
        and column.width > 0
        and all(getattr(column, name) == value for name, value in _OUR_COLUMNS.items())
        and not any(getattr(column, name) for name in _UNSET_ON_OUR_COLUMNS)
    )


def _cell_lines(cell: Any, column: Any, width: int) -> list[str] | None:
    """A cell's lines as Rich renders them at its column's width (header strings as Text), None where unsure."""
    from rich.text import Text

    if isinstance(cell, str):
        cell = Text(cell)
    if not isinstance(cell, Text):
        return None
    lines = _text_lines(cell, width, wrap=not column.no_wrap)
    if lines is not None and column.no_wrap and any(len(line) > width for line in lines):
        return None  # Rich would crop the line: an id wider than its column
    return lines


def _wrapped(line: str, width: int) -> list[str]:
    """One line cut at Rich's break offsets, each piece cleared of the whitespace beyond `width`."""
    if len(line) <= width:
        return [line]  # a line that fits is neither divided nor stripped
    offsets = _break_offsets(line, width)
    pieces = [line[start:end] for start, end in zip([0, *offsets], [*offsets, len(line)], strict=True)]
    return [_rstrip_end(piece, width) for piece in pieces]


def _break_offsets(text: str, width: int) -> list[int]:
    """rich._wrap.divide_line for one-cell characters, a line at a time rather than a word at a time.

    Rich's words are runs of non-space with the space after them (and before the first). On a line starting at
    offset `line`, a word fits while its non-space part ends at most `width` past `line`; the first that does not
    starts the next line, or, longer than a line itself, is folded into pieces of `width` characters, its last
    piece starting the next line. Finding that word by bisection over the words' ends is what makes a long
    paragraph cheap."""
    runs = [match.span() for match in _NON_SPACE.finditer(text)]
    if not runs:
        return []
    ends = [end for _start, end in runs]
    starts = [0, *(start for start, _end in runs[1:])]
    breaks: list[int] = []
    line = 0
    index = 0
    while True:
        index = bisect_right(ends, line + width, index)
        if index == len(runs):
            return breaks
        start = starts[index]
        if ends[index] - start <= width:
            breaks.append(start)  # the word fits on a line of its own: it starts the next
            line = start
            continue
        word_end = starts[index + 1] if index + 1 < len(runs) else len(text)
        pieces = -(-(word_end - start) // width)
        breaks += [start + width * piece for piece in range(pieces) if start + width * piece]
        line = start + width * (pieces - 1)
        index += 1


def _rstrip_end(line: str, width: int) -> str:
    """rich.text.Text.rstrip_end: whitespace past `width` removed from the end."""
    excess = len(line) - width
    if excess > 0:
        match = _TRAILING_WHITESPACE.search(line)
        if match is not None:
            return line[: len(line) - min(len(match.group(0)), excess)]
    return line
