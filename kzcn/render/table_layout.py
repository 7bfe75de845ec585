"""How records are laid out at a width: one table whose columns give way, a card per record, or one line per field."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text

from kzcn.model.result import PROSE, WHOLE, WORDS, Field
from kzcn.render.grid import Cell, Grid, as_text, plain_of
from kzcn.render.options import RenderOptions


class Measures(NamedTuple):
    """A table's cells measured once, column by column (a fact sheet's 12,600 rows were measured four times over,
    and a NamedTuple per cell cost more than the measuring)."""

    cells: list[list[int]]
    """Each column's values' widths on a terminal, row by row."""
    floors: list[list[int]]
    """Each column's values' floors, row by row: the narrowest the column may get for that value alone."""


_LONG_WORD = re.compile(r"\S{13,}")
"""A word longer than prose's dozen-character floor: only such a word can widen a prose column's floor."""


def _measures(fields: tuple[Field, ...], rows: list[list[Cell]]) -> Measures:
    """Each value's width, and its floor: ids and figures whole; prose a dozen characters (or its header's length,
    or its own, if shorter), or its longest word (prose wraps between words, never inside one: an id quoted in
    prose stays whole too)."""
    cells, floors = [], []
    for index, field in enumerate(fields):
        plains = [plain_of(row[index]) for row in rows]
        joined = "".join(plains)
        # Printable ASCII is one cell a character: a column of it is measured by its lengths, at C speed.
        widths = list(map(len if joined.isascii() and joined.isprintable() else cell_len, plains))
        cells.append(widths)
        if field.shape in (WHOLE, WORDS):
            floors.append(widths)
            continue
        header = len(field.header)
        floors.append(
            [
                max(min(12, max(header, width)), _longest_word(plain) if _LONG_WORD.search(plain) else 0)
                for plain, width in zip(plains, widths, strict=True)
            ]
        )
    return Measures(cells, floors)


def _longest_word(plain: str) -> int:
    return max(map(len, plain.split()))


def _header_floors(fields: tuple[Field, ...]) -> list[int]:
    """The narrowest each column may get for its header alone: ids whole, a figure's header from 8 characters (a
    figure in words, "$3 billion", is never split: its column is as wide as its widest value, and only its header
    may wrap), prose from a dozen."""
    floors = []
    for field in fields:
        if field.shape == WHOLE:
            floors.append(len(field.header))
        elif field.shape == WORDS:
            floors.append(min(len(field.header), 8))
        else:
            floors.append(max(min(len(field.header), 12), 1))
    return floors


def _widest(values: list[int], rows: list[int] | None) -> int:
    """The largest of `values` in the rows numbered `rows` (all of them where None); 0 for none."""
    return max(values if rows is None else [values[row] for row in rows], default=0)


def _grid(
    fields: tuple[Field, ...], rows: list[list[Cell]], widths: list[int], options: RenderOptions, *, header: bool
) -> Grid:
    # A figure in words is as wide as its column's floor, so it never wraps; its header may (no_wrap would cut it).
    whole = tuple(field.shape == WHOLE for field in fields)
    return Grid(tuple(field.header for field in fields), tuple(widths), whole, rows, header, options.ascii_only)


def _stacked(fields: tuple[Field, ...], rows: list[list[Text]], width: int) -> list[RenderableType]:
    """One "Header: value" line per field, a blank line between records: for terminals too narrow for a table.

    Prose wraps to the width between words; an id, a figure, or prose with a word too long for the width is not
    wrapped by kzcn (see Unwrapped): the terminal folds what is too long, and nothing is split by kzcn.
    """
    parts: list[RenderableType] = []
    for cells in rows:
        for field, cell in zip(fields, cells, strict=True):
            label = f"{field.header}: "
            longest = max((len(word) for word in (label + cell.plain).split()), default=0)
            line = Text(label) if field.shape == PROSE and longest <= width else Unwrapped(label)
            line.append_text(cell)
            parts.append(line)
        parts.append(Text(""))
    return parts


class Unwrapped(Text):
    """A line printed as it is, however long: the terminal wraps it, so no id or number is split by kzcn."""


class WholeLine(str):
    """An Unwrapped line without styles, kept as its string: printed as Unwrapped(line) would be (see grid.Cell)."""

    __slots__ = ()


def _widths(
    fields: tuple[Field, ...], cells: list[list[int]], rows: list[int] | None, floors: list[int], options: RenderOptions
) -> list[int]:
    """Each column's width: its floor (ids and figures whole), then the room left goes to prose and headers, shared
    evenly, each column up to its natural width (its widest value among `rows`): no room is left unused while a
    column wraps."""
    widths = list(floors)
    spare = options.width - 3 * len(fields) - sum(widths)
    natural = [max(len(field.header), _widest(column, rows)) for field, column in zip(fields, cells, strict=True)]
    while spare > 0:
        growing = [i for i in range(len(fields)) if widths[i] < natural[i]]
        if not growing:
            break
        share = max(1, spare // len(growing))
        for i in growing:
            step = min(share, natural[i] - widths[i], spare)
            widths[i] += step
            spare -= step
    return widths


def _fits(floors: list[int], options: RenderOptions) -> bool:
    return sum(floors) + 3 * len(floors) <= options.width


MIN_CLAIM_WIDTH = 30
"""The narrowest a table may make its main prose column (a claim, a label, a summary) before it shows each record
as a card instead: a column of a dozen characters is a word a line, not a sentence one can read."""


class Layout(NamedTuple):
    """Records laid out at a width."""

    parts: list[RenderableType]
    """What to print, in order."""
    hidden: frozenset[str]
    """The keys of the columns left out for want of room (a note among the parts names them)."""


def laid_out(fields: tuple[Field, ...], all_rows: list[list[Cell]], options: RenderOptions) -> Layout:
    """The records at the width: one table (columns giving way, and a note saying which), or where the words a
    reader came for have no room, a card each, or where ids cannot stand whole, one line per field."""
    measures = _measures(fields, all_rows)
    oversize = _oversize(fields, measures.floors, options)
    # The rows that fit a table, by number (None: all of them, the common case, spared a copy of every column).
    fitting = [number for number in range(len(all_rows)) if number not in oversize] if oversize else None
    main = None if options.fields else _main_prose(fields)  # --fields chose the columns: a table of them
    if not all_rows or fitting == []:
        return Layout(_lines_each(fields, all_rows, main, options), frozenset())
    floors = [
        max(least, _widest(column, fitting))
        for column, least in zip(measures.floors, _header_floors(fields), strict=True)
    ]
    if main is not None:
        # The words a reader came for keep room to be read: other columns give way first.
        floors[main] = max(floors[main], _claim_room(measures.cells[main], fitting))
    kept = _columns_kept(fields, floors, options)
    shown = tuple(fields[i] for i in kept)
    # A table whose ids and figures cannot stand whole would cut them; then each record goes on lines of its own:
    # a card where the record has words a reader came for, else one line per field.
    if not _fits([floors[i] for i in kept], options):
        return Layout(_lines_each(fields, all_rows, main, options), frozenset())
    widths = _widths(shown, [measures.cells[i] for i in kept], fitting, [floors[i] for i in kept], options)
    if main is not None and (main not in kept or widths[kept.index(main)] < _claim_room(measures.cells[main], None)):
        return Layout(_lines_each(fields, all_rows, main, options), frozenset())
    parts = _runs_and_stacks(fields, all_rows, oversize, kept, widths, options)
    hidden = [field.key for i, field in enumerate(fields) if i not in kept]
    if hidden:
        parts.append(
            Text(f"Not shown at this width: {', '.join(hidden)} (widen the terminal, or choose with --fields).")
        )
    return Layout(parts, frozenset(hidden))


def _lines_each(
    fields: tuple[Field, ...], rows: list[list[Cell]], main: int | None, options: RenderOptions
) -> list[RenderableType]:
    """Each record on lines of its own: a card where it has words a reader came for, else one line per field."""
    texts = [[as_text(cell) for cell in row] for row in rows]
    return _cards(fields, texts, main, options) if main is not None else _stacked(fields, texts, options.width)


def _claim_room(cells: list[int], rows: list[int] | None) -> int:
    """The width the main words need to be read in a table: MIN_CLAIM_WIDTH, or less where all those of `rows` are
    shorter."""
    return min(MIN_CLAIM_WIDTH, _widest(cells, rows))


def _main_prose(fields: tuple[Field, ...]) -> int | None:
    """The column of the words a reader came for (a claim, a figure's label), if the result marks one."""
    return next((i for i, field in enumerate(fields) if field.main), None)


def _cards(
    fields: tuple[Field, ...], rows: list[list[Text]], main: int, options: RenderOptions
) -> list[RenderableType]:
    """Each record as a card of the same shape: a first line of what identifies and judges it (its ids and numbers,
    and what the result ranks with them: a fact's verdict, a figure's basis and amount), then its main words indented
    and wrapped, then every other value on a line below, in column order. Nothing gives way (the first layout of a
    card dropped values to fit its first line, so a reader could not tell which were shown) and no value is split:
    lines break between values. What is unknown or does not apply is left out."""
    parts: list[RenderableType] = []
    heads = [i for i, field in enumerate(fields) if i != main and (field.shape == WHOLE or field.give_way_rank == 0)]
    details = [i for i in range(len(fields)) if i != main and i not in heads]
    for cells in rows:
        present = [i for i in range(len(fields)) if cells[i].plain not in (fields[i].missing, "")]
        parts += _item_lines([cells[i] for i in heads if i in present], options.width, indent="", joiner="  ")
        if main in present:
            parts += whole_word_lines(cells[main], options.width, indent="  ")  # indented under the id
        labelled = [_labelled(fields[i], cells[i]) for i in details if i in present]
        parts += _item_lines(labelled, options.width, indent="  ", joiner=" · ")
    return parts


def _labelled(field: Field, cell: Text) -> Text:
    """A value below a card's words, after its column's header: "Says: author". A category (a kind) and a value
    that says what it is (¶4) stand alone."""
    if field.styled or field.item_prefix:
        return cell
    item = Text(f"{field.header}: ")
    item.append_text(cell)
    return item


def _item_lines(items: list[Text], width: int, *, indent: str, joiner: str) -> list[RenderableType]:
    """Values on lines after `indent`, `joiner` between them, a line broken only between two values; a value wider
    than a line on lines of its own, broken between its words (a word wider than the line stands whole)."""
    lines: list[RenderableType] = []
    line: Unwrapped | None = None
    for item in items:
        if line is not None and line.cell_len + len(joiner) + item.cell_len <= width:
            line.append(joiner)
            line.append_text(item)
            continue
        if line is not None:
            lines.append(line)
            line = None
        if len(indent) + item.cell_len > width:
            lines += whole_word_lines(item, width, indent=indent)  # prose too long for a line: between its words
        else:
            line = _unwrapped(item, indent)
    if line is not None:
        lines.append(line)
    return lines


def _runs_and_stacks(
    fields: tuple[Field, ...],
    rows: list[list[Cell]],
    oversize: set[int],
    kept: list[int],
    widths: list[int],
    options: RenderOptions,
) -> list[RenderableType]:
    """The records in order: each run of those that fit as one table (the first with the header), each oversize
    record on lines of its own between them."""
    shown = tuple(fields[i] for i in kept)
    parts: list[RenderableType] = []
    run: list[list[Cell]] = []
    for number, row in enumerate(rows):
        if number not in oversize:
            run.append([row[i] for i in kept])
            continue
        if run:
            parts.append(_grid(shown, run, widths, options, header=not parts))
            run = []
        parts += _stacked(fields, [[as_text(cell) for cell in row]], options.width)
    if run:
        parts.append(_grid(shown, run, widths, options, header=not parts))
    return parts


def _oversize(fields: tuple[Field, ...], floors: list[list[int]], options: RenderOptions) -> set[int]:
    """The records whose ids and figures cannot stand whole even in the narrowest table (a 301-character id): each
    goes on lines of its own, in its place; the others stay a table."""
    last = sorted(_last_kept(fields, options))
    headers = _header_floors(fields)
    room = options.width - 3 * len(last)  # what _fits leaves the columns' floors
    totals = [0] * len(floors[0]) if floors else []
    for index in last:
        least = headers[index]
        totals = [total + max(floor, least) for total, floor in zip(totals, floors[index], strict=True)]
    return {number for number, total in enumerate(totals) if total > room}


def _columns_kept(fields: tuple[Field, ...], floors: list[int], options: RenderOptions) -> list[int]:
    """The columns the table shows: at a narrow width, columns give way (and a note says which) before the table
    turns into records: those with the highest give-way rank first (prose before figures, figures before ids), the
    later one first among equals. Never those --fields chose."""
    kept = list(range(len(fields)))
    if options.fields:
        return kept
    if any(field.main for field in fields):
        # Beside the main words, ids and what ranks with them (give-way rank 0) never give way: where they cannot
        # all stand, the records become cards instead.
        yielding = [i for i in kept if not fields[i].main and fields[i].shape != WHOLE and fields[i].give_way_rank]
        while not _fits([floors[i] for i in kept], options) and yielding:
            kept.remove(max(yielding, key=lambda i: (fields[i].give_way_rank, i)))
            yielding = [i for i in yielding if i in kept]
        return kept
    while not _fits([floors[i] for i in kept], options) and len(kept) > 3:
        kept.remove(max(kept, key=lambda i: (fields[i].give_way_rank, i)))
    return kept


def _last_kept(fields: tuple[Field, ...], options: RenderOptions) -> set[int]:
    """The columns a table keeps at any width: all those of --fields, else the three that give way last."""
    if options.fields:
        return set(range(len(fields)))
    return set(sorted(range(len(fields)), key=lambda i: (fields[i].give_way_rank, i))[:3])


def whole_word_lines(text: Cell, width: int, indent: str = "") -> list[RenderableType]:
    """The text wrapped between words at the width, each line printed as it is after `indent`: a word longer than
    the width (a URL) stands whole on a line of its own, where the terminal may fold it but kzcn never splits it.
    Line ends in the text end lines. Plain lines, so printing them without colour costs Rich nothing; a text without
    styles gives its lines as strings (WholeLine)."""
    width = max(1, width - len(indent))
    lines: list[RenderableType] = []
    if isinstance(text, str) or (not text.spans and not text.style):
        # No styles to carry: the lines cut from the plain text, a tenth of the work of dividing a Text (a fact
        # sheet's cards at 10,000 facts: 1.9 of 6.6 s).
        parts = plain_of(text).split("\n")
        if len(parts) > 1 and parts[-1] == "":
            parts.pop()  # as Text.split: a line end ends the last line, and starts none
        for line in parts:
            lines += [WholeLine(indent + piece) for piece in _word_runs(line, width)]
        return lines
    for part in text.split("\n"):
        plain, breaks, start, end = part.plain, [], 0, 0
        for match in re.finditer(r"\S+", plain):
            if match.end() - start > width and end > start:
                breaks.append(match.start())
                start = match.start()
            end = match.end()
        for piece in part.divide(breaks):
            piece.rstrip()
            lines.append(_unwrapped(piece, indent))
    return lines


def _word_runs(plain: str, width: int) -> list[str]:
    """The line cut between words at the width, as whole_word_lines cuts a Text: each piece without trailing
    spaces; a word longer than the width stands alone."""
    breaks, start, end = [], 0, 0
    for match in re.finditer(r"\S+", plain):
        if match.end() - start > width and end > start:
            breaks.append(match.start())
            start = match.start()
        end = match.end()
    edges = [0, *breaks, len(plain)]
    return [plain[a:b].rstrip() for a, b in itertools.pairwise(edges)]


def _unwrapped(piece: Text, indent: str) -> Unwrapped:
    line = Unwrapped(indent)
    line.append_text(piece)
    return line
