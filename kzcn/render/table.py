"""Rich tables for people at a terminal: kinds styled apart, data folded not cut, knowledge-base text literal."""

from __future__ import annotations

import io
import re
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from kzcn.escape import visible
from kzcn.model.result import PROSE, WHOLE, WORDS, Chart, Field, Result
from kzcn.render.options import RenderOptions
from kzcn.render.plain_text import plain_lines

CATEGORY_STYLES = {
    "statistic": "bold green",
    "event": "cyan",
    "forecast": "bold yellow",
    "opinion": "magenta",
    "stated": "bold green",
    "derived": "blue",
    "derived from forecast": "yellow",
    "interpolated": "yellow",
    "supported": "bold green",
    "partly-supported": "green",
    "not-supported": "red",
    "contradicted": "bold red",
    "not-checkable": "dim",
    "unverified": "yellow",
    "met": "bold green",
    "not-met": "bold red",
    "too-early": "dim",
    "not-found": "yellow",
}
"""Styles of the values of styled columns; the words themselves differ too, so they stay apart without colour."""

BAR_CHARS = {"solid": "█", "dense": "▓", "light": "░", "medium": "▒"}
"""How each bar fill is drawn: the fills look different in any terminal, with or without colour."""

_BAR_STYLES = {"solid": "green", "dense": "red", "light": "yellow", "medium": "cyan"}


def _plain(value: Any, field: Field) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return field.joiner.join(field.item_text(item) for item in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _text(
    value: Any, field: Field, record: dict[str, Any], *, highlight: tuple[str, ...] = (), color: bool = False
) -> Text:
    if value is None:
        return Text(field.missing, style="dim italic" if color else "")
    plain = _plain(value, field)
    if field.flag is not None and record.get(field.flag):
        plain += field.flag_text
    # Text() never parses Rich markup or emoji codes, so "[bold]" and ":smile:" stay literal.
    text = Text(visible(plain))
    if color and field.styled:
        text.stylize(CATEGORY_STYLES.get(plain, ""))
    if highlight and field.searched and color:
        for start, end in matched_spans(text.plain, [visible(term) for term in highlight]):
            text.stylize("reverse", start, end)
    return text


def matched_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where each term stands in the text as the search matches it, by case folding: "ß" matches the "SS" of
    "STRASSE" and "ss" the "ß" of "Straße"; [start, end) of the original characters a match covers."""
    folded: list[str] = []
    owner: list[int] = []  # the original character each folded one comes from
    for index, char in enumerate(text):
        for part in char.casefold():
            folded.append(part)
            owner.append(index)
    haystack = "".join(folded)
    spans = []
    for term in terms:
        needle = term.casefold()
        at = haystack.find(needle) if needle else -1
        while at >= 0:
            spans.append((owner[at], owner[at + len(needle) - 1] + 1))
            at = haystack.find(needle, at + len(needle))
    return spans


def _console(options: RenderOptions) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        emoji=False,
        highlight=False,
        markup=False,
        legacy_windows=False,
    )
    return console, buffer


def _cells(result: Result, fields: tuple[Field, ...], options: RenderOptions) -> list[list[Text]]:
    return [
        [
            _text(record.get(field.key), field, record, highlight=result.highlight, color=options.color)
            for field in fields
        ]
        for record in result.records
    ]


def _column_floors(fields: tuple[Field, ...], rows: list[list[Text]]) -> list[int]:
    """The narrowest each column may get: whole ids and figures, a dozen characters of prose."""
    floors = []
    for index, field in enumerate(fields):
        if field.shape == WHOLE:
            floors.append(max([len(field.header)] + [row[index].cell_len for row in rows]))
        elif field.shape == WORDS:
            # A figure in words ("$3 billion", "18.6 % per year") is never split, at any width: its column is as
            # wide as its widest value; only its header may wrap.
            floors.append(max([min(len(field.header), 8)] + [row[index].cell_len for row in rows]))
        else:
            # Prose wraps between words, never inside one: an id quoted in prose stays whole too.
            words = [len(word) for row in rows for word in row[index].plain.split()]
            floors.append(max(min(12, max([len(field.header)] + [row[index].cell_len for row in rows])), *words, 1))
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


def _widths(fields: tuple[Field, ...], rows: list[list[Text]], floors: list[int], options: RenderOptions) -> list[int]:
    """Each column's width: its floor (ids and figures whole), then the room left goes to prose and headers, shared
    evenly, each column up to its natural width: no room is left unused while a column wraps."""
    widths = list(floors)
    spare = options.width - 3 * len(fields) - sum(widths)
    natural = [max([len(field.header)] + [row[i].cell_len for row in rows]) for i, field in enumerate(fields)]
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


def _table_or_stack(result: Result, fields: tuple[Field, ...], options: RenderOptions) -> list[RenderableType]:
    all_rows = _cells(result, fields, options)
    oversize = _oversize(fields, all_rows, options)
    fitting = [row for number, row in enumerate(all_rows) if number not in oversize]
    if not fitting:
        return _stacked(fields, all_rows, options.width)
    floors = _column_floors(fields, fitting)
    kept = _columns_kept(fields, floors, options)
    hidden = [field for i, field in enumerate(fields) if i not in kept]
    shown = tuple(fields[i] for i in kept)
    # A table whose ids and figures cannot stand whole would cut them; then each record goes on lines of its own.
    if not _fits([floors[i] for i in kept], options):
        return _stacked(fields, all_rows, options.width)
    widths = _widths(shown, [[row[i] for i in kept] for row in fitting], [floors[i] for i in kept], options)
    parts = _runs_and_stacks(fields, all_rows, oversize, kept, widths, options)
    if hidden:
        names = ", ".join(field.key for field in hidden)
        parts.append(Text(f"Not shown at this width: {names} (widen the terminal, or choose with --fields)."))
    return parts


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


def _oversize(fields: tuple[Field, ...], rows: list[list[Text]], options: RenderOptions) -> set[int]:
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
    if not options.fields:
        while not _fits([floors[i] for i in kept], options) and len(kept) > 3:
            kept.remove(max(kept, key=lambda i: (fields[i].give_way_rank, i)))
    return kept


def _last_kept(fields: tuple[Field, ...], options: RenderOptions) -> set[int]:
    """The columns a table keeps at any width: all those of --fields, else the three that give way last."""
    if options.fields:
        return set(range(len(fields)))
    return set(sorted(range(len(fields)), key=lambda i: (fields[i].give_way_rank, i))[:3])


def _notes(result: Result, shown: tuple[Field, ...], options: RenderOptions) -> list[RenderableType]:
    keys = {field.key for field in shown}
    notes = [text for key, text in result.legends if key in keys] + list(result.notes)
    return [Text(visible(note), style="dim" if options.color else "") for note in notes]


def _title(result: Result, options: RenderOptions) -> list[RenderableType]:
    return [Text(visible(result.title), style="bold" if options.color else "")] if result.title else []


def _key_values(pairs: list[tuple[str, Text]], options: RenderOptions) -> list[RenderableType]:
    """Labels beside values: a two-column grid where every word fits its width, else unwrapped lines."""
    label_width = max(len(label) for label, _value in pairs)
    longest_word = max((len(word) for _label, value in pairs for word in value.plain.split()), default=0)
    if label_width + 2 + longest_word > options.width:
        lines: list[RenderableType] = []
        for label, value in pairs:
            line = Unwrapped(f"{label}: ")
            line.append_text(value)
            lines.append(line)
        return lines
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold" if options.color else "", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        grid.add_row(label, value)
    return [grid]


def _record(result: Result, options: RenderOptions) -> list[RenderableType]:
    """One thing asked for: its fields as labels beside values, then the paragraphs its quotes stand in."""
    record = result.records[0]
    pairs = [
        (field.header, _text(record.get(field.key), field, record, color=options.color))
        for field in result.record_fields
    ]
    parts: list[RenderableType] = [*_key_values(pairs, options)]
    if result.context is not None:
        parts.append(Text(""))
    for context in result.context or ():
        paragraph = Text(visible(context.text[: context.start]) if context.start >= 0 else visible(context.text))
        if context.start >= 0:
            quote = visible(context.text[context.start : context.end])
            if options.color:
                paragraph.append(quote, style="bold underline")
            else:
                paragraph.append(f"»{quote}«")
            paragraph.append(visible(context.text[context.end :]))
        parts += [Text(f"Paragraph {context.paragraph}:", style="bold" if options.color else ""), paragraph, Text("")]
    return parts


def _chart(chart: Chart, options: RenderOptions) -> list[RenderableType]:
    if not chart.bars:
        return []
    label_width = 24
    room = max(10, options.width - label_width - 22)
    lines: list[RenderableType] = [Text("")]
    for bar in chart.bars:
        length = max(1, round(bar.share * room))
        line = Unwrapped(f"{visible(bar.label):<{label_width}}")
        line.append(BAR_CHARS[bar.fill] * length, style=_BAR_STYLES[bar.fill] if options.color else "")
        line.append(f" {visible(bar.text)}")
        lines.append(line)
    lines.append(Text("   ".join(f"{BAR_CHARS[fill]} {visible(meaning)}" for fill, meaning in chart.legend)))
    return lines


def render(result: Result, options: RenderOptions) -> str:
    console, buffer = _console(options)
    for part in _parts(result, options):
        unwrapped = isinstance(part, Unwrapped)
        # Without colour, a line of text is its plain words, wrapped as Rich wraps them: printed without Rich's
        # cost where kzcn/render/plain_text.py can say what Rich would print (a long article: 10 times faster).
        plain = (
            None
            if options.color or not isinstance(part, Text)
            else plain_lines(part, options.width, wrap=not unwrapped)
        )
        if plain is None:
            console.print(part, crop=False, soft_wrap=unwrapped)
        else:
            buffer.write(plain)
    # Rich pads every cell to its column's width; a line's trailing padding (before any closing style codes) is
    # only noise in a diff, a copy or a file.
    text = _TRAILING_SPACE.sub(r"\1", buffer.getvalue())
    return text.translate(_ASCII_FALLBACK) if options.ascii_only else text


def _parts(result: Result, options: RenderOptions) -> list[RenderableType]:
    """What the result shows, in order: a fact sheet's sections, an annotated text, one record, or a table."""
    if not options.fields and result.sections:
        from kzcn.render.document import section_parts

        return section_parts(result, options, _parts)
    if not options.fields and result.document is not None:
        from kzcn.render.document import document_parts

        return [*_title(result, options), *document_parts(result.document)]
    parts: list[RenderableType] = []
    if not options.fields and result.single and result.record_fields:
        shown = result.record_fields
        parts = _record(result, options)
    else:
        shown = result.select(options.fields, table=True)
        parts = [*_title(result, options), *_table_or_stack(result, shown, options)]
        if result.chart is not None and not options.fields:
            parts += _chart(result.chart, options)
    return parts + _notes(result, shown, options)


_TRAILING_SPACE = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


_ASCII_FALLBACK = str.maketrans(
    {"—": "-", "–": "-", "−": "-", "¶": "p", "»": ">>", "«": "<<", "×": "x", "’": "'", "“": '"', "”": '"',
     "█": "#", "▓": "=", "░": ".", "▒": ":", "⟦": "[", "⟧": "]"}
)  # fmt: skip
"""Stand-ins kzcn's own typography takes on an output that cannot encode it (PYTHONIOENCODING=ascii)."""
