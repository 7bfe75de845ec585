"""Rich tables for people at a terminal: kinds styled apart, data folded not cut, knowledge-base text literal."""

from __future__ import annotations

import io
import re
from typing import Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from kzcn.escape import visible
from kzcn.model.result import Chart, Field, Result
from kzcn.render.grid import Cell, Grid
from kzcn.render.options import RenderOptions
from kzcn.render.plain_text import plain_grid, plain_lines
from kzcn.render.table_layout import Unwrapped, WholeLine, laid_out, whole_word_lines

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


def _shown(value: Any, field: Field, record: dict[str, Any]) -> str:
    """A value as a table shows it: its words (what stands for a missing one), a flag's mark, nothing invisible."""
    if value is None:
        return field.missing
    plain = value if type(value) is str else _plain(value, field)
    if field.flag is not None and record.get(field.flag):
        plain += field.flag_text
    return visible(plain)


def _text(
    value: Any, field: Field, record: dict[str, Any], *, highlight: tuple[str, ...] = (), color: bool = False
) -> Text:
    if value is None:
        return Text(field.missing, style="dim italic" if color else "")
    plain = _shown(value, field, record)
    # Text() never parses Rich markup or emoji codes, so "[bold]" and ":smile:" stay literal.
    text = Text(plain)
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


def _cells(result: Result, fields: tuple[Field, ...], options: RenderOptions) -> list[list[Cell]]:
    if not options.color:
        # Without colour no style prints: each value is its string (see grid.Cell).
        return [[_shown(record.get(field.key), field, record) for field in fields] for record in result.records]
    return [
        [
            _text(record.get(field.key), field, record, highlight=result.highlight, color=options.color)
            for field in fields
        ]
        for record in result.records
    ]


def _notes(result: Result, shown: tuple[Field, ...], options: RenderOptions) -> list[RenderableType]:
    keys = {field.key for field in shown}
    notes = [text for key, text in result.legends if key in keys] + list(result.notes)
    return [Text(visible(note), style="dim" if options.color else "") for note in notes]


def _title(result: Result, options: RenderOptions) -> list[RenderableType]:
    return [Text(visible(result.title), style="bold" if options.color else "")] if result.title else []


def _key_values(pairs: list[tuple[str, Text]], options: RenderOptions) -> list[RenderableType]:
    """Labels beside values: a two-column grid where every word fits its width, else one "Label: value" line each,
    wrapped between words; a word longer than the width (a URL) stands whole on a line of its own, never split by
    kzcn (issue 23: `review ID` broke words and URLs mid-word at 80 columns)."""
    label_width = max(len(label) for label, _value in pairs)
    longest_word = max((len(word) for _label, value in pairs for word in value.plain.split()), default=0)
    if label_width + 2 + longest_word > options.width:
        lines: list[RenderableType] = []
        for label, value in pairs:
            line = Text(f"{label}: ")
            line.append_text(value)
            lines += whole_word_lines(line, options.width)
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
        unwrapped = isinstance(part, (Unwrapped, WholeLine))
        # Without colour, a line of text is its plain words, wrapped as Rich wraps them: printed without Rich's
        # cost where kzcn/render/plain_text.py can say what Rich would print (a long article: 10 times faster).
        plain = None
        if not options.color and isinstance(part, (Text, str)):
            plain = plain_lines(part, options.width, wrap=not unwrapped)
        elif not options.color and isinstance(part, Grid):
            plain = plain_grid(part, options.width)  # a fact sheet of 10,000 facts: 10 times faster
        if plain is not None:
            buffer.write(plain)
        elif isinstance(part, str):  # a line without styles, as Text(part) would print it
            console.print(Unwrapped(part) if unwrapped else Text(part), crop=False, soft_wrap=unwrapped)
        else:
            console.print(part, crop=False, soft_wrap=unwrapped)
    # Rich pads every cell to its column's width; a line's trailing padding (before any closing style codes) is
    # only noise in a diff, a copy or a file. Without colour no codes follow it: each line stripped is what the
    # expression removes, in a fiftieth of the time (a 2.3 MB table: 0.22 s against 4 ms).
    text = buffer.getvalue()
    if options.color:
        text = _TRAILING_SPACE.sub(r"\1", text)
    else:
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return text.translate(_ASCII_FALLBACK) if options.ascii_only else text


def _parts(result: Result, options: RenderOptions) -> list[RenderableType]:
    """What the result shows, in order: a fact sheet's sections, an annotated text, one record, or a table."""
    if not options.fields and result.sections:
        from kzcn.render.document import section_parts

        return section_parts(result, options, _parts)
    if not options.fields and result.document is not None:
        from kzcn.render.document import document_parts

        return [*_title(result, options), *document_parts(result.document, color=options.color)]
    parts: list[RenderableType] = []
    if not options.fields and result.single and result.record_fields:
        shown = result.record_fields
        parts = _record(result, options)
    else:
        selected = result.select(options.fields, table=True)
        layout = laid_out(selected, _cells(result, selected, options), options)
        # A legend explains a column shown: none for one the width left out.
        shown = tuple(field for field in selected if field.key not in layout.hidden)
        parts = [*_title(result, options), *layout.parts]
        if result.chart is not None and not options.fields:
            parts += _chart(result.chart, options)
    return parts + _notes(result, shown, options)


_TRAILING_SPACE = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


_ASCII_FALLBACK = str.maketrans(
    {"—": "-", "–": "-", "−": "-", "¶": "p", "»": ">>", "«": "<<", "×": "x", "’": "'", "“": '"', "”": '"',
     "█": "#", "▓": "=", "░": ".", "▒": ":", "⟦": "[", "⟧": "]"}
)  # fmt: skip
"""Stand-ins kzcn's own typography takes on an output that cannot encode it (PYTHONIOENCODING=ascii)."""
