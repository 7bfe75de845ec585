"""Lines of text printed without colour as Rich prints them, without Rich: for long annotated texts in a pipe.

Rich wraps and renders each line through several layers of objects: an annotated 10 MB article took 28 s as a
table but 2 s as HTML. Without colour, a Text's styles print nothing, so its output is its plain text, wrapped
at word boundaries as Rich's Text.wrap wraps it (rich/_wrap.py's divide_line, then rstrip_end). This module does
that for text whose every character Rich measures as one cell (Latin, Greek, Cyrillic, common punctuation): there
a character's width is 1 and the arithmetic is that of string lengths. Any other text returns None, and Rich
prints it. tests/render/test_plain_text.py holds the two to the same output.

Tables too (plain_grid): a fact sheet of 10,000 facts took 4 s as a table and 0.1 s as HTML, Rich measuring,
padding and rendering each cell through the same layers. kzcn's tables (grid.Grid) give every column its
width, so without colour what Rich prints is each cell's lines wrapped as above, padded and joined with the box's
characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

_NON_SPACE = re.compile(r"\S+")  # the heart of each of rich._wrap.re_word's words (\s*\S+\s*)

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
    """What Rich prints for the Text `text` (or a Text of the string `text`) at `width` columns without colour, its
    final newline included; None when this module cannot say (a character Rich measures otherwise, a tab, a Text
    with its own settings)."""
    plain = _plain_of(text)
    if plain is None or not _one_cell(set(plain) - {"\n"}):
        return None
    return "\n".join(_lines(plain, width, wrap=wrap)) + "\n"


def _plain_of(text: Any) -> str | None:
    """A string, or a Text's plain string; None for a Text with settings of its own (justified, cropped, ...)."""
    if isinstance(text, str):
        return text
    if text.justify or text.overflow or text.no_wrap or text.end != "\n" or text.tab_size:
        return None
    plain: str = text.plain
    return plain


def _lines(plain: str, width: int, *, wrap: bool) -> list[str]:
    """The lines Rich prints for a text of one-cell characters at `width` columns: its own line ends kept, each line
    wrapped as Rich wraps it unless `wrap` is off. What a line of text and a table's cell share."""
    if "\n" not in plain and (len(plain) <= width or not wrap):
        return [plain]  # most cells: one line that fits
    paragraphs = plain.split("\n")
    if not wrap:
        return paragraphs
    return [line for paragraph in paragraphs for line in _wrapped(paragraph, width)]


def plain_grid(grid: Any, width: int) -> str | None:
    """What Rich prints for a grid.Grid at `width` columns without colour, its final newline included, on a console
    that reads no markup, emoji or highlights (kzcn's: header strings are taken as they are); None when this module
    cannot say: an ASCII box, a table wider than the line (Rich would narrow its columns), a cell it cannot measure
    as Rich does, or an id wider than its column (Rich would crop it)."""
    # Rich's table pads each cell with a space each side but at the table's edges (pad_edge off), and draws a blank
    # edge each side and a blank divider between columns: three spaces between two columns, one at each end.
    line_width = sum(grid.widths) + 3 * (len(grid.widths) - 1) + 2
    if grid.ascii or line_width > width:
        return None
    headers = list(grid.headers) if grid.header else []
    rows = _grid_strings(grid, headers)
    if rows is None:
        return None
    out = [" " * line_width]  # the top edge
    if headers:
        blocks = [
            _lines(cell, w, wrap=not whole) for cell, w, whole in zip(headers, grid.widths, grid.whole, strict=True)
        ]
        out += _row_lines(blocks, grid.widths, header=True)
        out.append(" " + "─" * (line_width - 2) + " ")
    out += _body_lines(rows, grid.widths, grid.whole)
    out.append(out[0])  # the bottom edge
    return "\n".join(out) + "\n"


def _grid_strings(grid: Any, headers: list[str]) -> list[list[str]] | None:
    """The grid's rows as strings, or None where Rich would print them otherwise than plain_grid: a Text with
    settings of its own, a character Rich measures otherwise, a value of a never-wrapped column wider than it."""
    rows: list[list[str]] = []
    for cells in grid.rows:
        row: list[Any] = [_plain_of(cell) for cell in cells]
        if None in row:
            return None
        rows.append(row)
    # Every character of the table asked about at once: one set of a joined string, not one set per cell.
    if not _one_cell(set("".join(headers) + "".join(map("".join, rows))) - {"\n"}):
        return None
    for index, (column_width, whole) in enumerate(zip(grid.widths, grid.whole, strict=True)):
        if whole and _cropped([headers[index]] if headers else [], rows, index, column_width):
            return None
    return rows


def _body_lines(rows: list[list[str]], widths: tuple[int, ...], whole: tuple[bool, ...]) -> list[str]:
    """The lines of a table's rows below its header."""
    # Column by column, each cell that needs more than one line as its lines; the rows that hold one, by number.
    columns: list[list[Any]] = []
    tall: set[int] = set()
    for index, (column_width, unwrapped) in enumerate(zip(widths, whole, strict=True)):
        column: list[Any] = [row[index] for row in rows]
        for number, cell in enumerate(column):
            if len(cell) > column_width or "\n" in cell:
                column[number] = _lines(cell, column_width, wrap=not unwrapped)
                tall.add(number)
        columns.append(column)
    # Most rows are one line: filled in by one format, its columns padded and three spaces apart.
    one_line = " " + "   ".join(f"{{:<{column_width}}}" for column_width in widths) + " "
    lines = []
    for number, cells in enumerate(zip(*columns, strict=True)):
        if number in tall:
            lines += _row_lines([cell if isinstance(cell, list) else [cell] for cell in cells], widths, header=False)
        else:
            lines.append(one_line.format(*cells))
    return lines


def _cropped(header: list[str], rows: list[list[str]], index: int, width: int) -> bool:
    """Whether a value in column `index` (or its header), which is never wrapped, has a line wider than the column:
    Rich would crop it."""
    column = header + [row[index] for row in rows]
    if max(map(len, column), default=0) <= width:
        return False  # no value is longer than the column, so no line of one is
    return any(len(line) > width for value in column for line in value.split("\n"))


def _row_lines(blocks: list[list[str]], widths: tuple[int, ...], *, header: bool) -> list[str]:
    """A row's lines: each cell's lines padded to its column, a header's at the bottom of the row, a cell's at the
    top, the columns three spaces apart within the table's blank edges."""
    height = max(map(len, blocks))
    if header:
        blocks = [[""] * (height - len(block)) + block for block in blocks]
    else:
        blocks = [block + [""] * (height - len(block)) for block in blocks]
    return [
        f" {'   '.join([block[number].ljust(w) for block, w in zip(blocks, widths, strict=True)])} "
        for number in range(height)
    ]


def _wrapped(line: str, width: int) -> list[str]:
    """One line cut at Rich's break offsets, each piece cleared of the whitespace beyond `width`."""
    if len(line) <= width:
        return [line]  # a line that fits is neither divided nor stripped
    offsets = (_ascii_break_offsets if line.isascii() else _break_offsets)(line, width)
    pieces = [line[start:end] for start, end in zip([0, *offsets], [*offsets, len(line)], strict=True)]
    return [piece if len(piece) <= width else _rstrip_end(piece, width) for piece in pieces]


def _ascii_break_offsets(text: str, width: int) -> list[int]:
    """_break_offsets for a line whose every character is printable ASCII, where the one space is " ": each break
    found where the line ends, by str.find and str.rfind, not by listing every word (a table's cell of two lines:
    a third of the time)."""
    first = len(text) - len(text.lstrip(" "))  # the first word starts the text: its leading spaces are its own
    breaks: list[int] = []
    line = 0
    while line + width < len(text):
        limit = line + width
        if text[limit] == " ":  # every word ending by the limit fits: the next word starts the next line
            match = _NON_SPACE.search(text, limit)
            if match is None:
                return breaks
            start, end = match.span()
        else:  # the word across the limit does not fit
            start = text.rfind(" ", 0, limit) + 1
            end = text.find(" ", limit)
            end = len(text) if end < 0 else end
        if start <= first:
            start = 0
        if end - start <= width:
            breaks.append(start)  # the word fits on a line of its own: it starts the next
            line = start
            continue
        following = _NON_SPACE.search(text, end)
        word_end = len(text) if following is None else following.start()
        pieces = -(-(word_end - start) // width)
        breaks += [start + width * piece for piece in range(pieces) if start + width * piece]
        line = start + width * (pieces - 1)
    return breaks


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
    """rich.text.Text.rstrip_end: whitespace past `width` removed from the end. (Rich finds the whitespace with
    \\s+$; a line here holds no line end, and str.rstrip strips what \\s matches, without the expression's search
    from every space.)"""
    excess = len(line) - width
    if excess > 0:
        trailing = len(line) - len(line.rstrip())
        return line[: len(line) - min(trailing, excess)]
    return line
