"""Rich tables for people at a terminal: kinds styled apart, data folded not cut, knowledge-base text literal."""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from kzcn.render import RenderOptions, visible
from kzcn.result import Field, Result

KIND_STYLES = {
    "statistic": "bold green",
    "event": "cyan",
    "forecast": "bold yellow",
    "opinion": "magenta",
    "stated": "bold green",
    "derived": "blue",
    "derived from forecast": "yellow",
    "interpolated": "yellow",
}
"""Styles of the Kind and Basis columns; the words themselves differ too, so kinds stay apart without colour."""

BAR_CHARS = {"stated": "█", "part": "▓", "forecast": "░", "interpolated": "▒"}
"""Bar characters of the revenue chart: stated, the stated part of it, and forecast look different in any terminal."""


def _text(value: Any, field: Field, *, highlight: tuple[str, ...] = (), color: bool = False) -> Text:
    if value is None:
        return Text(field.missing, style="dim italic" if color else "")
    if isinstance(value, bool):
        plain = "yes" if value else "no"
    elif isinstance(value, list):
        if field.key == "paragraphs":
            plain = ", ".join(f"¶{item}" for item in value)
        else:
            plain = "; ".join(str(item) for item in value)
    elif isinstance(value, float):
        plain = repr(value)
    else:
        plain = str(value)
    # Text() never parses Rich markup or emoji codes, so "[bold]" and ":smile:" stay literal.
    text = Text(visible(plain))
    if color and field.key in ("kind", "basis"):
        text.stylize(KIND_STYLES.get(plain, ""))
    if highlight:
        text.highlight_words(
            [visible(word) for word in highlight], style="reverse" if color else "", case_sensitive=False
        )
    return text


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


def _keeps_whole(field: Field) -> bool:
    # Ids and numbers are never folded; prose wraps, and figures in words wrap only between words.
    return field.key in ("id", "value", "amount", "year", "count", "paragraph", "view_count", "facts", "quoted_by")


_FIGURE_WORDS = ("text", "quantity_text", "time_text", "paragraphs")


def _cells(result: Result, fields: tuple[Field, ...], options: RenderOptions) -> list[list[Text]]:
    rows = []
    for record in result.records:
        cells = []
        for field in fields:
            value = record.get(field.key)
            if field.key == "quantity_text" and value is not None and record.get("forecast"):
                value = f"{value} (forecast)"
            cells.append(_text(value, field, highlight=result.highlight, color=options.color))
        rows.append(cells)
    return rows


def _column_floors(fields: tuple[Field, ...], rows: list[list[Text]]) -> list[int]:
    """The narrowest each column may get: whole ids and figures, a dozen characters of prose."""
    floors = []
    for index, field in enumerate(fields):
        if _keeps_whole(field):
            floors.append(max([len(field.header)] + [row[index].cell_len for row in rows]))
        elif field.key in _FIGURE_WORDS:
            words = [len(word) for row in rows for word in row[index].plain.split()]
            floors.append(max([min(len(field.header), 8), *words]))
        else:
            # Prose wraps between words, never inside one: an id quoted in prose stays whole too.
            words = [len(word) for row in rows for word in row[index].plain.split()]
            floors.append(max(min(12, max([len(field.header)] + [row[index].cell_len for row in rows])), *words, 1))
    return floors


def _grid(fields: tuple[Field, ...], rows: list[list[Text]], widths: list[int], options: RenderOptions) -> Table:
    table = Table(
        box=box.ASCII if options.ascii_only else box.SIMPLE_HEAD, expand=False, pad_edge=False, title_justify="left"
    )
    for field, width in zip(fields, widths, strict=True):
        table.add_column(field.header, overflow="fold", width=width, no_wrap=_keeps_whole(field))
    for cells in rows:
        table.add_row(*cells)
    return table


def _stacked(fields: tuple[Field, ...], rows: list[list[Text]]) -> list[RenderableType]:
    """One "Header: value" line per field, a blank line between records: for terminals too narrow for a table.

    The lines are not wrapped by kzcn (see Unwrapped): the terminal folds what is too long, and nothing is split.
    """
    parts: list[RenderableType] = []
    for cells in rows:
        for field, cell in zip(fields, cells, strict=True):
            line = Unwrapped(f"{field.header}: ")
            line.append_text(cell)
            parts.append(line)
        parts.append(Text(""))
    return parts


class Unwrapped(Text):
    """A line printed as it is, however long: the terminal wraps it, so no id or number is split by kzcn."""


def _widths(fields: tuple[Field, ...], rows: list[list[Text]], floors: list[int], options: RenderOptions) -> list[int]:
    """Each column's width: its floor, then the room left goes to prose, then to figures in words (so that
    "since 2017" stays on one line when there is room), each up to its natural width."""
    widths = list(floors)
    spare = options.width - 3 * len(fields) - sum(widths)
    natural = [max([len(field.header)] + [row[i].cell_len for row in rows]) for i, field in enumerate(fields)]
    figure_columns = [i for i, field in enumerate(fields) if field.key in _FIGURE_WORDS]
    prose_columns = [i for i, field in enumerate(fields) if i not in figure_columns and not _keeps_whole(field)]
    for group in (prose_columns, figure_columns):
        while spare > 0:
            growing = [i for i in group if widths[i] < natural[i]]
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
    floors = _column_floors(fields, all_rows)
    hidden: list[Field] = []
    if not options.fields:
        # The default columns are ordered by importance: at a narrow width, the last ones give way first (and a
        # note says so), before the table turns into records.
        while not _fits(floors, options) and len(fields) - len(hidden) > 3:
            hidden.insert(0, fields[len(fields) - len(hidden) - 1])
            floors.pop()
    shown = fields[: len(fields) - len(hidden)]
    # A table whose ids and figures cannot stand whole would cut them; then each record goes on lines of its own.
    if not _fits(floors, options):
        return _stacked(fields, all_rows)
    rows = [row[: len(shown)] for row in all_rows]
    widths = _widths(shown, rows, floors, options)
    parts: list[RenderableType] = [_grid(shown, rows, widths, options)]
    if hidden:
        names = ", ".join(field.key for field in hidden)
        parts.append(Text(f"Not shown at this width: {names} (widen the terminal, or choose with --fields)."))
    return parts


def _notes(result: Result, options: RenderOptions) -> list[RenderableType]:
    return [Text(visible(note), style="dim" if options.color else "") for note in result.notes]


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


def _fact(result: Result, options: RenderOptions) -> list[RenderableType]:
    record = result.records[0]
    pairs = []
    for field in result.fields:
        if field.key in ("context", "quotes"):
            continue
        value = record.get(field.key)
        if field.key == "quantity_text" and value is not None and record.get("forecast"):
            value = f"{value} (forecast, not a result)"
        pairs.append((field.header, _text(value, field, color=options.color)))
    parts: list[RenderableType] = [*_key_values(pairs, options), Text("")]
    for context in result.context:
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


def _revenue_chart(result: Result, options: RenderOptions) -> list[RenderableType]:
    bars = [record for record in result.records if not record["derived"] and isinstance(record["value"], (int, float))]
    if not bars:
        return []
    largest = max(float(record["value"]) for record in bars) or 1.0
    label_width = 24
    room = max(10, options.width - label_width - 22)
    lines: list[RenderableType] = [Text("")]
    for record in bars:
        if record["role"] == "part":
            label, kind = "  of which (part)", "part"
        else:
            label, kind = f"{record['year']} {record['basis']}", "forecast" if record["forecast"] else "stated"
        length = max(1, round(float(record["value"]) / largest * room))
        line = Unwrapped(f"{visible(label):<{label_width}}")
        style = {"stated": "green", "part": "red", "forecast": "yellow"}[kind] if options.color else ""
        line.append(BAR_CHARS[kind] * length, style=style)
        line.append(f" {visible(str(record['text']))}")
        lines.append(line)
    lines.append(
        Text(f"{BAR_CHARS['stated']} stated   {BAR_CHARS['part']} stated part   {BAR_CHARS['forecast']} forecast")
    )
    return lines


def _explain(result: Result, options: RenderOptions) -> list[RenderableType]:
    record = result.records[0]
    pairs = [
        (header, Text(visible(str(record[key]))))
        for key, header in (
            ("id", "Derived figure"),
            ("label", "What"),
            ("text", "Result"),
            ("formula", "Formula"),
            ("arithmetic", "Arithmetic"),
        )
    ]
    pairs.append(("Inputs", Text(visible("\n".join(record["input_values"])))))
    flags = ["derived: computed by kzcn, not stated by the source"]
    if record["forecast"]:
        flags.append("based on a forecast, so a forecast itself")
    if not record["exact"]:
        flags.append("an input is a bound or approximate, so the result is too")
    pairs.append(("Status", Text("; ".join(flags))))
    return _key_values(pairs, options)


def render(result: Result, options: RenderOptions) -> str:
    console, buffer = _console(options)
    parts: list[RenderableType] = []
    if not options.fields and result.single and result.view == "fact":
        parts = _fact(result, options)
    elif not options.fields and result.single and result.view == "totals":
        parts = _explain(result, options)
    else:
        fields = result.select(options.fields, table=True)
        parts = [*_title(result, options), *_table_or_stack(result, fields, options)]
        if result.view == "revenue" and not result.single and not options.fields:
            parts += _revenue_chart(result, options)
    parts += _notes(result, options)
    for part in parts:
        console.print(part, crop=False, soft_wrap=isinstance(part, Unwrapped))
    text = buffer.getvalue()
    return text.translate(_ASCII_FALLBACK) if options.ascii_only else text


_ASCII_FALLBACK = str.maketrans(
    {"—": "-", "–": "-", "−": "-", "¶": "p", "»": ">>", "«": "<<", "×": "x", "’": "'", "“": '"', "”": '"',
     "█": "#", "▓": "=", "░": ".", "▒": ":"}
)  # fmt: skip
"""Stand-ins kzcn's own typography takes on an output that cannot encode it (PYTHONIOENCODING=ascii)."""
