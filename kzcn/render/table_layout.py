"""How records are laid out at a width: one table whose columns give way, a card per record, or one line per field."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from kzcn.model.result import PROSE, WHOLE, WORDS, Field
from kzcn.render.options import RenderOptions


class Size(NamedTuple):
    """A cell's measures, taken once per table (a fact sheet's 12,600 rows were measured four times over)."""

    cells: int
    """Its width on a terminal."""
    word: int
    """The length of its longest word, for prose (0 for ids and figures)."""


def _sizes(fields: tuple[Field, ...], rows: list[list[Text]]) -> list[list[Size]]:
    prose = [field.shape not in (WHOLE, WORDS) for field in fields]
    return [
        [
            Size(cell.cell_len, max(map(len, cell.plain.split()), default=0) if words else 0)
            for cell, words in zip(row, prose, strict=True)
        ]
        for row in rows
    ]


def _column_floors(fields: tuple[Field, ...], rows: list[list[Size]]) -> list[int]:
    """The narrowest each column may get: whole ids and figures, a dozen characters of prose."""
    floors = []
    for index, field in enumerate(fields):
        lengths = [row[index].cells for row in rows]
        if field.shape == WHOLE:
            floors.append(max([len(field.header), *lengths]))
        elif field.shape == WORDS:
            # A figure in words ("$3 billion", "18.6 % per year") is never split, at any width: its column is as
            # wide as its widest value; only its header may wrap.
            floors.append(max([min(len(field.header), 8), *lengths]))
        else:
            # Prose wraps between words, never inside one: an id quoted in prose stays whole too.
            words = [row[index].word for row in rows]
            floors.append(max(min(12, max([len(field.header), *lengths])), *words, 1))
    return floors


def _grid(
    fields: tuple[Field, ...], rows: list[list[Text]], widths: list[int], options: RenderOptions, *, header: bool = True
) -> Table:
    table = Table(
        box=box.ASCII if options.ascii_only else box.SIMPLE_HEAD,
        expand=False,
        pad_edge=False,
        title_justify="left",
        show_header=header,
    )
    for field, width in zip(fields, widths, strict=True):
        # A figure in words is as wide as its column's floor, so it never wraps; its header may (no_wrap would cut it).
        table.add_column(field.header, overflow="fold", width=width, no_wrap=field.shape == WHOLE)
    for cells in rows:
        table.add_row(*cells)
    return table


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


def _widths(fields: tuple[Field, ...], rows: list[list[Size]], floors: list[int], options: RenderOptions) -> list[int]:
    """Each column's width: its floor (ids and figures whole), then the room left goes to prose and headers, shared
    evenly, each column up to its natural width: no room is left unused while a column wraps."""
    widths = list(floors)
    spare = options.width - 3 * len(fields) - sum(widths)
    natural = [max([len(field.header)] + [row[i].cells for row in rows]) for i, field in enumerate(fields)]
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


def laid_out(fields: tuple[Field, ...], all_rows: list[list[Text]], options: RenderOptions) -> Layout:
    """The records at the width: one table (columns giving way, and a note saying which), or where the words a
    reader came for have no room, a card each, or where ids cannot stand whole, one line per field."""
    all_sizes = _sizes(fields, all_rows)
    oversize = _oversize(fields, all_sizes, options)
    fitting = [row for number, row in enumerate(all_sizes) if number not in oversize]
    main = None if options.fields else _main_prose(fields)  # --fields chose the columns: a table of them
    if not fitting:
        return Layout(
            _cards(fields, all_rows, main, options) if main is not None else _stacked(fields, all_rows, options.width),
            frozenset(),
        )
    floors = _column_floors(fields, fitting)
    if main is not None:
        # The words a reader came for keep room to be read: other columns give way first.
        floors[main] = max(floors[main], _claim_room(fitting, main))
    kept = _columns_kept(fields, floors, options)
    shown = tuple(fields[i] for i in kept)
    # A table whose ids and figures cannot stand whole would cut them; then each record goes on lines of its own:
    # a card where the record has words a reader came for, else one line per field.
    if not _fits([floors[i] for i in kept], options):
        return Layout(
            _cards(fields, all_rows, main, options) if main is not None else _stacked(fields, all_rows, options.width),
            frozenset(),
        )
    widths = _widths(shown, [[row[i] for i in kept] for row in fitting], [floors[i] for i in kept], options)
    if main is not None and (main not in kept or widths[kept.index(main)] < _claim_room(all_sizes, main)):
        return Layout(_cards(fields, all_rows, main, options), frozenset())
    parts = _runs_and_stacks(fields, all_rows, oversize, kept, widths, options)
    hidden = [field.key for i, field in enumerate(fields) if i not in kept]
    if hidden:
        parts.append(
            Text(f"Not shown at this width: {', '.join(hidden)} (widen the terminal, or choose with --fields).")
        )
    return Layout(parts, frozenset(hidden))


def _claim_room(rows: list[list[Size]], main: int) -> int:
    """The width the main words need to be read in a table: MIN_CLAIM_WIDTH, or less where all are shorter."""
    return min(MIN_CLAIM_WIDTH, max(row[main].cells for row in rows))


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
    rows: list[list[Text]],
    oversize: set[int],
    kept: list[int],
    widths: list[int],
    options: RenderOptions,
) -> list[RenderableType]:
    """The records in order: each run of those that fit as one table (the first with the header), each oversize
    record on lines of its own between them."""
    shown = tuple(fields[i] for i in kept)
    parts: list[RenderableType] = []
    run: list[list[Text]] = []
    for number, row in enumerate(rows):
        if number not in oversize:
            run.append([row[i] for i in kept])
            continue
        if run:
            parts.append(_grid(shown, run, widths, options, header=not parts))
            run = []
        parts += _stacked(fields, [row], options.width)
    if run:
        parts.append(_grid(shown, run, widths, options, header=not parts))
    return parts


def _oversize(fields: tuple[Field, ...], rows: list[list[Size]], options: RenderOptions) -> set[int]:
    """The records whose ids and figures cannot stand whole even in the narrowest table (a 301-character id): each
    goes on lines of its own, in its place; the others stay a table."""
    last = _last_kept(fields, options)
    return {
        number
        for number, row in enumerate(rows)
        if not _fits([floor for i, floor in enumerate(_column_floors(fields, [row])) if i in last], options)
    }


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


def whole_word_lines(text: Text, width: int, indent: str = "") -> list[RenderableType]:
    """The text wrapped between words at the width, each line printed as it is after `indent`: a word longer than
    the width (a URL) stands whole on a line of its own, where the terminal may fold it but kzcn never splits it.
    Line ends in the text end lines. Plain lines, so printing them without colour costs Rich nothing."""
    width = max(1, width - len(indent))
    lines: list[RenderableType] = []
    if not text.spans and not text.style:
        # No styles to carry: the lines cut from the plain text, a tenth of the work of dividing a Text (a fact
        # sheet's cards at 10,000 facts: 1.9 of 6.6 s).
        parts = text.plain.split("\n")
        if len(parts) > 1 and parts[-1] == "":
            parts.pop()  # as Text.split: a line end ends the last line, and starts none
        for line in parts:
            lines += [Unwrapped(indent + piece) for piece in _word_runs(line, width)]
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
